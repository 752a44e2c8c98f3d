using System.CommandLine;
using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch validate</c>: flags to a <see cref="ValidateRequest"/>, <see cref="ValidateService"/> reads the
/// price (and hashprice) files the way <c>backtest</c> does, and this prints its data-quality summary. Exit 0 when the inputs load (warnings such as gaps are printed),
/// 2 on an input error (message names file, line, column and value), 4 with <c>--strict</c> when there are warnings.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>Exit code of <c>validate --strict</c> when the inputs load but have warnings (gaps, duplicates, partial hours...).</summary>
    public const int WarningsExitCode = 4;

    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly MarketClock Clock = MarketClock.Ercot;

    private sealed class Options
    {
        public Option<string[]> Prices { get; } = new("--prices", "-p")
        {
            Description = $"ERCOT price files or folders to check (CSV, XLSX, ZIP, JSON); {FetchRequest.AliasHelp(ErcotReport.RealTimePrices)}",
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
        public Option<int> MaxGaps { get; } = new("--max-gaps") { Description = "How many gaps to list per input", DefaultValueFactory = _ => ValidateRequest.DefaultMaxGaps };
        public Option<string> PriceBounds { get; } = new("--price-bounds") { Description = PriceRuleFlags.BoundsDescription };
        public Option<bool> AllowExtremePrices { get; } = new("--allow-extreme-prices") { Description = PriceRuleFlags.AllowExtremeDescription + " (with --strict they are warnings)" };
        public Option<string> DateOrder { get; } = new("--date-order") { Description = PriceRuleFlags.DateOrderDescription };
        public Option<string> Points { get; } = new("--points") { Description = "Without --settlement-point: only these points, comma-separated names or prefixes ending in * (HB_*,LZ_*)" };
        public Option<int> MemoryLimit { get; } = new("--memory-limit") { Description = "Without --settlement-point: memory (MB) the one-pass read of every point may use; it stops with the numbers before exceeding it", DefaultValueFactory = _ => (int)(AllPointsQuery.DefaultMemoryLimitBytes >> 20) };
        public Option<string> PointsCsv { get; } = new("--points-csv") { Description = "Without --settlement-point: write every point's row (the terminal shows at most " + ValidateService.PointsShown.ToString(CultureInfo.InvariantCulture) + ") to this CSV file" };
        public Option<string> CacheDir { get; } = new("--cache-dir") { Description = $"Cache folder holding the {FetchRequest.FolderAlias} folder that --prices {FetchRequest.FolderAlias} names [default: $MINING_DISPATCH_CACHE_DIR, $XDG_CACHE_HOME/mining-dispatch or ~/.cache/mining-dispatch]" };
        public Option<bool> Strict { get; } = new("--strict") { Description = $"Exit {WarningsExitCode} when there are warnings (gaps, duplicates, partial hours, skipped rows, hashprice not covering the prices)" };

        public IEnumerable<Option> All => [Prices, SettlementPoint, Market, Hashprice, HashpriceUnit, Start, End, MaxGaps, PriceBounds, AllowExtremePrices, DateOrder, Points, MemoryLimit, PointsCsv, CacheDir, Strict];
    }

    /// <summary>The <c>validate</c> command.</summary>
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new Options();
        var cmd = new Command("validate", "Check price and hashprice files and print a data-quality summary (layout, points, rows, duplicates, gaps, partial hours, extremes, coverage) without running a backtest.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, () =>
        {
            var problems = new List<string>();
            PriceMarket? market = null;
            if (parse.GetValue(o.Market) is { } m)
            {
                if (BacktestSettings.ParseMarket(m) is { } rt) market = rt ? PriceMarket.RealTime : PriceMarket.DayAhead;
                else problems.Add($"--market must be rt or dam (got '{m}').");
            }
            HashpriceUnit? unit = null;
            if (parse.GetValue(o.HashpriceUnit) is { } u)
            {
                if (BacktestSettings.ParseHashpriceUnit(u) is { } th) unit = th ? HashpriceUnit.UsdPerThDay : HashpriceUnit.UsdPerPhDay;
                else problems.Add($"--hashprice-unit must be th or ph (got '{u}').");
            }
            var start = BacktestOptions.ParseDay(parse.GetValue(o.Start), "--start");
            var end = BacktestOptions.ParseDay(parse.GetValue(o.End), "--end");
            if (start is { } s0 && end is { } e0 && e0 < s0) problems.Add($"--end {e0:yyyy-MM-dd} is before --start {s0:yyyy-MM-dd}.");
            if (parse.GetValue(o.SettlementPoint) is { } sp && string.IsNullOrWhiteSpace(sp)) problems.Add("--settlement-point is empty.");
            if (parse.GetValue(o.MaxGaps) is < 0 or > ValidateRequest.MaxMaxGaps) problems.Add(string.Create(CultureInfo.InvariantCulture, $"--max-gaps must be between 0 and {ValidateRequest.MaxMaxGaps:#,0} (got {parse.GetValue(o.MaxGaps)})."));
            if (parse.GetValue(o.MemoryLimit) is < 1 or > 1 << 20) problems.Add(string.Create(CultureInfo.InvariantCulture, $"--memory-limit must be between 1 and 1,048,576 MB (got {parse.GetValue(o.MemoryLimit)})."));
            string[]? points = parse.GetValue(o.Points) is { } pts ? pts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
            if (points is { Length: 0 }) problems.Add("--points is empty: give names or prefixes such as HB_*,LZ_*.");
            if (parse.GetValue(o.SettlementPoint) is not null && (points is not null || parse.GetValue(o.PointsCsv) is not null))
                problems.Add("--points and --points-csv apply without --settlement-point (every point); drop them or --settlement-point.");
            var rules = BacktestSettings.ParsePriceRules(parse.GetValue(o.PriceBounds), parse.GetValue(o.AllowExtremePrices), parse.GetValue(o.DateOrder), problems);
            BacktestSettings.ThrowProblems(problems);
            var prices = FetchRequest.ResolveAlias(parse.GetValue(o.Prices) ?? [], "--prices", parse.GetValue(o.CacheDir), env.GetVariable);
            var request = new ValidateRequest(prices, parse.GetValue(o.SettlementPoint), market,
                parse.GetValue(o.Hashprice), unit, start, end, parse.GetValue(o.MaxGaps), rules, points, (long)parse.GetValue(o.MemoryLimit) << 20);
            var report = ValidateService.Run(request, ct);
            if (parse.GetValue(o.PointsCsv) is { } csv)
            {
                var rows = report.Sections.SelectMany(s => s.Items).Where(i => i.Points is not null).SelectMany(i => i.Points!).ToList();
                ValidationPointsCsv.Write(rows, csv);
                console.WriteLine(string.Create(Ci, $"{rows.Count:#,0} point(s) written to {csv}"));
            }
            return Task.FromResult(Print(console, stderr, report, parse.GetValue(o.Strict)));
        }));
        return cmd;
    }

    /// <summary>Prints the summary; warnings to stdout, errors to stderr; the exit code (4 with --strict and warnings).</summary>
    private static int Print(IAnsiConsole console, TextWriter stderr, ValidationReport report, bool strict)
    {
        foreach (var section in report.Sections)
        {
            console.Write(new Rule(Markup.Escape(section.Title)).LeftJustified());
            foreach (var item in section.Items)
            {
                if (item.Points is { } rows)
                {
                    console.Write(PointsTable(rows.Count > ValidateService.PointsShown ? PointRow.MostIssues(rows, ValidateService.PointsShown) : rows, rows.Count));
                    if (rows.Count > ValidateService.PointsShown)
                        console.WriteLine(string.Create(Ci, $"  {rows.Count - ValidateService.PointsShown:#,0} more point(s) analysed, not shown (fewer issues); --points-csv FILE writes every point."));
                }
                else if (item.Label is { } label) console.WriteLine($"  {label + ":",-15}{item.Text}");
                else console.WriteLine(item.Text);
            }
        }
        console.Write(new Rule("Result").LeftJustified());
        foreach (var w in report.Warnings) console.WriteLine("warning: " + w);
        foreach (var e in report.Errors) stderr.WriteLine("error: " + e);
        if (report.Errors.Count > 0)
        {
            console.WriteLine(string.Create(Ci, $"{report.Errors.Count} error(s), {report.Warnings.Count} warning(s): the inputs cannot be used as they are (see stderr)."));
            return ExitCodes.InputError;
        }
        if (report.Warnings.Count > 0)
        {
            console.WriteLine(string.Create(Ci, $"OK with {report.Warnings.Count} warning(s).{(strict ? $" --strict: exit {WarningsExitCode}." : "")}"));
            return strict ? WarningsExitCode : ExitCodes.Ok;
        }
        console.WriteLine("OK: no errors, no warnings.");
        return ExitCodes.Ok;
    }

    private static Table PointsTable(IReadOnlyList<PointRow> rows, int total)
    {
        static string N(int v) => v.ToString("#,0", Ci);
        static string Usd(double v) => v.ToString("#,0.00", Ci);
        var t = new Table().Border(TableBorder.Simple).Title(rows.Count == total
            ? "Settlement points (no --settlement-point given)"
            : string.Create(Ci, $"Settlement points (no --settlement-point given): the {rows.Count} of {total:#,0} with the most issues"));
        foreach (var c in new[] { "Point", "Market", "Rows used", "Hours", "First day", "Last day", "Gaps", "Missing h", "Dupl.", "Partial h", "Min $/MWh", "Max $/MWh", "> $5,000 h", "< $0 h" })
            t.AddColumn(c is "Point" or "Market" or "First day" or "Last day" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        foreach (var row in rows)
        {
            if (row.Result is not { } p || row.Stats is not { } st)
            {
                t.AddRow(Markup.Escape(row.SettlementPoint), "[red]error[/]", "", "", "", "", "", "", "", "", "", "", "", "");
                continue;
            }
            var q = p.Quality;
            t.AddRow(Markup.Escape(p.SettlementPoint), RunDescription.MarketLabel(p.Market), N(q.RowsUsed), N(p.Count),
                Clock.MarketDay(p.HoursUtc[0]).ToString("yyyy-MM-dd", Ci), Clock.MarketDay(p.HoursUtc[^1]).ToString("yyyy-MM-dd", Ci),
                N(q.Gaps.Count), N(q.MissingIntervals), N(q.Duplicates), N(q.PartialIntervals), Usd(st.Min), Usd(st.Max), N(st.SpikeHours), N(st.NegativeHours));
        }
        return t;
    }
}
