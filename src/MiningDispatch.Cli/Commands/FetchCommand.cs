using System.CommandLine;
using System.Globalization;
using MiningDispatch.App;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Prices;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch fetch</c>: flags and the ERCOT_API_* environment variables to a <see cref="FetchRequest"/>,
/// <see cref="FetchService"/> downloads (cache first) and writes the CSV files, this prints what was written. Progress,
/// notes and warnings go to stderr; the table of files to stdout. Exit 0, 2 on bad flags, 3 on an API failure, 130 on
/// Ctrl+C (nothing of the run is written).
/// </summary>
internal static class FetchCommand
{
    private sealed class Options
    {
        public Option<string[]> Report { get; } = new("--report", "-r")
        {
            Description = "Report to download, repeatable: rt (NP6-905-CD real-time 15-min settlement point prices), da (NP4-190-CD day-ahead hourly prices), " +
                          "as (NP4-188-CD AS clearing prices for capacity), load (NP6-346-CD actual system load) [default: rt]",
            AllowMultipleArgumentsPerToken = true,
        };
        public Option<string> Start { get; } = new("--start") { Description = "First market day (yyyy-MM-dd, Central Prevailing Time)", Required = true };
        public Option<string> End { get; } = new("--end") { Description = $"Last market day, inclusive (at most {FetchRequest.MaxDays} days from --start)", Required = true };
        public Option<string[]> Points { get; } = new("--sp", "--settlement-point")
        {
            Description = $"Settlement point(s) for rt and da, repeatable (e.g. HB_WEST LZ_WEST) [default: {FetchRequest.DefaultPoint}]",
            AllowMultipleArgumentsPerToken = true,
        };
        public Option<string> Out { get; } = new("--out", "-o") { Description = $"Folder for the CSV files [default: <cache folder>/{FetchRequest.FolderAlias}, which backtest --prices {FetchRequest.FolderAlias} reads]" };
        public Option<string> CacheDir { get; } = new("--cache-dir") { Description = "Cache folder (ercot-api.sqlite, and the default --out) [default: $MINING_DISPATCH_CACHE_DIR, $XDG_CACHE_HOME/mining-dispatch or ~/.cache/mining-dispatch]" };

        public IEnumerable<Option> All => [Report, Start, End, Points, Out, CacheDir];
    }

    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new Options();
        var cmd = new Command("fetch",
            "Download ERCOT prices, AS clearing prices or system load from ERCOT's Public Data API into CSV files that backtest reads " +
            $"(--prices <out>, or --prices {FetchRequest.FolderAlias} for the default folder). Credentials from {ErcotApiOptions.SubscriptionKeyVariable}, " +
            $"{ErcotApiOptions.UsernameVariable} and {ErcotApiOptions.PasswordVariable}; downloads are cached, so fetching a range again sends no request.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, async () =>
        {
            var request = ToRequest(parse, o, env);
            var observer = new StderrObserver(stderr);
            var result = await new FetchService(delay: env.ApiDelay).RunAsync(request, observer, ct);
            Print(console, result);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static FetchRequest ToRequest(ParseResult parse, Options o, CliEnvironment env)
    {
        var problems = new List<string>();
        var reports = new List<ErcotReport>();
        foreach (var code in parse.GetValue(o.Report) is { Length: > 0 } r ? r : FetchRequest.DefaultReports.Select(x => ErcotReportSpec.Of(x).Code).ToArray())
        {
            if (ErcotReportSpec.FromCode(code) is { } spec) reports.Add(spec.Report);
            else problems.Add($"--report '{code}' is not a report: use {ErcotReportSpec.CodeList}.");
        }
        DateOnly? start = null, end = null;
        try { start = BacktestOptions.ParseDay(parse.GetValue(o.Start), "--start"); } catch (SettingsException e) { problems.Add(e.Message); }
        try { end = BacktestOptions.ParseDay(parse.GetValue(o.End), "--end"); } catch (SettingsException e) { problems.Add(e.Message); }
        string? cacheDir = parse.GetValue(o.CacheDir) ?? (env.GetVariable("MINING_DISPATCH_CACHE_DIR") is { Length: > 0 } c ? c : null);
        if (cacheDir is not null && File.Exists(cacheDir)) problems.Add($"--cache-dir {cacheDir} is a file, not a folder.");
        var api = ErcotApiOptions.FromEnvironment(env.GetVariable) with { CacheDirectory = cacheDir };
        foreach (var (variable, example) in new[] { (ErcotApiOptions.BaseUrlVariable, ErcotApiOptions.DefaultBaseUrl), (ErcotApiOptions.TokenUrlVariable, ErcotApiOptions.DefaultTokenUrl) })
            if (env.GetVariable(variable) is { Length: > 0 } url && ErcotApiOptions.UrlProblem(url, example) is { } urlProblem) problems.Add($"{variable} {urlProblem}.");
        var points = parse.GetValue(o.Points) is { Length: > 0 } sp ? sp : [FetchRequest.DefaultPoint];
        string outDir = parse.GetValue(o.Out) ?? FetchRequest.DefaultOutDirectory(cacheDir, env.GetVariable);
        // The request's own checks (range, points, credentials) are listed with the flag problems, all at once.
        var request = new FetchRequest(reports, start ?? DateOnly.MinValue, end ?? DateOnly.MinValue, points, outDir, api);
        if (start is not null && end is not null) problems.AddRange(request.Problems(MarketClock.Ercot.MarketDay(DateTime.UtcNow)));
        else problems.AddRange(request.Problems(DateOnly.MaxValue).Where(p => !p.StartsWith("--start", StringComparison.Ordinal) && !p.StartsWith("--end", StringComparison.Ordinal)));
        Settings.BacktestSettings.ThrowProblems(problems);
        return request;
    }

    private static void Print(IAnsiConsole console, FetchResult result)
    {
        var t = new Table().Border(TableBorder.Simple).Title("ERCOT API files written");
        foreach (var c in new[] { "Report", "Point", "Rows", "Source", "File" })
            t.AddColumn(c == "Rows" ? new TableColumn(c).RightAligned() : new TableColumn(c));
        foreach (var f in result.Files)
        {
            var spec = ErcotReportSpec.Of(f.Report);
            t.AddRow(Markup.Escape(spec.Emil + " (" + spec.Code + ")"), Markup.Escape(f.Point ?? "-"), f.Rows.ToString("#,0", CultureInfo.InvariantCulture),
                f.FromCache ? "cache" : string.Create(CultureInfo.InvariantCulture, $"API, {f.Requests} request(s)"), Markup.Escape(Path.GetRelativePath(result.OutDirectory, f.Path)));
        }
        console.Write(t);
        console.WriteLine("Folder: " + result.OutDirectory);
        if (result.Files.Any(f => f.Report is ErcotReport.RealTimePrices or ErcotReport.DayAheadPrices))
            console.WriteLine($"Use: mining-dispatch backtest --prices {Quote(result.OutDirectory)} --sp {result.Files.First(f => f.Point is not null).Point}" +
                              (result.Files.Any(f => f.Report == ErcotReport.DayAheadPrices) ? $" [--da-prices {Quote(result.OutDirectory)}]" : ""));
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? "\"" + path + "\"" : path;

    /// <summary>Progress, notes and warnings as plain lines on stderr (stdout keeps the result).</summary>
    private sealed class StderrObserver(TextWriter stderr) : IRunObserver
    {
        public T RunStep<T>(string title, Func<IProgress<string>, T> work)
        {
            stderr.WriteLine(title);
            return work(new Lines(stderr));
        }

        public T Load<T>(string title, Func<IProgress<LoadProgress>, T> work)
        {
            stderr.WriteLine(title);
            return work(new Progress<LoadProgress>());
        }

        public Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work)
        {
            stderr.WriteLine(title);
            return work(new Lines(stderr));
        }

        public void Note(string text) => stderr.WriteLine(text);
        public void Warn(string text) => stderr.WriteLine("warning: " + text);
        public void Phase(string name) { }

        private sealed class Lines(TextWriter w) : IProgress<string>
        {
            public void Report(string value)
            {
                lock (w) w.WriteLine("  " + value);
            }
        }
    }
}
