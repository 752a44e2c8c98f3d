using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// An hourly price series for one settlement point and market: hour starts in UTC (strictly increasing, gaps left
/// as gaps) and the price for each hour. Real-time 15-minute prices are averaged over each UTC hour.
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
        DataQualityReport quality)
    {
        SettlementPoint = settlementPoint;
        Market = market;
        HoursUtc = hoursUtc;
        PriceUsdPerMWh = priceUsdPerMWh;
        Files = files;
        Layouts = layouts;
        Quality = quality;
    }

    /// <summary>Canonical settlement point name (<c>LZ_WEST</c>, or <c>LZ_WEST_EW</c> for the energy-weighted zone).</summary>
    public string SettlementPoint { get; }

    /// <summary>The market the prices come from.</summary>
    public PriceMarket Market { get; }

    /// <summary>Hour starts, UTC, strictly increasing.</summary>
    public DateTime[] HoursUtc { get; }

    /// <summary>Price for each hour in USD/MWh.</summary>
    public double[] PriceUsdPerMWh { get; }

    /// <summary>The files read, in reading order (folders expanded).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>One entry per table read: "file [sheet] : layout".</summary>
    public IReadOnlyList<string> Layouts { get; }

    /// <summary>Rows, duplicates, gaps, partial hours and notes about the inputs.</summary>
    public DataQualityReport Quality { get; }

    /// <summary>Number of hours in the series.</summary>
    public int Count => HoursUtc.Length;
}
