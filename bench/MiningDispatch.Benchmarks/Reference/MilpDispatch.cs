using Google.OrTools.LinearSolver;
using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.Benchmarks.Reference;

/// <summary>The MILP's answer: objective, schedule and solver status.</summary>
internal sealed record MilpResult(double Objective, double[] Run, string Status, double BuildSeconds, double SolveSeconds);

/// <summary>
/// The reference for the optimal-dispatch figures: the same problem as <see cref="OptimalDispatch"/> as a mixed-integer
/// program solved by SCIP through Google OR-Tools. Binary on/start/stop per interval with the tight start-up/shut-down
/// formulation of minimum up and down times:
/// max Σ net_t·x_t − c·Σ u_t, x_t − x_{t−1} = u_t − d_t, u_t + d_t ≤ 1, Σ_{k=t−U+1..t} u_k ≤ x_t, Σ_{k=t−D+1..t} d_k ≤ 1 − x_t,
/// with x_{−1} given by <see cref="OptimalOptions.InitiallyOn"/> and no history before t = 0 (the DP's default).
/// The optimality gap is set to zero so the solver proves the optimum.
/// </summary>
internal static class MilpDispatch
{
    public static MilpResult Solve(ReadOnlySpan<double> net, double startCostUsd, OptimalOptions options, double timeLimitSeconds = 300)
    {
        if (options.InitialIntervalsInState is not null) throw new NotSupportedException("The MILP reference models 'long enough in the initial state' only.");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        int n = net.Length, up = options.MinUpIntervals, down = options.MinDownIntervals;
        using Solver solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("OR-Tools has no SCIP solver in this build.");
        var x = new Variable[n];
        var u = new Variable[n];
        var d = new Variable[n];
        for (int t = 0; t < n; t++)
        {
            x[t] = solver.MakeBoolVar("");
            u[t] = solver.MakeBoolVar("");
            d[t] = solver.MakeBoolVar("");
        }
        double initial = options.InitiallyOn ? 1 : 0;
        for (int t = 0; t < n; t++)
        {
            // x_t − x_{t−1} − u_t + d_t = 0  (x_{−1} moved to the right-hand side)
            double rhs = t == 0 ? -initial : 0;
            var link = solver.MakeConstraint(rhs, rhs, "");
            link.SetCoefficient(x[t], 1);
            if (t > 0) link.SetCoefficient(x[t - 1], -1);
            link.SetCoefficient(u[t], -1);
            link.SetCoefficient(d[t], 1);
            var once = solver.MakeConstraint(double.NegativeInfinity, 1, "");
            once.SetCoefficient(u[t], 1);
            once.SetCoefficient(d[t], 1);
            if (up > 1)
            {
                var c = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                for (int k = Math.Max(0, t - up + 1); k <= t; k++) c.SetCoefficient(u[k], 1);
                c.SetCoefficient(x[t], -1);
            }
            if (down > 1)
            {
                var c = solver.MakeConstraint(double.NegativeInfinity, 1, "");
                for (int k = Math.Max(0, t - down + 1); k <= t; k++) c.SetCoefficient(d[k], 1);
                c.SetCoefficient(x[t], 1);
            }
        }
        var obj = solver.Objective();
        for (int t = 0; t < n; t++)
        {
            obj.SetCoefficient(x[t], net[t]);
            if (startCostUsd != 0) obj.SetCoefficient(u[t], -startCostUsd);
        }
        obj.SetMaximization();
        solver.SetTimeLimit((long)(timeLimitSeconds * 1000));
        double build = sw.Elapsed.TotalSeconds;
        using var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        var status = solver.Solve(parameters);
        double solve = sw.Elapsed.TotalSeconds - build;
        var run = new double[n];
        if (status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE)
            for (int t = 0; t < n; t++) run[t] = x[t].SolutionValue() > 0.5 ? 1 : 0;
        double value = status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE ? obj.Value() : double.NaN;
        return new MilpResult(value, run, status.ToString(), build, solve);
    }
}
