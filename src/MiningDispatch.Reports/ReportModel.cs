using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Reports;

/// <summary>
/// Everything a report renders: the backtest result of the chosen strategy (which already carries the always-on
/// baseline), the run description (title, inputs, data quality) and optional benchmark results to compare against
/// (for example a perfect-foresight optimum over the same hours).
/// </summary>
public sealed record ReportModel(BacktestResult Result, RunInfo Info, IReadOnlyList<BacktestResult> Benchmarks)
{
    /// <summary>A model without benchmarks.</summary>
    public ReportModel(BacktestResult result, RunInfo info) : this(result, info, Array.Empty<BacktestResult>()) { }
}

/// <summary>Paths of the files written by <see cref="ReportWriter.WriteAll"/>.</summary>
public sealed record ReportFiles(IReadOnlyList<string> Charts, string HtmlReport, string HourlyCsv, string ResultJson)
{
    /// <summary>The compact summary JSON (summary.json) written next to the other files.</summary>
    public string? SummaryJson { get; init; }
}
