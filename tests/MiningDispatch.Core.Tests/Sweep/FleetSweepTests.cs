using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Sweep;

/// <summary>
/// FleetSweep: site cap × multiplier × adder × minimum profit ($/h over min(cap, nameplate) MW, as a fleet backtest
/// reads --min-profit), checked against a plain loop over whole machines, most efficient first.
/// </summary>
public class FleetSweepTests
{
    private const double Fee = 0.02;
    private static readonly MarketSeries Market = Build();

    private static MarketSeries Build()
    {
        var rng = new Random(7);
        int n = 24 * 20;
        var prices = TestData.RandomPrices(rng, n, baseLevel: 60, noise: 60);
        var hp = Enumerable.Range(0, n).Select(i => 0.05 + 0.012 * Math.Sin(i / 50.0)).ToArray();
        return TestData.Hourly(TestData.Utc(2024, 8, 1, 5), prices, hp);
    }

    // S21: 200 TH/s, 3,500 W (17.5 W/TH); S19 XP: 140 TH/s, 3,010 W (21.5 W/TH). Nameplate 1.05 + 1.505 = 2.555 MW.
    private static readonly FleetSpec Fleet = FleetSpec.Create(MinerCatalog.BuiltIn, null, ("S19 XP", 500), ("S21", 300));
    private static readonly (double Ths, double Watts, int Count)[] MeritOrder = [(200, 3500, 300), (140, 3010, 500)];

    private static (double Profit, double AlwaysOn, double Energy) HandLoop(double cap, double mult, double adder, double minProfitPerHour)
    {
        double availableMw = Math.Min(cap, 2.555);
        double margin = minProfitPerHour / availableMw; // $ per MWh
        double profit = 0, alwaysOn = 0, energy = 0;
        for (int t = 0; t < Market.Count; t++)
        {
            double hp = Market.HashpriceUsdPerThDay[t] * mult, allIn = Market.PriceUsdPerMWh[t] + adder;
            double leftOn = cap * 1e6, leftAo = cap * 1e6;
            foreach (var (ths, watts, count) in MeritOrder)
            {
                double net = ths * hp * (1 - Fee) / 24 - watts / 1e6 * allIn; // one machine, one hour
                int ao = (int)Math.Min(count, Math.Floor(leftAo / watts));
                leftAo -= ao * watts;
                alwaysOn += ao * net;
                if (net / (watts / 1e6) > margin)
                {
                    int on = (int)Math.Min(count, Math.Floor(leftOn / watts));
                    leftOn -= on * watts;
                    profit += on * net;
                    energy += on * watts / 1e6;
                }
            }
        }
        return (profit, alwaysOn, energy);
    }

    [Fact]
    public void Every_scenario_matches_a_plain_merit_order_loop_with_min_profit_per_hour_over_the_available_mw()
    {
        var site = SiteModel.FromFleet(Fleet, new SiteCommercials(Fee, new UsdPerMWh(0), 0));
        var spec = new FleetSweepSpec([1.2, double.PositiveInfinity], [0.9, 1.1], [2], [0, 150]);
        var result = FleetSweep.Run(Market, site, spec);
        Assert.Equal(8, result.Count);
        double hpMean = Market.HashpriceUsdPerThDay.Average();
        var distinct = new HashSet<double>();
        int i = 0;
        foreach (double cap in spec.SiteCapsMw)
            foreach (double mult in spec.HashpriceMultipliers)
                foreach (double mp in spec.MinProfitsUsdPerHour)
                {
                    var r = result.Scenarios[i++];
                    Assert.Equal((cap, mult, 2.0, mp), (r.Point.SiteCapMw!.Value, r.Point.HashpriceMultiplier, r.Point.PriceAdderUsdPerMWh, r.Point.MinProfitUsdPerHour));
                    var (profit, alwaysOn, energy) = HandLoop(cap, mult, 2, mp);
                    Assert.Equal(profit, r.ProfitUsd, 1e-9 * Math.Abs(profit));
                    Assert.Equal(alwaysOn, r.AlwaysOnProfitUsd, 1e-9 * Math.Abs(alwaysOn));
                    Assert.Equal(energy, r.EnergyMWh, 1e-9 * Math.Max(1, energy));
                    // 1.2 MW holds the 300 S21 (1.05 MW) and 49 S19 XP (0.14749 MW); no cap holds them all.
                    double eff = cap == 1.2 ? (300 * 3500.0 + 49 * 3010.0) / (300 * 200.0 + 49 * 140.0) : (300 * 3500.0 + 500 * 3010.0) / (300 * 200.0 + 500 * 140.0);
                    Assert.Equal(eff, r.Point.EfficiencyWPerTh, 1e-12);
                    Assert.Equal(hpMean * mult * (1 - Fee) * 1e6 / (24 * eff), r.MeanBreakevenUsdPerMWh, 1e-9);
                    distinct.Add(Math.Round(r.ProfitUsd, 3));
                }
        Assert.True(distinct.Count == 8, "every axis should move the result");
    }

    [Fact]
    public void Tornado_and_grid_hold_the_scenarios_at_base()
    {
        var site = SiteModel.FromFleet(Fleet, new SiteCommercials(Fee, new UsdPerMWh(0), 0));
        var b = FleetSweep.Point(1.2, 1, 2, 150);
        var tornado = FleetSweep.Tornado(Market, site, b, [new(SweepParameter.SiteCap, 1.2, 2), new(SweepParameter.MinProfit, 0, 150)]);
        Assert.Equal(HandLoop(1.2, 1, 2, 150).Profit, tornado.Base.ProfitUsd, 1e-6);
        var cap = tornado.Bars.Single(x => x.Parameter == SweepParameter.SiteCap);
        Assert.Equal(HandLoop(2, 1, 2, 150).Profit, cap.ProfitAtHighUsd, 1e-6);
        Assert.Equal(("Site cap", "MW"), (cap.Label, cap.Unit));
        var grid = FleetSweep.Grid(Market, site, b, SweepParameter.SiteCap, [1.2, 2], SweepParameter.HashpriceMultiplier, [0.9, 1.1]);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                Assert.Equal(HandLoop(grid.RowValues[i], grid.ColumnValues[j], 2, 150).Profit, grid.ProfitUsd[i, j], 1e-6);
    }

    [Fact]
    public void A_cap_below_one_machine_and_bad_axes_are_named()
    {
        var site = SiteModel.FromFleet(Fleet, new SiteCommercials(Fee, new UsdPerMWh(0), 0));
        var e = Assert.Throws<ArgumentException>(() => FleetSweep.Run(Market, site, new FleetSweepSpec([2, 0.003], [1], [0], [0])));
        Assert.Contains("Scenario 1", e.Message);
        Assert.Contains("smaller than one machine", e.Message);
        Assert.Contains("site cap", Assert.Throws<ArgumentException>(() => new FleetSweepSpec([-1], [1], [0], [0]).Validate()).Message);
        Assert.Contains("site-cap axis", Assert.Throws<ArgumentException>(() => new FleetSweepSpec([], [1], [0], [0]).Validate()).Message);
        Assert.Throws<ArgumentException>(() => FleetSweep.Evaluate(Market, site, [new SweepPoint(20, 1, 0, 0)]));
        // The single-site engine has no cap to move.
        var single = new SiteSpec(new Megawatts(5), new WattsPerTerahash(20), Fee, new UsdPerMWh(0));
        Assert.Contains("site cap", Assert.Throws<ArgumentException>(() => SweepEngine.Tornado(Market, single, [new(SweepParameter.SiteCap, 1, 2)])).Message);
    }
}
