using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Settlement;

public class BasisSettlementTests
{
    private static readonly DateTime[] Starts = Enumerable.Range(0, 4).Select(i => new DateTime(2024, 8, 1, 20 + i, 0, 0, DateTimeKind.Utc)).ToArray();

    [Fact]
    public void Compare_HandComputed()
    {
        var hub = new MarketSeries(Starts, [20, 40, 100, -5], [0.05, 0.05, 0.05, 0.05], settlementPoint: "HB_NORTH");
        var zone = new MarketSeries(Starts, [22, 35, 300, -2], [0.05, 0.05, 0.05, 0.05], settlementPoint: "LZ_NORTH");
        var r = BasisSettlement.Compare(hub, zone, [1, 0.5, 0, 1], 10);
        // L = [10, 5, 0, 10]; basis = [2, −5, 200, 3].
        Assert.Equal([2.0, -5, 200, 3], r.BasisByInterval);
        Assert.Equal(25, r.EnergyMWh, 9);
        Assert.Equal(350, r.HubCostUsd, 9);        // 200 + 200 + 0 − 50
        Assert.Equal(375, r.ZoneCostUsd, 9);       // 220 + 175 + 0 − 20
        Assert.Equal(25, r.BasisCostUsd, 9);       // 20 − 25 + 0 + 30
        Assert.Equal(50, r.AverageBasisUsdPerMWh, 9);
        Assert.Equal(1, r.LoadWeightedBasisUsdPerMWh!.Value, 9);
        Assert.Equal((-5.0, 200.0), (r.MinBasisUsdPerMWh, r.MaxBasisUsdPerMWh));
        Assert.Equal(("HB_NORTH", "LZ_NORTH"), (r.HubName, r.ZoneName));
    }

    [Fact]
    public void Compare_MisalignedSeries_NamesTheInterval()
    {
        var hub = new MarketSeries(Starts, [20, 40, 100, -5], [0.05, 0.05, 0.05, 0.05], settlementPoint: "HB_NORTH");
        var shifted = Starts.Select((t, i) => i == 3 ? t.AddHours(1) : t).ToArray();
        var zone = new MarketSeries(shifted, [22, 35, 300, -2], [0.05, 0.05, 0.05, 0.05], settlementPoint: "LZ_NORTH");
        var ex = Assert.Throws<ArgumentException>(() => BasisSettlement.Compare(hub, zone, [1, 1, 1, 1], 10));
        Assert.Contains("Interval 3", ex.Message);
        Assert.Contains("LZ_NORTH", ex.Message);
    }
}

public class TwoSettlementTests
{
    private static DispatchProblem Problem()
    {
        var starts = Enumerable.Range(0, 4).Select(i => new DateTime(2023, 8, 4, 20 + i, 0, 0, DateTimeKind.Utc)).ToArray();
        var market = new MarketSeries(starts, [35, 551, 90, -10], [0.06, 0.06, 0.06, 0.06], 1.0, [40, 80, 201, 60], "HB_NORTH");
        // 25 MW, 25 W/TH, 0.06 $/TH/day → 100 $/MWh of revenue, 2 $/MWh adder.
        return new DispatchProblem(market, new SiteSpec(new Megawatts(25), new WattsPerTerahash(25), 0.0, new UsdPerMWh(2)));
    }

    [Fact]
    public void Settle_HandComputed()
    {
        var r = TwoSettlement.Settle(Problem(), [1, 1, 1, 0], [1, 0, 1, 1]);
        // q_DA = [25, 25, 25, 0]; q_RT = [25, 0, 25, 25].
        Assert.Equal(8025, r.DayAheadCostUsd, 9);              // 25×40 + 25×80 + 25×201
        Assert.Equal(-14025, r.RealTimeDeviationCostUsd, 9);   // −25×551 + 25×(−10)
        Assert.Equal(-6000, r.EnergyCostUsd, 9);
        Assert.Equal(2875, r.RealTimeOnlyCostUsd, 9);          // 25×35 + 25×90 − 25×10
        Assert.Equal(8875, r.DayAheadGainUsd, 9);              // 25 × (−5 + 471 − 111)
        Assert.Equal([1000.0, 2000 - 13775, 5025, -250], r.EnergyCostUsdByInterval);
        Assert.Equal((75.0, 75.0), (r.DayAheadMWh, r.RealTimeMWh));
        Assert.Equal((25.0, 25.0), (r.DeviationBoughtMWh, r.DeviationSoldMWh));
        Assert.Equal(7500, r.MiningRevenueUsd, 9);
        Assert.Equal(150, r.AdderCostUsd, 9);
        Assert.Equal(13_350, r.ProfitUsd, 9);                  // 7500 + 6000 − 150
    }

    [Fact]
    public void Settle_NoDayAheadSchedule_EqualsRealTimeOnly()
    {
        var r = TwoSettlement.Settle(Problem(), [0, 0, 0, 0], [1, 0, 1, 1]);
        Assert.Equal(r.RealTimeOnlyCostUsd, r.EnergyCostUsd, 9);
        Assert.Equal(0, r.DayAheadGainUsd, 9);
    }

    [Fact]
    public void Settle_MissingDayAheadPrices_ThrowsNamingTheSettlementPoint()
    {
        var starts = new[] { new DateTime(2023, 8, 4, 20, 0, 0, DateTimeKind.Utc) };
        var market = new MarketSeries(starts, [35], [0.06], settlementPoint: "LZ_WEST");
        var p = new DispatchProblem(market, new SiteSpec(new Megawatts(25), new WattsPerTerahash(25)));
        var ex = Assert.Throws<ArgumentException>(() => TwoSettlement.Settle(p, [1], [1]));
        Assert.Contains("LZ_WEST", ex.Message);
        Assert.Contains("day-ahead", ex.Message);
    }
}
