using MiningDispatch.Reports.Charts;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>Writes every report artefact for a backtest into one folder.</summary>
public static class ReportWriter
{
    /// <summary>
    /// Writes charts/*.png, report.html, hourly.csv, result.json and summary.json (and sweep.csv / risk-paths.csv when
    /// the model has those sections) into <paramref name="outDir"/>
    /// (created if needed). Each file is written to a temporary name and moved into place, so an interrupted run never
    /// leaves a truncated file behind.
    /// </summary>
    public static ReportFiles WriteAll(BacktestRun model, string outDir, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        if (model.Result.Times.Length == 0) throw new ArgumentException("The backtest result has no intervals to report.");
        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);

        var charts = ChartRenderer.RenderAll(model, Path.Combine(dir, "charts"), progress);

        progress?.Report("Writing report.html");
        string html = Path.Combine(dir, "report.html");
        AtomicFile.WriteText(html, HtmlReport.Render(model));

        progress?.Report("Writing hourly.csv");
        string csv = Path.Combine(dir, "hourly.csv");
        HourlyCsv.Write(model.Result, model.Info, csv);

        progress?.Report("Writing result.json");
        string json = Path.Combine(dir, "result.json");
        ResultJson.Save(model, json);

        progress?.Report("Writing summary.json");
        string summary = Path.Combine(dir, "summary.json");
        JsonExport.WriteSummary(model, summary);

        var sectionCsvs = new List<string>();
        if (model.Sweep is { } sweep)
        {
            progress?.Report("Writing sweep.csv");
            string p = Path.Combine(dir, "sweep.csv");
            SectionCsv.WriteSweep(sweep.Result, p);
            sectionCsvs.Add(p);
        }
        if (model.Risk?.MonteCarlo is { } mc)
        {
            progress?.Report("Writing risk-paths.csv");
            string p = Path.Combine(dir, "risk-paths.csv");
            SectionCsv.WriteMonteCarlo(mc, p);
            sectionCsvs.Add(p);
        }
        return new ReportFiles(charts, html, csv, json) { SummaryJson = summary, SectionCsvs = sectionCsvs };
    }
}
