namespace MiningDispatch.Reports;

/// <summary>Paths of the files written by <see cref="ReportWriter.WriteAll"/>.</summary>
public sealed record ReportFiles(IReadOnlyList<string> Charts, string HtmlReport, string HourlyCsv, string ResultJson)
{
    /// <summary>The compact summary JSON (summary.json) written next to the other files.</summary>
    public string? SummaryJson { get; init; }
    /// <summary>Section CSVs (sweep.csv, risk-paths.csv) written when the model has those sections.</summary>
    public IReadOnlyList<string> SectionCsvs { get; init; } = [];
    /// <summary>The Excel workbook (report.xlsx): summary, monthly, every interval and a sheet per section.</summary>
    public string? Workbook { get; init; }
    /// <summary>intervals.parquet (the columns of hourly.csv), written with <c>--parquet</c>.</summary>
    public string? IntervalsParquet { get; init; }
}
