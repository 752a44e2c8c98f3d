using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Benchmarks.Data;

/// <summary>
/// In-memory market series for the compute figures, from the same <see cref="PriceModel"/> as the generated files:
/// an HB_WEST-like price (system price − $1.90) with the model's daily hashprice, for market year 2023
/// (8,760 hours, or 35,040 fifteen-minute intervals).
/// </summary>
internal static class SyntheticMarket
{
    public static readonly DateOnly Year2023 = new(2023, 1, 1);

    /// <summary>A 10 MW site of 30 W/TH machines, 2 % pool fee, $8/MWh adder: it runs most hours and cycles on summer afternoons.</summary>
    public static SiteSpec Site { get; } = new(new Megawatts(10), new WattsPerTerahash(30), 0.02, new UsdPerMWh(8), 0);

    public static PriceModel Model2023() => new(Year2023, 365);

    /// <summary>8,760 hourly intervals (mean of the four 15-minute prices of each UTC hour).</summary>
    public static MarketSeries Hourly(PriceModel model)
    {
        int n = model.IntervalCount / 4;
        var t = new DateTime[n];
        var p = new double[n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = model.StartUtc.AddHours(i);
            double s = 0;
            for (int k = 0; k < 4; k++) s += model.SystemPrice[4 * i + k] - 1.9;
            p[i] = s / 4;
            h[i] = model.HashpriceAt(t[i]);
        }
        return new MarketSeries(t, p, h, 1.0, null, "HB_WEST (synthetic)", "RealTime");
    }

    /// <summary>35,040 fifteen-minute intervals.</summary>
    public static MarketSeries QuarterHourly(PriceModel model)
    {
        int n = model.IntervalCount;
        var t = new DateTime[n];
        var p = new double[n];
        var h = new double[n];
        for (int i = 0; i < n; i++)
        {
            t[i] = model.StartUtc + PriceModel.Interval * i;
            p[i] = model.SystemPrice[i] - 1.9;
            h[i] = model.HashpriceAt(t[i]);
        }
        return new MarketSeries(t, p, h, 0.25, null, "HB_WEST (synthetic)", "RealTime");
    }
}
