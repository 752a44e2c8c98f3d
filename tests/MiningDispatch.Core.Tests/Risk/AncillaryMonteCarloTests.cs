using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
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
}
