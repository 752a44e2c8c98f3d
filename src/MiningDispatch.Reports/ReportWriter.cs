using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>Writes every report artefact for a backtest into one folder, all together or not at all.</summary>
public static class ReportWriter
{
    /// <summary>Prefix of the hidden staging folder a run writes into before its files are moved into place.</summary>
    public const string StagingPrefix = ".staging-";

    /// <summary>Report files a run may write besides the charts; an earlier run's copy is removed when this run does not write it.</summary>
    private static readonly string[] OptionalFiles = ["sweep.csv", "risk-paths.csv", IntervalsParquetName];

    /// <summary>The intervals as Parquet (<c>backtest --parquet</c>): the columns of hourly.csv.</summary>
    public const string IntervalsParquetName = "intervals.parquet";

    /// <summary>
    /// Does the first-use work of writing a report ahead of time: the chart renderer and its fonts and PNG encoder, the
    /// result.json serializer's metadata, the workbook's zip writer and the plotly.js bundle. Optional: a caller with
    /// an idle core (the CLI, while it loads and computes) runs it in the background so <see cref="WriteAll(BacktestRun, string, IProgress{string}?, CancellationToken)"/>
    /// starts warm. Writes no file and never throws (a failure here is met, and reported, by the real write).
    /// </summary>
    public static void WarmUp()
    {
        try
        {
            ChartStyle.WarmUp();
            ResultJson.WarmUp();
            Excel.XlsxWriter.Write(Stream.Null, [new Excel.XlsxSheet("Warm-up", [new Excel.XlsxColumn("USD", Excel.XlsxStyle.Usd, 10)],
                rows => rows.Row().Num(1.5).Row().Text("a"))]);
            _ = Html.PlotlyBundle.InlineScript;
        }
#pragma warning disable CA1031 // best effort by design: the report's own write does the same work and reports its errors
        catch (Exception)
#pragma warning restore CA1031
        {
            // Nothing was written; WriteAll repeats whatever failed here and reports it.
        }
    }

    /// <summary>
    /// Writes charts/*.png, report.html, hourly.csv, report.xlsx, result.json and summary.json (and sweep.csv / risk-paths.csv when
    /// the model has those sections) into <paramref name="outDir"/> (created if needed). Everything is first written
    /// into a hidden staging folder inside <paramref name="outDir"/>; only when every file is complete are they moved
    /// into place (renames on the same disk), and the charts and section CSVs of earlier runs that this run did not
    /// write are removed. A failed or cancelled run removes its staging folder and leaves the previous run's files as
    /// they were; staging folders and temporary files left by a killed run are removed by the next one. Files of the
    /// user's own in <paramref name="outDir"/> are never touched.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; nothing was published.</exception>
    public static ReportFiles WriteAll(BacktestRun model, string outDir, IProgress<string>? progress = null, CancellationToken ct = default)
        => WriteAll(model, outDir, intervalsParquet: false, progress, ct);

    /// <summary>
    /// As <see cref="WriteAll(BacktestRun, string, IProgress{string}?, CancellationToken)"/>; with
    /// <paramref name="intervalsParquet"/> also intervals.parquet (the columns of hourly.csv), published with the rest.
    /// </summary>
    public static ReportFiles WriteAll(BacktestRun model, string outDir, bool intervalsParquet, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (model.Result.Times.Length == 0) throw new ArgumentException("The backtest result has no intervals to report.");
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        RemoveStale(dir);
        ct.ThrowIfCancellationRequested();

        string stage = Path.Combine(dir, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stage);
        try
        {
            var staged = Write(model, stage, progress, ct);
            if (intervalsParquet)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report("Writing " + IntervalsParquetName);
                string pq = Path.Combine(stage, IntervalsParquetName);
                Parquet.ParquetExport.WriteIntervals(model.Result, model.Info, pq, ct);
                staged = staged with { IntervalsParquet = pq };
            }
            ct.ThrowIfCancellationRequested();
            progress?.Report("Publishing the report files");
            return Publish(staged, stage, dir);
        }
        finally
        {
            TryDeleteFolder(stage);
        }
    }

    private static ReportFiles Write(BacktestRun model, string dir, IProgress<string>? progress, CancellationToken ct)
    {
        // report.html, the CSV and JSON files and the workbook depend on nothing else written here, so each is written on
        // its own task beside the charts (which render in parallel themselves): on two cores the run takes the time of
        // the work, not the sum of the files one after another. Every path below waits for all of them before returning
        // or throwing, so the staging folder is never removed under a file being written.
        string html = Path.Combine(dir, "report.html"), csv = Path.Combine(dir, "hourly.csv"), json = Path.Combine(dir, "result.json"),
            summary = Path.Combine(dir, "summary.json"), xlsx = Path.Combine(dir, "report.xlsx");
        var htmlTask = Task.Run(() => AtomicFile.WriteText(html, HtmlReport.Render(model)), CancellationToken.None);
        var filesTask = Task.Run(() =>
        {
            HourlyCsv.Write(model.Result, model.Info, csv);
            ResultJson.Save(model, json);
            JsonExport.WriteSummary(model, summary);
        }, CancellationToken.None);
        var workbookTask = Task.Run(() => XlsxReport.Write(model, xlsx), CancellationToken.None);
        IReadOnlyList<string> charts;
        try
        {
            charts = ChartRenderer.RenderAll(model, Path.Combine(dir, "charts"), new CheckedProgress(progress, ct), ct: ct);
            ct.ThrowIfCancellationRequested();
            // What follows is the time still spent on each file after the charts (they have been written since the start).
            progress?.Report("Writing report.html");
            htmlTask.GetAwaiter().GetResult(); // its own exception (e.g. an IOException), unwrapped
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing hourly.csv, result.json and summary.json");
            filesTask.GetAwaiter().GetResult();
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing report.xlsx");
            workbookTask.GetAwaiter().GetResult();
            ct.ThrowIfCancellationRequested();
        }
        catch
        {
            try { Task.WaitAll([htmlTask, filesTask, workbookTask], CancellationToken.None); }
            catch (AggregateException) { /* the first failure is the one reported */ }
            throw;
        }

        var sectionCsvs = new List<string>();
        if (model.Sweep is { } sweep)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing sweep.csv");
            string p = Path.Combine(dir, "sweep.csv");
            SectionCsv.WriteSweep(sweep.Result, p);
            sectionCsvs.Add(p);
        }
        if (model.Risk?.MonteCarlo is { } mc)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing risk-paths.csv");
            string p = Path.Combine(dir, "risk-paths.csv");
            SectionCsv.WriteMonteCarlo(mc, p);
            sectionCsvs.Add(p);
        }
        return new ReportFiles(charts, html, csv, json) { SummaryJson = summary, SectionCsvs = sectionCsvs, Workbook = xlsx };
    }

    /// <summary>Moves the staged files into <paramref name="dir"/> and removes what earlier runs wrote and this one did not.</summary>
    private static ReportFiles Publish(ReportFiles staged, string stage, string dir)
    {
        string Final(string path) => Path.Combine(dir, Path.GetRelativePath(stage, path));
        var all = new List<string>(staged.Charts) { staged.HtmlReport, staged.HourlyCsv, staged.ResultJson };
        if (staged.SummaryJson is { } s) all.Add(s);
        if (staged.Workbook is { } x) all.Add(x);
        if (staged.IntervalsParquet is { } pq) all.Add(pq);
        all.AddRange(staged.SectionCsvs);
        string chartsDir = Path.Combine(dir, "charts");
        Directory.CreateDirectory(chartsDir);
        try
        {
            foreach (string path in all) File.Move(path, Final(path), overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Could not move the report files into '{dir}': {ex.Message}", ex);
        }

        var written = new HashSet<string>(all.Select(Final), StringComparer.Ordinal);
        foreach (string old in Directory.EnumerateFiles(chartsDir, "*.png").Where(p => !written.Contains(p)).ToList()) TryDeleteFile(old);
        foreach (string name in OptionalFiles)
        {
            string old = Path.Combine(dir, name);
            if (!written.Contains(old)) TryDeleteFile(old);
        }
        return new ReportFiles(staged.Charts.Select(Final).ToList(), Final(staged.HtmlReport), Final(staged.HourlyCsv), Final(staged.ResultJson))
        {
            SummaryJson = staged.SummaryJson is { } sj ? Final(sj) : null,
            SectionCsvs = staged.SectionCsvs.Select(Final).ToList(),
            Workbook = staged.Workbook is { } wb ? Final(wb) : null,
            IntervalsParquet = staged.IntervalsParquet is { } ip ? Final(ip) : null,
        };
    }

    /// <summary>Staging folders and temporary files a killed run left in <paramref name="dir"/> and its charts folder.</summary>
    internal static void RemoveStale(string dir)
    {
        foreach (string stale in Directory.EnumerateDirectories(dir, StagingPrefix + "*")) TryDeleteFolder(stale);
        foreach (string folder in new[] { dir, Path.Combine(dir, "charts") })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (string tmp in Directory.EnumerateFiles(folder, ".*.tmp")) TryDeleteFile(tmp);
        }
    }

    /// <summary>Progress that stops the chart loop between charts once the token is cancelled.</summary>
    private sealed class CheckedProgress(IProgress<string>? inner, CancellationToken ct) : IProgress<string>
    {
        public void Report(string value)
        {
            ct.ThrowIfCancellationRequested();
            inner?.Report(value);
        }
    }

    internal static void TryDeleteFolder(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { /* best effort: the next run removes it */ }
        catch (UnauthorizedAccessException) { /* best effort */ }
    }

    internal static void TryDeleteFile(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { /* best effort */ }
        catch (UnauthorizedAccessException) { /* best effort */ }
    }
}
