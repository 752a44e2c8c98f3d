using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// The one place <c>screen</c> loads the prices of every settlement point: one read of the files for all points
/// (<see cref="PriceLoader.LoadAll"/>), within its memory limit.
/// </summary>
internal static class ScreenPrices
{
    /// <summary>
    /// Prices of every settlement point in <paramref name="paths"/> at the market, resolution and rules of
    /// <paramref name="query"/> (its settlement point is ignored), sorted by point name; a point whose rows are malformed
    /// is returned as a failure (its message names file, line, column and value), not silently dropped.
    /// </summary>
    public static AllPointsLoadResult LoadAll(IReadOnlyList<string> paths, PriceQuery query, long memoryLimitBytes, IProgress<LoadProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(query);
        var all = new AllPointsQuery(query.Market, query.FromUtc, query.ToUtc, query.Resolution, query.Rules, MemoryLimitBytes: memoryLimitBytes);
        return PriceLoader.LoadAll(paths, all, progress, ct);
    }
}
