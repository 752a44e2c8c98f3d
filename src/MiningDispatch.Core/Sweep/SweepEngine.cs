using System.Collections.Concurrent;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Sweep;

/// <summary>
/// Sensitivity sweeps of the threshold rule (docs/mining-economics.md §3.1): thousands of scenarios of efficiency,
/// hashprice multiplier, power price adder and minimum-profit threshold over the same market series.
/// <para>
/// Each scenario's result equals <see cref="Backtest.Backtester.Run"/> with <see cref="Strategies.Threshold.ThresholdStrategy"/>
/// on the market with hashprice × multiplier and a site with that efficiency, adder and minimum profit (the site's
/// capacity and pool fee are kept): see <see cref="SweepKernel"/> for the rule and why decisions match exactly.
/// The work is flat arrays and SIMD over L1-sized blocks of intervals, chunks of scenarios in parallel; nothing is allocated per interval.
/// </para>
/// <example>
/// <code>
/// var spec = new SweepSpec(SweepSpec.Steps(12, 30, 10), SweepSpec.Steps(0.6, 1.4, 10), SweepSpec.Steps(0, 20, 10), SweepSpec.Steps(0, 500, 10));
/// var result = SweepEngine.Run(market, site, spec);   // 10,000 scenarios
/// var best = result.Scenarios.MaxBy(s => s.ProfitUsd);
/// </code>
/// </example>
/// </summary>
public static class SweepEngine
{
    /// <summary>
    /// Floating-point operations the sweep's inner loop executes per scenario and interval (a fused multiply-add counts
    /// two): the figure a benchmark multiplies by scenarios × intervals ÷ time to compare with the machine's vector peak.
    /// </summary>
    public const int FlopsPerScenarioInterval = SweepKernel.FlopsPerEvaluation;

    /// <summary>Runs every scenario of a full-factorial <paramref name="spec"/>.</summary>
    public static SweepResult Run(MarketSeries market, SiteSpec site, SweepSpec spec, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var points = new SweepPoint[spec.Count];
        for (int i = 0; i < points.Length; i++) points[i] = spec.PointAt(i);
        var scenarios = Evaluate(market, site, points, maxDegreeOfParallelism, cancellationToken);
        return new SweepResult(spec, scenarios, market.Count, market.IntervalHours);
    }

    /// <summary>Runs an explicit list of scenarios (results in the same order).</summary>
    public static SweepResult Run(MarketSeries market, SiteSpec site, IReadOnlyList<SweepPoint> points, int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var arr = points.ToArray();
        for (int i = 0; i < arr.Length; i++) arr[i].Validate(i);
        return new SweepResult(null, Evaluate(market, site, arr, maxDegreeOfParallelism, cancellationToken), market.Count, market.IntervalHours);
    }

    /// <summary>The base scenario of a site: its efficiency, multiplier 1, its adder and its minimum profit.</summary>
    public static SweepPoint BasePoint(SiteSpec site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new SweepPoint(site.Efficiency.Value, 1.0, site.Adder.Value, site.MinProfitUsdPerHour);
    }

    /// <summary>
    /// Default tornado ranges around a site: efficiency ±15 %, hashprice ×0.75/×1.25, adder ±$5/MWh, and minimum
    /// profit from base to base + $10/MWh × capacity.
    /// </summary>
    public static IReadOnlyList<TornadoRange> DefaultTornadoRanges(SiteSpec site)
    {
        var b = BasePoint(site);
        return
        [
            new(SweepParameter.Efficiency, b.EfficiencyWPerTh * 0.85, b.EfficiencyWPerTh * 1.15),
            new(SweepParameter.HashpriceMultiplier, 0.75, 1.25),
            new(SweepParameter.PriceAdder, b.PriceAdderUsdPerMWh - 5, b.PriceAdderUsdPerMWh + 5),
            new(SweepParameter.MinProfit, b.MinProfitUsdPerHour, b.MinProfitUsdPerHour + 10 * site.Capacity.Value),
        ];
    }

    /// <summary>Tornado data: for each range, profit at its low and high value with the other parameters at base; bars sorted by swing, largest first.</summary>
    public static TornadoResult Tornado(MarketSeries market, SiteSpec site, IReadOnlyList<TornadoRange>? ranges = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ranges ??= DefaultTornadoRanges(site);
        if (ranges.Count == 0) throw new ArgumentException("A tornado needs at least one parameter range.");
        var b = BasePoint(site);
        var points = new List<SweepPoint> { b };
        foreach (var r in ranges)
        {
            ArgumentNullException.ThrowIfNull(r);
            points.Add(Checked(b.With(r.Parameter, r.Low), r.Parameter, "tornado low value"));
            points.Add(Checked(b.With(r.Parameter, r.High), r.Parameter, "tornado high value"));
        }
        return TornadoResult.From(b, ranges, Run(market, site, points).Scenarios);
    }

    /// <summary>A 2-D grid over two parameters (e.g. efficiency × hashprice multiplier) with the others at the site's base values.</summary>
    public static ProfitGrid Grid(MarketSeries market, SiteSpec site, SweepParameter rowParameter, double[] rowValues,
        SweepParameter columnParameter, double[] columnValues)
    {
        ArgumentNullException.ThrowIfNull(rowValues);
        ArgumentNullException.ThrowIfNull(columnValues);
        if (rowParameter == columnParameter) throw new ArgumentException($"The grid needs two different parameters (both are {rowParameter}).");
        if (rowValues.Length == 0 || columnValues.Length == 0) throw new ArgumentException("Both grid axes need at least one value.");
        var b = BasePoint(site);
        var points = new SweepPoint[rowValues.Length * columnValues.Length];
        for (int i = 0; i < rowValues.Length; i++)
            for (int j = 0; j < columnValues.Length; j++)
                points[i * columnValues.Length + j] = Checked(Checked(b.With(rowParameter, rowValues[i]), rowParameter, $"grid row {i}")
                    .With(columnParameter, columnValues[j]), columnParameter, $"grid column {j}");
        return ProfitGrid.From(rowParameter, rowValues, columnParameter, columnValues, Run(market, site, points).Scenarios);
    }

    private static SweepPoint Checked(SweepPoint point, SweepParameter parameter, string where)
    {
        if (parameter == SweepParameter.SiteCap)
            throw new ArgumentException($"The site cap ({where}) is an axis of a fleet; a single site sweeps its size with --mw, a fleet with FleetSweep.");
        try
        {
            point.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{SweepParameters.Label(parameter)} ({where}): {e.Message}", e);
        }
        return point;
    }

    /// <summary>Sum with one accumulator per SIMD lane (a single running sum is a chain of dependent adds).</summary>
    internal static double Sum(ReadOnlySpan<double> values)
    {
        var acc = System.Numerics.Vector<double>.Zero;
        int w = System.Numerics.Vector<double>.Count, i = 0;
        for (; i <= values.Length - w; i += w) acc += new System.Numerics.Vector<double>(values[i..]);
        double sum = System.Numerics.Vector.Sum(acc);
        for (; i < values.Length; i++) sum += values[i];
        return sum;
    }

    private static SweepScenarioResult[] Evaluate(MarketSeries market, SiteSpec site, SweepPoint[] points, int? maxDegreeOfParallelism,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        site.Validate();
        if (market.Count == 0) throw new ArgumentException("No intervals to sweep: the market series is empty.");
        if (maxDegreeOfParallelism is < 1) throw new ArgumentException("Max degree of parallelism must be at least 1.");
        double[] hp = market.HashpriceUsdPerThDay, price = market.PriceUsdPerMWh;
        double mw = site.Capacity.Value, dt = market.IntervalHours, fee = site.PoolFee;
        int n = market.Count;
        double totalHours = n * dt;
        double hpMean = Sum(hp) / n;
        var stats = SweepKernel.MarketStats.Of(hp, price);
        var results = new SweepScenarioResult[points.Length];
        // Null: the scheduler decides (Core does not ask the machine for its core count); the chunks are then sized
        // for up to 16 threads. Scenarios are independent, so neither changes a result.
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };
        cancellationToken.ThrowIfCancellationRequested();
        int ways = maxDegreeOfParallelism ?? 16;
        int chunk = Math.Max(1, Math.Min(256, points.Length / (4 * ways) + 1));
        // One chunk or one thread: no parallel loop to set up (it costs more than a one-scenario year).
        if (ways == 1 || points.Length <= chunk) EvaluateRange(0, points.Length);
        else Parallel.ForEach(Partitioner.Create(0, points.Length, chunk), po, range => EvaluateRange(range.Item1, range.Item2));
        return results;

        void EvaluateRange(int from, int to)
        {
            var totals = new SweepKernel.Totals[to - from];
            SweepKernel.Evaluate(hp, price, mw, dt, fee, stats, points.AsSpan(from, to - from), totals);
            for (int s = from; s < to; s++)
            {
                var pt = points[s];
                var t = totals[s - from];
                double opHours = t.RunIntervals * dt;
                results[s] = new SweepScenarioResult(
                    Point: pt,
                    ProfitUsd: t.Revenue - t.Cost,
                    RevenueUsd: t.Revenue,
                    PowerCostUsd: t.Cost,
                    OperatingHours: opHours,
                    UptimePct: 100.0 * opHours / totalHours,
                    EnergyMWh: opHours * mw,
                    AlwaysOnProfitUsd: t.AlwaysOnRevenue - t.AlwaysOnCost,
                    MeanBreakevenUsdPerMWh: MiningEconomics.Breakeven(hpMean * pt.HashpriceMultiplier, MiningEconomics.BreakevenFactor(fee, pt.EfficiencyWPerTh)));
            }
        }
    }
}
