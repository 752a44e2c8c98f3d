using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// Monte Carlo of dispatch profit by block bootstrap of the joint power-price and hashprice history
/// (docs/mining-economics.md §3.1: "block-bootstrap historical hourly prices (keep spike clusters) jointly with hashprice"),
/// with every sampled hashprice carried into the target day's halving epoch by the subsidy ratio (see
/// <see cref="HashpriceSampling.HistoricalLevels"/>), so a forward horizon never mixes hashprice of different epochs.
/// <para>
/// Each path covers <see cref="MonteCarloOptions.HorizonDays"/> market days from the start day. The horizon is cut into
/// blocks of <see cref="MonteCarloOptions.BlockDays"/> whole market days; each block copies a run of that many
/// consecutive complete historical days, drawn uniformly among the runs that start within the seasonal window and on
/// the same weekday (by default). Whole days keep the intraday shape; price and hashprice come from the same hours, so
/// their joint behaviour (a hashprice crash during a heat wave) is kept. The strategy then dispatches every path, exactly
/// as <see cref="Backtest.Backtester"/> would.
/// </para>
/// <para>
/// Reproducibility: path i uses its own xoshiro256** stream seeded from (Seed, i), so results are identical for a seed
/// regardless of thread count, machine or .NET version.
/// </para>
/// <example>
/// <code>
/// var mc = MonteCarloEngine.Run(history, site, new MonteCarloOptions(Paths: 1000, Seed: 42, BlockDays: 7, HorizonDays: 365));
/// Console.WriteLine($"P5 {mc.HorizonProfit.P5Usd:N0}  VaR95 {mc.HorizonProfit.VaR95Usd:N0}  P(loss) {mc.HorizonProfit.ProbabilityOfLoss:P1}");
/// </code>
/// </example>
/// </summary>
public static class MonteCarloEngine
{
    /// <summary>
    /// Simulates <see cref="MonteCarloOptions.Paths"/> paths and dispatches each with <paramref name="strategy"/>
    /// (threshold by default). Paths run in parallel and share the strategy instance: a strategy that keeps state
    /// between calls must be run with <see cref="MonteCarloOptions.MaxDegreeOfParallelism"/> = 1.
    /// </summary>
    public static MonteCarloResult Run(MarketSeries history, SiteSpec site, MonteCarloOptions options,
        IDispatchStrategy? strategy = null, MarketClock? clock = null, CancellationToken cancellationToken = default)
    {
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        return Simulate(history, options, strategy, clock, boot, (_, source) => boot.BuildSeries(source), SingleSite(site, strategy), BootstrapHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="Run(MarketSeries, SiteSpec, MonteCarloOptions, IDispatchStrategy?, MarketClock?, CancellationToken)"/> with
    /// ancillary services: every path takes the AS prices (and deployments) of the same history hours as its energy
    /// prices and hashprice (<see cref="AncillaryMarket.Resample"/>), so AS prices are bootstrapped jointly with them.
    /// A <see cref="AncillaryDayAheadStrategy"/> plans and settles its awards on each path's AS prices; any other
    /// strategy dispatches as usual and offers the best awards its running MW allow
    /// (<see cref="AncillarySettlement.OnSchedule"/>), as always-on does. Path profit and always-on profit include the
    /// AS income; <see cref="MonteCarloResult.PathAncillaryIncomeUsd"/> holds the strategy's.
    /// </summary>
    /// <param name="ancillary">The AS prices on the history's intervals and the site's offer.</param>
    public static MonteCarloResult Run(MarketSeries history, SiteSpec site, MonteCarloOptions options, IDispatchStrategy strategy, MarketClock clock,
        AncillaryMarket ancillary, AncillaryOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ancillary);
        ArgumentNullException.ThrowIfNull(offer);
        if (ancillary.Count != history.Count)
            throw new ArgumentException($"The AS prices have {ancillary.Count} intervals but the history has {history.Count}.", nameof(ancillary));
        offer.Validate(site.Capacity.Value);
        IDispatchStrategy? s = strategy;
        MarketClock? c = clock;
        var boot = Prepare(history, site, options, ref s, ref c);
        return Simulate(history, options, s, c, boot, (_, source) => boot.BuildSeries(source), SingleSiteWithAncillary(site, s, source => ancillary.Resample(source), offer, c), BootstrapHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="Run(MarketSeries, SiteModel, MonteCarloOptions, IDispatchStrategy?, MarketClock?, CancellationToken)"/> (a whole
    /// site) with ancillary services, as the single-site overload does: every path takes the AS prices (and deployments,
    /// and real-time MCPC) of the same history hours as its energy prices and hashprice. An
    /// <see cref="AncillaryFleetDayAheadStrategy"/> plans and settles the site's awards on each path's AS prices; any other
    /// strategy dispatches every model as usual and the site offers the best awards its running MW allow, the least
    /// efficient running machines first, as always-on does. Path profit and always-on profit include the AS income.
    /// </summary>
    public static MonteCarloResult Run(MarketSeries history, SiteModel site, MonteCarloOptions options, IDispatchStrategy strategy, MarketClock clock,
        AncillaryMarket ancillary, AncillaryOffer offer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ancillary);
        ArgumentNullException.ThrowIfNull(offer);
        if (ancillary.Count != history.Count)
            throw new ArgumentException($"The AS prices have {ancillary.Count} intervals but the history has {history.Count}.", nameof(ancillary));
        IDispatchStrategy? s = strategy;
        MarketClock? c = clock;
        var boot = Prepare(history, site, options, ref s, ref c);
        offer.Validate(AncillaryFleet.TrancheMw(site).Sum());
        return Simulate(history, options, s, c, boot, (_, source) => boot.BuildSeries(source), WholeSiteWithAncillary(site, s, source => ancillary.Resample(source), offer, c), BootstrapHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="Run(MarketSeries, SiteSpec, MonteCarloOptions, IDispatchStrategy?, MarketClock?, CancellationToken)"/> for a whole site:
    /// every path is dispatched as <see cref="SiteBacktester"/> would (the strategy on each model, the site cap in merit
    /// order, always-on filling the cap with the most efficient machines). Operating hours count the share of the
    /// always-on MW running; energy is that share × always-on MW.
    /// </summary>
    public static MonteCarloResult Run(MarketSeries history, SiteModel site, MonteCarloOptions options,
        IDispatchStrategy? strategy = null, MarketClock? clock = null, CancellationToken cancellationToken = default)
    {
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        return Simulate(history, options, strategy, clock, boot, (_, source) => boot.BuildSeries(source), WholeSite(site, strategy), BootstrapHashprice(options), cancellationToken);
    }

    /// <summary>
    /// Stochastic forward scenarios (docs/mining-economics.md §3.2, "stochastic hourly overlays that preserve block
    /// averages"): each path bootstraps historical days onto the forward calendar (<see cref="MonteCarloOptions.StartDay"/>,
    /// <see cref="MonteCarloOptions.HorizonDays"/>) exactly as <see cref="Run"/> does, then rescales every (month, block)
    /// of the path so its average equals the forward block price: multiplicatively (p × F / mean) when both F and the
    /// sampled block mean are at least <see cref="ShapeOptions.MultiplicativeFloorUsdPerMWh"/>, otherwise additively
    /// (p + F − mean). Spikes, negative hours and intraday structure survive, so curtailment value is not understated
    /// the way a deterministic shape understates it (Jensen). Hashprice is the path <paramref name="hashprice"/>
    /// evaluated on the forward hours (e.g. <c>h =&gt; HashpricePath.Growth(start, -2, h)</c>), times each path's
    /// bootstrapped multipliers when <see cref="MonteCarloOptions.ForwardHashpriceShocks"/> is set (see <see cref="HashpriceShocks"/>).
    /// </summary>
    public static MonteCarloResult RunForward(MarketSeries history, SiteSpec site, MonteCarloOptions options, ForwardCurve curve,
        Func<DateTime[], double[]> hashprice, ShapeOptions? shape = null, IDispatchStrategy? strategy = null, MarketClock? clock = null,
        CancellationToken cancellationToken = default)
    {
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        var overlay = new ForwardOverlay(boot, history, curve, hashprice, shape ?? ShapeOptions.Default, clock, options);
        return Simulate(history, options, strategy, clock, boot, overlay.BuildSeries, SingleSite(site, strategy), ForwardHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="RunForward(MarketSeries, SiteSpec, MonteCarloOptions, ForwardCurve, Func{DateTime[], double[]}, ShapeOptions?, IDispatchStrategy?, MarketClock?, CancellationToken)"/>
    /// for a whole site, dispatched per path as <see cref="Run(MarketSeries, SiteModel, MonteCarloOptions, IDispatchStrategy?, MarketClock?, CancellationToken)"/> does.
    /// </summary>
    public static MonteCarloResult RunForward(MarketSeries history, SiteModel site, MonteCarloOptions options, ForwardCurve curve,
        Func<DateTime[], double[]> hashprice, ShapeOptions? shape = null, IDispatchStrategy? strategy = null, MarketClock? clock = null,
        CancellationToken cancellationToken = default)
    {
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        var overlay = new ForwardOverlay(boot, history, curve, hashprice, shape ?? ShapeOptions.Default, clock, options);
        return Simulate(history, options, strategy, clock, boot, overlay.BuildSeries, WholeSite(site, strategy), ForwardHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="RunForward(MarketSeries, SiteSpec, MonteCarloOptions, ForwardCurve, Func{DateTime[], double[]}, ShapeOptions?, IDispatchStrategy?, MarketClock?, CancellationToken)"/>
    /// with ancillary services at given prices: the AS market of the forward intervals (<paramref name="ancillaryOn"/>,
    /// e.g. flat monthly MCPC per product) is the same on every path, only energy prices and hashprice vary. Every path's
    /// schedule offers the best awards its running MW allow (<see cref="AncillarySettlement.OnSchedule"/>), as always-on
    /// does; path profit and always-on profit include the AS income.
    /// </summary>
    public static MonteCarloResult RunForwardWithAncillary(MarketSeries history, SiteSpec site, MonteCarloOptions options, ForwardCurve curve,
        Func<DateTime[], double[]> hashprice, Func<DateTime[], AncillaryMarket> ancillaryOn, AncillaryOffer offer, IDispatchStrategy? strategy = null,
        MarketClock? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ancillaryOn);
        ArgumentNullException.ThrowIfNull(offer);
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        offer.Validate(site.Capacity.Value);
        var asMarket = ForwardAncillary(ancillaryOn, boot);
        var overlay = new ForwardOverlay(boot, history, curve, hashprice, ShapeOptions.Default, clock, options);
        return Simulate(history, options, strategy, clock, boot, overlay.BuildSeries, SingleSiteWithAncillary(site, strategy, _ => asMarket, offer, clock),
            ForwardHashprice(options), cancellationToken);
    }

    /// <summary>
    /// <see cref="RunForwardWithAncillary(MarketSeries, SiteSpec, MonteCarloOptions, ForwardCurve, Func{DateTime[], double[]}, Func{DateTime[], AncillaryMarket}, AncillaryOffer, IDispatchStrategy?, MarketClock?, CancellationToken)"/>
    /// for a whole site: the AS the site's running MW allow, the least efficient running machines offered first.
    /// </summary>
    public static MonteCarloResult RunForwardWithAncillary(MarketSeries history, SiteModel site, MonteCarloOptions options, ForwardCurve curve,
        Func<DateTime[], double[]> hashprice, Func<DateTime[], AncillaryMarket> ancillaryOn, AncillaryOffer offer, IDispatchStrategy? strategy = null,
        MarketClock? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ancillaryOn);
        ArgumentNullException.ThrowIfNull(offer);
        var boot = Prepare(history, site, options, ref strategy, ref clock);
        offer.Validate(AncillaryFleet.TrancheMw(site).Sum());
        var asMarket = ForwardAncillary(ancillaryOn, boot);
        var overlay = new ForwardOverlay(boot, history, curve, hashprice, ShapeOptions.Default, clock, options);
        return Simulate(history, options, strategy, clock, boot, overlay.BuildSeries, WholeSiteWithAncillary(site, strategy, _ => asMarket, offer, clock),
            ForwardHashprice(options), cancellationToken);
    }

    private static AncillaryMarket ForwardAncillary(Func<DateTime[], AncillaryMarket> ancillaryOn, DayBlockBootstrap boot)
    {
        var asMarket = ancillaryOn(boot.TargetTimes) ?? throw new ArgumentException("The forward AS prices are missing.", nameof(ancillaryOn));
        if (asMarket.Count != boot.TargetTimes.Length)
            throw new ArgumentException($"The forward AS prices have {asMarket.Count} intervals but the forward period has {boot.TargetTimes.Length}.", nameof(ancillaryOn));
        return asMarket;
    }

    /// <summary>Checks the inputs common to <see cref="Run"/> and <see cref="RunForward"/>, fills the defaults and builds the bootstrap.</summary>
    private static DayBlockBootstrap Prepare(MarketSeries history, SiteSpec site, MonteCarloOptions options,
        [System.Diagnostics.CodeAnalysis.NotNull] ref IDispatchStrategy? strategy, [System.Diagnostics.CodeAnalysis.NotNull] ref MarketClock? clock)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.Validate();
        strategy ??= new ThresholdStrategy();
        clock ??= MarketClock.Ercot;
        return Bootstrap(history, options, clock);
    }

    private static DayBlockBootstrap Prepare(MarketSeries history, SiteModel site, MonteCarloOptions options,
        [System.Diagnostics.CodeAnalysis.NotNull] ref IDispatchStrategy? strategy, [System.Diagnostics.CodeAnalysis.NotNull] ref MarketClock? clock)
    {
        ArgumentNullException.ThrowIfNull(site);
        strategy ??= new ThresholdStrategy();
        clock ??= MarketClock.Ercot;
        return Bootstrap(history, options, clock);
    }

    /// <summary>Checks the history and options (and the path index, when one is asked for) and builds the bootstrap.</summary>
    private static DayBlockBootstrap Bootstrap(MarketSeries history, MonteCarloOptions options, MarketClock clock, int? pathIndex = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (pathIndex is { } i && (i < 0 || i >= options.Paths))
            throw new ArgumentOutOfRangeException(nameof(pathIndex), i, $"Path index must be in [0, {options.Paths}).");
        if (history.Count == 0) throw new ArgumentException("The history for the Monte Carlo is empty.");
        return new DayBlockBootstrap(history, options, clock);
    }

    /// <summary>The series of path <paramref name="pathIndex"/> of <see cref="RunForward"/>, with its history indices.</summary>
    public static BootstrapPath GenerateForwardPath(MarketSeries history, MonteCarloOptions options, ForwardCurve curve,
        Func<DateTime[], double[]> hashprice, int pathIndex, ShapeOptions? shape = null, MarketClock? clock = null)
    {
        clock ??= MarketClock.Ercot;
        var boot = Bootstrap(history, options, clock, pathIndex);
        var overlay = new ForwardOverlay(boot, history, curve, hashprice, shape ?? ShapeOptions.Default, clock, options);
        var source = new int[boot.TargetTimes.Length];
        boot.Sample(pathIndex, source);
        return new BootstrapPath(pathIndex, overlay.BuildSeries(pathIndex, source), source);
    }

    private static string BootstrapHashprice(MonteCarloOptions o) => o.Hashprice == HashpriceSampling.HistoricalLevels
        ? "hashprice of the sampled hours carried into each simulated day's halving epoch by the subsidy ratio (x0.5 per halving in between)"
        : "hashprice chained from the sampled hours' relative changes (a halving in the history is no change), carried into the horizon's halving epoch";

    private static string ForwardHashprice(MonteCarloOptions o) => o.ForwardHashpriceShocks is { } s
        ? "hashprice = " + s.Description
        : "hashprice = the given path on every path (no hashprice risk)";

    /// <summary>Totals of one dispatched path; <c>intervalProfit</c> receives revenue − cost (+ AS income) per interval.</summary>
    private readonly record struct PathTotals(double Revenue, double Cost, double OperatingHours, double EnergyMWh, double AlwaysOnProfit, double? AncillaryIncome = null);

    /// <summary>Dispatches one path's series; <paramref name="run"/> is a scratch buffer of the path's length; <paramref name="source"/> the history interval behind each.</summary>
    private delegate PathTotals PathEvaluator(MarketSeries series, int path, double[] run, double[] intervalProfit, int[] source);

    /// <param name="ancillaryOf">The AS market of a path from its history indices (resampled history, or fixed forward prices).</param>
    private static PathEvaluator SingleSiteWithAncillary(SiteSpec site, IDispatchStrategy strategy, Func<int[], AncillaryMarket> ancillaryOf, AncillaryOffer offer, MarketClock clock)
    {
        double cap = site.Capacity.Value;
        return (series, p, run, intervalProfit, source) =>
        {
            var asPath = ancillaryOf(source);
            var problem = new DispatchProblem(series, site);
            double dt = series.IntervalHours;
            AncillaryResult booked;
            PathTotals totals;
            if (strategy is AncillaryDayAheadStrategy)
            {
                var ads = new AncillaryDayAheadStrategy(offer, asPath, clock);
                var plan = ads.Plan(problem);
                totals = SingleSiteTotals(site, strategy, series, p, run, intervalProfit, _ => { for (int t = 0; t < run.Length; t++) run[t] = cap > 0 ? plan.RunningMw[t] / cap : 0; });
                booked = ads.Settle(problem, plan);
            }
            else
            {
                totals = SingleSiteTotals(site, strategy, series, p, run, intervalProfit, null);
                var mw = new double[run.Length];
                for (int t = 0; t < mw.Length; t++) mw[t] = run[t] * cap;
                booked = AncillarySettlement.OnSchedule(strategy.Name, t => new IntervalSite([cap], [problem.Net[t] / cap]), mw, offer, asPath, dt);
            }
            var full = new double[run.Length];
            Array.Fill(full, cap);
            var alwaysOn = AncillarySettlement.OnSchedule("always-on", t => new IntervalSite([cap], [problem.Net[t] / cap]), full, offer, asPath, dt);
            for (int t = 0; t < run.Length; t++) intervalProfit[t] += booked.IncomeUsdByInterval[t];
            return totals with { AlwaysOnProfit = totals.AlwaysOnProfit + alwaysOn.IncomeUsd, AncillaryIncome = booked.IncomeUsd };
        };
    }

    private static PathEvaluator SingleSite(SiteSpec site, IDispatchStrategy strategy) =>
        (series, p, run, intervalProfit, _) => SingleSiteTotals(site, strategy, series, p, run, intervalProfit, null);

    private static PathTotals SingleSiteTotals(SiteSpec site, IDispatchStrategy strategy, MarketSeries series, int p, double[] run, double[] intervalProfit,
        Action<DispatchProblem>? dispatch)
    {
        var problem = new DispatchProblem(series, site);
        Array.Clear(run);
        if (dispatch is null) strategy.Dispatch(problem, run);
        else dispatch(problem);
        double rev = 0, cst = 0, op = 0, ao = 0, dt = series.IntervalHours, mw = site.Capacity.Value;
        for (int t = 0; t < run.Length; t++)
        {
            double x = run[t];
            if (!(x >= 0 && x <= 1))
                throw new InvalidOperationException($"Strategy '{strategy.Name}' returned run fraction {x} at {series.StartsUtc[t]:O} on path {p}; it must be in [0, 1].");
            double r = x * problem.Revenue[t], c = x * problem.Cost[t];
            rev += r;
            cst += c;
            op += x * dt;
            ao += problem.Net[t];
            intervalProfit[t] = r - c;
        }
        return new PathTotals(rev, cst, op, op * mw, ao);
    }

    /// <summary>
    /// A whole site with AS on one path: <see cref="AncillaryFleetDayAheadStrategy"/> plans on the path's AS prices and is
    /// settled on the MW it ran; any other strategy is credited the best awards its running MW allow; always-on too.
    /// </summary>
    private static PathEvaluator WholeSiteWithAncillary(SiteModel site, IDispatchStrategy strategy, Func<int[], AncillaryMarket> ancillaryOf, AncillaryOffer offer, MarketClock clock)
    {
        double aoMw = SiteBacktester.AlwaysOnFleet(site).Mw;
        return (series, p, run, intervalProfit, source) =>
        {
            var asPath = ancillaryOf(source);
            var planned = strategy is AncillaryFleetDayAheadStrategy ? new AncillaryFleetDayAheadStrategy(offer, asPath, site, clock) : null;
            var mw = new double[series.Count];
            var t = SiteBacktester.Totals(series, site, planned ?? strategy, intervalProfit, mw);
            var sites = AncillaryFleet.Sites(site, site.Problems(series));
            double dt = series.IntervalHours;
            var booked = planned is not null
                ? planned.Settle(series, planned.PlanFor(series), mw)
                : AncillarySettlement.OnSchedule(strategy.Name, sites, mw, offer, asPath, dt);
            var full = new double[series.Count];
            Array.Fill(full, aoMw);
            var alwaysOn = AncillarySettlement.OnSchedule("always-on", sites, full, offer, asPath, dt);
            for (int i = 0; i < series.Count; i++) intervalProfit[i] += booked.IncomeUsdByInterval[i];
            return new PathTotals(t.Revenue, t.Cost, t.OperatingHours, t.EnergyMWh, t.AlwaysOnProfit + alwaysOn.IncomeUsd, booked.IncomeUsd);
        };
    }

    private static PathEvaluator WholeSite(SiteModel site, IDispatchStrategy strategy) => (series, p, run, intervalProfit, _) =>
    {
        var t = SiteBacktester.Totals(series, site, strategy, intervalProfit);
        return new PathTotals(t.Revenue, t.Cost, t.OperatingHours, t.EnergyMWh, t.AlwaysOnProfit);
    };

    private static MonteCarloResult Simulate(MarketSeries history, MonteCarloOptions options, IDispatchStrategy strategy,
        MarketClock clock, DayBlockBootstrap boot, Func<int, int[], MarketSeries> build, PathEvaluator evaluate, string hashpriceModel, CancellationToken cancellationToken)
    {
        // Month index of every simulated interval (shared by all paths).
        var times = boot.TargetTimes;
        int m = times.Length;
        var monthOf = new int[m];
        var months = new List<(int Y, int M)>();
        var monthHours = new List<double>();
        for (int i = 0; i < m; i++)
        {
            var l = clock.ToLocal(times[i]);
            if (months.Count == 0 || months[^1] != (l.Year, l.Month)) { months.Add((l.Year, l.Month)); monthHours.Add(0); }
            monthOf[i] = months.Count - 1;
            monthHours[^1] += history.IntervalHours;
        }

        int paths = options.Paths;
        var profit = new double[paths];
        var revenue = new double[paths];
        var cost = new double[paths];
        var energy = new double[paths];
        var opHours = new double[paths];
        var alwaysOn = new double[paths];
        var monthly = new double[paths, months.Count];
        var ancillaryIncome = new double[paths];
        bool withAncillary = false;
        // Null: the scheduler decides how many threads (Core does not ask the machine for its core count).
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };
        Parallel.For(0, paths, po, () => (new int[m], new double[m], new double[m], new double[months.Count]), (p, _, buffers) =>
        {
            var (source, run, intervalProfit, month) = buffers;
            boot.Sample(p, source);
            var series = build(p, source);
            var totals = evaluate(series, p, run, intervalProfit, source);
            Array.Clear(month);
            for (int t = 0; t < m; t++) month[monthOf[t]] += intervalProfit[t];
            profit[p] = totals.Revenue - totals.Cost + (totals.AncillaryIncome ?? 0);
            if (totals.AncillaryIncome is { } asIncome) { ancillaryIncome[p] = asIncome; withAncillary = true; }
            revenue[p] = totals.Revenue;
            cost[p] = totals.Cost;
            opHours[p] = totals.OperatingHours;
            energy[p] = totals.EnergyMWh;
            alwaysOn[p] = totals.AlwaysOnProfit;
            for (int k = 0; k < month.Length; k++) monthly[p, k] = month[k];
            return buffers;
        }, _ => { });

        // The distributions (null! here) are filled by WithSummaries, the one place they are computed (also for old saved files).
        var monthRows = new List<MonteCarloMonth>(months.Count);
        for (int k = 0; k < months.Count; k++)
        {
            var first = new DateOnly(months[k].Y, months[k].M, 1);
            double full = (clock.DayStartUtc(first.AddMonths(1)) - clock.DayStartUtc(first)).TotalHours;
            bool complete = Math.Abs(monthHours[k] - full) < 1e-9;
            monthRows.Add(new MonteCarloMonth(months[k].Y, months[k].M, (int)Math.Round(monthHours[k]), complete, null!));
        }

        return new MonteCarloResult
        {
            Options = options,
            Strategy = strategy.Name,
            StartDay = boot.StartDay,
            EndDay = boot.EndDay,
            IntervalsPerPath = m,
            HistoryCompleteDays = boot.HistoryCompleteDays,
            MinCandidateBlocks = boot.MinCandidateBlocks,
            HashpriceModel = hashpriceModel,
            PathProfitUsd = profit,
            PathRevenueUsd = revenue,
            PathPowerCostUsd = cost,
            PathEnergyMWh = energy,
            PathOperatingHours = opHours,
            PathAlwaysOnProfitUsd = alwaysOn,
            PathAncillaryIncomeUsd = withAncillary ? ancillaryIncome : null,
            MonthlyProfitUsd = monthly,
            Months = monthRows,
            HorizonProfit = null!,
            HorizonUplift = null!,
            MonthlyProfit = null!,
        }.WithSummaries();
    }


    /// <summary>
    /// The market series of path <paramref name="pathIndex"/> exactly as <see cref="Run"/> simulates it, with the history
    /// index behind each interval (for inspection, charts, or running a full <see cref="Backtest.Backtester"/> on one path).
    /// </summary>
    public static BootstrapPath GeneratePath(MarketSeries history, MonteCarloOptions options, int pathIndex, MarketClock? clock = null)
    {
        var boot = Bootstrap(history, options, clock ?? MarketClock.Ercot, pathIndex);
        var source = new int[boot.TargetTimes.Length];
        boot.Sample(pathIndex, source);
        return new BootstrapPath(pathIndex, boot.BuildSeries(source), source);
    }
}
