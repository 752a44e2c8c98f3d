using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Sweep;

public class SiteSweepTests
{
    private static readonly MarketSeries Market = Build();

    private static MarketSeries Build()
    {
        var rng = new Random(31);
        int n = 24 * 40;
        var prices = TestData.RandomPrices(rng, n, baseLevel: 70, noise: 50);
        var hp = Enumerable.Range(0, n).Select(i => 0.05 + 0.01 * Math.Sin(i / 70.0)).ToArray();
        return TestData.Hourly(TestData.Utc(2024, 8, 1, 5), prices, hp);
    }

    private static readonly FleetSpec MixA = FleetSpec.Create(MinerCatalog.BuiltIn, 4.0, ("S19j Pro", 800), ("S21", 400), ("M30S++", 300));
    private static readonly FleetSpec MixB = FleetSpec.Create(MinerCatalog.BuiltIn, 4.0, ("S19j Pro", 400), ("S21 XP", 600));

    [Fact]
    public void Threshold_scenarios_over_every_axis_match_a_plain_merit_order_loop()
    {
        var site = SiteModel.FromFleet(MixA, new SiteCommercials(0.02, new UsdPerMWh(3), 2));
        var points = SiteSweep.Factorial([0.8, 1.0, 1.3], [0, 6], [0, 5], [2.5, double.PositiveInfinity], [("A", MixA), ("B", MixB)]);
        Assert.Equal(2 * 2 * 3 * 2 * 2, points.Count);
        var results = SiteSweep.Run(Market, site, points);
        Assert.Equal(points.Count, results.Count);
        var distinct = new HashSet<double>();
        for (int i = 0; i < points.Count; i++)
        {
            var pt = points[i];
            var (profit, alwaysOn, energy) = HandLoop(pt.Fleet!, pt.SiteCapMw, pt.HashpriceMultiplier, pt.PriceAdderUsdPerMWh!.Value, pt.MinProfitUsdPerMWh!.Value, 0.02);
            var r = results[i];
            Assert.Same(pt, r.Point);
            Assert.True(Math.Abs(profit - r.ProfitUsd) <= 1e-9 * Math.Abs(profit), $"scenario {i}: {profit} vs {r.ProfitUsd}");
            Assert.True(Math.Abs(alwaysOn - r.AlwaysOnProfitUsd) <= 1e-9 * Math.Abs(alwaysOn), $"scenario {i} always-on");
            Assert.True(Math.Abs(energy - r.EnergyMWh) <= 1e-9 * Math.Max(1, energy), $"scenario {i} energy");
            distinct.Add(Math.Round(r.ProfitUsd, 3));
        }
        Assert.True(distinct.Count > points.Count / 2, "the axes should move the result");
    }

    [Fact]
    public void A_single_site_sweep_matches_the_single_site_sweep_engine()
    {
        var spec = new SiteSpec(new Megawatts(10), new WattsPerTerahash(21), 0.02, new UsdPerMWh(4));
        double[] mult = [0.7, 1.0, 1.25];
        double[] adders = [0, 4, 9];
        var expected = SweepEngine.Run(Market, spec, mult.SelectMany(m => adders.Select(a => new SweepPoint(21, m, a, 0))).ToList()).Scenarios;
        var actual = SiteSweep.Run(Market, SiteModel.FromSite(spec), SiteSweep.Factorial(mult, adders));
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].ProfitUsd, actual[i].ProfitUsd, Math.Abs(expected[i].ProfitUsd) * 1e-9);
            Assert.Equal(expected[i].AlwaysOnProfitUsd, actual[i].AlwaysOnProfitUsd, Math.Abs(expected[i].AlwaysOnProfitUsd) * 1e-9);
            Assert.Equal(expected[i].OperatingHours, actual[i].OperatingHours, 1e-9 * expected[i].OperatingHours);
            Assert.Equal(expected[i].EnergyMWh, actual[i].EnergyMWh, 1e-9 * expected[i].EnergyMWh);
        }
    }

    [Fact]
    public void Any_strategy_scenario_equals_the_site_backtester_on_the_scaled_market()
    {
        var site = SiteModel.FromFleet(MixA, new SiteCommercials(0.01, new UsdPerMWh(2), 0));
        var pt = new SiteSweepPoint(1.2, SiteCapMw: 3.1);
        var r = SiteSweep.Run(Market, site, [pt], new LaggedStrategy(), maxDegreeOfParallelism: 1)[0];
        var scaled = new MarketSeries(Market.StartsUtc, Market.PriceUsdPerMWh, Market.HashpriceUsdPerThDay.Select(h => h * 1.2).ToArray());
        var bt = SiteBacktester.Run(scaled, SiteModel.FromFleet(MixA with { SiteCapMw = 3.1 }, site.Commercials), new LaggedStrategy()).Result.Summary;
        Assert.Equal(bt.ProfitUsd, r.ProfitUsd, Math.Abs(bt.ProfitUsd) * 1e-9);
        Assert.Equal(bt.UptimePct, r.UptimePct, 1e-9);
        Assert.Equal(bt.UpliftUsd, r.UpliftUsd, Math.Abs(bt.UpliftUsd) * 1e-9 + 1e-6);
    }

    [Fact]
    public void A_bad_scenario_is_named()
    {
        var site = SiteModel.FromFleet(MixA, new SiteCommercials());
        var e = Assert.Throws<ArgumentException>(() => SiteSweep.Run(Market, site, [new SiteSweepPoint(), new SiteSweepPoint(SiteCapMw: -1)]));
        Assert.Contains("Scenario 1", e.Message);
        Assert.Contains("-1", e.Message);
        e = Assert.Throws<ArgumentException>(() => SiteSweep.Run(Market, site, [new SiteSweepPoint(SiteCapMw: 0.001)]));
        Assert.Contains("Scenario 0", e.Message);
        Assert.Contains("smaller than one machine", e.Message);
    }

    /// <summary>Threshold merit order by hand: per machine per hour, run models in order of W/TH while margin/MWh &gt; min profit.</summary>
    private static (double Profit, double AlwaysOn, double Energy) HandLoop(FleetSpec fleet, double? cap, double mult, double adder, double minProfit, double fee)
    {
        var models = fleet.Tranches.OrderBy(t => t.Model.Watts / t.Model.TerahashPerSecond).ToArray();
        double capW = (double.IsPositiveInfinity(cap ?? double.PositiveInfinity) ? double.MaxValue : cap!.Value * 1e6);
        double profit = 0, alwaysOn = 0, energy = 0;
        for (int t = 0; t < Market.Count; t++)
        {
            double hp = Market.HashpriceUsdPerThDay[t] * mult, allIn = Market.PriceUsdPerMWh[t] + adder;
            double room = capW, aoRoom = capW;
            foreach (var tr in models)
            {
                double net = tr.Model.TerahashPerSecond * hp / 24 * (1 - fee) - tr.Model.Watts / 1e6 * allIn;
                int ao = Math.Min(tr.Count, (int)Math.Min(int.MaxValue, Math.Floor(aoRoom / tr.Model.Watts + 1e-9)));
                alwaysOn += ao * net;
                aoRoom -= ao * tr.Model.Watts;
                if (!(net / (tr.Model.Watts / 1e6) > minProfit)) continue;
                int n = Math.Min(tr.Count, (int)Math.Min(int.MaxValue, Math.Floor(room / tr.Model.Watts + 1e-9)));
                profit += n * net;
                energy += n * tr.Model.Watts / 1e6;
                room -= n * tr.Model.Watts;
            }
        }
        return (profit, alwaysOn, energy);
    }
}
