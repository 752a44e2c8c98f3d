using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// The one place <c>screen</c> loads the prices of every settlement point. For now it lists the points and loads each
/// one (one read of the files per point); a loader that reads the files once for all points replaces this body.
/// </summary>
internal static class ScreenPrices
{
    /// <summary>
    /// Prices of every settlement point in <paramref name="paths"/> at the market, resolution and rules of
    /// <paramref name="query"/> (its settlement point is ignored), sorted by point name.
    /// </summary>
    public static IReadOnlyList<PriceLoadResult> LoadAll(IReadOnlyList<string> paths, PriceQuery query, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(query);
        var points = PriceLoader.ListSettlementPoints(paths);
        var loaded = new List<PriceLoadResult>(points.Count);
        foreach (string point in points)
        {
            ct.ThrowIfCancellationRequested();
            loaded.Add(PriceLoader.Load(paths, query with { SettlementPoint = point }, progress, ct));
        }
        return loaded;
    }
}
