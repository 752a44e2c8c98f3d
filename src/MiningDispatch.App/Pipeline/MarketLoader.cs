using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.App.Pipeline;

/// <summary>What a companion series is for.</summary>
internal enum CompanionKind
{
    /// <summary>Day-ahead prices at the site's point (day-ahead strategy, DA/RT settlement).</summary>
    DayAhead,
    /// <summary>Prices at a second settlement point (basis, hub-settled PPA).</summary>
    Basis,
}

/// <summary>A second price series to load for the same hours (day-ahead prices, a basis point).</summary>
/// <param name="Kind">What it is for.</param>
/// <param name="Label">What it is, for messages ("day-ahead prices", "basis point HB_WEST").</param>
/// <param name="Files">Files to read.</param>
/// <param name="Query">Point and market to read.</param>
/// <param name="Hint">Told to the user when the files hold none.</param>
internal sealed record CompanionRequest(CompanionKind Kind, string Label, IReadOnlyList<string> Files, PriceQuery Query, string Hint);

/// <summary>A companion series as loaded (for the inputs table): its label and the files it came from.</summary>
internal sealed record CompanionSource(string Label, PriceLoadResult Loaded);

/// <summary>
/// Prices and hashprice on the backtested UTC intervals (hours, or 15 minutes at 15-minute resolution), with where they
/// came from. <see cref="Market"/> carries the day-ahead prices when they were loaded; <see cref="Basis"/> the second
/// point's prices on the same intervals.
/// </summary>
internal sealed record LoadedMarket(
    MarketRequest Request,
    MarketSeries Market,
    BasisSeries? Basis,
    PriceLoadResult Prices,
    HashpriceSeries Hashprice,
    HashpriceAlignment Alignment,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<DataQualityReport> Quality,
    IReadOnlyList<CompanionSource> CompanionSources);

/// <summary>
/// Loads prices and hashprice, aligns hashprice to the price hours without look-ahead and picks the market days both
/// cover (or the requested ones). Companion series (day-ahead prices, a second settlement point) are loaded for the
/// same days; hours a companion lacks are left out of the run and reported in the data-quality notes.
/// </summary>
internal sealed class MarketLoader(IRunObserver observer)
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    /// <summary>Label of the day-ahead companion series.</summary>
    public const string DayAheadLabel = "day-ahead prices";

    /// <summary>Label of the basis point's companion series.</summary>
    public static string BasisLabel(string point) => $"prices at basis point {point}";

    /// <summary>
    /// Loads the market of <paramref name="s"/> with its day-ahead prices (when the strategy
    /// <paramref name="dayAheadNeededBy"/> reads them, or <c>--da-prices</c> was given) and its basis point's prices.
    /// </summary>
    public Task<LoadedMarket> LoadAsync(MarketRequest s, string? dayAheadNeededBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        var companions = new List<CompanionRequest>();
        if (dayAheadNeededBy is not null || s.DayAheadPrices is { Count: > 0 })
            companions.Add(new CompanionRequest(CompanionKind.DayAhead, DayAheadLabel, s.DayAheadPrices is { Count: > 0 } d ? d : s.Prices,
                new PriceQuery(s.SettlementPoint, PriceMarket.DayAhead, Rules: s.PriceRules),
                $"Day-ahead prices for {s.SettlementPoint} are needed" + (dayAheadNeededBy is null ? "" : $" by --strategy {dayAheadNeededBy}") +
                ": pass files that hold them with --da-prices FILE (e.g. ERCOT DAM settlement point prices, NP4-180-ER workbooks, or a CSV with a dam_lmp column)."));
        if (s.Basis is { } basis)
            companions.Add(new CompanionRequest(CompanionKind.Basis, BasisLabel(basis.Point), basis.Files is { Count: > 0 } f ? f : s.Prices,
                new PriceQuery(basis.Point, s.PriceMarket, Rules: s.PriceRules), $"Pass the files holding {basis.Point} with --basis-prices FILE."));
        return LoadAsync(s, companions, ct);
    }

    /// <summary>Loads <paramref name="s"/> and the companions.</summary>
    public async Task<LoadedMarket> LoadAsync(MarketRequest s, IReadOnlyList<CompanionRequest> companions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(companions);
        // 1. Prices.
        var resolution = s.Resolution;
        var query = new PriceQuery(s.SettlementPoint, s.PriceMarket, Resolution: resolution, Rules: s.PriceRules);
        var skipped = new List<string>();
        PriceLoader.ExpandPaths(s.Prices, skipped);
        foreach (var w in skipped) observer.Warn(w);
        PriceLoadResult prices;
        try
        {
            prices = observer.Load("Loading prices", progress => PriceLoader.Load(s.Prices, query, progress, ct));
        }
        catch (DataFormatException ex) when (resolution == PriceResolution.FifteenMinute && ex.Column == "resolution")
        {
            throw new SettingsException($"--resolution 15min: {ex.Message}. Use --resolution hourly (or native) for hourly price files.");
        }
        if (prices.HoursUtc.Length == 0) throw new SettingsException($"No {s.SettlementPoint} prices found in {string.Join(", ", s.Prices)}.");
        double dt = prices.IntervalHours;
        TimeSpan step = TimeSpan.FromHours(dt);

        // Gaps inside the data are filled only when the user asks (--fill-gaps), by the stated rule.
        var fill = s.GapFill;
        var filled = fill.Rule == GapFillRule.None ? null : GapFiller.Fill(prices.HoursUtc, prices.PriceUsdPerMWh, fill, dt);
        DateTime[] priceHours = filled?.HoursUtc ?? prices.HoursUtc;
        double[] priceValues = filled?.PriceUsdPerMWh ?? prices.PriceUsdPerMWh;
        DateOnly priceFirst = Clock.MarketDay(priceHours[0]), priceLast = Clock.MarketDay(priceHours[^1]);
        CheckRequestedRange(s, priceHours, step, "Prices", string.Join(", ", prices.Files.Select(Path.GetFileName)));

        // 2. Hashprice.
        HashpriceSeries hashprice = await LoadHashpriceAsync(s, s.Start ?? priceFirst, s.End ?? priceLast, ct);
        var alignment = s.Alignment;
        double[] hpAll = HashpriceAligner.ToIntervals(hashprice, priceHours, dt, alignment, out _, out int[] hpPoint);

        // 3. Date range: requested, or the market days both inputs cover.
        var (start, end) = ResolveRange(s, priceHours, step, hpAll, hashprice);
        DateTime fromUtc = Clock.DayStartUtc(start), toUtc = Clock.DayStartUtc(end.AddDays(1));
        int a = LowerBound(priceHours, fromUtc), b = LowerBound(priceHours, toUtc);
        string unit = dt == 1.0 ? "hour" : "15-minute interval";
        if (b <= a) throw new SettingsException($"No price {unit}s between {start:yyyy-MM-dd} and {end:yyyy-MM-dd}.");
        var uncovered = new List<DateTime>();
        for (int i = a; i < b; i++) if (double.IsNaN(hpAll[i])) uncovered.Add(priceHours[i]);
        if (uncovered.Count > 0)
            throw new SettingsException(
                $"Hashprice ({hashprice.Source}) does not cover {uncovered.Count} of the {b - a} {unit}s from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} " +
                $"(first uncovered {unit} {uncovered[0]:yyyy-MM-dd HH:mm}Z, last {uncovered[^1]:yyyy-MM-dd HH:mm}Z). " +
                $"Hashprice points run from {hashprice.Points[0].TimestampUtc:yyyy-MM-dd} to {hashprice.Points[^1].TimestampUtc:yyyy-MM-dd}; choose --start/--end inside that.");

        var hours = priceHours.AsSpan(a, b - a).ToArray();
        var price = priceValues.AsSpan(a, b - a).ToArray();
        var hp = hpAll.AsSpan(a, b - a).ToArray();
        var hpIndex = hpPoint.AsSpan(a, b - a).ToArray();
        var filledHours = filled is null ? [] : hours.Where((_, i) => filled.IsFilled[a + i]).ToList();
        var quality = new List<DataQualityReport> { prices.Quality, hashprice.Quality };

        // 4. Companion series on the same hours; keep only hours every series has.
        var keep = new bool[hours.Length];
        Array.Fill(keep, true);
        var aligned = new Dictionary<CompanionKind, double[]>();
        var sources = new List<CompanionSource>();
        string? basisPoint = null;
        foreach (var c in companions)
        {
            // At hourly resolution a companion is loaded as today (hourly); at 15 minutes it keeps its own resolution
            // and an hourly companion (day-ahead prices) applies to the four 15-minute intervals of its hour.
            var loaded = LoadCompanion(c, fromUtc, toUtc, dt == 1.0 ? PriceResolution.Hourly : PriceResolution.Native, ct);
            var values = IntervalGrid.Align(loaded.HoursUtc, loaded.PriceUsdPerMWh, loaded.IntervalHours, hours, dt);
            int missing = 0;
            DateTime? firstMissing = null;
            for (int i = 0; i < hours.Length; i++)
            {
                if (double.IsNaN(values[i])) { keep[i] = false; missing++; firstMissing ??= hours[i]; }
            }
            if (missing == hours.Length)
                throw new SettingsException($"The {c.Label} ({string.Join(", ", loaded.Files.Select(Path.GetFileName))}) cover none of the {hours.Length} {unit}s " +
                    $"from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}. {c.Hint}");
            var q = loaded.Quality with { Source = $"{c.Label}: {loaded.Quality.Source}" };
            if (loaded.IntervalHours > dt)
                q = q with { Notes = [.. q.Notes, $"The {c.Label} are hourly: each hour's price applies to the four 15-minute intervals of that hour."] };
            if (missing > 0)
                q = q with
                {
                    Notes = [.. q.Notes, string.Create(CultureInfo.InvariantCulture,
                        $"{missing} of the {hours.Length} backtest {unit}s have no {c.Label} (first {firstMissing:yyyy-MM-dd HH:mm}Z); those {unit}s are left out of the whole run")],
                };
            quality.Add(q);
            if (!aligned.TryAdd(c.Kind, values)) throw new ArgumentException($"Two {c.Kind} companion series were requested.", nameof(companions));
            sources.Add(new CompanionSource(c.Label, loaded));
            if (c.Kind == CompanionKind.Basis) basisPoint = c.Query.SettlementPoint;
        }
        int kept = keep.Count(k => k);
        if (kept < hours.Length)
        {
            hours = Filter(hours, keep);
            price = Filter(price, keep);
            hp = Filter(hp, keep);
            hpIndex = Filter(hpIndex, keep);
            foreach (var key in aligned.Keys.ToList()) aligned[key] = Filter(aligned[key], keep);
        }

        // Gaps and fills inside the range: in every report, and said in the terminal.
        var range = RangeQuality.Build(prices, $"{prices.SettlementPoint} {RunDescription.MarketLabel(prices.Market)}", start, end, fromUtc, toUtc,
            filledHours, fill, hours.Length, step);
        quality.Insert(1, range.Report);
        if (range.Message is { } message)
        {
            if (range.IsWarning) observer.Warn(message);
            else observer.Note(message);
        }

        // Coverage of the hashprice over the intervals actually backtested, from the points aligned once above.
        var hpCoverage = HashpriceAligner.Coverage(hashprice, hours, hpIndex, dt, alignment);
        quality.Add(hpCoverage);
        var market = new MarketSeries(hours, price, hp, dt, aligned.GetValueOrDefault(CompanionKind.DayAhead), prices.SettlementPoint, prices.Market.ToString());
        var basis = aligned.TryGetValue(CompanionKind.Basis, out var bp) ? new BasisSeries(basisPoint!, bp) : null;
        return new LoadedMarket(s, market, basis, prices, hashprice, alignment, start, end, quality, sources);
    }

    private PriceLoadResult LoadCompanion(CompanionRequest c, DateTime fromUtc, DateTime toUtc, PriceResolution resolution, CancellationToken ct)
    {
        var q = c.Query with { FromUtc = fromUtc, ToUtc = toUtc, Resolution = resolution };
        try
        {
            return observer.Load("Loading " + c.Label, progress => PriceLoader.Load(c.Files, q, progress, ct));
        }
        catch (DataFormatException ex)
        {
            throw new SettingsException($"Could not load the {c.Label}: {ex.Message} {c.Hint}");
        }
    }

    internal async Task<HashpriceSeries> LoadHashpriceAsync(MarketRequest s, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (s.Hashprice.Api is { } options)
        {
            // Cache warnings (rebuilt, implausible entry discarded, write failed) are shown once the step's spinner is gone.
            var warnings = new List<string>();
            using var client = new HashrateIndexClient(options) { OnWarning = warnings.Add };
            try
            {
                return await observer.RunStepAsync("Fetching hashprice from Hashrate Index", progress => client.GetHashpriceAsync(from, to, progress, ct));
            }
            catch (ArgumentException ex) when (ex.ParamName is "from" or "to")
            {
                // The client's documented range check (a range ending before it starts or starting in the future): the user's dates.
                throw new SettingsException($"Hashprice from Hashrate Index: {ex.Message.Split(" (Parameter", 2)[0]}");
            }
            finally
            {
                foreach (var w in warnings) observer.Warn(w);
            }
        }
        if (s.Hashprice.ChainFolder is { } folder)
        {
            HashpriceSeries chain;
            try
            {
                chain = observer.RunStep("Deriving hashprice from chain data", _ => ChainDataHashprice.FromFolder(folder));
            }
            catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
            {
                throw new SettingsException($"--hashprice-source chain: {ex.Message}");
            }
            if (chain.Caveat is { } caveat) observer.Warn("Warning: " + caveat);
            return chain;
        }
        string path = s.Hashprice.File ?? throw new SettingsException("No hashprice given: pass --hashprice FILE, --hashprice-source chain or --hashprice-source hashrateindex.");
        try
        {
            return HashpriceCsvLoader.Load(path, s.Hashprice.Unit);
        }
        catch (FormatException ex)
        {
            throw new SettingsException(ex.Message);
        }
    }

    /// <summary>The requested --start/--end must lie inside the prices: hours missing before the data starts or after it ends are an error, never a shorter run.</summary>
    internal static void CheckRequestedRange(MarketRequest s, DateTime[] hours, TimeSpan step, string what, string source)
    {
        bool hourly = step == TimeSpan.FromHours(1);
        DateOnly first = Clock.MarketDay(hours[0]), last = Clock.MarketDay(hours[^1]);
        string cover = $"{what} in {source} cover {first:yyyy-MM-dd} to {last:yyyy-MM-dd} ({Hour(hours[0])} .. {Hour(hours[^1])}, {(hourly ? "hour" : "15-minute interval")} starts)";
        if (s.Start is { } st && st > last || s.End is { } en && en < first)
            throw new SettingsException($"{cover}; the requested range {Day(s.Start)} to {Day(s.End)} lies outside it.");
        DateTime? from = s.Start is { } a ? Clock.DayStartUtc(a) : null;
        DateTime? to = s.End is { } b ? Clock.DayStartUtc(b.AddDays(1)) : null;
        long before = from is { } f && hours[0] > f ? (hours[0] - f).Ticks / step.Ticks : 0;
        long after = to is { } t && hours[^1] + step < t ? (t - (hours[^1] + step)).Ticks / step.Ticks : 0;
        if (before == 0 && after == 0) return;
        string Count(long n) => hourly
            ? string.Create(CultureInfo.InvariantCulture, $"{n:#,0} hour(s)")
            : string.Create(CultureInfo.InvariantCulture, $"{n:#,0} 15-minute interval(s) ({n * step.TotalHours:#,0.##} h)");
        var parts = new List<string>();
        if (before > 0) parts.Add($"{Count(before)} missing before the data starts (the range starts {Hour(from!.Value)})");
        if (after > 0) parts.Add($"{Count(after)} missing after it ends (the last {(hourly ? "hour" : "interval")} of the range starts {Hour(to!.Value - step)})");
        throw new SettingsException($"{cover}; the requested range {Day(s.Start)} to {Day(s.End)} is not covered: {string.Join(" and ", parts)}. " +
            "Choose --start/--end inside the prices or add files that cover the range.");
    }

    private static string Hour(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z";

    internal static (DateOnly Start, DateOnly End) ResolveRange(MarketRequest s, DateTime[] hours, TimeSpan step, double[] hp, HashpriceSeries series)
    {
        if (s.Start is { } st && s.End is { } en) return (st, en);
        int first = Array.FindIndex(hp, v => !double.IsNaN(v));
        int last = Array.FindLastIndex(hp, v => !double.IsNaN(v));
        if (first < 0)
            throw new SettingsException(
                $"The hashprice ({series.Source}, {Day(series.Points.Count > 0 ? series.Points[0].TimestampUtc : null)} to {Day(series.Points.Count > 0 ? series.Points[^1].TimestampUtc : null)}) " +
                $"does not overlap the prices ({hours[0]:yyyy-MM-dd} to {hours[^1]:yyyy-MM-dd}).");
        // Whole market days only: a partly covered first or last day is dropped.
        DateOnly start = Clock.MarketDay(hours[first]);
        if (Clock.DayStartUtc(start) < hours[first]) start = start.AddDays(1);
        DateOnly end = Clock.MarketDay(hours[last]);
        if (hours[last] + step < Clock.DayStartUtc(end.AddDays(1))) end = end.AddDays(-1);
        // A hashprice value is not carried past the period it describes by default: stop at the market day holding
        // the last hour of the last hashprice period.
        if (series.Points.Count > 0)
        {
            var lastPeriodHour = series.Points[^1].TimestampUtc + series.Bucket - step;
            DateOnly hpEnd = Clock.MarketDay(lastPeriodHour);
            if (hpEnd < end) end = hpEnd;
        }
        if (end < start) { start = Clock.MarketDay(hours[first]); end = Clock.MarketDay(hours[last]); }
        return (s.Start ?? start, s.End ?? end);
    }

    private static T[] Filter<T>(T[] a, bool[] keep)
    {
        var r = new List<T>(a.Length);
        for (int i = 0; i < a.Length; i++) if (keep[i]) r.Add(a[i]);
        return r.ToArray();
    }

    internal static string Day(DateTime? d) => d is null ? "?" : d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    internal static string Day(DateOnly? d) => d is null ? "(open)" : d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static int LowerBound(DateTime[] a, DateTime t)
    {
        int i = Array.BinarySearch(a, t);
        return i >= 0 ? i : ~i;
    }
}
