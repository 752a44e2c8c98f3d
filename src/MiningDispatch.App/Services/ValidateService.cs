using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.App.Services;

/// <summary>A line of a validation section: "Label: text", or a plain line when <see cref="Label"/> is null, or the table of settlement points.</summary>
public sealed record ValidationItem(string? Label, string Text, IReadOnlyList<PointRow>? Points = null);

/// <summary>One titled part of the validation summary (a file, the set of files, a range, the hashprice).</summary>
public sealed record ValidationSection(string Title, IReadOnlyList<ValidationItem> Items);

/// <summary>
/// One settlement point of files validated without <c>--settlement-point</c>; <see cref="Result"/> is null when it
/// failed to load, and <see cref="Error"/> says why.
/// </summary>
public sealed record PointRow(string SettlementPoint, PriceLoadResult? Result, PriceSeriesStats? Stats, string? Error = null)
{
    /// <summary>
    /// How much is wrong with the point, to list the worst first: a point that failed to load comes before all others,
    /// then missing intervals (in gaps) plus duplicates dropped plus partial hours.
    /// </summary>
    public long Issues => Result is not { } p
        ? long.MaxValue
        : (long)p.Quality.MissingIntervals + p.Quality.Duplicates + p.Quality.PartialIntervals;

    /// <summary>
    /// The <paramref name="count"/> points with the most issues (<see cref="Issues"/>, ties by name) in name order,
    /// for a terminal table of many points.
    /// </summary>
    public static IReadOnlyList<PointRow> MostIssues(IReadOnlyList<PointRow> rows, int count)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.OrderByDescending(x => x.Issues).ThenBy(x => x.SettlementPoint, StringComparer.Ordinal).Take(count)
            .OrderBy(x => x.SettlementPoint, StringComparer.Ordinal)];
    }
}

/// <summary>What <c>validate</c> found: the summary sections, the errors (inputs that cannot be used) and the warnings.</summary>
public sealed record ValidationReport(IReadOnlyList<ValidationSection> Sections, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>validate</c>: reads price (and hashprice) files the way <c>backtest</c> does and describes their quality (layout,
/// points, rows, duplicates, gaps, partial hours, extremes, coverage of a range) without running a backtest.
/// </summary>
public static class ValidateService
{
    /// <summary>
    /// Files validated without a settlement point with more points than this: the terminal table shows this many, those
    /// with the most issues (<see cref="PointRow.MostIssues"/>); every point is analysed and in the report's rows.
    /// </summary>
    public const int PointsShown = 40;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly MarketClock Clock = MarketClock.Ercot;

    /// <summary>Validates the inputs of <paramref name="request"/>. Input problems are in the report; only a bad request throws.</summary>
    /// <exception cref="SettingsException">The request itself is inconsistent (end before start, empty point).</exception>
    public static ValidationReport Run(ValidateRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Validator(request, ct).Run();
    }

    /// <summary>One validate run: collects the report, its errors and its warnings.</summary>
    private sealed class Validator(ValidateRequest r, CancellationToken ct)
    {
        private readonly List<string> _errors = [];
        private readonly List<string> _warnings = [];
        private readonly List<ValidationSection> _sections = [];
        private List<ValidationItem> _items = [];

        public ValidationReport Run()
        {
            if (r.Start is { } s0 && r.End is { } e0 && e0 < s0) throw new SettingsException($"--end {e0:yyyy-MM-dd} is before --start {s0:yyyy-MM-dd}.");
            if (r.SettlementPoint is { } sp && string.IsNullOrWhiteSpace(sp)) throw new SettingsException("--settlement-point is empty.");

            PriceLoadResult? prices = r.SettlementPoint is { } point
                ? CheckPoint(point, r.Market)
                : ListPoints(r.Market);

            if (r.Hashprice is { } hp) CheckHashprice(hp, r.HashpriceUnit, prices);
            return new ValidationReport(_sections, _errors, _warnings);
        }

        // ---- prices, one point ----

        private PriceLoadResult? CheckPoint(string point, PriceMarket? market)
        {
            var skipped = new List<string>();
            var files = PriceLoader.ExpandPaths(r.Prices, skipped);
            foreach (var w in skipped)
            {
                _warnings.Add(w);
                Text("  WARNING: " + w);
            }
            PriceLoadResult? combined = null;
            foreach (var file in files)
            {
                Rule("Prices: " + Path.GetFileName(file));
                var result = TryLoad([file], point, market, partOfSet: files.Count > 1);
                if (result is not null) Describe(result, files.Count == 1);
                if (files.Count == 1) combined = result;
            }
            if (files.Count > 1)
            {
                Rule($"Prices: all {files.Count} files together (as backtest reads them)");
                combined = TryLoad(r.Prices, point, market);
                if (combined is not null) Describe(combined, true);
            }
            if (combined is not null && (r.Start is not null || r.End is not null)) CheckRange(combined);
            return combined;
        }

        private PriceLoadResult? TryLoad(IReadOnlyList<string> paths, string point, PriceMarket? market, bool partOfSet = false)
        {
            try
            {
                return PriceLoader.Load(paths, new PriceQuery(point, market, Rules: r.PriceRules), null, ct);
            }
            catch (DataFormatException e) when (partOfSet && e.Column == "settlement point")
            {
                // one file of several without the point: not an error as long as the set has it
                _warnings.Add(e.Message);
                Text("  WARNING: " + e.Message);
                return null;
            }
            catch (DataFormatException e)
            {
                _errors.Add(e.Message);
                Text("  ERROR: " + e.Message);
                return null;
            }
        }

        /// <summary>Prints one series; <paramref name="countWarnings"/> is false for per-file parts of a multi-file set.</summary>
        private void Describe(PriceLoadResult p, bool countWarnings)
        {
            var q = p.Quality;
            foreach (var layout in p.Layouts) Line("Layout", layout);
            Line("Series", $"{p.SettlementPoint} {App.Services.RunDescription.MarketLabel(p.Market)}, {N(p.Count)} hour(s)");
            Line("Coverage", $"{Utc(p.HoursUtc[0])} .. {Utc(p.HoursUtc[^1])} (hour starts); market days {Clock.MarketDay(p.HoursUtc[0]):yyyy-MM-dd} to {Clock.MarketDay(p.HoursUtc[^1]):yyyy-MM-dd}");
            Line("Rows", $"{N(q.RowsRead)} read (every point), {N(q.RowsUsed)} used for {p.SettlementPoint}");
            Line("Duplicates", q.Duplicates == 0 ? "none" : $"{N(q.Duplicates)} exact duplicate row(s) dropped");
            Line("Partial hours", q.PartialIntervals == 0 ? "none" : $"{N(q.PartialIntervals)} hour(s) averaged from fewer intervals than the hour holds");
            WriteGaps(q.Gaps);
            var st = PriceSeriesStats.Of(p.HoursUtc, p.PriceUsdPerMWh);
            Line("Min price", $"{Usd(st.Min)} $/MWh at {Utc(st.MinHourUtc)}{(st.Min < 0 ? " (negative, kept)" : "")}");
            Line("Max price", $"{Usd(st.Max)} $/MWh at {Utc(st.MaxHourUtc)}{(st.Max > PriceSeriesStats.SpikeThresholdUsdPerMWh ? " (spike above $5,000, kept)" : "")}");
            Line("Spikes", $"{N(st.SpikeHours)} hour(s) above $5,000/MWh, kept as they are (never clamped)");
            Line("Negatives", $"{N(st.NegativeHours)} hour(s) below $0/MWh, kept as they are");
            foreach (var note in q.Notes.Where(n => !n.StartsWith("Layout: ", StringComparison.Ordinal))) Line("Note", note);
            if (!countWarnings) return;
            string where = $"{p.SettlementPoint} in {string.Join(", ", p.Files.Select(Path.GetFileName))}";
            if (q.Gaps.Count > 0) _warnings.Add($"{where}: {q.Gaps.Count} gap(s), {N(q.MissingIntervals)} missing hour(s), first at {Utc(q.Gaps[0].FromUtc)} (left as gaps; backtest --fill-gaps fills them only when asked).");
            if (q.Duplicates > 0) _warnings.Add($"{where}: {N(q.Duplicates)} duplicate row(s) dropped.");
            if (q.PartialIntervals > 0) _warnings.Add($"{where}: {N(q.PartialIntervals)} partial hour(s).");
            foreach (var extreme in q.Notes.Where(n => n.Contains(PriceReadRules.ExtremeNoteMarker, StringComparison.Ordinal)))
                _warnings.Add($"{where}: {extreme}");
            foreach (var note in q.Notes.Where(n => n.Contains("skipped (e.g.", StringComparison.Ordinal))) _warnings.Add($"{where}: {note}");
        }

        private void WriteGaps(IReadOnlyList<DataGap> gaps)
        {
            if (gaps.Count == 0)
            {
                Line("Gaps", "none");
                return;
            }
            Line("Gaps", $"{N(gaps.Count)} gap(s), {N(gaps.Sum(g => g.MissingIntervals))} missing hour(s); not filled{(gaps.Count > r.MaxGaps ? $"; first {r.MaxGaps}:" : ":")}");
            foreach (var g in gaps.Take(r.MaxGaps))
            {
                var local = Clock.ToLocal(g.FromUtc);
                Text($"      {Utc(g.FromUtc)} .. {Utc(g.ToUtc)}  {N(g.MissingIntervals)} hour(s) missing, from {local:yyyy-MM-dd HH:mm} {Abbrev(g.FromUtc)}");
            }
        }

        private void CheckRange(PriceLoadResult p)
        {
            DateOnly start = r.Start ?? Clock.MarketDay(p.HoursUtc[0]);
            DateOnly end = r.End ?? Clock.MarketDay(p.HoursUtc[^1]);
            var c = RangeCoverage.Of(p.HoursUtc, start, end, Clock);
            Rule($"Range {start:yyyy-MM-dd} to {end:yyyy-MM-dd}");
            Line("Prices", $"{N(c.PresentHours)} of {N(c.ExpectedHours)} hour(s) present; missing {N(c.MissingBefore)} before the data starts, {N(c.MissingAfter)} after it ends, {N(c.MissingInside)} in gaps");
            if (c.EdgesMissing)
            {
                _errors.Add($"Prices in {string.Join(", ", p.Files.Select(Path.GetFileName))} cover {Clock.MarketDay(p.HoursUtc[0]):yyyy-MM-dd} to {Clock.MarketDay(p.HoursUtc[^1]):yyyy-MM-dd} " +
                    $"({Utc(p.HoursUtc[0])} .. {Utc(p.HoursUtc[^1])}); the requested range {start:yyyy-MM-dd} to {end:yyyy-MM-dd} needs {Utc(c.FromUtc)} .. {Utc(c.ToUtc.AddHours(-1))}: " +
                    $"{N(c.MissingBefore)} hour(s) missing before the data starts and {N(c.MissingAfter)} after it ends.");
            }
        }

        // ---- prices, every point ----

        private PriceLoadResult? ListPoints(PriceMarket? market)
        {
            var skipped = new List<string>();
            var files = PriceLoader.ExpandPaths(r.Prices, skipped);
            foreach (var w in skipped)
            {
                _warnings.Add(w);
                Text("  WARNING: " + w);
            }
            Rule($"Prices: {string.Join(", ", files.Select(Path.GetFileName))}");
            AllPointsLoadResult all;
            try
            {
                // --start/--end narrow the one pass to those market days (and its memory)
                DateTime? from = r.Start is { } s ? Clock.DayStartUtc(s) : null;
                DateTime? to = r.End is { } e ? Clock.DayStartUtc(e.AddDays(1)) : null;
                all = PriceLoader.LoadAll(r.Prices, new AllPointsQuery(market, from, to, Rules: r.PriceRules, Points: r.Points, MemoryLimitBytes: r.MemoryLimitBytes), null, ct);
            }
            catch (DataFormatException e)
            {
                _errors.Add(e.Message);
                Text("  ERROR: " + e.Message);
                return null;
            }
            if (all.Points.Count == 1 && all.Failures.Count == 0)
            {
                var single = all.Points[0];
                Line("Points", $"one settlement point in the file(s): {single.SettlementPoint}");
                Describe(single, true);
                if (r.Start is not null || r.End is not null) CheckRange(single);
                return single;
            }
            var rows = new List<PointRow>();
            foreach (var p in all.Points)
            {
                var q = p.Quality;
                rows.Add(new PointRow(p.SettlementPoint, p, p.Count > 0 ? PriceSeriesStats.Of(p.HoursUtc, p.PriceUsdPerMWh) : null));
                string where = $"{p.SettlementPoint} in {string.Join(", ", p.Files.Select(Path.GetFileName))}";
                if (q.Gaps.Count > 0) _warnings.Add($"{where}: {q.Gaps.Count} gap(s), {N(q.MissingIntervals)} missing hour(s), first at {Utc(q.Gaps[0].FromUtc)}.");
                if (q.Duplicates > 0) _warnings.Add($"{where}: {N(q.Duplicates)} duplicate row(s) dropped.");
                if (q.PartialIntervals > 0) _warnings.Add($"{where}: {N(q.PartialIntervals)} partial hour(s).");
            }
            foreach (var f in all.Failures)
            {
                rows.Add(new PointRow(f.SettlementPoint, null, null, f.Error.Message));
                _errors.Add(f.Error.Message);
            }
            rows.Sort((a, b) => string.CompareOrdinal(a.SettlementPoint, b.SettlementPoint));
            _items.Add(new ValidationItem(null, "", rows));
            foreach (var l in all.Layouts) Line("Layout", l);
            foreach (var note in all.Notes.Where(n => n.Contains("left out by the point filter", StringComparison.Ordinal))) Line("Note", note);
            Text(string.Create(Ci, $"  {N(rows.Count)} point(s) analysed in one pass over the file(s)."));
            Text("  Name a point with --settlement-point for its gap list, price extremes with times and range checks.");
            if (r.Start is not null || r.End is not null)
                _warnings.Add("--start/--end: the points were read for those market days only, and the range's coverage was not checked point by point; name one with --settlement-point for that.");
            return null;
        }

        // ---- hashprice ----

        private void CheckHashprice(string path, HashpriceUnit? unit, PriceLoadResult? prices)
        {
            Rule("Hashprice: " + Path.GetFileName(path));
            HashpriceSeries hp;
            try
            {
                hp = HashpriceCsvLoader.Load(path, unit);
            }
            catch (Exception e) when (e is FormatException or FileNotFoundException or IOException)
            {
                _errors.Add(e.Message);
                Text("  ERROR: " + e.Message);
                return;
            }
            var q = hp.Quality;
            Line("Source", hp.Source);
            Line("Points", $"{N(hp.Points.Count)} ({N(q.RowsRead)} rows read), bucket {Span(hp.Bucket)}, {Utc(hp.Points[0].TimestampUtc)} .. {Utc(hp.Points[^1].TimestampUtc)}");
            Line("Duplicates", q.Duplicates == 0 ? "none" : $"{N(q.Duplicates)} dropped");
            WriteGaps(q.Gaps);
            var lo = hp.Points.MinBy(p => p.UsdPerThDay)!;
            var hi = hp.Points.MaxBy(p => p.UsdPerThDay)!;
            Line("Range", $"{lo.UsdPerThDay.ToString("0.######", Ci)} USD/TH/day at {Utc(lo.TimestampUtc)} .. {hi.UsdPerThDay.ToString("0.######", Ci)} at {Utc(hi.TimestampUtc)}");
            foreach (var note in q.Notes) Line("Note", note);
            if (q.Gaps.Count > 0) _warnings.Add($"Hashprice {Path.GetFileName(path)}: {q.Gaps.Count} gap(s), {N(q.MissingIntervals)} missing point(s), first at {Utc(q.Gaps[0].FromUtc)}.");
            if (q.Duplicates > 0) _warnings.Add($"Hashprice {Path.GetFileName(path)}: {N(q.Duplicates)} duplicate(s) dropped.");

            // coverage of the hours the backtest would use: the range if given, else the price hours
            DateTime[] hours;
            string what;
            if (r.Start is not null || r.End is not null)
            {
                DateOnly start = r.Start ?? (prices is null ? throw new SettingsException("--end without --start: give both to check the hashprice alone.") : Clock.MarketDay(prices.HoursUtc[0]));
                DateOnly end = r.End ?? (prices is null ? throw new SettingsException("--start without --end: give both to check the hashprice alone.") : Clock.MarketDay(prices.HoursUtc[^1]));
                hours = ForwardScenario.Hours(Clock, start, end);
                what = $"the requested range {start:yyyy-MM-dd} to {end:yyyy-MM-dd}";
            }
            else if (prices is not null)
            {
                hours = prices.HoursUtc;
                what = $"the {N(prices.Count)} price hour(s)";
            }
            else return;

            var values = HashpriceAligner.ToHourly(hp, hours, HashpriceAlignment.Published, out _);
            var uncovered = hours.Where((_, i) => double.IsNaN(values[i])).ToList();
            Line("Coverage", $"{N(hours.Length - uncovered.Count)} of {N(hours.Length)} hour(s) of {what} covered (published alignment: a point is used from the end of its bucket)");
            if (uncovered.Count == 0) return;
            string msg = $"Hashprice {Path.GetFileName(path)} ({Utc(hp.Points[0].TimestampUtc)} .. {Utc(hp.Points[^1].TimestampUtc)}) does not cover {N(uncovered.Count)} of {N(hours.Length)} hour(s) of {what}: " +
                         $"first uncovered {Utc(uncovered[0])}, last {Utc(uncovered[^1])}.";
            if (r.Start is not null || r.End is not null) _errors.Add(msg);
            else _warnings.Add(msg + " A backtest without --start/--end uses only the days both inputs cover.");
        }

        // ---- output helpers ----

        private void Rule(string title)
        {
            _items = [];
            _sections.Add(new ValidationSection(title, _items));
        }

        private void Line(string label, string text) => _items.Add(new ValidationItem(label, text));

        private void Text(string text) => _items.Add(new ValidationItem(null, text));

        private static string N(int v) => v.ToString("#,0", Ci);
        private static string Usd(double v) => v.ToString("#,0.00", Ci);
        private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", Ci) + "Z";
        private static string Abbrev(DateTime utc) => Clock.Zone.IsDaylightSavingTime(utc) ? "CDT" : "CST";

        private static string Span(TimeSpan t) =>
            t.Ticks % TimeSpan.TicksPerDay == 0 ? (t.Ticks / TimeSpan.TicksPerDay).ToString(Ci) + " d" : t.TotalHours.ToString("0.##", Ci) + " h";
    }
}
