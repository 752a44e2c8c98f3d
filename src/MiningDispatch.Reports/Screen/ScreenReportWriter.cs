using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Parquet;

namespace MiningDispatch.Reports.Screen;

/// <summary>Paths of the files <see cref="ScreenReportWriter.WriteAll"/> wrote.</summary>
public sealed record ScreenFiles(string Csv, string HtmlReport, string Workbook, string? Parquet);

/// <summary>
/// Writes screen.csv, report.html, report.xlsx and (when asked) screen.parquet into one folder, all together or not at
/// all: into a hidden staging folder first (as <see cref="ReportWriter"/> does), then moved into place. A cancelled or
/// failed run publishes nothing.
/// </summary>
public static class ScreenReportWriter
{
    public const string CsvName = "screen.csv", ParquetName = "screen.parquet", HtmlName = "report.html", WorkbookName = "report.xlsx";

    public static ScreenFiles WriteAll(ScreenRun run, string outDir, bool parquet, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        ReportWriter.RemoveStale(dir);
        ct.ThrowIfCancellationRequested();
        string stage = Path.Combine(dir, ReportWriter.StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stage);
        try
        {
            var names = new List<string> { CsvName, HtmlName, WorkbookName };
            progress?.Report("Writing " + CsvName);
            ScreenCsv.Write(run.Points, Path.Combine(stage, CsvName));
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing " + HtmlName);
            AtomicFile.WriteText(Path.Combine(stage, HtmlName), ScreenHtml.Render(run));
            ct.ThrowIfCancellationRequested();
            progress?.Report("Writing " + WorkbookName);
            ScreenXlsx.Write(run, Path.Combine(stage, WorkbookName));
            if (parquet)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report("Writing " + ParquetName);
                ParquetExport.WriteScreen(run.Points, Path.Combine(stage, ParquetName), ct);
                names.Add(ParquetName);
            }
            ct.ThrowIfCancellationRequested();
            progress?.Report("Publishing the report files");
            try
            {
                foreach (string name in names) File.Move(Path.Combine(stage, name), Path.Combine(dir, name), overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"Could not move the report files into '{dir}': {ex.Message}", ex);
            }
            // A screen.parquet of an earlier run would not match this run's screen.csv.
            if (!parquet) ReportWriter.TryDeleteFile(Path.Combine(dir, ParquetName));
            string P(string name) => Path.Combine(dir, name);
            return new ScreenFiles(P(CsvName), P(HtmlName), P(WorkbookName), parquet ? P(ParquetName) : null);
        }
        finally
        {
            ReportWriter.TryDeleteFolder(stage);
        }
    }
}
