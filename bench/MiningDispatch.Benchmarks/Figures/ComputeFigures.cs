using System.Globalization;
using MiningDispatch.Benchmarks.Data;
using MiningDispatch.Benchmarks.Reference;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>The workloads of the compute figures, shared with the BenchmarkDotNet classes.</summary>
internal static class ComputeWorkloads
{
    /// <summary>10 × 10 × 10 × 10 = 10,000 scenarios: efficiency 18–36 W/TH, hashprice ×0.6–1.5, adder $0–20/MWh, minimum profit $0–500/h.</summary>
    public static SweepSpec Spec10k() => new(SweepSpec.Steps(18, 36, 10), SweepSpec.Steps(0.6, 1.5, 10), SweepSpec.Steps(0, 20, 10), SweepSpec.Steps(0, 500, 10));

    /// <summary>Min up 4 h, min down 4 h, $50/MW per restart (start cost $500 for the 10 MW site), initially off.</summary>
    public static OptimalOptions Hourly { get; } = new(4, 4, 50, InitiallyOn: false);

    /// <summary>The same constraints in 15-minute intervals: 16 up, 16 down.</summary>
    public static OptimalOptions QuarterHourly { get; } = new(16, 16, 50, InitiallyOn: false);

    public static double StartCost => 50 * SyntheticMarket.Site.Capacity.Value;
}

/// <summary>Backtest, sweep and optimal-dispatch figures on the synthetic 2023 market.</summary>
internal static class ComputeFigures
{
    public static IEnumerable<FigureRow> Run(double milpTimeLimitSeconds, Action<string> log)
    {
        var model = SyntheticMarket.Model2023();
        var hourly = SyntheticMarket.Hourly(model);
        var quarter = SyntheticMarket.QuarterHourly(model);
        var site = SyntheticMarket.Site;
        int n = hourly.Count;
        const string G1 = "Backtest and sweep (threshold rule, 8,760 h)";

        // Reference: the plain scalar loop, one scenario and all 10,000.
        var spec = ComputeWorkloads.Spec10k();
        var points = Enumerable.Range(0, spec.Count).Select(spec.PointAt).ToArray();
        var basePoint = new[] { SweepEngine.BasePoint(site) };
        double scalarOne = Measure.PerCall(() => ScalarSweep.Run(hourly, site, basePoint));
        log("  scalar reference sweep (one core) ...");
        var scalar = Measure.Run(() => ScalarSweep.Run(hourly, site, points), runs: 2);

        // Backtester.Run: full result (per-hour arrays, monthly and daily tables, breakeven stats).
        var strategy = new ThresholdStrategy();
        double backtest = Measure.PerCall(() => Backtester.Run(hourly, site, strategy), 1.0);
        yield return new FigureRow(G1, "Backtester.Run, 1 scenario, full result", n / backtest, "hour-evals/s",
            "plain scalar loop (totals only)", n / scalarOne, (n / backtest) / (n / scalarOne),
            Note: string.Create(CultureInfo.InvariantCulture, $"{backtest * 1e3:0.00} ms per backtest; includes monthly/daily/hour-of-day tables"));

        double kernelOne = Measure.PerCall(() => SweepEngine.Run(hourly, site, basePoint, 1));
        yield return new FigureRow(G1, "Threshold rule, 1 scenario (SweepEngine)", n / kernelOne, "hour-evals/s",
            "plain scalar loop", n / scalarOne, scalarOne / kernelOne,
            Note: string.Create(CultureInfo.InvariantCulture, $"{kernelOne * 1e6:0.0} µs per scenario-year"));

        log("  SweepEngine 10,000 scenarios ...");
        var one = Measure.Run(() => SweepEngine.Run(hourly, site, spec, 1), runs: 9);
        var two = Measure.Run(() => SweepEngine.Run(hourly, site, spec), runs: 15);
        double evals = (double)spec.Count * n;
        double maxRel = 0;
        for (int i = 0; i < points.Length; i++)
        {
            double a = two.Result.Scenarios[i].ProfitUsd, b = scalar.Result[i];
            maxRel = Math.Max(maxRel, Math.Abs(a - b) / Math.Max(1, Math.Abs(b)));
        }
        yield return new FigureRow(G1, $"Sweep 10,000 scenarios, {Environment.ProcessorCount} cores: time", two.Best, "s",
            "plain scalar loop, 1 core", scalar.Best, scalar.Best / two.Best, "< 1 s", two.Best < 1.0,
            string.Create(CultureInfo.InvariantCulture, $"{two.Range()}; profits agree with the scalar loop to {maxRel:0.0e0} (relative)"));
        yield return new FigureRow(G1, $"Sweep 10,000 scenarios, {Environment.ProcessorCount} cores: rate", evals / two.Best, "hour-evals/s",
            "plain scalar loop, 1 core", evals / scalar.Best, scalar.Best / two.Best);
        yield return new FigureRow(G1, "Sweep 10,000 scenarios, 1 core: time", one.Best, "s",
            "plain scalar loop, 1 core", scalar.Best, scalar.Best / one.Best,
            Note: string.Create(CultureInfo.InvariantCulture, $"{one.Range()}; scaling 1 → {Environment.ProcessorCount} cores: {one.Best / two.Best:0.00}×"));

        // Share of the machine's vector peak, measured in this run: the kernel's executed FLOPs over time against FMA chains.
        log("  vector peak (FMA chains, one core and all cores) ...");
        var peak = VectorPeak.Measure();
        double flops = evals * SweepEngine.FlopsPerScenarioInterval;
        double pctAll = 100 * flops / two.Best / peak.FlopsAllCores, pctOne = 100 * flops / one.Best / peak.FlopsOneCore;
        string how = string.Create(CultureInfo.InvariantCulture,
            $"{SweepEngine.FlopsPerScenarioInterval} FLOP per scenario-hour (FMA = 2); peak: {peak.Width} FMA chains ({peak.Lanes} lanes)");
        yield return new FigureRow(G1, $"Sweep 10,000 scenarios, {Environment.ProcessorCount} cores: share of vector peak", pctAll, "%",
            "machine peak, GFLOP/s, all cores", peak.FlopsAllCores / 1e9, null, "≥ 40 %", pctAll >= 40,
            string.Create(CultureInfo.InvariantCulture, $"{flops / two.Best / 1e9:0.0} GFLOP/s at best time; range over runs {100 * flops / two.Worst / peak.FlopsAllCores:0}–{pctAll:0} %; {how}"));
        yield return new FigureRow(G1, "Sweep 10,000 scenarios, 1 core: share of vector peak", pctOne, "%",
            "machine peak, GFLOP/s, one core", peak.FlopsOneCore / 1e9, null, "≥ 40 %", pctOne >= 40,
            string.Create(CultureInfo.InvariantCulture, $"{flops / one.Best / 1e9:0.0} GFLOP/s at best time; range over runs {100 * flops / one.Worst / peak.FlopsOneCore:0}–{pctOne:0} %"));

        const string G2 = "Optimal dispatch (min up/down, restart cost) vs OR-Tools MILP";
        foreach (var (market, options, label) in new[]
        {
            (hourly, ComputeWorkloads.Hourly, "8,760 h, min up/down 4 h"),
            (quarter, ComputeWorkloads.QuarterHourly, "35,040 × 15 min, min up/down 16 intervals"),
        })
        {
            var net = new DispatchProblem(market, site).Net;
            double cost = ComputeWorkloads.StartCost;
            var dpSolution = OptimalDispatch.Solve(net, cost, options);
            double dp = Measure.PerCall(() => OptimalDispatch.Solve(net, cost, options));
            log($"  MILP {label} (SCIP, limit {milpTimeLimitSeconds:0} s) ...");
            var milp = MilpDispatch.Solve(net, cost, options, milpTimeLimitSeconds);
            double milpTotal = milp.BuildSeconds + milp.SolveSeconds;
            double diff = Math.Abs(milp.Objective - dpSolution.ObjectiveUsd);
            bool same = milp.Status == "OPTIMAL" && diff <= 1e-6 * Math.Max(1, Math.Abs(dpSolution.ObjectiveUsd));
            bool timedOut = milp.Status != "OPTIMAL" && milp.SolveSeconds >= 0.99 * milpTimeLimitSeconds;
            string note = FormattableString.Invariant(
                $"DP objective {dpSolution.ObjectiveUsd:#,0.00} USD, {dpSolution.Starts} starts; MILP {milp.Status} {milp.Objective:#,0.00} USD (build {milp.BuildSeconds:0.00} s + solve {milp.SolveSeconds:0.00} s){(same ? "; same optimum" : timedOut ? "; the MILP hit its time limit: the ratio is a lower bound" : "; OBJECTIVES DIFFER")}");
            yield return new FigureRow(G2, $"DP {label}", dp * 1e3, "ms",
                "SCIP MILP (ms)", milpTotal * 1e3, milpTotal / dp, "≥ 100× faster", milpTotal / dp >= 100 && (same || timedOut), note);
        }
    }
}
