using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// A price series for one settlement point and market: interval starts in UTC (strictly increasing, gaps left as
/// gaps) and the price for each interval. Intervals are UTC hours (15-minute prices averaged over each hour) or, when
/// loaded at 15-minute resolution, ERCOT's 15-minute settlement intervals (<see cref="IntervalHours"/> = 0.25).
/// </summary>
public sealed class PriceLoadResult
{
    /// <summary>Creates a result (the loader does; public so other modules can build one in tests).</summary>
    public PriceLoadResult(
        string settlementPoint,
        PriceMarket market,
        DateTime[] hoursUtc,
        double[] priceUsdPerMWh,
        IReadOnlyList<string> files,
        IReadOnlyList<string> layouts,
        DataQualityReport quality,
        double intervalHours = 1.0)
    {
        if (intervalHours is not (1.0 or 0.25))
            throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "Intervals are 1 h or 0.25 h long.");
        SettlementPoint = settlementPoint;
        Market = market;
        HoursUtc = hoursUtc;
        PriceUsdPerMWh = priceUsdPerMWh;
        Files = files;
        Layouts = layouts;
        Quality = quality;
        IntervalHours = intervalHours;
    }

    /// <summary>Canonical settlement point name (<c>LZ_WEST</c>, or <c>LZ_WEST_EW</c> for the energy-weighted zone).</summary>
    public string SettlementPoint { get; }

    /// <summary>The market the prices come from.</summary>
    public PriceMarket Market { get; }

    /// <summary>Interval starts (hour starts for hourly series), UTC, strictly increasing.</summary>
    public DateTime[] HoursUtc { get; }

    /// <summary>Length of each interval in hours: 1 (hourly) or 0.25 (15-minute).</summary>
    public double IntervalHours { get; }

    /// <summary>Price for each interval in USD/MWh.</summary>
    public double[] PriceUsdPerMWh { get; }

    /// <summary>The files read, in reading order (folders expanded).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>One entry per table read: "file [sheet] : layout".</summary>
    public IReadOnlyList<string> Layouts { get; }

    /// <summary>Rows, duplicates, gaps, partial hours and notes about the inputs.</summary>
    public DataQualityReport Quality { get; }

    /// <summary>Number of intervals in the series.</summary>
    public int Count => HoursUtc.Length;
}
