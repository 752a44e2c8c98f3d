namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// End to end: the built CLI's default <c>backtest</c> run timed from outside (process start to report written),
/// its start-up alone (<c>--version</c>), and the same work split into phases in a fresh process of this executable.
/// </summary>
internal static class EndToEndFigures
{
    private const string G = "End to end: default `mining-dispatch backtest` (sample data)";

    /// <summary>
    /// The CLI as users run it: published in Release (ReadyToRun, as scripts/install-tool and the README's Quick start
    /// build it) for the same runtime identifier as this benchmark (the folder this executable runs from).
    /// </summary>
    public static string CliPath => Path.Combine(RepoPaths.Root, "src", "MiningDispatch.Cli", "bin", "Release", "net10.0",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name, "publish",
        OperatingSystem.IsWindows() ? "mining-dispatch.exe" : "mining-dispatch");

    /// <summary>How to make <see cref="CliPath"/> (bench/run does).</summary>
    public const string PublishHint = "Publish it first: dotnet publish src/MiningDispatch.Cli -c Release (bench/run does).";

    private static string Share(double part, double total) => FormattableString.Invariant($"{100 * part / total:0} % of the CLI total");

    public static IEnumerable<FigureRow> Run(int runs, Action<string> log)
    {
        string cli = CliPath;
        if (!File.Exists(cli))
        {
            yield return new FigureRow(G, "CLI not built", double.NaN, "", Note: $"{PublishHint} Looked for {cli}");
            yield break;
        }
        string outDir = Path.Combine(Path.GetTempPath(), "md-bench-e2e-" + Environment.ProcessId);
        try
        {
            log($"  {Path.GetRelativePath(RepoPaths.Root, cli)} backtest --out {outDir} ({runs + 1} runs, first one discarded; the figure is the median) ...");
            var totals = new List<double>();
            for (int i = 0; i <= runs; i++)
            {
                var (_, wall) = ChildProcess.RunProgram(cli, ["backtest", "--out", outDir], RepoPaths.Root);
                if (i > 0) totals.Add(wall);
            }
            if (!File.Exists(Path.Combine(outDir, "report.html"))) throw new InvalidOperationException($"The CLI wrote no report.html into {outDir}.");
            var starts = new List<double>();
            for (int i = 0; i < 3; i++) starts.Add(ChildProcess.RunProgram(cli, ["--version"]).WallSeconds);
            double total = Floors.Median(totals), start = Floors.Median(starts);

            log("  the same work phase by phase in a fresh process ...");
            var phases = Enumerable.Range(0, runs).Select(_ => ChildProcess.RunSelf("e2e-child", Path.Combine(outDir, "phases"))).ToList();
            var best = phases.MinBy(p => p.WallSeconds)!;
            yield return new FigureRow(G, "Total, process start to report written (CLI, median)", total, "s", Goal: "≤ 1.0 s", Met: total <= 1.0,
                Note: FormattableString.Invariant($"{Floors.Range(totals)}; {best["hours"]:#,0} hours, {best["chart_count"]:0} PNG charts, report.html, hourly.csv, result.json"));
            yield return new FigureRow(G, "Start-up (CLI `--version`)", start, "s", Note: Share(start, total) + "; process start, runtime, argument parsing, exit; " + Floors.Range(starts));
            double sum = best["load"] + best["compute"] + best["charts"] + best["html"] + best["files"] + best["xlsx"];
            foreach (var (key, label) in new[]
            {
                ("load", "Load (prices, hashprice, alignment)"),
                ("compute", "Compute (threshold backtest, tables)"),
                ("charts", "Charts (PNG)"),
                ("html", "HTML report"),
                ("files", "Hourly CSV + JSON"),
                ("xlsx", "Excel workbook (report.xlsx)"),
            })
            {
                yield return new FigureRow(G, label, best[key], "s", Note: Share(best[key], total));
            }
            yield return new FigureRow(G, "Sum of the phases (fresh process)", sum, "s", "CLI total", total, Note: "one after another in a cold process of the bench (not ReadyToRun, so the phases include JIT time the CLI does not pay); the CLI writes the HTML, CSV, JSON and workbook beside the charts");
        }
        finally
        {
            try { Directory.Delete(outDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
