using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Forward;

public class ForwardScenarioTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    [Fact]
    public void MonthHours_CoverMarketMonthsDstCorrect()
    {
        var year = ForwardScenario.MonthHours(Clock, 2026, 1, 12);
        Assert.Equal(8760, year.Length);
        Assert.Equal(new DateTime(2026, 1, 1, 6, 0, 0, DateTimeKind.Utc), year[0]);   // midnight CST
        Assert.Equal(new DateTime(2027, 1, 1, 5, 0, 0, DateTimeKind.Utc), year[^1]);
        Assert.Equal(743, ForwardScenario.MonthHours(Clock, 2026, 3, 1).Length);
        Assert.Equal(721, ForwardScenario.MonthHours(Clock, 2026, 11, 1).Length);
        Assert.Equal(new DateTime(2026, 7, 1, 5, 0, 0, DateTimeKind.Utc), ForwardScenario.MonthHours(Clock, 2026, 7, 1)[0]); // CDT
    }

    [Fact]
    public void Build_AlwaysOnCostEqualsBlockPricesTimesHours()
    {
        // Any history shape: block averages are preserved, so the always-on cost of a month is
        // MW × Σ_block F × hours. January 2026: 336 h 5x16, 160 h 2x16, 248 h 7x8.
        var histHours = ForwardScenario.Hours(Clock, new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));
        var histPrice = histHours.Select((h, i) => 20 + 15 * Math.Sin(i * 0.3) + (i % 24 == 17 ? 200 : 0)).ToArray();
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 40, 25, "HB_NORTH");
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var hp = HashpricePath.Flat(new UsdPerPhDay(50).ToPerThDay(), hours);
        var series = ForwardScenario.Build(curve, histHours, histPrice, hours, hp, Clock);
        Assert.Equal(744, series.Count);
        Assert.Equal("HB_NORTH", series.SettlementPoint);
        Assert.Equal(ForwardScenario.MarketName, series.Market);

        var site = new SiteSpec(new Megawatts(10), new WattsPerTerahash(20), PoolFee: 0.02, Adder: new UsdPerMWh(5));
        var ao = Backtester.Run(series, site, new AlwaysOnStrategy(), Clock).Summary;
        double expectedCost = 10 * (336 * 60 + 160 * 40 + 248 * 25) + 10 * 744 * 5;
        Assert.Equal(expectedCost, ao.PowerCostUsd, 1e-6);
        // Revenue: 500,000 TH/s × $0.05/TH/day / 24 × 0.98 × 744 h.
        Assert.Equal(500_000 * 0.05 / 24 * 0.98 * 744, ao.RevenueUsd, 1e-6);

        var th = Backtester.Run(series, site, new ThresholdStrategy(), Clock).Summary;
        Assert.True(th.ProfitUsd >= ao.ProfitUsd);
    }

    [Fact]
    public void Build_RejectsMisalignedHashprice()
    {
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 40, 25);
        var ex = Assert.Throws<ArgumentException>(() => ForwardScenario.Build(curve, hours, new double[hours.Length], hours, new double[10], Clock));
        Assert.Contains("744", ex.Message);
    }
}
