using Google.OrTools.LinearSolver;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using LinExpr = Google.OrTools.LinearSolver.LinearExpr;

namespace MiningDispatch.Core.Tests.Fleet;

/// <summary>
/// The capped site optimum against the true optimum of the same problem, a mixed-integer program solved by SCIP:
/// machines running per model and interval (whole machines, under the cap), each model's on state (any machine
/// running) obeying min up/down, restarts charged per machine started. The heuristic must be feasible and no better
/// than the MILP, and the reported upper bound no worse.
/// </summary>
public class SiteOptimumMilpTests
{
    // Breakevens at 3/32 $/TH/day: A 156.25, B 125, C 62.5 $/MWh. 8 + 10 + 4 machines of 2,500 W.
    private static readonly (MinerModel Model, int Count)[] Models = [(new("A", 100, 2500), 8), (new("B", 80, 2500), 10), (new("C", 40, 2500), 4)];

    private static double Milp(double[] prices, double capMw, OptimalOptions o)
    {
        int n = prices.Length;
        using Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP not available");
        var objective = new LinExpr();
        var load = Enumerable.Range(0, n).Select(_ => new LinExpr()).ToArray();
        foreach (var (model, count) in Models)
        {
            Variable[] m = solver.MakeIntVarArray(n, 0, count, "n"), x = solver.MakeBoolVarArray(n, "x");
            Variable[] u = solver.MakeBoolVarArray(n, "u"), d = solver.MakeBoolVarArray(n, "d"), r = solver.MakeNumVarArray(n, 0, count, "r");
            double x0 = o.InitiallyOn ? 1 : 0, m0 = o.InitiallyOn ? count : 0;
            double restartPerMachine = o.RestartCostUsdPerMw * model.Watts / 1e6;
            for (int t = 0; t < n; t++)
            {
                solver.Add(t == 0 ? x[0] - x0 == u[0] - d[0] : x[t] - x[t - 1] == u[t] - d[t]);
                solver.Add(u[t] + d[t] <= 1);
                var ups = new LinExpr();
                var downs = new LinExpr();
                for (int k = Math.Max(0, t - o.MinUpIntervals + 1); k <= t; k++) ups += u[k];
                for (int k = Math.Max(0, t - o.MinDownIntervals + 1); k <= t; k++) downs += d[k];
                solver.Add(ups <= x[t]);
                solver.Add(downs <= 1 - x[t]);
                solver.Add(m[t] <= count * x[t]);
                solver.Add(m[t] >= x[t]);
                solver.Add(t == 0 ? r[0] >= m[0] - m0 : r[t] >= m[t] - m[t - 1]);
                // Per machine and hour: TH × hp / 24 − W / 1e6 × price.
                double net = model.TerahashPerSecond * 0.09375 / 24 - model.Watts / 1e6 * prices[t];
                objective += net * m[t] - restartPerMachine * r[t];
                load[t] += model.Watts * m[t];
            }
        }
        for (int t = 0; t < n; t++) solver.Add(load[t] <= capMw * 1e6 + 1e-3);
        solver.Maximize(objective);
        var prm = new MPSolverParameters();
        prm.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-12);
        Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve(prm));
        return solver.Objective().Value();
    }

    [Fact]
    public void Capped_heuristic_is_feasible_below_the_milp_optimum_and_the_bound_is_above_it()
    {
        var rng = new Random(99);
        int tried = 0, exactMatches = 0;
        for (int c = 0; c < 8; c++)
        {
            int n = rng.Next(8, 15);
            var prices = TestData.RandomPrices(rng, n, baseLevel: 110, noise: 60);
            var options = new OptimalOptions(MinUpIntervals: rng.Next(1, 4), MinDownIntervals: rng.Next(1, 4),
                RestartCostUsdPerMw: Math.Round(rng.NextDouble() * 120, 1), InitiallyOn: rng.NextDouble() < 0.7);
            double cap = 0.0325 + 0.005 * rng.Next(0, 3);   // 13 to 17 machines of 2,500 W out of 22
            var fleet = new FleetSpec(Models.Select(m => new FleetTranche(m.Model, m.Count)).ToList(), cap);
            var r = SiteComparison.Run(SiteBacktesterTests.Market(prices), SiteModel.FromFleet(fleet, new SiteCommercials()), new ThresholdStrategy(), options);
            if (!r.OptimumBound.CapBinds) continue;
            tried++;
            double milp = Milp(prices, cap, options);
            double heuristic = r.Optimal.ProfitAfterRestartsUsd;
            Assert.True(r.Optimal.Switching.IsFeasible, $"case {c}: heuristic breaks min up/down");
            for (int t = 0; t < n; t++) Assert.True(r.Optimal.Fleet.MwRunning.Sum(a => a[t]) <= cap + 1e-9, $"case {c}: cap exceeded at {t}");
            Assert.True(heuristic <= milp + 1e-6, $"case {c}: heuristic {heuristic} above the MILP optimum {milp}");
            Assert.True(milp <= r.OptimumBound.UpperBoundUsd + 1e-6, $"case {c}: MILP optimum {milp} above the bound {r.OptimumBound.UpperBoundUsd}");
            Assert.Equal(r.OptimumBound.UpperBoundUsd - heuristic, r.OptimumBound.GapUsd, 1e-9);
            if (Math.Abs(milp - heuristic) < 1e-6) exactMatches++;
        }
        Assert.True(tried >= 5, $"only {tried} cases had a binding cap");
        Assert.True(exactMatches >= 1, "the heuristic should reach the optimum on some small cases");
    }
}
