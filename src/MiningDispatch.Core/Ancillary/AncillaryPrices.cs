namespace MiningDispatch.Core.Ancillary;

/// <summary>Which market an AS clearing price comes from.</summary>
public enum AncillaryPriceMarket
{
    /// <summary>Day-ahead market MCPC (NP4-188-CD, NP4-181-ER).</summary>
    DayAhead,
    /// <summary>Real-time MCPC from SCED (after real-time co-optimization went live on 5 Dec 2025).</summary>
    RealTime,
}

/// <summary>
/// Hourly AS clearing prices (MCPC, USD per MW per hour) by product: one row per UTC hour (strictly increasing, gaps
/// left as gaps) and, per product, a price or NaN when the source has none for that hour (ECRS before 10 June 2023,
/// a product missing from a file).
/// </summary>
public sealed class AncillaryPrices
{
    public AncillaryPrices(DateTime[] hoursUtc, IReadOnlyDictionary<AncillaryProduct, double[]> prices, AncillaryPriceMarket market, string source)
    {
        ArgumentNullException.ThrowIfNull(hoursUtc);
        ArgumentNullException.ThrowIfNull(prices);
        for (int i = 0; i < hoursUtc.Length; i++)
        {
            if (hoursUtc[i].Kind != DateTimeKind.Utc) throw new ArgumentException($"Hour {i} ({hoursUtc[i]:O}) is not UTC.", nameof(hoursUtc));
            if (hoursUtc[i].Ticks % TimeSpan.TicksPerHour != 0) throw new ArgumentException($"Hour {hoursUtc[i]:O} does not start on the hour.", nameof(hoursUtc));
            if (i > 0 && hoursUtc[i] <= hoursUtc[i - 1]) throw new ArgumentException($"Hours must be strictly increasing: {hoursUtc[i - 1]:O} then {hoursUtc[i]:O}.", nameof(hoursUtc));
        }
        foreach (var (p, v) in prices)
            if (v.Length != hoursUtc.Length) throw new ArgumentException($"{AncillaryProducts.Code(p)} has {v.Length} prices for {hoursUtc.Length} hours.", nameof(prices));
        HoursUtc = hoursUtc;
        Prices = prices;
        Market = market;
        Source = source;
    }

    /// <summary>Hour starts, UTC.</summary>
    public DateTime[] HoursUtc { get; }
    /// <summary>MCPC per product and hour, USD/MW-h; NaN = no price.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double[]> Prices { get; }
    /// <summary>Day-ahead or real-time.</summary>
    public AncillaryPriceMarket Market { get; }
    /// <summary>Files read, for reports.</summary>
    public string Source { get; }

    /// <summary>The products with at least one price.</summary>
    public IEnumerable<AncillaryProduct> Products => Prices.Where(kv => kv.Value.Any(double.IsFinite)).Select(kv => kv.Key);

    /// <summary>
    /// Each product's price for each interval of <paramref name="intervalStartsUtc"/>: an hourly price applies to every
    /// interval that starts inside its hour (the four 15-minute intervals of an hour get the hour's price). NaN where the
    /// hour has no price.
    /// </summary>
    public Dictionary<AncillaryProduct, double[]> OnIntervals(IReadOnlyList<DateTime> intervalStartsUtc)
    {
        ArgumentNullException.ThrowIfNull(intervalStartsUtc);
        var result = new Dictionary<AncillaryProduct, double[]>();
        foreach (var (p, v) in Prices)
        {
            var o = new double[intervalStartsUtc.Count];
            for (int t = 0; t < o.Length; t++)
            {
                var hour = new DateTime(intervalStartsUtc[t].Ticks - intervalStartsUtc[t].Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
                int i = Array.BinarySearch(HoursUtc, hour);
                o[t] = i >= 0 ? v[i] : double.NaN;
            }
            result[p] = o;
        }
        return result;
    }
}
