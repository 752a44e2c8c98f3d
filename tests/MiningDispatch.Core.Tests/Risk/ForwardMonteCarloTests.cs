using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

public class ForwardMonteCarloTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Central);

    private static MarketSeries History()
    {
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2024, 1, 1), new DateOnly(2025, 6, 30));
        var rng = new Random(21);
        var price = hours.Select(h =>
        {
            var l = Local(h);
            double v = 30 + 25 * Math.Sin((l.Hour - 9) * Math.PI / 12) + 15 * rng.NextDouble();
            if (rng.NextDouble() < 0.01) v = 1500;
            if (rng.NextDouble() < 0.02) v = -15;
            return v;
        }).ToArray();
        return new MarketSeries(hours, price, hours.Select(_ => 0.05).ToArray());
    }

    private static readonly MarketSeries Hist = History();
    private static readonly SiteSpec Site = new(new Megawatts(20), new WattsPerTerahash(20), 0.02, new UsdPerMWh(4));

    private static ForwardCurve Curve()
    {
        var list = new List<ForwardBlockPrice>();
        for (int m = 1; m <= 6; m++)
        {
            list.Add(new(2026, m, ForwardBlock.Peak5x16, 50 + m));
            list.Add(new(2026, m, ForwardBlock.Weekend2x16, m == 3 ? 2.0 : 38 + m));   // March 2x16 below the floor: additive
            list.Add(new(2026, m, ForwardBlock.Night7x8, 26 + m));
        }
        return new ForwardCurve(list, "HB_WEST");
    }

    private static readonly MonteCarloOptions Options = new(Paths: 8, Seed: 77, BlockDays: 7, HorizonDays: 181) { StartDay = new DateOnly(2026, 1, 1) };

    private static double[] Hashprice(DateTime[] hours) => HashpricePath.Growth(new UsdPerPhDay(50).ToPerThDay(), -2, hours);

    [Fact]
    public void EveryPath_AveragesToTheForwardInEveryMonthBlock()
    {
        var curve = Curve();
        for (int p = 0; p < Options.Paths; p++)
        {
            var path = MonteCarloEngine.GenerateForwardPath(Hist, Options, curve, Hashprice, p, clock: Clock);
            var s = path.Series;
            Assert.Equal(4343, s.Count); // Jan–Jun 2026: 181 days, minus the spring-forward hour
            var groups = new Dictionary<(int, int, ForwardBlock), List<int>>();
            for (int t = 0; t < s.Count; t++)
            {
                var l = Local(s.StartsUtc[t]);
                bool off = l.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || NercHolidays.IsHoliday(DateOnly.FromDateTime(l));
                var b = l.Hour is < 6 or > 21 ? ForwardBlock.Night7x8 : off ? ForwardBlock.Weekend2x16 : ForwardBlock.Peak5x16;
                var key = (l.Year, l.Month, b);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<int>();
                list.Add(t);
            }
            Assert.Equal(18, groups.Count);
            foreach (var q in curve.Prices)
            {
                var idx = groups[(q.Year, q.Month, q.Block)];
                Assert.Equal(q.PriceUsdPerMWh, idx.Average(t => s.PriceUsdPerMWh[t]), 1e-9);
                // Multiplicative blocks keep the sampled hours' proportions: price / historical price is one constant.
                if (q.PriceUsdPerMWh >= 5 && idx.Average(t => Hist.PriceUsdPerMWh[path.SourceIndex[t]]) >= 5)
                {
                    double k = s.PriceUsdPerMWh[idx[0]] / Hist.PriceUsdPerMWh[path.SourceIndex[idx[0]]];
                    Assert.All(idx, t => Assert.Equal(k, s.PriceUsdPerMWh[t] / Hist.PriceUsdPerMWh[path.SourceIndex[t]], 9));
                }
                else
                {
                    double d = s.PriceUsdPerMWh[idx[0]] - Hist.PriceUsdPerMWh[path.SourceIndex[idx[0]]];
                    Assert.All(idx, t => Assert.Equal(d, s.PriceUsdPerMWh[t] - Hist.PriceUsdPerMWh[path.SourceIndex[t]], 9));
                }
            }
            Assert.Equal(Hashprice(s.StartsUtc), s.HashpriceUsdPerThDay);
        }
    }

    [Fact]
    public void RunForward_PathsMatchBacktester_AndAreSeeded()
    {
        var curve = Curve();
        var mc = MonteCarloEngine.RunForward(Hist, Site, Options, curve, Hashprice, clock: Clock);
        Assert.Equal(6, mc.Months.Count);
        Assert.All(mc.Months, m => Assert.True(m.Complete));
        for (int p = 0; p < Options.Paths; p += 3)
        {
            var s = MonteCarloEngine.GenerateForwardPath(Hist, Options, curve, Hashprice, p, clock: Clock).Series;
            var bt = Backtester.Run(s, Site, new ThresholdStrategy(), Clock).Summary;
            Assert.Equal(bt.ProfitUsd, mc.PathProfitUsd[p], Math.Abs(bt.ProfitUsd) * 1e-9);
            // Always-on cost is the same on every path: the block averages are fixed by the curve.
            Assert.Equal(mc.PathAlwaysOnProfitUsd[0], mc.PathAlwaysOnProfitUsd[p], Math.Abs(mc.PathAlwaysOnProfitUsd[0]) * 1e-9);
        }
        var again = MonteCarloEngine.RunForward(Hist, Site, Options, curve, Hashprice, clock: Clock);
        Assert.Equal(mc.PathProfitUsd, again.PathProfitUsd);
        var other = MonteCarloEngine.RunForward(Hist, Site, Options with { Seed = 78 }, curve, Hashprice, clock: Clock);
        Assert.NotEqual(mc.PathProfitUsd, other.PathProfitUsd);
    }

    [Fact]
    public void MissingForwardMonth_IsAClearError()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() =>
            MonteCarloEngine.RunForward(Hist, Site, Options with { HorizonDays = 200 }, Curve(), Hashprice, clock: Clock));
        Assert.Contains("2026-07", ex.Message);
        var bad = Assert.Throws<ArgumentException>(() =>
            MonteCarloEngine.RunForward(Hist, Site, Options, Curve(), h => new double[3], clock: Clock));
        Assert.Contains("hashprice path has 3 values", bad.Message);
    }
}
