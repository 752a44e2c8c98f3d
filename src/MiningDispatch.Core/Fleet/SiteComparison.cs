using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>A site result with its switching statistics, per model and summed over models.</summary>
/// <param name="Fleet">The result, with the per-model breakdown.</param>
/// <param name="TrancheSwitching">Switching of each model (merit order), measured on its running fraction with the
/// restart cost charged per model: $/MW per start × tranche MW.</param>
/// <param name="Switching">Sums over models: starts, stops, restart cost, min up/down violations.</param>
public sealed record SiteComparedRun(FleetBacktestResult Fleet, IReadOnlyList<SwitchingStats> TrancheSwitching, SwitchingStats Switching)
{
    /// <summary>Backtest profit minus the restart costs of every model.</summary>
    public double ProfitAfterRestartsUsd => Fleet.Result.Summary.ProfitUsd - Switching.RestartCostUsd;

    /// <summary>The run as a single-site <see cref="ComparedRun"/> (site totals).</summary>
    public ComparedRun Totals => new(Fleet.Result, Switching);
}

/// <summary>
/// How the site's perfect-foresight optimum was found and how far it can be from the true optimum.
/// </summary>
/// <param name="CapBinds">True when the uncoupled per-model optima together exceed the site cap in some interval.</param>
/// <param name="IsExact">True when the reported optimum is the true optimum: the cap does not bind, so each model's
/// exact DP (<see cref="OptimalDispatch"/>) is optimal for the site.</param>
/// <param name="Method">A short description of how the schedule was found.</param>
/// <param name="ProfitAfterRestartsUsd">The reported optimum's profit after restart costs (plus the on-value of its MW
/// running when the optimum was given one, so that it compares with <paramref name="UpperBoundUsd"/>).</param>
/// <param name="UpperBoundUsd">A value no schedule under the cap and the switching constraints can beat: the smaller of
/// the sum of the uncapped per-model optima (with a binding cap, without the min up/down times, which a model running
/// part of its machines could otherwise sidestep) and the per-interval bound (cap filled in merit order, fractional
/// machines allowed, with every profitable model, ignoring switching).</param>
public sealed record OptimumBound(bool CapBinds, bool IsExact, string Method, double ProfitAfterRestartsUsd, double UpperBoundUsd)
{
    /// <summary>Upper bound minus the reported optimum (≥ 0 up to rounding; 0 when exact).</summary>
    public double GapUsd => IsExact ? 0 : Math.Max(0, UpperBoundUsd - ProfitAfterRestartsUsd);

    /// <summary>Gap as a percentage of |upper bound|; null when the bound is zero.</summary>
    public double? GapPct => UpperBoundUsd != 0 ? 100.0 * GapUsd / Math.Abs(UpperBoundUsd) : null;
}

/// <summary>A strategy next to always-on and the perfect-foresight optimum on a whole site, per model and in total.</summary>
public sealed record SiteComparisonResult(SiteComparedRun Strategy, SiteComparedRun AlwaysOn, SiteComparedRun Optimal,
    OptimalOptions Constraints, OptimumBound OptimumBound)
{
    /// <summary>The site totals as a single-site comparison (same regret and captured uplift).</summary>
    public StrategyComparisonResult Totals => new(Strategy.Totals, AlwaysOn.Totals, Optimal.Totals, Constraints);

    /// <summary>Optimum minus strategy, after restart costs. When the cap binds the optimum is a heuristic
    /// (<see cref="OptimumBound"/>), and a strategy may beat it by at most <see cref="OptimumBound.GapUsd"/>.</summary>
    public double RegretUsd => Totals.RegretUsd;

    /// <summary>Strategy's gain over always-on as a percentage of the optimum's, after restart costs.</summary>
    public double? CapturedUpliftPct => Totals.CapturedUpliftPct;
}

/// <summary>
/// Runs a strategy, always-on and the perfect-foresight optimum on a <see cref="SiteModel"/> (the fleet counterpart of
/// <see cref="StrategyComparison"/>; a fleet of one gives its numbers).
/// <para>
/// The optimum maximises Σ profit − restart costs subject to each model's minimum up/down times and the site cap.
/// Each model's exact DP (<see cref="OptimalDispatch"/>, start cost = $/MW per start × tranche MW) is solved without
/// the cap; when these schedules fit under the cap in every interval they are the optimum (exact). Otherwise the
/// models are coupled and the optimum is found by a heuristic: models are solved one after another in merit order,
/// each by its exact DP on the capacity the more efficient models left it (whole machines; an interval with no room is
/// made prohibitively costly so that min up/down times hold wherever possible). The result is feasible for the cap and
/// is reported with <see cref="OptimumBound.UpperBoundUsd"/> and the gap to it.
/// </para>
/// <para>
/// Conventions: a model is on in an interval when any of its machines runs, and its min up/down times apply to that
/// state (<see cref="SwitchingStats"/>); restarts are charged per machine started (the rise of its running fraction ×
/// $/MW per start × the model's MW).
/// </para>
/// </summary>
public static class SiteComparison
{
    /// <param name="market">Aligned prices and hashprices.</param>
    /// <param name="site">The site; its minimum profit applies to the strategy only.</param>
    /// <param name="strategy">The strategy to assess; it dispatches each model.</param>
    /// <param name="constraints">Min up/down times (per model), restart cost ($/MW per start) and initial state used by
    /// the optimum and charged to every schedule; null for none.</param>
    /// <param name="clock">Market clock for the groupings (default ERCOT).</param>
    public static SiteComparisonResult Run(MarketSeries market, SiteModel site, IDispatchStrategy strategy,
        OptimalOptions? constraints = null, MarketClock? clock = null)
    {
        SiteBacktester.Check(market, site);
        return Run(market, site, site.Problems(market), strategy, constraints, clock);
    }

    /// <summary>The comparison on each model's dispatch problem already built (<see cref="SiteModel.Problems"/>), so the
    /// caller can settle on the same per-interval economics.</summary>
    /// <param name="optimumOnValueUsdPerMw">Optional value per MW running in each interval that the optimum adds to the
    /// energy margin when it chooses its schedule (capacity payments earned by running load, minus the 4CP charge a MW
    /// running in a known peak interval sets): the optimum then maximises the site's value, not only its energy margin.
    /// The schedule is still booked on the plain economics; the caller books the extra lines. Null for none.</param>
    public static SiteComparisonResult Run(MarketSeries market, SiteModel site, DispatchProblem?[] problems, IDispatchStrategy strategy,
        OptimalOptions? constraints = null, MarketClock? clock = null, double[]? optimumOnValueUsdPerMw = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(problems);
        SiteBacktester.Check(market, site);
        if (problems.Length != site.MeritOrder.Count)
            throw new ArgumentException($"{problems.Length} dispatch problems for {site.MeritOrder.Count} models.", nameof(problems));
        var c = constraints ?? OptimalOptions.None;
        c.Validate();
        clock ??= MarketClock.Ercot;

        var s = Compare(SiteBacktester.Evaluate(market, site, SiteBacktester.DesiredMachines(market, site, strategy, problems), strategy.Name, clock, null, problems), site, c);
        var alwaysOn = new AlwaysOnStrategy();
        var ao = Compare(SiteBacktester.Evaluate(market, site, SiteBacktester.DesiredMachines(market, site, alwaysOn, problems), alwaysOn.Name, clock, null, problems), site, c);
        if (optimumOnValueUsdPerMw is not null && optimumOnValueUsdPerMw.Length != market.Count)
            throw new ArgumentException($"{optimumOnValueUsdPerMw.Length} on-values for {market.Count} intervals.", nameof(optimumOnValueUsdPerMw));
        var (opt, bound) = Optimum(market, site, problems, c, clock, optimumOnValueUsdPerMw);
        return new SiteComparisonResult(s, ao, opt, c, bound);
    }

    /// <summary>
    /// Switching statistics of any site result under the constraints, measured per model on its running fraction
    /// (MW running ÷ the model's MW) with the restart cost charged per model, as for the compared schedules.
    /// </summary>
    public static SiteComparedRun Measure(FleetBacktestResult run, SiteModel site, OptimalOptions constraints)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(constraints);
        var fractions = new double[run.MwRunning.Length][];
        for (int k = 0; k < fractions.Length; k++)
        {
            double mw = site.MeritOrder[k].Mw;
            fractions[k] = run.MwRunning[k].Select(x => mw > 0 ? x / mw : 0).ToArray();
        }
        return Compare(new SiteRun(run, fractions, false), site, constraints);
    }

    private static SiteComparedRun Compare(SiteRun run, SiteModel site, OptimalOptions c)
    {
        var order = site.MeritOrder;
        var stats = new SwitchingStats[order.Count];
        int starts = 0, stops = 0, up = 0, down = 0;
        double cost = 0;
        for (int k = 0; k < order.Count; k++)
        {
            var st = order[k].Count > 0
                ? SwitchingStats.Measure(run.TrancheRun[k], c, site.TrancheSites[k].Capacity.Value)
                : new SwitchingStats(0, 0, 0, 0, 0);
            stats[k] = st;
            starts += st.Starts;
            stops += st.Stops;
            cost += st.RestartCostUsd;
            up += st.MinUpViolations;
            down += st.MinDownViolations;
        }
        return new SiteComparedRun(run.Fleet, stats, new SwitchingStats(starts, stops, cost, up, down));
    }

    private static (SiteComparedRun Run, OptimumBound Bound) Optimum(MarketSeries market, SiteModel site, DispatchProblem?[] problems,
        OptimalOptions c, MarketClock clock, double[]? onValue)
    {
        const string Name = Strategies.Optimal.OptimalStrategy.StrategyName;
        var order = site.MeritOrder;
        int n = market.Count, k = order.Count;
        // The margin each model's DP maximises: its energy margin plus, when given, the extra value of its MW running.
        var nets = new double[]?[k];
        for (int j = 0; j < k; j++)
        {
            if (problems[j] is not { } p) continue;
            if (onValue is null) { nets[j] = p.Net; continue; }
            double mw = order[j].Mw;
            var adjusted = new double[n];
            for (int t = 0; t < n; t++) adjusted[t] = p.Net[t] + onValue[t] * mw;
            nets[j] = adjusted;
        }
        // Uncoupled per-model optima: exact for each model; their sum bounds the site from above.
        var want = new double[k][];
        double uncapped = 0;
        var run = new double[n];
        for (int j = 0; j < k; j++)
        {
            want[j] = new double[n];
            if (problems[j] is not { } p) continue;
            var strategy = new OptimalStrategy(c);
            uncapped += OptimalDispatch.Solve(nets[j]!, strategy.StartCostUsd(p), c, run);
            double count = order[j].Count;
            for (int t = 0; t < n; t++) want[j][t] = run[t] * count;
        }
        double intervalBound = IntervalBound(site, nets, n);
        var exact = SiteBacktester.Evaluate(market, site, want, Name, clock, null, problems);
        if (!exact.CapCut)
        {
            var r = Compare(exact, site, c);
            return (r, new OptimumBound(false, true, "exact: per-model DP, the site cap does not bind", r.ProfitAfterRestartsUsd + OnValue(site, want, onValue),
                Math.Min(uncapped, intervalBound)));
        }

        // Under a binding cap a model may run only some of its machines, and then keeping one machine on can dodge a
        // minimum down time the all-or-nothing DP respects: the bound drops min up/down (keeping restart costs), which is
        // valid for any number of machines (each machine is then its own independent problem).
        double relaxed = uncapped;
        if (c.MinUpIntervals > 1 || c.MinDownIntervals > 1 || c.InitialIntervalsInState is not null)
        {
            var free = new OptimalOptions(1, 1, c.RestartCostUsdPerMw, c.InitiallyOn);
            relaxed = 0;
            for (int j = 0; j < k; j++)
                if (problems[j] is { } p) relaxed += OptimalDispatch.Solve(nets[j]!, new OptimalStrategy(free).StartCostUsd(p), free, run);
        }
        double bound = Math.Min(relaxed, intervalBound);

        // The cap couples the models: per-model DP in merit order on the room the more efficient models leave.
        double capW = MiningEconomics.MegawattsToWatts(site.Fleet.AvailableMw);
        var residualW = new double[n];
        Array.Fill(residualW, capW);
        var net = new double[n];
        var avail = new double[n];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(want[j]);
            if (problems[j] is not { } p) continue;
            var tr = order[j];
            double absSum = 0;
            for (int t = 0; t < n; t++)
            {
                avail[t] = Math.Clamp(Math.Floor(residualW[t] / tr.Model.Watts + 1e-9), 0, tr.Count);
                net[t] = avail[t] / tr.Count * nets[j]![t];
                absSum += Math.Abs(net[t]);
            }
            double startCost = new OptimalStrategy(c).StartCostUsd(p);
            // Being "on" with no machine free must lose more than any schedule can gain, so the DP avoids it when it can.
            double penalty = 1.0 + absSum + (n + 1.0) * startCost;
            for (int t = 0; t < n; t++) if (avail[t] == 0) net[t] = -penalty;
            OptimalDispatch.Solve(net, startCost, c, run);
            for (int t = 0; t < n; t++)
            {
                double m = run[t] > 0.5 ? avail[t] : 0;
                want[j][t] = m;
                residualW[t] -= m * tr.Model.Watts;
            }
        }
        var heuristic = Compare(SiteBacktester.Evaluate(market, site, want, Name, clock, null, problems), site, c);
        return (heuristic, new OptimumBound(true, false,
            "heuristic: per-model DP in merit order on the capacity left by more efficient models", heuristic.ProfitAfterRestartsUsd + OnValue(site, want, onValue), bound));
    }

    /// <summary>Σ on-value × MW running of a schedule given as machines running per model and interval (0 without on-values).</summary>
    private static double OnValue(SiteModel site, double[][] machines, double[]? onValue)
    {
        if (onValue is null) return 0;
        double total = 0;
        for (int j = 0; j < machines.Length; j++)
        {
            double mwPerMachine = MiningEconomics.WattsToMegawatts(site.MeritOrder[j].Model.Watts);
            for (int t = 0; t < onValue.Length; t++) total += onValue[t] * machines[j][t] * mwPerMachine;
        }
        return total;
    }

    /// <summary>
    /// Σ over intervals of the best value any allocation under the cap can have in that interval, ignoring switching:
    /// profitable models fill the cap in merit order (highest net per MW first), the last one fractionally.
    /// </summary>
    private static double IntervalBound(SiteModel site, double[]?[] nets, int n)
    {
        var order = site.MeritOrder;
        double cap = site.Fleet.AvailableMw, total = 0;
        for (int t = 0; t < n; t++)
        {
            double room = cap, v = 0;
            for (int j = 0; j < order.Count && room > 0; j++)
            {
                if (nets[j] is not { } net || !(net[t] > 0)) continue;
                double mw = order[j].Mw;
                double share = Math.Min(1.0, room / mw);
                v += share * net[t];
                room -= share * mw;
            }
            total += v;
        }
        return total;
    }
}
