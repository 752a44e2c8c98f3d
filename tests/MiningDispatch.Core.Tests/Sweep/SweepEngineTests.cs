using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Sweep;

public class SweepEngineTests
{
    private static MarketSeries RandomMarket(int n, double dt, int seed)
    {
        var rng = new Random(seed);
        var t0 = new DateTime(2025, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var times = new DateTime[n];
        var price = new double[n];
        var hp = new double[n];
        for (int i = 0; i < n; i++)
        {
            times[i] = t0.AddHours(i * dt);
            price[i] = 35 + 30 * Math.Sin(i * dt * Math.PI / 12) + 25 * rng.NextDouble();
            if (rng.NextDouble() < 0.02) price[i] = 200 + 3000 * rng.NextDouble();
            if (rng.NextDouble() < 0.03) price[i] = -20 * rng.NextDouble();
            hp[i] = 0.04 + 0.02 * Math.Sin(i * dt / 2000.0) + 0.002 * rng.NextDouble();
        }
        return new MarketSeries(times, price, hp, dt);
    }

    private static SiteSpec Site => new(new Megawatts(25), new WattsPerTerahash(21), PoolFee: 0.015, Adder: new UsdPerMWh(3), MinProfitUsdPerHour: 0);

    private static MarketSeries Scaled(MarketSeries m, double k)
        => new(m.StartsUtc, m.PriceUsdPerMWh, m.HashpriceUsdPerThDay.Select(v => v * k).ToArray(), m.IntervalHours);

    private static BacktestSummary Reference(MarketSeries market, SiteSpec site, SweepPoint p)
        => Backtester.Run(Scaled(market, p.HashpriceMultiplier),
            site with { Efficiency = new WattsPerTerahash(p.EfficiencyWPerTh), Adder = new UsdPerMWh(p.PriceAdderUsdPerMWh), MinProfitUsdPerHour = p.MinProfitUsdPerHour },
            new ThresholdStrategy()).Summary;

    private static void AssertRel(double expected, double actual, double rel, string what)
        => Assert.True(Math.Abs(expected - actual) <= rel * Math.Max(1.0, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [Fact]
    public void HandExample_FourHours()
    {
        // 1 MW at 25 W/TH = 40,000 TH/s; hashprice 0.06 $/TH/day, no fee → revenue 100 $/h, breakeven 100 $/MWh.
        var times = Enumerable.Range(0, 4).Select(i => new DateTime(2025, 6, 1, i, 0, 0, DateTimeKind.Utc)).ToArray();
        var market = new MarketSeries(times, [50, 120, 99, 100.5], [0.06, 0.06, 0.06, 0.06]);
        var site = new SiteSpec(new Megawatts(1), new WattsPerTerahash(25));
        var r = SweepEngine.Run(market, site, new SweepPoint[]
        {
            new(25, 1.0, 0, 0),    // runs 50 and 99: profit 50 + 1
            new(25, 1.2, 0, 0),    // revenue 120: runs 50, 99, 100.5 (120 gives exactly 0, not > 0): 70 + 21 + 19.5
            new(25, 1.0, 10, 0),   // all-in 60, 130, 109, 110.5: runs only the first: 40
            new(25, 1.0, 0, 30),   // needs > 30 $/h: only the first (50)
            new(50, 1.0, 0, 0),    // 20,000 TH/s → revenue 50 $/h: nothing beats 50 strictly
        }).Scenarios;
        Assert.Equal(51, r[0].ProfitUsd, 9);
        Assert.Equal(200, r[0].RevenueUsd, 9);
        Assert.Equal(149, r[0].PowerCostUsd, 9);
        Assert.Equal(2, r[0].OperatingHours);
        Assert.Equal(50, r[0].UptimePct, 9);
        Assert.Equal(2, r[0].EnergyMWh, 9);
        Assert.Equal(400 - 369.5, r[0].AlwaysOnProfitUsd, 9);
        Assert.Equal(100, r[0].MeanBreakevenUsdPerMWh, 9);
        Assert.Equal(110.5, r[1].ProfitUsd, 9);
        Assert.Equal(3, r[1].OperatingHours);
        Assert.Equal(40, r[2].ProfitUsd, 9);
        Assert.Equal(400 - 409.5, r[2].AlwaysOnProfitUsd, 9);
        Assert.Equal(50, r[3].ProfitUsd, 9);
        Assert.Equal(0, r[4].ProfitUsd);
        Assert.Equal(0, r[4].UptimePct);
    }

    [Theory]
    [InlineData(8763, 1.0, 1)]     // a year and a few hours: not a multiple of the SIMD width
    [InlineData(1001, 0.25, 2)]    // 15-minute intervals
    [InlineData(3, 1.0, 3)]        // shorter than one SIMD vector
    public void EqualsBacktesterWithThresholdStrategy_ForRandomScenarios(int n, double dt, int seed)
    {
        var market = RandomMarket(n, dt, seed);
        var rng = new Random(100 + seed);
        var points = Enumerable.Range(0, 12).Select(_ => new SweepPoint(
            EfficiencyWPerTh: 12 + 25 * rng.NextDouble(),
            HashpriceMultiplier: 0.5 + rng.NextDouble(),
            PriceAdderUsdPerMWh: -5 + 25 * rng.NextDouble(),
            MinProfitUsdPerHour: rng.NextDouble() < 0.3 ? 0 : -200 + 1500 * rng.NextDouble())).ToArray();
        var sweep = SweepEngine.Run(market, Site, points).Scenarios;
        for (int i = 0; i < points.Length; i++)
        {
            var s = sweep[i];
            var b = Reference(market, Site, points[i]);
            Assert.Equal(points[i], s.Point);
            AssertRel(b.ProfitUsd, s.ProfitUsd, 1e-9, $"profit {i}");
            AssertRel(b.RevenueUsd, s.RevenueUsd, 1e-9, $"revenue {i}");
            AssertRel(b.PowerCostUsd, s.PowerCostUsd, 1e-9, $"cost {i}");
            Assert.Equal(b.OperatingHours, s.OperatingHours, 9);   // identical on/off decisions
            AssertRel(b.UptimePct, s.UptimePct, 1e-12, $"uptime {i}");
            AssertRel(b.EnergyMWh, s.EnergyMWh, 1e-9, $"energy {i}");
            AssertRel(b.AlwaysOnProfitUsd, s.AlwaysOnProfitUsd, 1e-9, $"always-on {i}");
            AssertRel(b.Breakeven.Mean, s.MeanBreakevenUsdPerMWh, 1e-9, $"breakeven {i}");
        }
    }

    /// <summary>The threshold rule as a plain loop, in the backtester's arithmetic order: (revenue, cost, intervals run).</summary>
    private static (double Revenue, double Cost, int Run, double AlwaysOnProfit) PlainLoop(MarketSeries m, SiteSpec site, SweepPoint p)
    {
        double mw = site.Capacity.Value, dt = m.IntervalHours, th = mw * 1e6 / p.EfficiencyWPerTh, minPer = p.MinProfitUsdPerHour * dt;
        double rev = 0, cost = 0, ao = 0;
        int run = 0;
        for (int i = 0; i < m.Count; i++)
        {
            double r = th * (m.HashpriceUsdPerThDay[i] * p.HashpriceMultiplier) / 24 * (1 - site.PoolFee) * dt;
            double c = mw * (m.PriceUsdPerMWh[i] + p.PriceAdderUsdPerMWh) * dt;
            ao += r - c;
            if (r - c > minPer) { rev += r; cost += c; run++; }
        }
        return (rev, cost, run, ao);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Near_ties_decide_as_the_plain_loop_in_every_block(double dt)
    {
        // 5,003 intervals: four full blocks of 1,024 and a short one, not a multiple of any SIMD width. Block 2 holds
        // prices a hair either side of the breakeven of the tie scenario (1 MW at 25 W/TH, no fee: revenue = hashprice
        // × 40,000 / 24 $/h); the other blocks are ordinary prices.
        var market = RandomMarket(5003, dt, 11);
        var price = market.PriceUsdPerMWh.ToArray();
        var hp = market.HashpriceUsdPerThDay.ToArray();
        for (int i = 2100; i < 2160; i++)
        {
            hp[i] = 0.06;
            double breakeven = 40_000 * 0.06 / 24;          // 100 $/MWh, rounded as the plain loop rounds it
            price[i] = breakeven + (i % 5 - 2) * 1e-13;      // below, at and above by a few units in the last place
        }
        market = new MarketSeries(market.StartsUtc, price, hp, dt);
        var site = new SiteSpec(new Megawatts(1), new WattsPerTerahash(25));
        var rng = new Random(12);
        var points = new List<SweepPoint> { new(25, 1, 0, 0), new(25, 1, 0, 0.0), new(25, 1.0, 5, -5) };
        for (int k = 0; k < 20; k++)
            points.Add(new SweepPoint(15 + 20 * rng.NextDouble(), 0.5 + rng.NextDouble(), -5 + 20 * rng.NextDouble(), rng.NextDouble() < 0.3 ? 0 : -50 + 300 * rng.NextDouble()));
        var sweep = SweepEngine.Run(market, site, points, maxDegreeOfParallelism: 2).Scenarios;
        for (int s = 0; s < points.Count; s++)
        {
            var (rev, cost, run, ao) = PlainLoop(market, site, points[s]);
            Assert.Equal(run * dt, sweep[s].OperatingHours);                 // the same decisions, interval for interval
            AssertRel(rev, sweep[s].RevenueUsd, 1e-9, $"revenue {s}");
            AssertRel(cost, sweep[s].PowerCostUsd, 1e-9, $"cost {s}");
            AssertRel(rev - cost, sweep[s].ProfitUsd, 1e-9, $"profit {s}");
            AssertRel(ao, sweep[s].AlwaysOnProfitUsd, 1e-9, $"always-on {s}");
        }
        // The tie scenario runs exactly the tie-block intervals the plain loop runs (some, not all, of the 60).
        int tieRuns = 0;
        for (int i = 2100; i < 2160; i++)
            if (40_000 * 0.06 / 24 * dt - price[i] * dt > 0) tieRuns++;
        Assert.InRange(tieRuns, 1, 59);
    }

    [Fact]
    public void Chunks_and_threads_do_not_change_results()
    {
        var market = RandomMarket(3001, 1.0, 13);
        var spec = new SweepSpec([15, 22, 30], [0.7, 1.0, 1.3], [0, 8], [0, 60, 400]);
        var one = SweepEngine.Run(market, Site, spec, maxDegreeOfParallelism: 1).Scenarios;
        var two = SweepEngine.Run(market, Site, spec, maxDegreeOfParallelism: 2).Scenarios;
        var single = Enumerable.Range(0, spec.Count).Select(i => SweepEngine.Run(market, Site, [spec.PointAt(i)], 1).Scenarios[0]).ToArray();
        Assert.Equal(one, two);
        Assert.Equal(one, single);
    }

    [Fact]
    public void A_cancelled_sweep_stops_with_OperationCanceledException()
    {
        var market = RandomMarket(500, 1.0, 4);
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SweepEngine.Run(market, Site, new SweepSpec([15, 20, 30], [0.8, 1.2], [0, 10], [0, 100]), 2, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => SweepEngine.Run(market, Site, [new SweepPoint(20, 1, 0, 0)], 1, cts.Token));
    }

    [Fact]
    public void FactorialSpec_IndexesAndMatchesPointRuns()
    {
        var market = RandomMarket(500, 1.0, 4);
        var spec = new SweepSpec([15, 20, 30], [0.8, 1.2], [0, 10], [0, 100]);
        Assert.Equal(24, spec.Count);
        var res = SweepEngine.Run(market, Site, spec, maxDegreeOfParallelism: 2);
        Assert.Equal(24, res.Count);
        Assert.Equal(new SweepPoint(30, 0.8, 10, 0), spec.PointAt(spec.IndexOf(2, 0, 1, 0)));
        Assert.Equal(1 * 8 + 1 * 4 + 0 * 2 + 1, spec.IndexOf(1, 1, 0, 1));
        var single = SweepEngine.Run(market, Site, [new SweepPoint(20, 1.2, 0, 100)], maxDegreeOfParallelism: 1).Scenarios[0];
        Assert.Equal(single, res.At(1, 1, 0, 1));
        for (int i = 0; i < spec.Count; i++) Assert.Equal(spec.PointAt(i), res.Scenarios[i].Point);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void TenThousandScenarios_AreMonotoneInEachParameter()
    {
        var market = RandomMarket(8760, 1.0, 5);
        var spec = new SweepSpec(SweepSpec.Steps(12, 38, 10), SweepSpec.Steps(0.5, 1.5, 10), SweepSpec.Steps(0, 27, 10), SweepSpec.Steps(0, 900, 10));
        var r = SweepEngine.Run(market, Site, spec);
        Assert.Equal(10_000, r.Count);
        const double eps = 1e-6;
        for (int e = 0; e < 10; e++)
            for (int m = 0; m < 10; m++)
                for (int a = 0; a < 10; a++)
                    for (int t = 0; t < 10; t++)
                    {
                        var s = r.At(e, m, a, t);
                        Assert.True(s.ProfitUsd >= -eps);                                  // never runs at a loss
                        Assert.True(s.ProfitUsd >= s.AlwaysOnProfitUsd - eps);
                        if (e > 0) Assert.True(r.At(e - 1, m, a, t).ProfitUsd >= s.ProfitUsd - eps);  // less efficient → less profit
                        if (m > 0) Assert.True(r.At(e, m - 1, a, t).ProfitUsd <= s.ProfitUsd + eps);  // more hashprice → more
                        if (a > 0) Assert.True(r.At(e, m, a - 1, t).ProfitUsd >= s.ProfitUsd - eps);  // higher adder → less
                        if (t > 0) Assert.True(r.At(e, m, a, t - 1).UptimePct >= s.UptimePct);        // stricter threshold → fewer hours
                    }
        // Spot-check a corner against the backtester.
        var corner = r.At(9, 0, 9, 9);
        AssertRel(Reference(market, Site, corner.Point).ProfitUsd, corner.ProfitUsd, 1e-9, "corner");
    }

    [Fact]
    public void Tornado_OneAtATime_SortedBySwing()
    {
        var market = RandomMarket(2000, 1.0, 6);
        var site = Site with { MinProfitUsdPerHour = 50 };
        var ranges = new[]
        {
            new TornadoRange(SweepParameter.PriceAdder, 0, 6),
            new TornadoRange(SweepParameter.Efficiency, 17, 25),
            new TornadoRange(SweepParameter.HashpriceMultiplier, 0.7, 1.3),
            new TornadoRange(SweepParameter.MinProfit, 0, 300),
        };
        var t = SweepEngine.Tornado(market, site, ranges);
        var basePoint = new SweepPoint(21, 1.0, 3, 50);
        Assert.Equal(basePoint, t.Base.Point);
        AssertRel(Reference(market, site, basePoint).ProfitUsd, t.Base.ProfitUsd, 1e-9, "base");
        Assert.Equal(4, t.Bars.Count);
        for (int i = 1; i < t.Bars.Count; i++) Assert.True(t.Bars[i - 1].SwingUsd >= t.Bars[i].SwingUsd);
        foreach (var bar in t.Bars)
        {
            var r = ranges.Single(x => x.Parameter == bar.Parameter);
            AssertRel(Reference(market, site, basePoint.With(r.Parameter, r.Low)).ProfitUsd, bar.ProfitAtLowUsd, 1e-9, bar.Label + " low");
            AssertRel(Reference(market, site, basePoint.With(r.Parameter, r.High)).ProfitUsd, bar.ProfitAtHighUsd, 1e-9, bar.Label + " high");
            Assert.Equal(t.Base.ProfitUsd, bar.BaseProfitUsd);
            Assert.Equal(basePoint.Get(bar.Parameter), bar.BaseValue);
        }
        var hpBar = t.Bars.Single(b => b.Parameter == SweepParameter.HashpriceMultiplier);
        Assert.Equal(1.3 / 0.7, hpBar.BreakevenAtHighUsdPerMWh / hpBar.BreakevenAtLowUsdPerMWh, 9); // breakeven ∝ hashprice
        var effBar = t.Bars.Single(b => b.Parameter == SweepParameter.Efficiency);
        Assert.Equal(25.0 / 17.0, effBar.BreakevenAtLowUsdPerMWh / effBar.BreakevenAtHighUsdPerMWh, 9); // ∝ 1 / efficiency
        Assert.Equal(4, SweepEngine.Tornado(market, site).Bars.Count); // default ranges
    }

    [Fact]
    public void Grid_EfficiencyByHashpriceMultiplier()
    {
        var market = RandomMarket(1500, 1.0, 7);
        double[] eff = [15, 20, 25];
        double[] mult = [0.8, 1.0, 1.2, 1.4];
        var g = SweepEngine.Grid(market, Site, SweepParameter.Efficiency, eff, SweepParameter.HashpriceMultiplier, mult);
        Assert.Equal(3, g.ProfitUsd.GetLength(0));
        Assert.Equal(4, g.ProfitUsd.GetLength(1));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                var b = Reference(market, Site, new SweepPoint(eff[i], mult[j], 3, 0));
                AssertRel(b.ProfitUsd, g.ProfitUsd[i, j], 1e-9, $"grid {i},{j}");
                AssertRel(b.UpliftUsd, g.UpliftUsd[i, j], 1e-9, $"uplift {i},{j}");
                AssertRel(b.UptimePct, g.UptimePct[i, j], 1e-12, $"uptime {i},{j}");
            }
        Assert.Throws<ArgumentException>(() => SweepEngine.Grid(market, Site, SweepParameter.Efficiency, eff, SweepParameter.Efficiency, eff));
    }

    [Fact]
    public void BadScenarios_AreNamed()
    {
        var market = RandomMarket(10, 1.0, 8);
        var ex = Assert.Throws<ArgumentException>(() => SweepEngine.Run(market, Site, [new SweepPoint(20, 1, 0, 0), new SweepPoint(0, 1, 0, 0)]));
        Assert.Contains("Scenario 1", ex.Message);
        Assert.Contains("efficiency", ex.Message);
        Assert.Contains("hashprice multiplier", Assert.Throws<ArgumentException>(() => SweepEngine.Run(market, Site, [new SweepPoint(20, -1, 0, 0)])).Message);
        Assert.Contains("efficiency axis", Assert.Throws<ArgumentException>(() => SweepEngine.Run(market, Site, new SweepSpec([], [1], [0], [0]))).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => SweepEngine.Run(market, Site, new SweepSpec([20], [1], [double.NaN], [0]))).Message);
        Assert.Equal(new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }, SweepSpec.Steps(0, 1, 5));
        var tornado = Assert.Throws<ArgumentException>(() => SweepEngine.Tornado(market, Site, [new TornadoRange(SweepParameter.Efficiency, 2, 30)]));
        Assert.Contains("Efficiency (tornado low value)", tornado.Message);
        var grid = Assert.Throws<ArgumentException>(() => SweepEngine.Grid(market, Site, SweepParameter.Efficiency, [20], SweepParameter.HashpriceMultiplier, [1, -2]));
        Assert.Contains("Hashprice multiplier (grid column 1)", grid.Message);
    }
}
