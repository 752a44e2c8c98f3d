using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

/// <summary>The Monte Carlo with AS prices: bootstrapped from the same history hours as the energy prices.</summary>
public class AncillaryMonteCarloTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(22), PoolFee: 0.02, Adder: new UsdPerMWh(4));

    [Fact]
    public void Each_path_takes_the_as_prices_of_its_energy_prices_hours_and_adds_their_income_to_strategy_and_always_on()
    {
        // One year of hourly history; the RRS price of each history hour is a function of that hour's energy price and
        // index (so a path that took prices from other hours than its energy would show it).
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var rng = new Random(3);
        var price = new double[hours.Length];
        var hp = new double[hours.Length];
        var rrs = new double[hours.Length];
        for (int i = 0; i < hours.Length; i++)
        {
            price[i] = 20 + 60 * rng.NextDouble();
            hp[i] = 0.05;
            rrs[i] = 0.1 * price[i] + (i % 7);
        }
        var history = new MarketSeries(hours, price, hp, settlementPoint: "HB_WEST");
        var p = new double[5][];
        for (int k = 0; k < 5; k++) { p[k] = new double[hours.Length]; Array.Fill(p[k], double.NaN); }
        p[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)] = rrs;
        var market = new AncillaryMarket(p);
        var offer = new AncillaryOffer { Products = [AncillaryProduct.Rrs], MinLoadMw = 2 };
        var opt = new MonteCarloOptions(Paths: 4, Seed: 9, BlockDays: 7, HorizonDays: 60) { MaxDegreeOfParallelism = 1 };
        var mc = MonteCarloEngine.Run(history, Site, opt, new ThresholdStrategy(), Clock, market, offer);
        var plain = MonteCarloEngine.Run(history, Site, opt, new ThresholdStrategy(), Clock);
        Assert.NotNull(mc.PathAncillaryIncomeUsd);
        Assert.Null(plain.PathAncillaryIncomeUsd);
        foreach (int path in new[] { 0, 3 })
        {
            var g = MonteCarloEngine.GeneratePath(history, opt, path, Clock);
            var bt = Backtester.Run(g.Series, Site, new ThresholdStrategy(), Clock);
            // A plain loop: running hours offer (10 − 2) MW of RRS at the RRS price of the history hour behind them.
            double asIncome = 0, asAlwaysOn = 0;
            for (int t = 0; t < g.SourceIndex.Length; t++)
            {
                double v = 8 * rrs[g.SourceIndex[t]] * 1.0;
                asAlwaysOn += v;
                if (bt.Run[t] > 0) asIncome += v;
            }
            Assert.True(asIncome > 0);
            Assert.Equal(asIncome, mc.PathAncillaryIncomeUsd![path], 1e-6);
            Assert.Equal(bt.Summary.ProfitUsd + asIncome, mc.PathProfitUsd[path], 1e-6);
            Assert.Equal(bt.Summary.AlwaysOnProfitUsd + asAlwaysOn, mc.PathAlwaysOnProfitUsd[path], 1e-6);
            Assert.Equal(plain.PathProfitUsd[path] + asIncome, mc.PathProfitUsd[path], 1e-6);
            double months = 0;
            for (int k = 0; k < mc.Months.Count; k++) months += mc.MonthlyProfitUsd[path, k];
            Assert.Equal(mc.PathProfitUsd[path], months, 1e-6);
        }
    }
    /// <summary>Two models, pool fee 0.02, adder 4: A 100 TH/s at 2,000 W × 2,500 = 5 MW, B 100 TH/s at 2,500 W × 2,000 = 5 MW.</summary>
    private static SiteModel TwoModels() => SiteModel.FromFleet(
        new FleetSpec([new FleetTranche(new MinerModel("A", 100, 2000), 2500), new FleetTranche(new MinerModel("B", 100, 2500), 2000)]),
        new SiteCommercials(0.02, new UsdPerMWh(4)));

    /// <summary>One year of hourly history (day-ahead = real-time) and an RRS price per history hour tied to that hour.</summary>
    private static (MarketSeries History, double[] Rrs, AncillaryMarket Market) FleetHistory()
    {
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        var rng = new Random(4);
        var price = new double[hours.Length];
        var rrs = new double[hours.Length];
        for (int i = 0; i < hours.Length; i++)
        {
            price[i] = 20 + 100 * rng.NextDouble();
            rrs[i] = 0.1 * price[i] + (i % 7);
        }
        var history = new MarketSeries(hours, price, hours.Select(_ => 0.05).ToArray(), 1.0, (double[])price.Clone(), "HB_WEST");
        var p = new double[5][];
        for (int k = 0; k < 5; k++) { p[k] = new double[hours.Length]; Array.Fill(p[k], double.NaN); }
        p[AncillaryCoOptimizer.Index(AncillaryProduct.Rrs)] = rrs;
        return (history, rrs, new AncillaryMarket(p));
    }

    [Fact]
    public void A_fleet_path_takes_the_as_prices_of_its_hours_and_books_the_as_its_running_mw_allow()
    {
        var (history, rrs, market) = FleetHistory();
        var site = TwoModels();
        var offer = new AncillaryOffer { Products = [AncillaryProduct.Rrs], MinLoadMw = 2 };
        var opt = new MonteCarloOptions(Paths: 3, Seed: 5, BlockDays: 7, HorizonDays: 45) { MaxDegreeOfParallelism = 1 };
        var mc = MonteCarloEngine.Run(history, site, opt, new ThresholdStrategy(), Clock, market, offer);
        var plain = MonteCarloEngine.Run(history, site, opt, new ThresholdStrategy(), Clock);
        for (int path = 0; path < opt.Paths; path++)
        {
            var g = MonteCarloEngine.GeneratePath(history, opt, path, Clock);
            var s = g.Series;
            // A plain loop: each model runs when its margin per MW is positive (revenue per MW-h = TH/s per MW ×
            // hashprice × (1 − fee) ÷ 24), and the running MW above the 2 MW min load are offered in RRS at the price of
            // the history hour behind the path's hour.
            double asIncome = 0, asAlwaysOn = 0;
            int partial = 0;
            for (int t = 0; t < s.Count; t++)
            {
                double hp = s.HashpriceUsdPerThDay[t] * (1 - 0.02) / 24, cost = s.PriceUsdPerMWh[t] + 4;
                double running = 0;
                if (50_000 * hp - cost > 0) running += 5;   // A: 100 TH/s per 2 kW = 50,000 TH/s per MW
                if (40_000 * hp - cost > 0) running += 5;   // B: 100 TH/s per 2.5 kW = 40,000 TH/s per MW
                if (running == 5) partial++;
                double price = rrs[g.SourceIndex[t]];
                asIncome += Math.Max(0, running - 2) * price;
                asAlwaysOn += 8 * price;
            }
            Assert.True(partial > 0, "some hours run only the efficient model");
            Assert.Equal(asIncome, mc.PathAncillaryIncomeUsd![path], 1e-6);
            Assert.Equal(plain.PathProfitUsd[path] + asIncome, mc.PathProfitUsd[path], 1e-6);
            Assert.Equal(plain.PathAlwaysOnProfitUsd[path] + asAlwaysOn, mc.PathAlwaysOnProfitUsd[path], 1e-6);
        }
    }

    [Fact]
    public void A_fleet_as_day_ahead_path_earns_what_the_backtest_of_that_path_earns()
    {
        var (history, _, market) = FleetHistory();
        var site = TwoModels();
        var offer = new AncillaryOffer { Products = [AncillaryProduct.Rrs], MinLoadMw = 2, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.5 } };
        var opt = new MonteCarloOptions(Paths: 2, Seed: 8, BlockDays: 7, HorizonDays: 30) { MaxDegreeOfParallelism = 1 };
        var mc = MonteCarloEngine.Run(history, site, opt, new AncillaryFleetDayAheadStrategy(offer, market, site, Clock), Clock, market, offer);
        for (int path = 0; path < opt.Paths; path++)
        {
            var g = MonteCarloEngine.GeneratePath(history, opt, path, Clock);
            // The backtest of the path: as-day-ahead planned on the AS prices of the path's history hours, run by the
            // site engine and settled on the MW it ran.
            var strategy = new AncillaryFleetDayAheadStrategy(offer, market.Resample(g.SourceIndex), site, Clock);
            var run = SiteBacktester.Run(g.Series, site, strategy, Clock);
            var mw = Enumerable.Range(0, g.Series.Count).Select(t => run.MwRunning[0][t] + run.MwRunning[1][t]).ToArray();
            var settled = strategy.Settle(g.Series, strategy.PlanFor(g.Series), mw);
            Assert.True(settled.CapacityUsd > 0);
            Assert.Equal(settled.IncomeUsd, mc.PathAncillaryIncomeUsd![path], 1e-6);
            Assert.Equal(run.Result.Summary.ProfitUsd + settled.IncomeUsd, mc.PathProfitUsd[path], 1e-6);
        }
    }

    [Fact]
    public void A_forward_path_books_the_flat_as_price_and_the_mean_matches_a_plain_loop()
    {
        // Tiny case: January 2026 on a flat curve, 5 paths; RRS $10/MW-h in January (flat, as given on every path).
        // A running hour offers 10 − 2 = 8 MW: 80 USD; the mean path profit is the mean over paths of the threshold
        // backtest of the path plus 80 × its running hours.
        var (history, _, _) = FleetHistory();
        var curve = new ForwardCurve([new(2026, 1, ForwardBlock.Peak5x16, 70), new(2026, 1, ForwardBlock.Weekend2x16, 60), new(2026, 1, ForwardBlock.Night7x8, 50)], "HB_WEST");
        var opt = new MonteCarloOptions(Paths: 5, Seed: 3, BlockDays: 7, HorizonDays: 31) { StartDay = new DateOnly(2026, 1, 1), MaxDegreeOfParallelism = 1 };
        static double[] Hp(DateTime[] h) => h.Select(_ => 0.05).ToArray();
        var flat = new List<AncillaryFlatPrice> { new(new DateOnly(2026, 1, 1), AncillaryProduct.Rrs, 10) };
        var offer = new AncillaryOffer { Products = [AncillaryProduct.Rrs], MinLoadMw = 2 };
        AncillaryMarket On(DateTime[] times) => new(AncillaryFlatPrice.OnIntervals(flat, times.Select(t => { var l = Clock.ToLocal(t); return new DateOnly(l.Year, l.Month, 1); }).ToList()));
        var mc = MonteCarloEngine.RunForwardWithAncillary(history, Site, opt, curve, Hp, On, offer, new ThresholdStrategy(), Clock);
        double sum = 0, sumAs = 0;
        for (int path = 0; path < opt.Paths; path++)
        {
            var s = MonteCarloEngine.GenerateForwardPath(history, opt, curve, Hp, path, clock: Clock).Series;
            var bt = Backtester.Run(s, Site, new ThresholdStrategy(), Clock);
            double asIncome = 80 * bt.Run.Count(x => x > 0);
            sum += bt.Summary.ProfitUsd + asIncome;
            sumAs += asIncome;
            Assert.Equal(bt.Summary.AlwaysOnProfitUsd + 80 * s.Count, mc.PathAlwaysOnProfitUsd[path], 1e-6);
        }
        Assert.True(sumAs > 0);
        Assert.Equal(sum / opt.Paths, mc.HorizonProfit.MeanUsd, 1e-6);
        Assert.Equal(sumAs / opt.Paths, mc.PathAncillaryIncomeUsd!.Average(), 1e-6);
    }
}
