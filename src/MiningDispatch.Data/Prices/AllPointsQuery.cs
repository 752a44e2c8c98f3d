namespace MiningDispatch.Data.Prices;

/// <summary>
/// What to load from ERCOT price files when every settlement point is wanted at once
/// (<see cref="PriceLoader.LoadAll"/>): a <see cref="PriceQuery"/> without the point, plus an optional filter on the
/// point names and a memory limit.
/// </summary>
/// <param name="Market">Market to use; null lets the loader choose per point, as <see cref="PriceLoader.Load"/> does.</param>
/// <param name="FromUtc">Keep intervals starting at or after this instant (UTC).</param>
/// <param name="ToUtc">Keep intervals starting before this instant (UTC, exclusive).</param>
/// <param name="Resolution">Interval length of each point's series (as <see cref="PriceQuery.Resolution"/>).</param>
/// <param name="Rules">Price bounds and date order (null: <see cref="PriceReadRules.Default"/>).</param>
/// <param name="Points">
/// Canonical point names to keep, case-insensitive; a name ending in <c>*</c> keeps every point starting with the rest
/// (<c>HB_*</c> the hubs, <c>LZ_*</c> the load zones). Null or empty keeps every point.
/// </param>
/// <param name="MemoryLimitBytes">
/// The load refuses (a <see cref="DataFormatException"/> naming the numbers) before the prices it keeps would need more
/// than this: the bytes its kept prices hold (about <see cref="BytesPerPrice"/> per price), and without a time range
/// their projection from the share of the files read. Default 1 GiB.
/// </param>
public sealed record AllPointsQuery(
    PriceMarket? Market = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    PriceResolution Resolution = PriceResolution.Hourly,
    PriceReadRules? Rules = null,
    IReadOnlyList<string>? Points = null,
    long MemoryLimitBytes = AllPointsQuery.DefaultMemoryLimitBytes)
{
    /// <summary>Default <see cref="MemoryLimitBytes"/>: 1 GiB.</summary>
    public const long DefaultMemoryLimitBytes = 1L << 30;

    /// <summary>
    /// Memory per price kept while the files are read: each point's prices go straight into its interval grid (8 bytes
    /// per interval, allocated 1,024 intervals at a time from blocks outside the GC heap, <c>GridMemory</c>), the file and line of each kept as one run per
    /// stretch of evenly spaced lines (a few per point and file). Only a price off the grid (a second price for an
    /// interval, a length not known until the table ends) costs a 32-byte observation. The finished series take the
    /// same 8 bytes per interval per point (hourly series from 15-minute prices a quarter of that) plus one time axis
    /// shared by the points with the same intervals; each point's grid is freed as its series is built.
    /// </summary>
    public const int BytesPerPrice = 8;

    /// <summary>
    /// Reads on one thread even with two or more cores (by default ordinary rows of ERCOT CSVs are stored by a second
    /// thread while the first reads on); the results are the same either way. For tests and measurements.
    /// </summary>
    internal bool OneThread { get; init; }

    /// <summary>The <see cref="PriceQuery"/> that <see cref="PriceLoader.Load"/> would be given for one point.</summary>
    public PriceQuery ForPoint(string settlementPoint) => new(settlementPoint, Market, FromUtc, ToUtc, Resolution, Rules);

    /// <summary>True when <paramref name="canonical"/> passes <see cref="Points"/>.</summary>
    public bool Keeps(string canonical)
    {
        ArgumentNullException.ThrowIfNull(canonical);
        if (Points is not { Count: > 0 } patterns) return true;
        foreach (var p in patterns)
        {
            var t = p.AsSpan().Trim();
            if (t.EndsWith('*') ? canonical.AsSpan().StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase)
                : canonical.AsSpan().Equals(t, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
