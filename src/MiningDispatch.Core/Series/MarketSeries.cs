namespace MiningDispatch.Core.Series;

/// <summary>
/// Aligned inputs for a backtest: one row per interval (normally one UTC hour), with the settlement power price
/// and the hashprice that applies to that interval. Intervals are strictly increasing but need not be contiguous:
/// missing hours in the source data are simply absent (and reported by the loaders' data-quality summary).
/// </summary>
public sealed class MarketSeries
{
    public MarketSeries(
        DateTime[] startsUtc,
        double[] priceUsdPerMWh,
        double[] hashpriceUsdPerThDay,
        double intervalHours = 1.0,
        double[]? dayAheadPriceUsdPerMWh = null,
        string settlementPoint = "",
        string market = "")
        : this(startsUtc, priceUsdPerMWh, hashpriceUsdPerThDay, intervalHours, dayAheadPriceUsdPerMWh, settlementPoint, market, timesChecked: false)
    {
    }

    /// <summary>
    /// The series with the checks of the public constructor, except that <paramref name="timesChecked"/> = true skips the
    /// checks of the times (UTC, strictly increasing, on the interval grid) for a caller whose times are known to pass
    /// them, e.g. a <see cref="Screen.ScreenGrid"/>'s starts or a subset of them in order (a 64-bit division per interval
    /// saved when screening a thousand points). Prices and hashprices are still checked.
    /// </summary>
    internal MarketSeries(
        DateTime[] startsUtc,
        double[] priceUsdPerMWh,
        double[] hashpriceUsdPerThDay,
        double intervalHours,
        double[]? dayAheadPriceUsdPerMWh,
        string settlementPoint,
        string market,
        bool timesChecked)
    {
        ArgumentNullException.ThrowIfNull(startsUtc);
        ArgumentNullException.ThrowIfNull(priceUsdPerMWh);
        ArgumentNullException.ThrowIfNull(hashpriceUsdPerThDay);
        if (priceUsdPerMWh.Length != startsUtc.Length || hashpriceUsdPerThDay.Length != startsUtc.Length)
            throw new ArgumentException("Times, prices and hashprices must have the same length.");
        if (dayAheadPriceUsdPerMWh is not null && dayAheadPriceUsdPerMWh.Length != startsUtc.Length)
            throw new ArgumentException("Day-ahead prices must have the same length as the times.");
        if (!(intervalHours > 0)) throw new ArgumentOutOfRangeException(nameof(intervalHours));
        long step = TimeSpan.FromHours(intervalHours).Ticks;
        for (int i = 0; i < startsUtc.Length; i++)
        {
            if (timesChecked)
            {
                if (!double.IsFinite(priceUsdPerMWh[i]))
                    throw new ArgumentException($"Price at {startsUtc[i]:O} is not a finite number.");
                if (!double.IsFinite(hashpriceUsdPerThDay[i]))
                    throw new ArgumentException($"Hashprice at {startsUtc[i]:O} is not a finite number.");
                continue;
            }
            if (startsUtc[i].Kind != DateTimeKind.Utc)
                throw new ArgumentException($"Interval {i} ({startsUtc[i]:O}) is not UTC.");
            if (i > 0 && startsUtc[i] <= startsUtc[i - 1])
                throw new ArgumentException($"Intervals must be strictly increasing: {startsUtc[i - 1]:O} then {startsUtc[i]:O}.");
            if (i > 0 && (startsUtc[i] - startsUtc[i - 1]).Ticks % step != 0)
                throw new ArgumentException($"Interval {startsUtc[i]:O} is not on the {intervalHours} h grid.");
            if (!double.IsFinite(priceUsdPerMWh[i]))
                throw new ArgumentException($"Price at {startsUtc[i]:O} is not a finite number.");
            if (!double.IsFinite(hashpriceUsdPerThDay[i]))
                throw new ArgumentException($"Hashprice at {startsUtc[i]:O} is not a finite number.");
        }
        StartsUtc = startsUtc;
        PriceUsdPerMWh = priceUsdPerMWh;
        HashpriceUsdPerThDay = hashpriceUsdPerThDay;
        IntervalHours = intervalHours;
        DayAheadPriceUsdPerMWh = dayAheadPriceUsdPerMWh;
        SettlementPoint = settlementPoint;
        Market = market;
    }

    /// <summary>Interval start times, UTC.</summary>
    public DateTime[] StartsUtc { get; }
    /// <summary>Settlement price used for cost ($/MWh), before adders.</summary>
    public double[] PriceUsdPerMWh { get; }
    /// <summary>Hashprice in force for the interval (USD per TH/s per day).</summary>
    public double[] HashpriceUsdPerThDay { get; }
    /// <summary>Optional day-ahead price for the same interval (known the day before); used by non-anticipative rules.</summary>
    public double[]? DayAheadPriceUsdPerMWh { get; }
    /// <summary>Length of each interval in hours (1 for hourly, 0.25 for 15-minute).</summary>
    public double IntervalHours { get; }
    public string SettlementPoint { get; }
    public string Market { get; }
    public int Count => StartsUtc.Length;

    /// <summary>
    /// The same intervals with each interval's real-time price replaced by the last one settled before it starts (the
    /// previous interval's; the first interval, with nothing settled before it, keeps its own): the prices a rule
    /// deciding one interval late knows. Hashprice and day-ahead prices are unchanged.
    /// </summary>
    public MarketSeries LastSettledPrices()
    {
        var p = new double[Count];
        for (int t = 0; t < Count; t++) p[t] = PriceUsdPerMWh[t > 0 ? t - 1 : 0];
        return new MarketSeries(StartsUtc, p, HashpriceUsdPerThDay, IntervalHours, DayAheadPriceUsdPerMWh, SettlementPoint, Market);
    }

    /// <summary>Rows whose start lies in [fromUtc, toUtc).</summary>
    public MarketSeries Slice(DateTime fromUtc, DateTime toUtc)
    {
        int a = LowerBound(fromUtc), b = LowerBound(toUtc);
        return SliceIndex(a, b - a);
    }

    public MarketSeries SliceIndex(int start, int length) => new(
        StartsUtc.AsSpan(start, length).ToArray(),
        PriceUsdPerMWh.AsSpan(start, length).ToArray(),
        HashpriceUsdPerThDay.AsSpan(start, length).ToArray(),
        IntervalHours,
        DayAheadPriceUsdPerMWh?.AsSpan(start, length).ToArray(),
        SettlementPoint,
        Market);

    private int LowerBound(DateTime t)
    {
        int i = Array.BinarySearch(StartsUtc, t);
        return i >= 0 ? i : ~i;
    }
}
