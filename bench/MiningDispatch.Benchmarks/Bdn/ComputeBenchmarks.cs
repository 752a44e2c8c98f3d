using BenchmarkDotNet.Attributes;
using MiningDispatch.Benchmarks.Data;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Benchmarks.Reference;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.Benchmarks.Bdn;

/// <summary>The threshold rule over the synthetic 2023 year (8,760 h): one full backtest, and 10,000 scenarios.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ThresholdBenchmarks
{
    private MarketSeries _market = null!;
    private SweepSpec _spec = null!;
    private SweepPoint[] _points = [];

    [GlobalSetup]
    public void Setup()
    {
        _market = SyntheticMarket.Hourly(SyntheticMarket.Model2023());
        _spec = ComputeWorkloads.Spec10k();
        _points = Enumerable.Range(0, _spec.Count).Select(_spec.PointAt).ToArray();
    }

    [Benchmark(Description = "Backtester.Run threshold, 8,760 h, full result")]
    public double Backtest() => Backtester.Run(_market, SyntheticMarket.Site, new ThresholdStrategy()).Summary.ProfitUsd;

    [Benchmark(Description = "SweepEngine 10,000 scenarios × 8,760 h, all cores")]
    public int Sweep() => SweepEngine.Run(_market, SyntheticMarket.Site, _spec).Count;

    [Benchmark(Baseline = true, Description = "Plain scalar loop 10,000 × 8,760 h, one core")]
    public int ScalarSweepReference() => ScalarSweep.Run(_market, SyntheticMarket.Site, _points).Length;
}

/// <summary>Optimal dispatch with min up/down times and a restart cost: the DP at 8,760 h and 35,040 intervals, and the SCIP MILP at 8,760 h.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class OptimalDispatchBenchmarks
{
    private double[] _net8760 = [];
    private double[] _net35040 = [];

    [GlobalSetup]
    public void Setup()
    {
        var model = SyntheticMarket.Model2023();
        _net8760 = new DispatchProblem(SyntheticMarket.Hourly(model), SyntheticMarket.Site).Net;
        _net35040 = new DispatchProblem(SyntheticMarket.QuarterHourly(model), SyntheticMarket.Site).Net;
    }

    [Benchmark(Description = "DP 8,760 h, min up/down 4 h")]
    public double Dp8760() => OptimalDispatch.Solve(_net8760, ComputeWorkloads.StartCost, ComputeWorkloads.Hourly).ObjectiveUsd;

    [Benchmark(Description = "DP 35,040 × 15 min, min up/down 16")]
    public double Dp35040() => OptimalDispatch.Solve(_net35040, ComputeWorkloads.StartCost, ComputeWorkloads.QuarterHourly).ObjectiveUsd;

    [Benchmark(Baseline = true, Description = "SCIP MILP 8,760 h, min up/down 4 h")]
    public double Milp8760() => MilpDispatch.Solve(_net8760, ComputeWorkloads.StartCost, ComputeWorkloads.Hourly).Objective;
}
