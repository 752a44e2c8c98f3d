using System.Globalization;
using MiningDispatch.App.Pipeline;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Screen;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>screen</c>: loads every settlement point of the price files, puts them on one grid of intervals with the
/// hashprice, runs the site with the strategy beside always-on at each point in parallel (<see cref="PointScreen"/>)
/// and ranks the points by the strategy's profit.
/// </summary>
public sealed class ScreenService(IRunObserver observer)
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    /// <summary>
    /// Most points screened at once (default: the processor count). Each worker holds one point's arrays; the ranking,
    /// every figure and so every output byte are the same for any value.
    /// </summary>
    public int MaxDegreeOfParallelism
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = Environment.ProcessorCount;

    /// <summary>Null when <paramref name="strategyName"/> can screen one point on its own real-time prices, else why not (naming --strategy).</summary>
    public static string? StrategyProblem(string strategyName)
    {
        if (string.Equals(strategyName, OptimalStrategy.StrategyName, StringComparison.OrdinalIgnoreCase))
            return $"--strategy {OptimalStrategy.StrategyName} is the perfect-foresight benchmark, not a rule a site can run; screen ranks points by a strategy that decides as it goes (e.g. {StrategyFactory.DefaultName}).";
        if (StrategyRegistry.Find(strategyName) is { NeedsDayAheadPrices: true } d)
            return $"--strategy {d.Name} reads day-ahead prices, which screen does not load for every point; choose a strategy that decides on the point's own real-time prices (e.g. {StrategyFactory.DefaultName}).";
        return null;
    }

    /// <summary>Screens every point of <paramref name="request"/>.</summary>
    /// <exception cref="SettingsException">An input the user must change (files, range, hub, strategy, hashprice coverage).</exception>
    public async Task<ScreenRun> RunAsync(ScreenRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (StrategyProblem(request.Strategy.Name) is { } problem) throw new SettingsException(problem);
        var m = request.Market;
        var site = FleetRun.Model(request.Site);

        // 1. Every point's prices.
        var skipped = new List<string>();
        var files = PriceLoader.ExpandPaths(m.Prices, skipped);
        foreach (var w in skipped) _observer.Warn(w);
        // --start/--end narrow the one pass to those market days (and its memory); the range check below still applies
        var query = new PriceQuery("*", m.PriceMarket, m.Start is { } s0 ? Clock.DayStartUtc(s0) : null, m.End is { } e0 ? Clock.DayStartUtc(e0.AddDays(1)) : null,
            m.Resolution, m.PriceRules);
        PriceLoadResult?[] points; // each point's series is let go once it is screened
        var warnings = new List<string>(); // said in the terminal and in every report file
        try
        {
            var all = _observer.Load("Loading the prices of every settlement point", progress => ScreenPrices.LoadAll(m.Prices, query, request.MemoryLimitBytes, progress, ct));
            if (all.Points.Count == 0 && all.Failures.Count > 0) throw all.Failures[0].Error;
            warnings.AddRange(all.Failures.Select(f => $"{f.SettlementPoint} not screened: {f.Error.Message}"));
            points = [.. all.Points.Where(p => p.Count > 0)];
        }
        catch (DataFormatException ex) when (m.Resolution == PriceResolution.FifteenMinute && ex.Column == "resolution")
        {
            throw new SettingsException($"--resolution 15min: {ex.Message}. Use --resolution hourly (or native) for hourly price files.");
        }
        string source = string.Join(", ", files.Select(Path.GetFileName));
        if (points.Length == 0) throw new SettingsException($"No settlement point prices found in {source}.");
        var names = points.Select(p => p!.SettlementPoint).ToArray();
        var market = points[0]!.Market;
        var steps = points.Select(p => p!.IntervalHours).Distinct().Order().ToList();
        if (steps.Count > 1)
        {
            var sample = steps.Select(h => $"{points.First(p => p!.IntervalHours == h)!.SettlementPoint} every {h.ToString(Ci)} h");
            throw new SettingsException($"The settlement points in {source} have different interval lengths ({string.Join(", ", sample)}); " +
                "pass --resolution hourly to screen them all on hourly prices.");
        }
        double dt = steps[0];
        var step = TimeSpan.FromHours(dt);
        ct.ThrowIfCancellationRequested();

        // 2. The range and the grid with the hashprice.
        _observer.Phase("grid and hashprice");
        DateTime first = points.Min(p => p!.HoursUtc[0]), last = points.Max(p => p!.HoursUtc[^1]);
        var span = Grid(first, (int)((last - first).Ticks / step.Ticks) + 1, step);
        MarketLoader.CheckRequestedRange(m, span, step, "Prices", source);
        var loader = new MarketLoader(_observer);
        var hashprice = await loader.LoadHashpriceAsync(m, m.Start ?? Clock.MarketDay(first), m.End ?? Clock.MarketDay(last), ct);
        var hpSpan = HashpriceAligner.ToIntervals(hashprice, span, dt, m.Alignment, out _);
        var (start, end) = MarketLoader.ResolveRange(m, span, step, hpSpan, hashprice);
        DateTime fromUtc = Clock.DayStartUtc(start), toUtc = Clock.DayStartUtc(end.AddDays(1));
        var times = Grid(fromUtc, (int)((toUtc - fromUtc).Ticks / step.Ticks), step);
        string unit = dt == 1.0 ? "hour" : "15-minute interval";
        if (times.Length == 0) throw new SettingsException($"No price {unit}s between {start:yyyy-MM-dd} and {end:yyyy-MM-dd}.");
        var hp = HashpriceAligner.ToIntervals(hashprice, times, dt, m.Alignment, out var hpCoverage);
        var uncovered = times.Where((_, i) => double.IsNaN(hp[i])).ToList();
        if (uncovered.Count > 0)
            throw new SettingsException(
                $"Hashprice ({hashprice.Source}) does not cover {uncovered.Count} of the {times.Length} {unit}s from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} " +
                $"(first uncovered {unit} {uncovered[0]:yyyy-MM-dd HH:mm}Z, last {uncovered[^1]:yyyy-MM-dd HH:mm}Z). " +
                $"Hashprice points run from {hashprice.Points[0].TimestampUtc:yyyy-MM-dd} to {hashprice.Points[^1].TimestampUtc:yyyy-MM-dd}; choose --start/--end inside that.");
        var grid = new ScreenGrid(fromUtc, times.Length, dt, hp, Clock);

        // 3. The hub of the basis column.
        string? hubName = ResolveHub(request.Hub, points, source, warnings) is { } hub ? hub.SettlementPoint : null;
        double[]? hubOnGrid = hubName is null ? null : HubOnGrid(points, hubName, grid);

        // 4. Every point, on at most MaxDegreeOfParallelism workers, each with one set of arrays (a ScreenWorkspace);
        // a point's series is let go as soon as it is screened unless it is among the top points so far (whose
        // price-duration curves the report draws), so memory falls as the screen goes instead of doubling.
        _observer.Phase("compute");
        var results = new ScreenPoint?[points.Length];
        var top = new TopPoints(ScreenRequest.DurationCurvePoints);
        _observer.RunStep($"Screening {points.Length.ToString("#,0", Ci)} settlement points", progress =>
        {
            int done = 0;
            var gate = new object();
            var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = MaxDegreeOfParallelism };
            Parallel.For(0, points.Length, options, () => new ScreenWorkspace(grid, site), (i, _, workspace) =>
            {
                var p = Interlocked.Exchange(ref points[i], null)!;
                grid.ToGrid(p.HoursUtc, p.PriceUsdPerMWh, workspace.Prices);
                var r = PointScreen.Evaluate(grid, p.SettlementPoint, workspace.Prices, hubOnGrid, site, request.Strategy, workspace);
                results[i] = r;
                if (r is not null) top.Offer(r, p);
                int d = Interlocked.Increment(ref done);
                if (d % 50 == 0 || d == points.Length)
                    lock (gate) progress.Report($"{d.ToString("#,0", Ci)} of {points.Length.ToString("#,0", Ci)}");
                return workspace;
            }, _ => { });
            return 0;
        });
        ct.ThrowIfCancellationRequested();

        var missing = names.Where((_, i) => results[i] is null).ToList();
        if (missing.Count > 0)
            warnings.Add($"{missing.Count} settlement point(s) have no price from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} and are not ranked: {List(missing)}.");
        var ranked = PointScreen.Rank(results.OfType<ScreenPoint>());
        var gappy = ranked.Where(p => p.Intervals < p.GridIntervals).OrderBy(p => p.CoveragePct).ThenBy(p => p.SettlementPoint, StringComparer.Ordinal).ToList();
        if (gappy.Count > 0)
            warnings.Add($"{gappy.Count} settlement point(s) lack prices for part of the range and are ranked on the {unit}s they have (see coverage_pct): " +
                List(gappy.Select(p => string.Create(Ci, $"{p.SettlementPoint} {p.Intervals:N0} of {p.GridIntervals:N0}")).ToList()) + ".");
        foreach (var w in warnings) _observer.Warn("Warning: " + w);

        // 5. Price-duration curves of the top points (the series kept for them).
        _observer.Phase("duration curves");
        var kept = top.Series();
        var curves = ranked.Take(ScreenRequest.DurationCurvePoints).Select(r =>
        {
            if (!kept.TryGetValue(r.SettlementPoint, out var p))
                throw new InvalidOperationException($"The series of {r.SettlementPoint}, ranked among the top {ScreenRequest.DurationCurvePoints}, was not kept.");
            return new DurationCurve(r.SettlementPoint, PointScreen.DurationCurve(grid.ToGrid(p.HoursUtc, p.PriceUsdPerMWh)));
        }).ToList();

        return new ScreenRun
        {
            Points = ranked,
            Top = request.Top,
            Title = $"MiningDispatch screen: {ranked.Count.ToString("#,0", Ci)} settlement points, {RunDescription.MarketLabel(market)}, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}",
            Strategy = request.Strategy.Name,
            Hub = hubName,
            Start = start,
            End = end,
            IntervalHours = dt,
            Inputs = Inputs(request, site, files, market, hashprice, hpCoverage.Source, hubName, start, end, dt, grid),
            Warnings = warnings,
            DurationCurves = curves,
        };
    }

    private static PriceLoadResult? ResolveHub(string? asked, PriceLoadResult?[] points, string source, List<string> warnings)
    {
        string name = asked ?? ScreenRequest.DefaultHub;
        var hub = points.FirstOrDefault(p => p!.SettlementPoint.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (hub is not null) return hub;
        if (asked is not null)
            throw new SettingsException($"--hub {asked} is not a settlement point in {source}. The files hold: {List(points.Select(p => p!.SettlementPoint).ToList(), 60)}.");
        warnings.Add($"The price files hold no {ScreenRequest.DefaultHub}: the basis column is empty. Pass --hub NAME to take the basis to another point.");
        return null;
    }

    private static double[] HubOnGrid(PriceLoadResult?[] points, string hubName, ScreenGrid grid)
    {
        var hub = points.First(p => p!.SettlementPoint == hubName)!;
        return grid.ToGrid(hub.HoursUtc, hub.PriceUsdPerMWh);
    }

    /// <summary>
    /// The series of the best points screened so far, at most <c>capacity</c> of them, by <see cref="PointScreen.Rank"/>'s
    /// order (strategy profit, highest first; ties by name): whatever order the workers finish in, the points kept at the
    /// end are the top of the ranking. Thread-safe.
    /// </summary>
    private sealed class TopPoints(int capacity)
    {
        private readonly SortedDictionary<ScreenPoint, PriceLoadResult> _best = new(RankOrder.Instance);

        public void Offer(ScreenPoint point, PriceLoadResult series)
        {
            lock (_best)
            {
                if (_best.Count == capacity)
                {
                    var worst = _best.Keys.Last();
                    if (RankOrder.Instance.Compare(point, worst) >= 0) return;
                    _best.Remove(worst);
                }
                _best.Add(point, series);
            }
        }

        public Dictionary<string, PriceLoadResult> Series()
        {
            lock (_best) return _best.ToDictionary(kv => kv.Key.SettlementPoint, kv => kv.Value, StringComparer.Ordinal);
        }
    }

    /// <summary><see cref="PointScreen.Rank"/>'s order as a comparer: strategy profit descending (as <see cref="Comparer{T}.Default"/> orders doubles), then name (ordinal).</summary>
    private sealed class RankOrder : IComparer<ScreenPoint>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(ScreenPoint? x, ScreenPoint? y)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(y);
            int c = Comparer<double>.Default.Compare(y.StrategyProfitUsd, x.StrategyProfitUsd);
            return c != 0 ? c : string.CompareOrdinal(x.SettlementPoint, y.SettlementPoint);
        }
    }

    private static List<KeyValuePair<string, string>> Inputs(ScreenRequest r, Core.Fleet.SiteModel site, IReadOnlyList<string> files, PriceMarket market,
        HashpriceSeries hashprice, string coverage, string? hub, DateOnly start, DateOnly end, double dt, ScreenGrid grid)
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        var w = grid.Window;
        var list = new List<KeyValuePair<string, string>>
        {
            P("Date range (market days, CPT)", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} (inclusive)"),
            P("Market", RunDescription.MarketLabel(market)),
            P("Interval", dt == 1.0 ? "1 hour" : "15 minutes"),
            P("Price files", string.Join("; ", files.Select(Path.GetFileName))),
            P("Hashprice source", hashprice.Source),
            P("Hashprice alignment", r.Market.Alignment == HashpriceAlignment.Published
                ? "published: an interval uses the latest value published at or before its start"
                : "period-start: a value applies from its own timestamp"),
            P("Hashprice coverage", coverage),
            P("Site", r.Site.Fleet is { } f ? $"fleet {f.Spec} ({site.Fleet.AvailableMw.ToString("0.###", Ci)} MW available)"
                : $"{r.Site.Mw.ToString("0.###", Ci)} MW at {r.Site.Efficiency.ToString("0.###", Ci)} W/TH"),
            P("Strategy", r.Strategy.Name),
            P("Basis hub", hub ?? "none"),
            P("4CP window", $"{(w.WeekdaysOnly ? "weekdays" : "every day")}, months {string.Join(",", w.Months)}, {w.FromLocal:HH\\:mm}-{w.ToLocal:HH\\:mm} Central"),
            P("Volatility", "population standard deviation of the interval settlement prices"),
        };
        list.AddRange(RunDescription.Commercials(r.Site));
        return list;
    }

    private static DateTime[] Grid(DateTime from, int count, TimeSpan step)
    {
        var t = new DateTime[Math.Max(0, count)];
        for (int i = 0; i < t.Length; i++) t[i] = from + i * step;
        return t;
    }

    private static string List(List<string> names, int max = 10) =>
        names.Count <= max ? string.Join(", ", names) : string.Join(", ", names.Take(max)) + $" and {(names.Count - max).ToString("#,0", Ci)} more";
}
