using Google.OrTools.LinearSolver;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;
using LinExpr = Google.OrTools.LinearSolver.LinearExpr;

namespace MiningDispatch.Core.Tests.Strategies;

/// <summary>
/// The DP optimum against a mixed-integer program solved by SCIP (OR-Tools), using the tight start-up/shut-down
/// formulation of docs/dotnet-libraries-here.md §3 plus a start cost and the same initial condition.
/// </summary>
public class OptimalMilpTests
{
    /// <summary>max Σ net_t x_t − sc Σ u_t s.t. x_t − x_{t−1} = u_t − d_t, u_t + d_t ≤ 1, Σ_{last UT} u ≤ x_t, Σ_{last DT} d ≤ 1 − x_t.</summary>
    private static (double Objective, double[] Run) SolveMilp(double[] net, double sc, OptimalOptions o)
    {
        int n = net.Length, up = o.MinUpIntervals, down = o.MinDownIntervals;
        using Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP not available");
        Variable[] x = solver.MakeBoolVarArray(n, "x"), u = solver.MakeBoolVarArray(n, "u"), d = solver.MakeBoolVarArray(n, "d");
        double x0 = o.InitiallyOn ? 1 : 0;
        for (int t = 0; t < n; t++)
        {
            if (t == 0) solver.Add(x[0] - x0 == u[0] - d[0]);
            else solver.Add(x[t] - x[t - 1] == u[t] - d[t]);
            solver.Add(u[t] + d[t] <= 1);
            var ups = new LinExpr();
            var downs = new LinExpr();
            for (int k = Math.Max(0, t - up + 1); k <= t; k++) ups += u[k];
            for (int k = Math.Max(0, t - down + 1); k <= t; k++) downs += d[k];
            solver.Add(ups <= x[t]);
            solver.Add(downs <= 1 - x[t]);
        }
        // Initial time in state shorter than the minimum: the state is held for the remainder.
        if (o.InitialIntervalsInState is int age)
        {
            int hold = (o.InitiallyOn ? up : down) - age;
            for (int t = 0; t < Math.Min(hold, n); t++) solver.Add(x[t] == x0);
        }
        Objective obj = solver.Objective();
        for (int t = 0; t < n; t++)
        {
            obj.SetCoefficient(x[t], net[t]);
            obj.SetCoefficient(u[t], -sc);
        }
        obj.SetMaximization();
        var prm = new MPSolverParameters();
        prm.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-12);
        var status = solver.Solve(prm);
        Assert.Equal(Solver.ResultStatus.OPTIMAL, status);
        return (obj.Value(), x.Select(v => Math.Round(v.SolutionValue())).ToArray());
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Dp_objective_equals_the_milp_optimum_on_30_random_cases()
    {
        var rng = new Random(424242);
        int changedByConstraints = 0;
        for (int c = 0; c < 30; c++)
        {
            int n = rng.Next(24, 201);
            double mw = Math.Round(5 + rng.NextDouble() * 95, 1);
            var prices = TestData.RandomPrices(rng, n, baseLevel: 70, noise: 50);
            var hp = Enumerable.Range(0, n).Select(_ => 0.04 + rng.NextDouble() * 0.02).ToArray();
            var m = TestData.Hourly(TestData.Utc(2024, 8, 1), prices, hp);
            var problem = new DispatchProblem(m, new SiteSpec(new Megawatts(mw), new WattsPerTerahash(15 + rng.NextDouble() * 15), 0.02, new UsdPerMWh(4)));
            var options = new OptimalOptions(
                MinUpIntervals: rng.Next(1, 7),
                MinDownIntervals: rng.Next(1, 7),
                RestartCostUsdPerMw: rng.NextDouble() < 0.2 ? 0 : Math.Round(rng.NextDouble() * 300, 2),
                InitiallyOn: rng.NextDouble() < 0.6)
            { InitialIntervalsInState = rng.NextDouble() < 0.7 ? null : rng.Next(1, 7) };
            var strategy = new OptimalStrategy(options);
            double sc = strategy.StartCostUsd(problem);
            Assert.Equal(options.RestartCostUsdPerMw * mw, sc, 1e-9);

            var dp = strategy.Solve(problem);
            var (milp, milpRun) = SolveMilp(problem.Net, sc, options);

            string ctx = $"case {c}: n={n} {options}";
            double tol = 1e-6 * Math.Max(1, Math.Abs(milp));
            Assert.True(Math.Abs(dp.ObjectiveUsd - milp) <= tol, $"{ctx}: DP {dp.ObjectiveUsd} vs MILP {milp}");
            // The MILP schedule, re-valued independently, reaches the same value, and both schedules are feasible.
            Assert.True(Schedules.Feasible(milpRun, options.MinUpIntervals, options.MinDownIntervals, options.InitiallyOn, options.InitialIntervalsInState), $"{ctx}: MILP schedule infeasible");
            Assert.True(Schedules.Feasible(dp.Run, options.MinUpIntervals, options.MinDownIntervals, options.InitiallyOn, options.InitialIntervalsInState), $"{ctx}: DP schedule infeasible");
            Assert.Equal(milp, Schedules.Objective(milpRun, problem.Net, sc, options.InitiallyOn), tol);
            Assert.Equal(dp.ObjectiveUsd, Schedules.Objective(dp.Run, problem.Net, sc, options.InitiallyOn), tol);

            var free = OptimalDispatch.Solve(problem.Net, 0, OptimalOptions.None with { InitiallyOn = options.InitiallyOn });
            if (free.ObjectiveUsd > dp.ObjectiveUsd + 1e-6) changedByConstraints++;
        }
        Assert.True(changedByConstraints >= 20, $"only {changedByConstraints} of 30 cases were constrained");
    }
}
