using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Backtest;

/// <summary>
/// Threshold dispatch and the backtest engine against numbers worked out by hand:
/// 10 MW at 20 W/TH = 500,000 TH/s; hashprice 0.05 $/TH/day, fee 2 % → revenue 500000 × 0.05 / 24 × 0.98 =
/// 1020.8333… $/h; adder 5 $/MWh → cost 10 × (p + 5) $/h; breakeven all-in 102.0833… $/MWh, i.e. a settlement price
/// of 97.0833… $/MWh.
/// </summary>
public class ThresholdBacktestTests
{
    private const double Tol = 1e-6;
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5));
    private const double Rev = 500_000 * 0.05 / 24 * 0.98; // 1020.8333… $/h

    [Fact]
    public void Four_hours_hand_computed()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 1, 10), [20, 97, 98, -10], 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy());

        Assert.Equal(500_000, Site.Hashrate.Value, 9);
        Assert.Equal([1.0, 1.0, 0.0, 1.0], r.Run);
        // Net if on: 1020.8333 − 250, − 1020, − 1030, − (−50).
        Assert.Equal(Rev - 10 * (20 + 5), r.AlwaysOnProfit[0], Tol);   // 770.83
        Assert.Equal(Rev - 10 * (97 + 5), r.AlwaysOnProfit[1], Tol);   // 0.83
        Assert.Equal(Rev - 10 * (98 + 5), r.AlwaysOnProfit[2], Tol);   // −9.17
        Assert.Equal(Rev - 10 * (-10 + 5), r.AlwaysOnProfit[3], Tol);  // 1070.83
        Assert.Equal(0.0, r.Profit[2]);
        Assert.Equal(-50.0, r.Cost[3], Tol); // negative price: running is paid for the power
        Assert.True(r.Profit[3] > Rev);

        var s = r.Summary;
        Assert.Equal(4, s.Hours);
        Assert.Equal(3.0, s.OperatingHours, Tol);
        Assert.Equal(75.0, s.UptimePct, Tol);
        Assert.Equal(1.0, s.CurtailedHours, Tol);
        Assert.Equal(30.0, s.EnergyMWh, Tol);
        Assert.Equal(3 * Rev, s.RevenueUsd, Tol);                      // 3062.5
        Assert.Equal(250 + 1020 - 50, s.PowerCostUsd, Tol);
        Assert.Equal(3 * Rev - 1220, s.ProfitUsd, Tol);                // 1842.5
        Assert.Equal(4 * Rev, s.AlwaysOnRevenueUsd, Tol);              // 4083.33
        Assert.Equal(10 * (25 + 102 + 103 - 5), s.AlwaysOnPowerCostUsd, Tol); // 2250
        Assert.Equal(4 * Rev - 2250, s.AlwaysOnProfitUsd, Tol);        // 1833.33
        Assert.Equal(10 * (98 + 5) - Rev, s.UpliftUsd, Tol);           // the loss avoided in the curtailed hour: 9.17
        Assert.Equal(100 * (10 * (98 + 5) - Rev) / (4 * Rev - 2250), s.UpliftPct!.Value, Tol); // 9.1667 / 1833.33 = 0.5 %
        Assert.Equal(0.5, s.UpliftPct!.Value, Tol);
        Assert.Equal(107.0 / 3, s.AvgPricePaidUsdPerMWh!.Value, Tol);
        Assert.Equal(122.0 / 3, s.AvgAllInPricePaidUsdPerMWh!.Value, Tol);
        Assert.Equal(51.25, s.AvgSettlementPriceUsdPerMWh, Tol);
        Assert.Equal(Rev / 10, s.Breakeven.Min, Tol);                  // 102.08 $/MWh all-in
        Assert.Equal(Rev / 10, s.Breakeven.Max, Tol);
    }

    [Fact]
    public void Always_on_profit_is_the_sum_of_all_nets()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 1, 10), [20, 97, 98, -10], 0.05);
        var r = Backtester.Run(m, Site, new AlwaysOnStrategy());
        Assert.Equal(4 * Rev - 2250, r.Summary.ProfitUsd, Tol);        // 1833.33
        Assert.Equal(0.0, r.Summary.UpliftUsd, Tol);
        Assert.Equal(100.0, r.Summary.UptimePct, Tol);
        Assert.Equal(0.0, r.Summary.CurtailedHours, Tol);
    }

    [Fact]
    public void Never_running_has_no_average_price_paid()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 1, 10), [500, 600], 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy());
        Assert.Equal([0.0, 0.0], r.Run);
        Assert.Null(r.Summary.AvgPricePaidUsdPerMWh);
        Assert.Equal(0.0, r.Summary.ProfitUsd);
        // Always-on would have lost 2 × 1020.8333 − 10 × (505 + 605).
        Assert.Equal(2 * Rev - 11100, r.Summary.AlwaysOnProfitUsd, Tol);
    }

    // Exact binary numbers: 1 MW at 25 W/TH = 40,000 TH/s; hashprice 3/32 $/TH/day, no fee → 156.25 $/h;
    // price 50 + adder 6.25 → cost 56.25 $/h; net exactly 100 $/h.
    private static readonly SiteSpec Exact = new(new Megawatts(1), new WattsPerTerahash(25), 0.0, new UsdPerMWh(6.25));

    [Theory]
    [InlineData(100.0, 0.0)]   // net must be strictly above the threshold
    [InlineData(99.99, 1.0)]
    [InlineData(100.01, 0.0)]
    public void Min_profit_threshold_is_strictly_greater(double minProfitPerHour, double expectedRun)
    {
        var m = TestData.Hourly(TestData.Utc(2024, 1, 10), [50], 0.09375);
        var r = Backtester.Run(m, Exact with { MinProfitUsdPerHour = minProfitPerHour }, new ThresholdStrategy());
        Assert.Equal(100.0, r.AlwaysOnProfit[0]);
        Assert.Equal(expectedRun, r.Run[0]);
    }

    [Theory]
    [InlineData(100.0, 0.0)]
    [InlineData(99.99, 1.0)]
    public void Min_profit_is_per_hour_and_scales_to_15_minute_intervals(double minProfitPerHour, double expectedRun)
    {
        var m = TestData.Intervals(TestData.Utc(2024, 1, 10), [50, 50], [0.09375, 0.09375], 0.25);
        var r = Backtester.Run(m, Exact with { MinProfitUsdPerHour = minProfitPerHour }, new ThresholdStrategy());
        Assert.Equal(25.0, r.AlwaysOnProfit[0]); // a quarter of 100 $/h
        Assert.Equal([expectedRun, expectedRun], r.Run);
        Assert.Equal(0.5 * expectedRun, r.Summary.OperatingHours, Tol);
        Assert.Equal(0.5 * expectedRun, r.Summary.EnergyMWh, Tol);
        Assert.Equal(50.0 * expectedRun, r.Summary.ProfitUsd, Tol);
    }

    [Fact]
    public void Month_boundary_in_summer_falls_at_05Z()
    {
        // 2024-07-01 02:00Z..06:00Z = 21:00, 22:00, 23:00 CDT on 30 June, then 00:00 and 01:00 CDT on 1 July.
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1, 2), [10, 20, 30, 40, 200], 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy(), MarketClock.Ercot);
        Assert.Equal([1.0, 1.0, 1.0, 1.0, 0.0], r.Run);

        Assert.Equal(2, r.Monthly.Count);
        var jun = r.Monthly[0];
        var jul = r.Monthly[1];
        Assert.Equal((2024, 6, 3), (jun.Year, jun.Month, jun.Hours));
        Assert.Equal((2024, 7, 2), (jul.Year, jul.Month, jul.Hours));
        Assert.Equal(3 * Rev - 10 * (15 + 25 + 35), jun.ProfitUsd, Tol);
        Assert.Equal(3 * Rev - 10 * (15 + 25 + 35), jun.AlwaysOnProfitUsd, Tol);
        Assert.Equal(Rev - 450, jul.ProfitUsd, Tol);
        Assert.Equal(2 * Rev - 450 - 2050, jul.AlwaysOnProfitUsd, Tol);
        Assert.Equal(30.0, jun.EnergyMWh, Tol);
        Assert.Equal(10.0, jul.EnergyMWh, Tol);
        Assert.Equal(100.0, jun.UptimePct, Tol);
        Assert.Equal(50.0, jul.UptimePct, Tol);
        Assert.Equal(20.0, jun.AvgSettlementPriceUsdPerMWh, Tol);
        Assert.Equal(120.0, jul.AvgSettlementPriceUsdPerMWh, Tol);

        Assert.Equal([new DateOnly(2024, 6, 30), new DateOnly(2024, 7, 1)], r.Daily.Select(d => d.Day));
        Assert.Equal([3, 2], r.Daily.Select(d => d.Hours));
        Assert.Equal(1.0, r.Daily[1].OperatingHours, Tol);

        Assert.Equal(1.0, r.RunRateByHourOfDay[21]);
        Assert.Equal(1.0, r.RunRateByHourOfDay[0]);
        Assert.Equal(0.0, r.RunRateByHourOfDay[1]);
        Assert.True(double.IsNaN(r.RunRateByHourOfDay[12]));
        Assert.Equal(0.0, r.RunRateByMonthAndHour[1, 1]);
        Assert.True(double.IsNaN(r.RunRateByMonthAndHour[0, 1]));
    }

    [Fact]
    public void Month_boundary_in_winter_falls_at_06Z()
    {
        // 2024-02-01 04:00Z, 05:00Z = 22:00, 23:00 CST on 31 January; 06:00Z, 07:00Z = 00:00, 01:00 CST on 1 February.
        var m = TestData.Hourly(TestData.Utc(2024, 2, 1, 4), [10, 10, 10, 10], 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy(), MarketClock.Ercot);
        Assert.Equal([(2024, 1, 2), (2024, 2, 2)], r.Monthly.Select(x => (x.Year, x.Month, x.Hours)));
        Assert.Equal(2 * (Rev - 150), r.Monthly[0].ProfitUsd, Tol);
    }

    [Fact]
    public void Spring_forward_day_has_23_hours()
    {
        // 2024-03-09 00:00 CST = 06:00Z; 2024-03-12 00:00 CDT = 05:00Z: 71 hours over three market days.
        var prices = Enumerable.Repeat(20.0, 71).ToArray();
        var m = TestData.Hourly(TestData.Utc(2024, 3, 9, 6), prices, 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy(), MarketClock.Ercot);
        Assert.Equal([new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 10), new DateOnly(2024, 3, 11)], r.Daily.Select(d => d.Day));
        Assert.Equal([24, 23, 24], r.Daily.Select(d => d.Hours));
        Assert.Equal(23 * (Rev - 250), r.Daily[1].ProfitUsd, Tol);
        Assert.Equal(71, r.Monthly.Single().Hours);
        Assert.Equal(71, r.Summary.Hours);
    }

    [Fact]
    public void Fall_back_day_has_25_hours()
    {
        // 2024-11-02 00:00 CDT = 05:00Z; 2024-11-05 00:00 CST = 06:00Z: 73 hours over three market days.
        var prices = Enumerable.Repeat(20.0, 73).ToArray();
        var m = TestData.Hourly(TestData.Utc(2024, 11, 2, 5), prices, 0.05);
        var r = Backtester.Run(m, Site, new ThresholdStrategy(), MarketClock.Ercot);
        Assert.Equal([24, 25, 24], r.Daily.Select(d => d.Hours));
        Assert.Equal(25 * (Rev - 250), r.Daily[1].ProfitUsd, Tol);
        Assert.Equal(25 * (Rev - 250), r.Daily[1].AlwaysOnProfitUsd, Tol);
    }

    [Fact]
    public void Evaluate_rejects_fractions_outside_0_1()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 1, 10), [20, 30], 0.05);
        var p = new DispatchProblem(m, Site);
        var ex = Assert.Throws<InvalidOperationException>(() => Backtester.Evaluate(p, [1.0, 1.5], "bad", MarketClock.Ercot));
        Assert.Contains("2024-01-10T01:00:00", ex.Message);
    }
}
