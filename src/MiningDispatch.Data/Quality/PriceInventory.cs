using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Quality;

/// <summary>One settlement point found in price files: its loaded series, or the error that stopped it.</summary>
/// <param name="SettlementPoint">Canonical name (as <see cref="PriceLoader.ListSettlementPoints"/> gives it).</param>
/// <param name="Result">The hourly series and its quality report; null when loading failed.</param>
/// <param name="Error">Why the point could not be loaded; null when it loaded.</param>
public sealed record PointInventory(string SettlementPoint, PriceLoadResult? Result, DataFormatException? Error)
{
    /// <summary>Extremes of the series; null when the point did not load.</summary>
    public PriceSeriesStats? Stats => Result is { Count: > 0 } r ? PriceSeriesStats.Of(r.HoursUtc, r.PriceUsdPerMWh) : null;
}

/// <summary>
/// What price files hold when no settlement point is named: every point with its rows, hours, coverage, gaps and
/// extremes. Each point is loaded on its own (one pass over the files per point), so a bad row of one point is
/// reported against that point and the others are still listed.
/// </summary>
public static class PriceInventory
{
    /// <summary>
    /// Lists the points of <paramref name="paths"/> and loads at most <paramref name="maxPoints"/> of them (in name
    /// order) for <paramref name="market"/> (null: the loader's choice). <paramref name="pointsFound"/> is the total
    /// number of points in the files. File-level problems (unknown layout, unreadable file) throw
    /// <see cref="DataFormatException"/> as <see cref="PriceLoader.Load"/> does.
    /// </summary>
    public static IReadOnlyList<PointInventory> Scan(
        IReadOnlyList<string> paths, PriceMarket? market, int maxPoints, out int pointsFound, PriceReadRules? rules = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        var points = PriceLoader.ListSettlementPoints(paths);
        pointsFound = points.Count;
        var list = new List<PointInventory>();
        foreach (var point in points.Take(maxPoints))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                list.Add(new PointInventory(point, PriceLoader.Load(paths, new PriceQuery(point, market, Rules: rules), null, ct), null));
            }
            catch (DataFormatException e)
            {
                list.Add(new PointInventory(point, null, e));
            }
        }
        return list;
    }
}
