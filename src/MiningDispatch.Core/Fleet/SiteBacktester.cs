using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// One backtest engine for a single site and a mixed fleet: any <see cref="IDispatchStrategy"/> dispatches each model
/// (tranche) of a <see cref="SiteModel"/> on its own <see cref="DispatchProblem"/> (<see cref="SiteModel.TrancheSites"/>),
/// then the site cap limits the sum in whole machines, most efficient first, as <see cref="MeritOrderDispatch"/> does.
/// Always-on fills the cap with the most efficient machines whatever the price.
/// <para>
/// With <see cref="Strategies.Threshold.ThresholdStrategy"/> a tranche runs when its net is above its minimum profit,
/// which is the merit-order rule, so the result is <see cref="FleetBacktester"/>'s: revenue and cost are computed with
/// the same operations in the same order (the rule itself is written per interval, net &gt; min profit × MW × Δt, rather
/// than per MWh, so a decision could differ only where a margin equals the minimum to the last bit). A single site (<see cref="SiteModel.FromSite"/>) is booked on its own
/// <see cref="DispatchProblem"/> arrays, so it gives exactly <see cref="Backtester"/>'s result.
/// </para>
/// </summary>
public static class SiteBacktester
{
    /// <summary>
    /// Backtests <paramref name="strategy"/> on every model of <paramref name="site"/> under the site cap.
    /// </summary>
    /// <param name="market">Aligned prices and hashprices.</param>
    /// <param name="site">Fleet and commercials.</param>
    /// <param name="strategy">Dispatches each model as its own site.</param>
    /// <param name="clock">Market clock for the groupings (default ERCOT).</param>
    /// <param name="curtail">True in intervals where the whole site is switched off whatever the strategy says (e.g.
    /// likely 4CP peaks); null = never. Always-on is unchanged.</param>
    /// <param name="strategyName">Name of the result; default the strategy's.</param>
    /// <returns>The site result and, per model, the MW running, breakeven and totals.</returns>
    public static FleetBacktestResult Run(MarketSeries market, SiteModel site, IDispatchStrategy strategy, MarketClock? clock = null,
        bool[]? curtail = null, string? strategyName = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Check(market, site);
        var problems = site.Problems(market);
        var want = DesiredMachines(market, site, strategy, problems);
        return Evaluate(market, site, want, strategyName ?? strategy.Name, clock ?? MarketClock.Ercot, curtail, problems).Fleet;
    }

    /// <summary>
    /// The strategy deciding on <paramref name="decisionMarket"/> (the same intervals with the prices a rule would know,
    /// e.g. <see cref="MarketSeries.LastSettledPrices"/>), its schedule booked on <paramref name="market"/>'s real prices.
    /// </summary>
    public static FleetBacktestResult RunDecidedOn(MarketSeries market, MarketSeries decisionMarket, SiteModel site, IDispatchStrategy strategy,
        MarketClock? clock = null, string? strategyName = null)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(decisionMarket);
        Check(market, site);
        if (!decisionMarket.StartsUtc.AsSpan().SequenceEqual(market.StartsUtc))
            throw new ArgumentException("The decision market must have the same intervals as the market it is booked on.", nameof(decisionMarket));
        var want = DesiredMachines(decisionMarket, site, strategy, site.Problems(decisionMarket));
        return Evaluate(market, site, want, strategyName ?? strategy.Name, clock ?? MarketClock.Ercot, null, site.Problems(market)).Fleet;
    }

    internal static void Check(MarketSeries market, SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        if (market.Count == 0) throw new ArgumentException("No intervals to backtest: the price and hashprice data do not overlap the requested range.");
    }

    /// <summary>Machines each model's strategy asks for, [tranche in merit order][interval] = run fraction × machines.</summary>
    internal static double[][] DesiredMachines(MarketSeries market, SiteModel site, IDispatchStrategy strategy, DispatchProblem?[] problems) =>
        DesiredMachines(market, site, strategy, problems, null, null);

    /// <summary>
    /// <see cref="DesiredMachines(MarketSeries, SiteModel, IDispatchStrategy, DispatchProblem?[])"/> written into
    /// <paramref name="want"/> (one array of the market's length per tranche; every element overwritten) with
    /// <paramref name="run"/> as the strategy's scratch (the market's length); null allocates.
    /// </summary>
    internal static double[][] DesiredMachines(MarketSeries market, SiteModel site, IDispatchStrategy strategy, DispatchProblem?[] problems,
        double[][]? want, double[]? run)
    {
        var order = site.MeritOrder;
        int n = market.Count;
        if (want is not null && (want.Length != order.Count || want.Any(w => w.Length != n)))
            throw new ArgumentException("One array of the market's length per tranche is needed.", nameof(want));
        if (run is not null && run.Length != n) throw new ArgumentException("The run array must have the market's length.", nameof(run));
        bool reuse = want is not null;
        want ??= new double[order.Count][];
        run ??= new double[n];
        for (int k = 0; k < order.Count; k++)
        {
            if (reuse) Array.Clear(want[k]);
            else want[k] = new double[n];
            if (problems[k] is not { } problem) continue;
            Array.Clear(run);
            strategy.Dispatch(problem, run);
            double count = order[k].Count;
            for (int t = 0; t < n; t++)
            {
                double x = run[t];
                if (!(x >= 0 && x <= 1))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"Strategy '{strategy.Name}' returned run fraction {x} for model '{order[k].Model.Name}' at {market.StartsUtc[t]:O}; it must be in [0, 1]."));
                want[k][t] = x * count;
            }
        }
        return want;
    }

    /// <summary>
    /// Limits the machines wanted in interval <paramref name="t"/> to the site cap, filling from the most efficient
    /// tranche down in whole machines (the rule of <see cref="MeritOrderDispatch.Allocate"/>). Returns true when the
    /// cap cut some tranche below what it wanted.
    /// </summary>
    internal static bool Limit(IReadOnlyList<FleetTranche> order, double capMw, bool capCanBind, double[][] want, int t, Span<double> machines)
    {
        bool cut = false;
        double remainingW = MiningEconomics.MegawattsToWatts(capMw);
        for (int k = 0; k < order.Count; k++)
        {
            double w = want[k][t];
            if (!capCanBind) { machines[k] = w; continue; }
            var tr = order[k];
            double fit = Math.Clamp(Math.Floor(remainingW / tr.Model.Watts + 1e-9), 0, tr.Count);
            double m = Math.Min(w, fit);
            if (m < w) cut = true;
            machines[k] = m;
            remainingW -= m * tr.Model.Watts;
        }
        return cut;
    }

    /// <summary>
    /// Site totals of <paramref name="strategy"/> on <paramref name="market"/> without the per-interval arrays and
    /// groupings of <see cref="Run"/> (for Monte Carlo paths and sweeps): the same revenue, cost and always-on values per
    /// interval, summed in time order. <paramref name="intervalProfit"/> receives revenue − cost per interval and
    /// <paramref name="runningMw"/> (when not empty) the MW running.
    /// </summary>
    internal static SiteTotals Totals(MarketSeries market, SiteModel site, IDispatchStrategy strategy, Span<double> intervalProfit, Span<double> runningMw = default)
    {
        var order = site.MeritOrder;
        var (aoMw, aoTh) = AlwaysOnFleet(site);
        double capMw = site.Fleet.AvailableMw, fee = site.Commercials.PoolFee, adder = site.Commercials.Adder.Value, dt = market.IntervalHours;
        bool capCanBind = site.CapCanBind;
        var want = DesiredMachines(market, site, strategy, site.Problems(market));
        var machines = new double[order.Count];
        double rev = 0, cst = 0, op = 0, energy = 0, ao = 0;
        for (int t = 0; t < market.Count; t++)
        {
            Limit(order, capMw, capCanBind, want, t, machines);
            double hp = market.HashpriceUsdPerThDay[t], price = market.PriceUsdPerMWh[t] + adder;
            double revPerTh = MiningEconomics.RevenuePerTerahash(hp, fee, dt);
            double mwTotal = 0, r = 0, c = 0;
            for (int k = 0; k < machines.Length; k++)
            {
                var model = order[k].Model;
                double mw = MiningEconomics.WattsToMegawatts(machines[k] * model.Watts);
                r += machines[k] * model.TerahashPerSecond * revPerTh;
                c += mw * price * dt;
                mwTotal += mw;
            }
            double x = Math.Min(1.0, mwTotal / aoMw);
            rev += r;
            cst += c;
            op += x * dt;
            energy += x * aoMw * dt;
            ao += aoTh * revPerTh - aoMw * price * dt;
            intervalProfit[t] = r - c;
            if (!runningMw.IsEmpty) runningMw[t] = mwTotal;
        }
        return new SiteTotals(rev, cst, op, energy, ao, aoMw);
    }

    /// <summary>MW and TH/s of the always-on fleet: the machines that fill the cap, most efficient first (price-independent).</summary>
    /// <exception cref="ArgumentException">The cap is smaller than one machine.</exception>
    internal static (double Mw, double TerahashPerSecond) AlwaysOnFleet(SiteModel site)
    {
        var order = site.MeritOrder;
        double capMw = site.Fleet.AvailableMw;
        var aoMachines = new int[order.Count];
        MeritOrderDispatch.Allocate(order, 0, 0, site.Commercials, capMw, ignorePrice: true, aoMachines);
        double aoMw = 0, aoTh = 0;
        for (int j = 0; j < order.Count; j++) { aoMw += MiningEconomics.WattsToMegawatts(aoMachines[j] * order[j].Model.Watts); aoTh += aoMachines[j] * order[j].Model.TerahashPerSecond; }
        if (!(aoMw > 0))
            throw new ArgumentException($"Site cap of {capMw.ToString(CultureInfo.InvariantCulture)} MW is smaller than one machine; no machine can run.");
        return (aoMw, aoTh);
    }

    /// <summary>
    /// A single site (<see cref="SiteModel.FromSite"/>): its one "machine" runs the fraction the strategy asked for, and
    /// revenue, cost, always-on and breakeven are the site's <see cref="DispatchProblem"/> arrays times that fraction,
    /// the operations <see cref="Backtester.Evaluate(DispatchProblem, double[], string, MarketClock)"/> uses, so a
    /// single site gives exactly the single-site result through this engine.
    /// </summary>
    private static SiteRun EvaluateSingle(MarketSeries market, SiteModel site, double[] want, string strategyName, MarketClock clock, bool[]? curtail,
        DispatchProblem? problem)
    {
        var p = problem ?? new DispatchProblem(market, site.TrancheSites[0]);
        int n = market.Count;
        double cap = site.TrancheSites[0].Capacity.Value, dt = market.IntervalHours;
        var run = new double[n];
        var revenue = new double[n];
        var cost = new double[n];
        var mw = new double[n];
        double energy = 0, rev = 0, cst = 0;
        for (int t = 0; t < n; t++)
        {
            double x = curtail is not null && curtail[t] ? 0 : want[t];
            run[t] = x;
            revenue[t] = x * p.Revenue[t];
            cost[t] = x * p.Cost[t];
            mw[t] = x * cap;
            energy += mw[t] * dt;
            rev += revenue[t];
            cst += cost[t];
        }
        var values = new ScheduleValues(run, revenue, cost, p.Revenue, p.Cost, p.AllInPrice, p.Breakeven, cap);
        var result = Backtester.Evaluate(market, values, strategyName, clock);
        var tr = site.MeritOrder[0];
        var fleetResult = new FleetBacktestResult
        {
            Result = result,
            MeritOrder = site.MeritOrder,
            MwRunning = [mw],
            TrancheBreakeven = [p.Breakeven],
            Tranches = [new TrancheSummary(tr.Model, tr.Count, cap, energy, rev, cst, rev - cst, 100.0 * energy / (cap * n * dt))],
            AvailableMw = cap,
            AlwaysOnRevenueUsd = p.Revenue,
        };
        return new SiteRun(fleetResult, [run], false);
    }

    /// <summary>Evaluates wanted machines (before the cap) into a fleet result, with each tranche's running fraction.</summary>
    internal static SiteRun Evaluate(MarketSeries market, SiteModel site, double[][] want, string strategyName, MarketClock clock, bool[]? curtail,
        DispatchProblem?[]? problems = null)
    {
        int n = market.Count;
        if (curtail is not null && curtail.Length != n)
            throw new ArgumentException($"Curtailment flags have {curtail.Length} values but the market data has {n} intervals.", nameof(curtail));
        if (site.IsSingleSite) return EvaluateSingle(market, site, want[0], strategyName, clock, curtail, problems?[0]);
        var order = site.MeritOrder;
        var commercials = site.Commercials;
        var fleet = site.Fleet;
        int k = order.Count;
        double capMw = fleet.AvailableMw, dt = market.IntervalHours, fee = commercials.PoolFee, adder = commercials.Adder.Value;
        bool capCanBind = site.CapCanBind;
        var (aoMw, aoTh) = AlwaysOnFleet(site);
        double aoEfficiency = MiningEconomics.Efficiency(MiningEconomics.MegawattsToWatts(aoMw), aoTh);
        var run = new double[n];
        var revenue = new double[n];
        var cost = new double[n];
        var aoRevenue = new double[n];
        var aoCost = new double[n];
        var allIn = new double[n];
        var breakeven = new double[n];
        var mwRunning = new double[k][];
        var trancheBe = new double[k][];
        var fraction = new double[k][];
        for (int j = 0; j < k; j++) { mwRunning[j] = new double[n]; trancheBe[j] = new double[n]; fraction[j] = new double[n]; }
        var trEnergy = new double[k];
        var trRevenue = new double[k];
        var trCost = new double[k];
        var machines = new double[k];
        bool capCut = false;
        for (int t = 0; t < n; t++)
        {
            double hp = market.HashpriceUsdPerThDay[t];
            double p = market.PriceUsdPerMWh[t] + adder;
            allIn[t] = p;
            breakeven[t] = MiningEconomics.BreakevenPrice(hp, fee, aoEfficiency);
            capCut |= Limit(order, capMw, capCanBind, want, t, machines);
            if (curtail is not null && curtail[t]) Array.Clear(machines);
            double revPerTh = MiningEconomics.RevenuePerTerahash(hp, fee, dt);
            double mwTotal = 0, rev = 0, cst = 0;
            for (int j = 0; j < k; j++)
            {
                var model = order[j].Model;
                trancheBe[j][t] = MiningEconomics.BreakevenPrice(hp, fee, model.Efficiency.Value);
                double mw = MiningEconomics.WattsToMegawatts(machines[j] * model.Watts);
                double r = machines[j] * model.TerahashPerSecond * revPerTh;
                double c = mw * p * dt;
                mwRunning[j][t] = mw;
                fraction[j][t] = order[j].Count > 0 ? machines[j] / order[j].Count : 0;
                mwTotal += mw;
                rev += r;
                cst += c;
                trEnergy[j] += mw * dt;
                trRevenue[j] += r;
                trCost[j] += c;
            }
            run[t] = Math.Min(1.0, mwTotal / aoMw);
            revenue[t] = rev;
            cost[t] = cst;
            aoRevenue[t] = aoTh * revPerTh;
            aoCost[t] = aoMw * p * dt;
        }
        var values = new ScheduleValues(run, revenue, cost, aoRevenue, aoCost, allIn, breakeven, aoMw);
        var result = Backtester.Evaluate(market, values, strategyName, clock);
        double hours = n * dt;
        var tranches = new List<TrancheSummary>(k);
        for (int j = 0; j < k; j++)
        {
            var tr = order[j];
            tranches.Add(new TrancheSummary(tr.Model, tr.Count, tr.Mw, trEnergy[j], trRevenue[j], trCost[j], trRevenue[j] - trCost[j],
                tr.Mw > 0 ? 100.0 * trEnergy[j] / (tr.Mw * hours) : 0));
        }
        var fleetResult = new FleetBacktestResult
        {
            Result = result,
            MeritOrder = order,
            MwRunning = mwRunning,
            TrancheBreakeven = trancheBe,
            Tranches = tranches,
            AvailableMw = aoMw,
            AlwaysOnRevenueUsd = aoRevenue,
        };
        return new SiteRun(fleetResult, fraction, capCut);
    }
}

/// <summary>Totals of a site run (see <see cref="SiteBacktester.Totals"/>). USD, hours, MWh.</summary>
internal readonly record struct SiteTotals(double Revenue, double Cost, double OperatingHours, double EnergyMWh, double AlwaysOnProfit, double AvailableMw);

/// <summary>A fleet result with each tranche's running fraction (machines running / installed) per interval.</summary>
/// <param name="Fleet">The result.</param>
/// <param name="TrancheRun">[tranche in merit order][interval], 0..1.</param>
/// <param name="CapCut">True when the site cap stopped some machine the strategy wanted to run.</param>
internal sealed record SiteRun(FleetBacktestResult Fleet, double[][] TrancheRun, bool CapCut);
