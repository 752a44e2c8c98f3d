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

/// <summary>
/// Real-time AS clearing prices (real-time MCPC, USD per MW per hour) by product on 15-minute settlement intervals, as
/// ERCOT publishes them from the 5 Dec 2025 real-time co-optimization (RTC+B) go-live: one row per 15-minute interval
/// start (UTC, strictly increasing, gaps left as gaps), NaN where a product has no price.
/// </summary>
public sealed class AncillaryRealTimePrices
{
    /// <summary>Length of a real-time AS settlement interval, h.</summary>
    public const double IntervalHours = 0.25;

    public AncillaryRealTimePrices(DateTime[] startsUtc, IReadOnlyDictionary<AncillaryProduct, double[]> prices)
    {
        ArgumentNullException.ThrowIfNull(startsUtc);
        ArgumentNullException.ThrowIfNull(prices);
        long step = TimeSpan.FromHours(IntervalHours).Ticks;
        for (int i = 0; i < startsUtc.Length; i++)
        {
            if (startsUtc[i].Kind != DateTimeKind.Utc) throw new ArgumentException($"Interval {i} ({startsUtc[i]:O}) is not UTC.", nameof(startsUtc));
            if (startsUtc[i].Ticks % step != 0) throw new ArgumentException($"Interval {startsUtc[i]:O} does not start on a quarter hour.", nameof(startsUtc));
            if (i > 0 && startsUtc[i] <= startsUtc[i - 1]) throw new ArgumentException($"Intervals must be strictly increasing: {startsUtc[i - 1]:O} then {startsUtc[i]:O}.", nameof(startsUtc));
        }
        foreach (var (p, v) in prices)
            if (v.Length != startsUtc.Length) throw new ArgumentException($"{AncillaryProducts.Code(p)} has {v.Length} prices for {startsUtc.Length} intervals.", nameof(prices));
        StartsUtc = startsUtc;
        Prices = prices;
    }

    /// <summary>15-minute interval starts, UTC.</summary>
    public DateTime[] StartsUtc { get; }
    /// <summary>Real-time MCPC per product and interval, USD/MW-h; NaN = no price.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double[]> Prices { get; }

    /// <summary>
    /// Each product's real-time MCPC on intervals of <paramref name="intervalHours"/> starting at
    /// <paramref name="intervalStartsUtc"/>: the mean of the 15-minute prices inside the interval (an hour: its four
    /// quarter hours; a quarter hour: its own price). NaN when any quarter hour of the interval has no price, so a
    /// penalty is never priced on part of an interval.
    /// </summary>
    public Dictionary<AncillaryProduct, double[]> OnIntervals(IReadOnlyList<DateTime> intervalStartsUtc, double intervalHours)
    {
        ArgumentNullException.ThrowIfNull(intervalStartsUtc);
        int quarters = Math.Max(1, (int)Math.Round(intervalHours / IntervalHours));
        long step = TimeSpan.FromHours(IntervalHours).Ticks;
        var result = new Dictionary<AncillaryProduct, double[]>();
        foreach (var (p, v) in Prices)
        {
            var o = new double[intervalStartsUtc.Count];
            for (int t = 0; t < o.Length; t++)
            {
                long first = intervalStartsUtc[t].Ticks - intervalStartsUtc[t].Ticks % step;
                double sum = 0;
                for (int q = 0; q < quarters && !double.IsNaN(sum); q++)
                {
                    int i = Array.BinarySearch(StartsUtc, new DateTime(first + q * step, DateTimeKind.Utc));
                    sum += i >= 0 ? v[i] : double.NaN;
                }
                o[t] = sum / quarters;
            }
            result[p] = o;
        }
        return result;
    }
}

/// <summary>
/// A flat AS price for a forecast (<c>forecast --as-price</c>): one product's MCPC, USD per MW per hour, in every hour of
/// <see cref="Month"/> (a CPT calendar month), or of every month when <see cref="Month"/> is null.
/// </summary>
public sealed record AncillaryFlatPrice(DateOnly? Month, AncillaryProduct Product, double PriceUsdPerMwHour)
{
    /// <summary>
    /// The prices on intervals whose market months are <paramref name="monthOf"/> ([product][interval] in
    /// <see cref="AncillaryProducts.All"/> order): a price given for the interval's month wins over one given for every
    /// month; a product with neither has no price (NaN: nothing offered).
    /// </summary>
    public static double[][] OnIntervals(IReadOnlyList<AncillaryFlatPrice> prices, IReadOnlyList<DateOnly> monthOf)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(monthOf);
        var all = AncillaryProducts.All;
        var p = new double[all.Count][];
        for (int k = 0; k < all.Count; k++)
        {
            p[k] = new double[monthOf.Count];
            var product = all[k];
            double every = prices.LastOrDefault(x => x.Product == product && x.Month is null)?.PriceUsdPerMwHour ?? double.NaN;
            var byMonth = prices.Where(x => x.Product == product && x.Month is not null).GroupBy(x => x.Month!.Value).ToDictionary(g => g.Key, g => g.Last().PriceUsdPerMwHour);
            for (int t = 0; t < monthOf.Count; t++) p[k][t] = byMonth.TryGetValue(monthOf[t], out double v) ? v : every;
        }
        return p;
    }
}
