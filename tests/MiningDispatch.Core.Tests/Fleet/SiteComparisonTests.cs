using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;

namespace MiningDispatch.Core.Tests.Fleet;

/// <summary>
/// Strategy vs always-on vs optimum on a fleet. Models as in <see cref="FleetBacktesterTests"/>: at hashprice 3/32
/// $/TH/day and no fee the breakevens are A 156.25, B 125, C 62.5 $/MWh; A 800 × 2500 W = 2 MW, B 2.5 MW, C 1 MW.
/// </summary>
public class SiteComparisonTests
{
    private const double Tol = 1e-6;
    private static readonly MinerModel A = new("A", 100, 2500);
    private static readonly MinerModel B = new("B", 80, 2500);
    private static readonly MinerModel C = new("C", 40, 2500);
    private static readonly double[] Breakeven = [156.25, 125, 62.5];   // merit order A, B, C
    private static readonly double[] Mw = [2, 2.5, 1];

    [Fact]
    public void Binding_cap_without_constraints_gives_the_merit_order_and_a_zero_gap_on_a_machine_boundary()
    {
        // Cap 5 MW = A + B + 200 C machines. The optimum is then merit order at zero min profit: 1581.295 (see
        // FleetBacktesterTests). The uncapped optima would also run all of C at t0 and t5, so the cap binds; the
        // per-interval bound fills the cap in merit order and equals the heuristic here.
        var m = SiteBacktesterTests.Market([50, 62.5, 124.99, 125, 156.25, -10]);
        var site = SiteModel.FromFleet(new FleetSpec([new(C, 400), new(A, 800), new(B, 1000)], SiteCapMw: 5), new SiteCommercials());
        var r = SiteComparison.Run(m, site, new ThresholdStrategy());
        Assert.True(r.OptimumBound.CapBinds);
        Assert.False(r.OptimumBound.IsExact);
        Assert.Equal(1581.295, r.Optimal.ProfitAfterRestartsUsd, Tol);
        Assert.Equal(1581.295, r.OptimumBound.UpperBoundUsd, Tol);
        Assert.Equal(0.0, r.OptimumBound.GapUsd, Tol);
        Assert.Equal(1581.295, r.Strategy.ProfitAfterRestartsUsd, Tol);
        Assert.Equal(0.0, r.RegretUsd, Tol);
        Assert.Equal([0.5, 0, 0, 0, 0, 0.5], r.Optimal.Fleet.MwRunning[2]);
    }

    [Fact]
    public void Cap_that_does_not_bind_keeps_the_exact_per_model_optimum()
    {
        // C is never profitable (prices ≥ 62.5), so A + B = 4.5 MW never reach the 5 MW cap.
        var prices = new double[] { 100, 62.5, 130, 200, 140, 90 };
        var m = SiteBacktesterTests.Market(prices);
        var site = SiteModel.FromFleet(new FleetSpec([new(C, 400), new(A, 800), new(B, 1000)], SiteCapMw: 5), new SiteCommercials());
        var c = new OptimalOptions(MinUpIntervals: 2, MinDownIntervals: 2, RestartCostUsdPerMw: 10);
        var r = SiteComparison.Run(m, site, new ThresholdStrategy(), c);
        Assert.False(r.OptimumBound.CapBinds);
        Assert.True(r.OptimumBound.IsExact);
        Assert.Equal(0.0, r.OptimumBound.GapUsd);
        // Independent per-model brute force: the sum of the models' optima.
        double expected = 0;
        for (int k = 0; k < 3; k++) expected += BruteForce(Net(prices, k), 10 * Mw[k], c);
        Assert.Equal(expected, r.Optimal.ProfitAfterRestartsUsd, Tol);
        Assert.Equal(expected, r.OptimumBound.UpperBoundUsd, Tol);
    }

    [Fact]
    public void Binding_cap_with_switching_constraints_gives_a_feasible_schedule_within_its_reported_bound()
    {
        var rng = new Random(3);
        var prices = TestData.RandomPrices(rng, 11, baseLevel: 100, noise: 70);
        var m = SiteBacktesterTests.Market(prices);
        const double cap = 3.3, restart = 25;
        var site = SiteModel.FromFleet(new FleetSpec([new(C, 400), new(A, 800), new(B, 1000)], SiteCapMw: cap), new SiteCommercials());
        var c = new OptimalOptions(MinUpIntervals: 3, MinDownIntervals: 2, RestartCostUsdPerMw: restart);
        var r = SiteComparison.Run(m, site, new ThresholdStrategy(), c);
        Assert.True(r.OptimumBound.CapBinds);
        Assert.False(r.OptimumBound.IsExact);

        var opt = r.Optimal.Fleet;
        double profit = 0, restarts = 0;
        for (int k = 0; k < 3; k++)
        {
            var x = opt.MwRunning[k].Select(v => v / Mw[k]).ToArray();
            Assert.True(Schedules.Feasible(x.Select(v => v > 0 ? 1.0 : 0).ToArray(), 3, 2, true, null), $"model {k} breaks min up/down");
            double prev = 1;
            for (int t = 0; t < prices.Length; t++)
            {
                profit += opt.MwRunning[k][t] * (Breakeven[k] - prices[t]);
                restarts += Math.Max(0, x[t] - prev) * restart * Mw[k];
                prev = x[t];
            }
        }
        for (int t = 0; t < prices.Length; t++) Assert.True(opt.MwRunning.Sum(a => a[t]) <= cap + 1e-9, $"cap exceeded at {t}");
        Assert.Equal(profit - restarts, r.Optimal.ProfitAfterRestartsUsd, Tol);

        // Upper bound, computed independently: min(Σ per-model brute-force optima without min up/down, Σ_t merit-order
        // fill of the cap).
        double uncapped = 0;
        for (int k = 0; k < 3; k++) uncapped += BruteForce(Net(prices, k), restart * Mw[k], new OptimalOptions(RestartCostUsdPerMw: restart));
        double perInterval = 0;
        for (int t = 0; t < prices.Length; t++)
        {
            double room = cap;
            for (int k = 0; k < 3; k++)
            {
                double margin = Breakeven[k] - prices[t];
                if (margin <= 0) continue;
                double mw = Math.Min(room, Mw[k]);
                perInterval += mw * margin;
                room -= mw;
            }
        }
        double bound = Math.Min(uncapped, perInterval);
        Assert.Equal(bound, r.OptimumBound.UpperBoundUsd, Tol);
        Assert.True(r.Optimal.ProfitAfterRestartsUsd <= bound + Tol);
        Assert.Equal(bound - r.Optimal.ProfitAfterRestartsUsd, r.OptimumBound.GapUsd, Tol);
        // The heuristic is at least as good as always-on and as the threshold strategy charged for its restarts.
        Assert.True(r.Optimal.ProfitAfterRestartsUsd >= r.AlwaysOn.ProfitAfterRestartsUsd - Tol);
        Assert.True(r.Optimal.ProfitAfterRestartsUsd >= r.Strategy.ProfitAfterRestartsUsd - Tol);
    }

    [Fact]
    public void Restart_costs_are_charged_per_model_at_its_MW()
    {
        // No cap. Prices 100, 140, 100: A (156.25) runs throughout; B (125) stops at 140 and restarts: one restart of
        // 2.5 MW × 8 $/MW = 20 $; C never runs (initially on, so one stop and no start).
        var m = SiteBacktesterTests.Market([100, 140, 100]);
        var site = SiteModel.FromFleet(new FleetSpec([new(C, 400), new(A, 800), new(B, 1000)]), new SiteCommercials());
        var r = SiteComparison.Run(m, site, new ThresholdStrategy(), new OptimalOptions(RestartCostUsdPerMw: 8));
        Assert.Equal([0, 1, 0], r.Strategy.TrancheSwitching.Select(s => s.Starts));
        Assert.Equal([0, 1, 1], r.Strategy.TrancheSwitching.Select(s => s.Stops));
        Assert.Equal(20.0, r.Strategy.Switching.RestartCostUsd, Tol);
        double profit = 2 * (56.25 + 16.25 + 56.25) + 2.5 * (25 + 25);
        Assert.Equal(profit - 20, r.Strategy.ProfitAfterRestartsUsd, Tol);
        // The optimum does the same: keeping B on through 140 would lose 2.5 × 15 = 37.5, more than the 20 restart.
        Assert.Equal(profit - 20, r.Optimal.ProfitAfterRestartsUsd, Tol);
        Assert.True(r.OptimumBound.IsExact);
    }

    /// <summary>Net of model k per interval at 1 h: MW × (breakeven − price).</summary>
    private static double[] Net(double[] prices, int k) => prices.Select(p => Mw[k] * (Breakeven[k] - p)).ToArray();

    /// <summary>Best objective over every 0/1 schedule that respects the constraints (initially on, long enough).</summary>
    private static double BruteForce(double[] net, double startCost, OptimalOptions c)
    {
        int n = net.Length;
        double? best = null;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            var run = Enumerable.Range(0, n).Select(t => (mask >> t & 1) == 1 ? 1.0 : 0).ToArray();
            if (!Schedules.Feasible(run, c.MinUpIntervals, c.MinDownIntervals, c.InitiallyOn, c.InitialIntervalsInState)) continue;
            double v = Schedules.Objective(run, net, startCost, c.InitiallyOn);
            if (best is null || v > best) best = v;
        }
        return best ?? throw new InvalidOperationException("No feasible schedule.");
    }
}
