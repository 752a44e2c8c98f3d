using System.CommandLine;
using System.Globalization;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch validate</c>: reads price (and hashprice) files the way <c>backtest</c> does and prints a
/// data-quality summary without running a backtest. Exit 0 when the inputs load (warnings such as gaps are printed),
/// 2 on an input error (message names file, line, column and value), 4 with <c>--strict</c> when there are warnings.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Exit code of <c>validate --strict</c> when the inputs load but have warnings (gaps, duplicates, partial hours...).</summary>
    public const int WarningsExitCode = 4;

    /// <summary>More points than this in files validated without --settlement-point: only the first are analysed.</summary>
    public const int MaxPointsListed = 60;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly MarketClock Clock = MarketClock.Ercot;

    private sealed class Options
    {
        public Option<string[]> Prices { get; } = new("--prices", "-p")
        {
            Description = "ERCOT price files or folders to check (CSV, XLSX, ZIP, JSON)",
            AllowMultipleArgumentsPerToken = true,
            Arity = ArgumentArity.OneOrMore,
            Required = true,
        };
        public Option<string> SettlementPoint { get; } = new("--settlement-point", "--sp") { Description = "Settlement point to check; without it every point in the files is listed with its rows and coverage" };
        public Option<string> Market { get; } = new("--market") { Description = "rt or dam, for files that hold both markets" };
        public Option<string> Hashprice { get; } = new("--hashprice") { Description = "Hashprice CSV to check, and its coverage of the prices or the range" };
        public Option<string> HashpriceUnit { get; } = new("--hashprice-unit") { Description = "th or ph: unit of a hashprice CSV whose column name does not say" };
        public Option<string> Start { get; } = new("--start") { Description = "First market day (yyyy-MM-dd, CPT) the inputs must cover" };
        public Option<string> End { get; } = new("--end") { Description = "Last market day (inclusive) the inputs must cover" };
        public Option<int> MaxGaps { get; } = new("--max-gaps") { Description = "How many gaps to list per input [default: 10]", DefaultValueFactory = _ => 10 };
        public Option<bool> Strict { get; } = new("--strict") { Description = $"Exit {WarningsExitCode} when there are warnings (gaps, duplicates, partial hours, skipped rows, hashprice not covering the prices)" };

        public IEnumerable<Option> All => [Prices, SettlementPoint, Market, Hashprice, HashpriceUnit, Start, End, MaxGaps, Strict];
    }

    /// <summary>The <c>validate</c> command.</summary>
    public static Command Build(IAnsiConsole console, TextWriter stderr)
    {
        var o = new Options();
        var cmd = new Command("validate", "Check price and hashprice files and print a data-quality summary (layout, points, rows, duplicates, gaps, partial hours, extremes, coverage) without running a backtest.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(stderr, () =>
        {
            var request = new Request(
                parse.GetValue(o.Prices) ?? [],
                parse.GetValue(o.SettlementPoint),
                parse.GetValue(o.Market),
                parse.GetValue(o.Hashprice),
                parse.GetValue(o.HashpriceUnit),
                BacktestOptions.ParseDay(parse.GetValue(o.Start), "--start"),
                BacktestOptions.ParseDay(parse.GetValue(o.End), "--end"),
                Math.Max(0, parse.GetValue(o.MaxGaps)),
                parse.GetValue(o.Strict));
            return Task.FromResult(new Validator(console, stderr, request, ct).Run());
        }));
        return cmd;
    }

    internal sealed record Request(
        string[] Prices, string? SettlementPoint, string? Market, string? Hashprice, string? HashpriceUnit,
        DateOnly? Start, DateOnly? End, int MaxGaps, bool Strict);

    /// <summary>One validate run: collects errors and warnings while printing the summary.</summary>
    private sealed class Validator(IAnsiConsole console, TextWriter stderr, Request r, CancellationToken ct)
    {
        private readonly List<string> _errors = [];
        private readonly List<string> _warnings = [];

        public int Run()
        {
            var problems = new List<string>();
            if (r.Start is { } s0 && r.End is { } e0 && e0 < s0) problems.Add($"--end {e0:yyyy-MM-dd} is before --start {s0:yyyy-MM-dd}.");
            PriceMarket? market = null;
            if (r.Market is { } m)
            {
                if (BacktestSettings.ParseMarket(m) is { } rt) market = rt ? PriceMarket.RealTime : PriceMarket.DayAhead;
                else problems.Add($"--market must be rt or dam (got '{m}').");
            }
            HashpriceUnit? unit = null;
            if (r.HashpriceUnit is { } u)
            {
                if (BacktestSettings.ParseHashpriceUnit(u) is { } th) unit = th ? Data.Hashprice.HashpriceUnit.UsdPerThDay : Data.Hashprice.HashpriceUnit.UsdPerPhDay;
                else problems.Add($"--hashprice-unit must be th or ph (got '{u}').");
            }
            if (r.SettlementPoint is { } sp && string.IsNullOrWhiteSpace(sp)) problems.Add("--settlement-point is empty.");
            if (problems.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, problems));

            PriceLoadResult? prices = r.SettlementPoint is { } point
                ? CheckPoint(point, market)
                : ListPoints(market);

            if (r.Hashprice is { } hp) CheckHashprice(hp, unit, prices);

            Rule("Result");
            foreach (var w in _warnings) console.WriteLine("warning: " + w);
            foreach (var e in _errors) stderr.WriteLine("error: " + e);
            if (_errors.Count > 0)
            {
                console.WriteLine(string.Create(Ci, $"{_errors.Count} error(s), {_warnings.Count} warning(s): the inputs cannot be used as they are (see stderr)."));
                return ExitCodes.InputError;
            }
            if (_warnings.Count > 0)
            {
                console.WriteLine(string.Create(Ci, $"OK with {_warnings.Count} warning(s).{(r.Strict ? $" --strict: exit {WarningsExitCode}." : "")}"));
                return r.Strict ? WarningsExitCode : ExitCodes.Ok;
            }
            console.WriteLine("OK: no errors, no warnings.");
            return ExitCodes.Ok;
        }

        // ---- prices, one point ----

        private PriceLoadResult? CheckPoint(string point, PriceMarket? market)
        {
            var files = PriceLoader.ExpandPaths(r.Prices);
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
                return PriceLoader.Load(paths, new PriceQuery(point, market), null, ct);
            }
            catch (DataFormatException e) when (partOfSet && e.Column == "settlement point")
            {
                // one file of several without the point: not an error as long as the set has it
                _warnings.Add(e.Message);
                console.WriteLine("  WARNING: " + e.Message);
                return null;
            }
            catch (DataFormatException e)
            {
                _errors.Add(e.Message);
                console.WriteLine("  ERROR: " + e.Message);
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
                console.WriteLine($"      {Utc(g.FromUtc)} .. {Utc(g.ToUtc)}  {N(g.MissingIntervals)} hour(s) missing, from {local:yyyy-MM-dd HH:mm} {Abbrev(g.FromUtc)}");
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
            var files = PriceLoader.ExpandPaths(r.Prices);
            Rule($"Prices: {string.Join(", ", files.Select(Path.GetFileName))}");
            IReadOnlyList<PointInventory> inventory;
            int found;
            try
            {
                inventory = PriceInventory.Scan(r.Prices, market, MaxPointsListed, out found, ct);
            }
            catch (DataFormatException e)
            {
                _errors.Add(e.Message);
                console.WriteLine("  ERROR: " + e.Message);
                return null;
            }
            if (inventory.Count == 0)
            {
                _errors.Add($"No settlement point found in {string.Join(", ", files.Select(Path.GetFileName))}.");
                return null;
            }
            if (inventory.Count == 1 && inventory[0].Result is { } single)
            {
                Line("Points", $"one settlement point in the file(s): {single.SettlementPoint}");
                Describe(single, true);
                if (r.Start is not null || r.End is not null) CheckRange(single);
                return single;
            }
            var t = new Table().Border(TableBorder.Simple).Title("Settlement points (no --settlement-point given)");
            foreach (var c in new[] { "Point", "Market", "Rows used", "Hours", "First day", "Last day", "Gaps", "Missing h", "Dupl.", "Partial h", "Min $/MWh", "Max $/MWh", "> $5,000 h", "< $0 h" })
                t.AddColumn(c is "Point" or "Market" or "First day" or "Last day" ? new TableColumn(c) : new TableColumn(c).RightAligned());
            foreach (var i in inventory)
            {
                if (i.Result is not { } p)
                {
                    t.AddRow(Markup.Escape(i.SettlementPoint), "[red]error[/]", "", "", "", "", "", "", "", "", "", "", "", "");
                    _errors.Add(i.Error!.Message);
                    continue;
                }
                var q = p.Quality;
                var st = i.Stats!;
                t.AddRow(Markup.Escape(p.SettlementPoint), App.Services.RunDescription.MarketLabel(p.Market), N(q.RowsUsed), N(p.Count),
                    Clock.MarketDay(p.HoursUtc[0]).ToString("yyyy-MM-dd", Ci), Clock.MarketDay(p.HoursUtc[^1]).ToString("yyyy-MM-dd", Ci),
                    N(q.Gaps.Count), N(q.MissingIntervals), N(q.Duplicates), N(q.PartialIntervals), Usd(st.Min), Usd(st.Max), N(st.SpikeHours), N(st.NegativeHours));
                string where = $"{p.SettlementPoint} in {string.Join(", ", p.Files.Select(Path.GetFileName))}";
                if (q.Gaps.Count > 0) _warnings.Add($"{where}: {q.Gaps.Count} gap(s), {N(q.MissingIntervals)} missing hour(s), first at {Utc(q.Gaps[0].FromUtc)}.");
                if (q.Duplicates > 0) _warnings.Add($"{where}: {N(q.Duplicates)} duplicate row(s) dropped.");
                if (q.PartialIntervals > 0) _warnings.Add($"{where}: {N(q.PartialIntervals)} partial hour(s).");
            }
            console.Write(t);
            foreach (var l in inventory.Where(i => i.Result is not null).Select(i => i.Result!).SelectMany(p => p.Layouts).Distinct())
                Line("Layout", l);
            if (found > inventory.Count)
                console.WriteLine(string.Create(Ci, $"  {found - inventory.Count} more point(s) not analysed; name one with --settlement-point."));
            console.WriteLine("  Name a point with --settlement-point for its gap list, price extremes with times and range checks.");
            if (r.Start is not null || r.End is not null)
                _warnings.Add("--start/--end were not checked against the prices: the files hold several points; name one with --settlement-point.");
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
                console.WriteLine("  ERROR: " + e.Message);
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

        private void Rule(string title) => console.Write(new Rule(Markup.Escape(title)).LeftJustified());

        private void Line(string label, string text) => console.WriteLine($"  {label + ":",-15}{text}");

        private static string N(int v) => v.ToString("#,0", Ci);
        private static string Usd(double v) => v.ToString("#,0.00", Ci);
        private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd HH:mm", Ci) + "Z";
        private static string Abbrev(DateTime utc) => Clock.Zone.IsDaylightSavingTime(utc) ? "CDT" : "CST";

        private static string Span(TimeSpan t) =>
            t.Ticks % TimeSpan.TicksPerDay == 0 ? (t.Ticks / TimeSpan.TicksPerDay).ToString(Ci) + " d" : t.TotalHours.ToString("0.##", Ci) + " h";
    }
}
