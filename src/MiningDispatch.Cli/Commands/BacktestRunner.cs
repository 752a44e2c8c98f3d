using MiningDispatch.App.Services;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Environment the runner reads: variables and whether a person is at a terminal.</summary>
public sealed record CliEnvironment(Func<string, string?> GetVariable, bool Interactive)
{
    /// <summary>The wait the API clients use between attempts and for throttling; null = real delays (tests pass a recorder).</summary>
    public Func<TimeSpan, CancellationToken, Task>? ApiDelay { get; init; }

    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable,
        !Console.IsInputRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
}

/// <summary>
/// What every command does around its service: settings to a request, the service's steps shown in the terminal, and
/// the result printed (tables) and written (charts, HTML, CSVs, JSON). No domain computation happens here.
/// </summary>
public sealed class BacktestRunner(IAnsiConsole console, CliEnvironment env)
{
    /// <summary>Phase timings to print at the end (<c>--timings</c>); null for none.</summary>
    public PhaseTimings? Timings { get; init; }

    /// <summary>Shows the services' progress, notes and warnings in this runner's console.</summary>
    internal ConsoleObserver Observer => new(console, env.Interactive, Timings);

    public async Task<int> RunAsync(BacktestSettings given, bool noReport, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(given);
        if (noReport && given.Parquet == true)
            throw new SettingsException("--parquet writes intervals.parquet beside the report; it cannot be combined with --no-report.");
        OutputTargets.Check(given.Out ?? BacktestSettings.DefaultOut, given.Json, !noReport);
        // The report's first-use work (chart fonts and renderer, result.json metadata, ...) on the core that loading and
        // the backtest leave idle, so writing the report later starts warm. Writes nothing; never throws.
        if (!noReport) _ = Task.Run(ReportWriter.WarmUp, CancellationToken.None);
        var request = given.ToBacktestRequest(env);
        var run = await new BacktestService(Observer).RunAsync(request, ct);
        _intervalsParquet = given.Parquet == true;
        Finish(run, given.Out ?? BacktestSettings.DefaultOut, given.Json, noReport, ct);
        return ExitCodes.Ok;
    }

    /// <summary>Prints the tables and writes the report files and JSON summary.</summary>
    /// <summary>True when the report also gets intervals.parquet (<c>backtest --parquet</c>).</summary>
    private bool _intervalsParquet;

    internal void Finish(BacktestRun model, string outDir, string? json, bool noReport, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        Timings?.Mark("tables");
        SummaryTables.Write(console, model);
        if (!noReport)
        {
            Timings?.Mark("charts");
            WriteReport(console, env.Interactive, model, outDir, Timings, _intervalsParquet, ct);
        }
        if (json is not null)
        {
            ct.ThrowIfCancellationRequested();
            string? dir = Path.GetDirectoryName(Path.GetFullPath(json));
            if (dir is not null) Directory.CreateDirectory(dir);
            JsonExport.WriteSummary(model, json);
            console.MarkupLine($"Summary JSON: {Markup.Escape(OutputTargets.Display(json))}");
        }
        Timings?.Write(console);
    }

    /// <summary>Writes the report files (charts, HTML, CSVs, JSON) into <paramref name="outDir"/> and lists them.</summary>
    internal static void WriteReport(IAnsiConsole console, bool interactive, BacktestRun model, string outDir, PhaseTimings? timings = null, bool intervalsParquet = false,
        CancellationToken ct = default)
    {
        var files = ProgressRunner.Run(console, interactive, "Writing charts and report",
            progress => ReportWriter.WriteAll(model, outDir, intervalsParquet, timings?.Track(progress) ?? progress, ct));
        // Paths as the user would type them: relative to the working directory (or as given when outside it).
        string Shown(string path) => Markup.Escape(OutputTargets.Display(Path.Combine(outDir, Path.GetRelativePath(Path.GetFullPath(outDir), path))));
        console.MarkupLine($"Report: [link]{Shown(files.HtmlReport)}[/]");
        console.MarkupLine($"Hourly CSV: {Shown(files.HourlyCsv)}; charts: {files.Charts.Count} PNG in {Markup.Escape(OutputTargets.Display(Path.Combine(outDir, "charts")))}");
        if (files.Workbook is { } xlsx) console.MarkupLine($"Excel workbook: {Shown(xlsx)}");
        if (files.IntervalsParquet is { } pq) console.MarkupLine($"Intervals Parquet: {Shown(pq)}");
        foreach (var csv in files.SectionCsvs) console.MarkupLine($"CSV: {Shown(csv)}");
    }
}
