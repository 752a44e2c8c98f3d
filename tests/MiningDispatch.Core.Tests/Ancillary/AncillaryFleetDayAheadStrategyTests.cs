using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Ancillary;

/// <summary>
/// <c>as-day-ahead</c> on a fleet, by hand. Two models, pool fee 0, hashprice 0.036 $/TH/day = 0.0015 $ per TH-hour:
/// A: 100 TH/s at 2,000 W (20 W/TH), 2,500 machines = 5 MW, earns 0.15 $/h per 2 kW = 75 $/MWh;
/// B: 100 TH/s at 2,500 W (25 W/TH), 2,000 machines = 5 MW, earns 0.15 $/h per 2.5 kW = 60 $/MWh.
/// </summary>
public class AncillaryFleetDayAheadStrategyTests
{
    private const double Hashprice = 0.036;
    private static readonly int Rrs = AncillaryCoOptimizer.Index(AncillaryProduct.Rrs);
    private static readonly MinerModel A = new("A", 100, 2000);
    private static readonly MinerModel B = new("B", 100, 2500);

    private static SiteModel Fleet(double? capMw = null) =>
        SiteModel.FromFleet(new FleetSpec([new FleetTranche(B, 2000), new FleetTranche(A, 2500)], capMw), new SiteCommercials());

    private static AncillaryMarket FlatRrs(int n, double rrs, double[][]? deployed = null)
    {
        var p = new double[5][];
        for (int k = 0; k < 5; k++) { p[k] = new double[n]; Array.Fill(p[k], double.NaN); }
        Array.Fill(p[Rrs], rrs);
        return new AncillaryMarket(p, deployed);
    }

    private static MarketSeries Day(double[] rt, double[] da) => TestData.Hourly(TestData.Utc(2024, 6, 3, 5), rt, Hashprice, da);

    [Fact]
    public void The_as_comes_from_the_less_efficient_model_and_a_deployment_gives_up_its_margin()
    {
        // Price 40 everywhere: A earns 35 $/MW-h, B 20. RRS $8, at most half the site (5 MW), min load 1 MW.
        // Run 10 MW and offer 5 MW: 5 × 35 + 5 × 20 + 5 × 8 = 315 (run A alone: 175 + 4 × 8 = 207).
        int n = 24;
        var prices = Enumerable.Repeat(40.0, n).ToArray();
        var market = Day(prices, prices);
        var deployed = new double[5][];
        for (int k = 0; k < 5; k++) deployed[k] = new double[n];
        deployed[Rrs][3] = 1.0; // the whole 5 MW award called in hour 3
        var offer = new AncillaryOffer { MinLoadMw = 1, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.5 } };
        var site = Fleet();
        Assert.Equal("A", site.MeritOrder[0].Model.Name);
        var strategy = new AncillaryFleetDayAheadStrategy(offer, FlatRrs(n, 8, deployed), site);
        var plan = strategy.Plan(market);
        Assert.All(plan.AwardMw, a => Assert.Equal(5, a[Rrs], 9));
        Assert.All(plan.RunningMw, r => Assert.Equal(10, r, 9));
        Assert.All(plan.TrancheMw![0], mw => Assert.Equal(5, mw, 9));
        Assert.All(plan.TrancheMw[1], mw => Assert.Equal(5, mw, 9));

        // The deployment switches off the 5 MW of B, the least efficient running machines: 5 × 20 = 100 given up,
        // not A's 5 × 35 = 175.
        var settled = strategy.Settle(market, plan, plan.RunningMw);
        Assert.Equal(24 * 5 * 8, settled.CapacityUsd, 9);
        Assert.Equal(100, settled.DeploymentCostUsd, 9);
        Assert.Equal(5, settled.DeployedMwh, 9);
        Assert.Equal(0, settled.PenaltyUsd);
        Assert.Equal(24 * 5 * 8 - 100, settled.IncomeUsd, 9);

        // The site engine runs what the plan says, model by model.
        var run = SiteBacktester.Run(market, site, strategy);
        Assert.All(run.MwRunning[0], mw => Assert.Equal(5, mw, 9));
        Assert.All(run.MwRunning[1], mw => Assert.Equal(5, mw, 9));
    }

    [Fact]
    public void The_site_cap_bounds_running_mw_and_offers()
    {
        // An 8 MW cap: A's 5 MW and 1,200 machines of B (3 MW) can run. RRS $8 without a share cap, min load 1:
        // 8 MW run, 7 MW offered: 5 × 35 + 3 × 20 + 7 × 8 = 291.
        int n = 24;
        var prices = Enumerable.Repeat(40.0, n).ToArray();
        var market = Day(prices, prices);
        var site = Fleet(8);
        var strategy = new AncillaryFleetDayAheadStrategy(new AncillaryOffer { MinLoadMw = 1 }, FlatRrs(n, 8), site);
        var plan = strategy.Plan(market);
        Assert.All(plan.AwardMw, a => Assert.Equal(7, a[Rrs], 9));
        Assert.All(plan.TrancheMw![1], mw => Assert.Equal(3, mw, 9));
        var run = SiteBacktester.Run(market, site, strategy);
        Assert.All(run.MwRunning[1], mw => Assert.Equal(3, mw, 9));
        Assert.All(Enumerable.Range(0, n), t => Assert.Equal(8, run.MwRunning[0][t] + run.MwRunning[1][t], 9));
    }

    [Fact]
    public void An_award_makes_the_less_efficient_model_run_at_a_loss_and_a_spike_is_curtailed_at_the_penalty()
    {
        // Day-ahead price 65: A earns +10 $/MW-h, B loses 5. RRS $8, min load 1, no share cap.
        // Run A alone (5 MW): 50 + 4 × 8 = 82; run both (10 MW): 50 − 25 + 9 × 8 = 97: B runs at a loss for the award.
        int n = 24;
        var da = Enumerable.Repeat(65.0, n).ToArray();
        var rt = Enumerable.Repeat(65.0, n).ToArray();
        // Hour 7 real time at 70: A +5, B −10 per MW. Both: 25 − 50 = −25. A alone: 25 − the 5 MW not covered
        // × (8 + 50) = 25 − 290 = −265. Off: −9 × 58 = −522. The site keeps its award and runs at a loss.
        rt[7] = 70;
        // Hour 5 at 200: A −125, B −140 per MW. Both: −1,325; A alone: −625 − 290 = −915; 1 MW: −125 − 522;
        // off: −522. The site curtails and pays 9 × (8 + 50) = 522.
        rt[5] = 200;
        var market = Day(rt, da);
        var site = Fleet();
        var strategy = new AncillaryFleetDayAheadStrategy(new AncillaryOffer { MinLoadMw = 1 }, FlatRrs(n, 8), site);
        var plan = strategy.Plan(market);
        Assert.All(plan.AwardMw, a => Assert.Equal(9, a[Rrs], 9));
        for (int t = 0; t < n; t++)
        {
            if (t == 5) continue;
            Assert.Equal(5, plan.TrancheMw![1][t], 9);
            Assert.Equal(0, plan.PenaltyUsd[t]);
        }
        Assert.Equal(0, plan.RunningMw[5]);
        Assert.Equal(0, plan.TrancheMw![0][5]);
        Assert.Equal(522, plan.PenaltyUsd[5], 9);
        Assert.Equal(1, plan.ShortfallIntervals);

        // The energy-only day-ahead schedule leaves B off in every hour (its day-ahead margin is negative).
        var energyOnly = SiteBacktester.Run(market, site, new DayAheadStrategy());
        Assert.All(energyOnly.MwRunning[1], mw => Assert.Equal(0, mw));

        var settled = strategy.Settle(market, plan, plan.RunningMw);
        // The award is paid in every hour, hour 5 too; its shortfall gives it back plus the charge.
        Assert.Equal(24 * 9 * 8, settled.CapacityUsd, 9);
        Assert.Equal(522, settled.PenaltyUsd, 9);
        Assert.Equal(24 * 9 * 8 - 522, settled.IncomeUsd, 9);
        // Every hour but hour 5 held an award with B mining at a loss: 5 MW × 5 = 25 in 22 hours, 5 MW × 10 = 50 in
        // hour 7 (where the site margin itself is negative: 25 − 50); A's profit does not hide B's loss.
        Assert.Equal(23, settled.LossIntervals);
        Assert.Equal(22 * 25 + 50, settled.LossMarginUsd, 9);

        // Settled on what actually ran: had hour 3 been switched off (e.g. a 4CP interval), its 9 MW award is not
        // delivered and pays 9 × 58 = 522 too.
        var ran = (double[])plan.RunningMw.Clone();
        ran[3] = 0;
        Assert.Equal(2 * 522, strategy.Settle(market, plan, ran).PenaltyUsd, 9);
    }

    [Fact]
    public void Is_non_anticipative_for_every_model_and_for_future_as_prices()
    {
        var market = NonAnticipation.SampleMarket(11);
        int n = market.Count;
        var rng = new Random(5);
        var p = new double[5][];
        for (int k = 0; k < 5; k++) p[k] = Enumerable.Range(0, n).Select(_ => 15 * rng.NextDouble()).ToArray();
        var offer = new AncillaryOffer { MinLoadMw = 0.5, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.4 } };
        var site = Fleet(8);
        var strategy = new AncillaryFleetDayAheadStrategy(offer, new AncillaryMarket(p), site);
        for (int k = 0; k < site.TrancheSites.Count; k++)
            Assert.Equal(0, NonAnticipation.CountViolations(strategy, market, site.TrancheSites[k], trials: 20, seed: 3 + k));

        // The AS prices of later market days are not known either.
        var clock = MarketClock.Ercot;
        var baseRun = strategy.Plan(market).RunningMw;
        Assert.Contains(baseRun, r => r > 0);
        for (int trial = 0; trial < 20; trial++)
        {
            int cut = rng.Next(0, n - 1);
            var day = clock.MarketDay(market.StartsUtc[cut]);
            var q = p.Select(v => (double[])v.Clone()).ToArray();
            for (int t = 0; t < n; t++)
                if (clock.MarketDay(market.StartsUtc[t]) > day)
                    for (int k = 0; k < 5; k++) q[k][t] = 2000 * rng.NextDouble();
            var run = new AncillaryFleetDayAheadStrategy(offer, new AncillaryMarket(q), site).Plan(market).RunningMw;
            Assert.Equal(baseRun[..(cut + 1)], run[..(cut + 1)]);
        }
    }

    [Fact]
    public void Dispatches_the_models_of_its_own_site_only()
    {
        var prices = Enumerable.Repeat(40.0, 24).ToArray();
        var strategy = new AncillaryFleetDayAheadStrategy(new AncillaryOffer(), FlatRrs(24, 8), Fleet());
        var other = Fleet();
        var e = Assert.Throws<InvalidOperationException>(() => strategy.Dispatch(new DispatchProblem(Day(prices, prices), other.TrancheSites[0]), new double[24]));
        Assert.Contains("as-day-ahead", e.Message, StringComparison.Ordinal);
    }
}
