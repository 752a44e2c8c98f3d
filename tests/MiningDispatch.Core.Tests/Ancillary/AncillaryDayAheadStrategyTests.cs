using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Ancillary;

/// <summary>The non-anticipative AS strategy: offers chosen the day before, mining within the awards, penalties.</summary>
public class AncillaryDayAheadStrategyTests
{
    // 10 MW at 25 W/TH with hashprice 0.03 $/TH/day: breakeven 0.03 × 1e6 / (24 × 25) = 50 $/MWh.
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(25));
    private const double Hashprice = 0.03;

    private static AncillaryMarket FlatRrs(int n, double rrs)
    {
        var p = new double[5][];
        for (int k = 0; k < 5; k++) { p[k] = new double[n]; Array.Fill(p[k], double.NaN); }
        Array.Fill(p[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)], rrs);
        return new AncillaryMarket(p);
    }

    [Fact]
    public void Awarded_hours_run_above_breakeven_and_a_price_spike_is_curtailed_at_the_penalty()
    {
        // One market day (2024-06-03 CPT starts 05:00Z). Day-ahead price 40 everywhere: +10 $/MW-h margin, RRS $8:
        // the day-ahead co-optimum runs 10 MW and offers 9 MW (min load 1) in every hour.
        int n = 24;
        var da = Enumerable.Repeat(40.0, n).ToArray();
        var rt = Enumerable.Repeat(40.0, n).ToArray();
        rt[5] = 200; // −150 $/MW-h: run 10 MW = −1,500; curtail to 0 = 9 MW × (8 + 50) = −522; run 1 MW = −150 − 522.
        rt[6] = 60;  // −10 $/MW-h: run 10 MW = −100, better than curtailing (−522): the award forces a run at a loss.
        var market = TestData.Hourly(TestData.Utc(2024, 6, 3, 5), rt, Hashprice, da);
        var offer = new AncillaryOffer { MinLoadMw = 1 };
        var strategy = new AncillaryDayAheadStrategy(offer, FlatRrs(n, 8));
        var problem = new DispatchProblem(market, Site);
        var plan = strategy.Plan(problem);
        Assert.All(plan.AwardMw, a => Assert.Equal(9, a[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)], 9));
        Assert.Equal(0, plan.RunningMw[5]);
        Assert.Equal(522, plan.PenaltyUsd[5], 9);
        Assert.Equal(10, plan.RunningMw[6]);
        Assert.Equal(0, plan.PenaltyUsd[6]);
        Assert.Equal(1, plan.ShortfallIntervals);
        var run = new double[n];
        strategy.Dispatch(problem, run);
        Assert.Equal(0, run[5]);
        Assert.Equal(1, run[6]);

        var settled = strategy.Settle(problem, plan);
        Assert.Equal(24 * 9 * 8, settled.CapacityUsd, 9);
        Assert.Equal(522, settled.PenaltyUsd, 9);
        Assert.Equal(24 * 9 * 8 - 522, settled.IncomeUsd, 9);
        // Hour 6 held an award at a negative margin: 10 MW × 10 $/MW-h lost.
        Assert.Equal(1, settled.LossIntervals);
        Assert.Equal(100, settled.LossMarginUsd, 9);
    }

    [Fact]
    public void A_shortfall_is_replaced_at_the_real_time_mcpc_where_known_and_at_the_award_plus_the_stated_charge_elsewhere()
    {
        // Same day as above: RRS $8 DAM, 9 MW awarded every hour (min load 1). Real-time price 200 in hours 5 and 9
        // (−150 $/MW-h). Real-time RRS MCPC is known in hour 5 only, at $30: falling short on 9 MW costs 9 × 30 = 270,
        // less than running 10 MW (−1,500) or 1 MW (−150 − 270): the site curtails to 0 and pays 270. In hour 9 there
        // is no real-time MCPC: the stated charge applies, here --as-shortfall-charge 20: 9 × (8 + 20) = 252.
        int n = 24;
        var da = Enumerable.Repeat(40.0, n).ToArray();
        var rt = Enumerable.Repeat(40.0, n).ToArray();
        rt[5] = 200;
        rt[9] = 200;
        var market = TestData.Hourly(TestData.Utc(2024, 6, 3, 5), rt, Hashprice, da);
        var dam = FlatRrs(n, 8);
        var rtPrice = new double[5][];
        for (int k = 0; k < 5; k++) { rtPrice[k] = new double[n]; Array.Fill(rtPrice[k], double.NaN); }
        rtPrice[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)][5] = 30;
        var offer = new AncillaryOffer { MinLoadMw = 1, ShortfallChargeUsdPerMwHour = 20 };
        var asMarket = new AncillaryMarket(dam.Price, null, rtPrice);
        int rrs = AncillaryCoOptimizer.Index(AncillaryProduct.Rrs);
        Assert.Equal(30, asMarket.ShortfallUsdPerMwHour(5, rrs, offer));
        Assert.Equal(28, asMarket.ShortfallUsdPerMwHour(9, rrs, offer));
        var strategy = new AncillaryDayAheadStrategy(offer, asMarket);
        var problem = new DispatchProblem(market, Site);
        var plan = strategy.Plan(problem);
        Assert.Equal(0, plan.RunningMw[5]);
        Assert.Equal(9 * 30, plan.PenaltyUsd[5], 9);
        Assert.Equal(0, plan.RunningMw[9]);
        Assert.Equal(9 * (8 + 20), plan.PenaltyUsd[9], 9);
        Assert.Equal(2, plan.ShortfallIntervals);
        var settled = strategy.Settle(problem, plan);
        Assert.Equal(24 * 9 * 8 - 270 - 252, settled.IncomeUsd, 9);

        // A dear real-time MCPC ($200) makes the shortfall (9 × 200 = 1,800) dearer than running 10 MW at −150 $/MW-h
        // (−1,500): the site keeps its award and runs at a loss.
        rtPrice[rrs][5] = 200;
        var dear = new AncillaryDayAheadStrategy(offer, new AncillaryMarket(dam.Price, null, rtPrice)).Plan(problem);
        Assert.Equal(10, dear.RunningMw[5]);
        Assert.Equal(0, dear.PenaltyUsd[5]);
    }

    [Fact]
    public void A_realised_deployment_forgoes_the_margin_and_is_not_bought()
    {
        int n = 24;
        var prices = Enumerable.Repeat(40.0, n).ToArray();
        var market = TestData.Hourly(TestData.Utc(2024, 6, 3, 5), prices, Hashprice, prices);
        var rrs = FlatRrs(n, 8);
        var deployed = new double[5][];
        for (int k = 0; k < 5; k++) deployed[k] = new double[n];
        deployed[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)][3] = 1.0; // the whole 9 MW award called in hour 3
        var withDeployments = new AncillaryMarket(rrs.Price, deployed);
        var strategy = new AncillaryDayAheadStrategy(new AncillaryOffer { MinLoadMw = 1 }, withDeployments);
        var problem = new DispatchProblem(market, Site);
        var settled = strategy.Settle(problem, strategy.Plan(problem));
        // 9 MW off for an hour at +10 $/MW-h margin: 90 USD given up (revenue lost 9 × 50, power not bought 9 × 40).
        Assert.Equal(90, settled.DeploymentCostUsd, 9);
        Assert.Equal(1, settled.IntervalsDeployed);
        Assert.Equal(9, settled.DeployedMwh, 9);
        Assert.Equal(24 * 72 - 90, settled.IncomeUsd, 9);
    }

    [Fact]
    public void Needs_day_ahead_prices()
    {
        var market = TestData.Hourly(TestData.Utc(2024, 6, 3, 5), [40.0, 40], Hashprice);
        var strategy = new AncillaryDayAheadStrategy(new AncillaryOffer(), FlatRrs(2, 8));
        var e = Assert.Throws<InvalidOperationException>(() => strategy.Dispatch(new DispatchProblem(market, Site), new double[2]));
        Assert.Contains("day-ahead", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_non_anticipative_for_energy_prices_hashprices_and_future_as_prices()
    {
        var market = NonAnticipation.SampleMarket(11);
        int n = market.Count;
        var rng = new Random(5);
        var p = new double[5][];
        for (int k = 0; k < 5; k++) p[k] = Enumerable.Range(0, n).Select(_ => 15 * rng.NextDouble()).ToArray();
        var offer = new AncillaryOffer { MinLoadMw = 0.5, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.4 } };
        var strategy = new AncillaryDayAheadStrategy(offer, new AncillaryMarket(p));
        Assert.Equal(0, NonAnticipation.CountViolations(strategy, market, Site, trials: 25, seed: 3));

        // The AS prices of later market days are not known either: change them and compare decisions up to the cut.
        var clock = MarketClock.Ercot;
        var baseRun = new double[n];
        strategy.Dispatch(new DispatchProblem(market, Site), baseRun);
        for (int trial = 0; trial < 25; trial++)
        {
            int cut = rng.Next(0, n - 1);
            var day = clock.MarketDay(market.StartsUtc[cut]);
            var q = p.Select(v => (double[])v.Clone()).ToArray();
            for (int t = 0; t < n; t++)
                if (clock.MarketDay(market.StartsUtc[t]) > day)
                    for (int k = 0; k < 5; k++) q[k][t] = 2000 * rng.NextDouble();
            var run = new double[n];
            new AncillaryDayAheadStrategy(offer, new AncillaryMarket(q)).Dispatch(new DispatchProblem(market, Site), run);
            Assert.Equal(baseRun[..(cut + 1)], run[..(cut + 1)]);
        }

        // Real-time MCPC (which prices a shortfall) is known up to the interval itself, like the real-time energy
        // price: changing it in later intervals leaves every decision up to the cut unchanged.
        var rt = p.Select(v => v.Select(x => 3 * x).ToArray()).ToArray();
        var rtRun = new double[n];
        new AncillaryDayAheadStrategy(offer, new AncillaryMarket(p, null, rt)).Dispatch(new DispatchProblem(market, Site), rtRun);
        for (int trial = 0; trial < 25; trial++)
        {
            int cut = rng.Next(0, n - 1);
            var q = rt.Select(v => (double[])v.Clone()).ToArray();
            for (int t = cut + 1; t < n; t++)
                for (int k = 0; k < 5; k++) q[k][t] = rng.NextDouble() < 0.5 ? 0 : 2000 * rng.NextDouble();
            var run = new double[n];
            new AncillaryDayAheadStrategy(offer, new AncillaryMarket(p, null, q)).Dispatch(new DispatchProblem(market, Site), run);
            Assert.Equal(rtRun[..(cut + 1)], run[..(cut + 1)]);
        }
    }

    [Fact]
    public void Quarter_hours_take_their_hour_price_and_earn_a_quarter_of_it()
    {
        // Four 15-minute intervals of one hour at a day-ahead price of 40: 9 MW of RRS at $8/MW-h for 0.25 h each = 18 each.
        var start = TestData.Utc(2024, 6, 3, 5);
        var prices = new AncillaryPrices([start], new Dictionary<AncillaryProduct, double[]> { [AncillaryProduct.Rrs] = [8] }, AncillaryPriceMarket.DayAhead, "t");
        var market = TestData.Intervals(start, [40.0, 40, 40, 40], [Hashprice, Hashprice, Hashprice, Hashprice], 0.25, [40.0, 40, 40, 40]);
        var strategy = new AncillaryDayAheadStrategy(new AncillaryOffer { MinLoadMw = 1 }, AncillaryMarket.From(prices, market));
        var problem = new DispatchProblem(market, Site);
        var settled = strategy.Settle(problem, strategy.Plan(problem));
        Assert.Equal([18.0, 18, 18, 18], settled.IncomeUsdByInterval);
    }
}
