using System.Text.Json;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Reports.Tests;

/// <summary>Hours filled by a gap-fill rule are marked in hourly.csv and listed in summary.json, result.json and the HTML.</summary>
public class FilledGapReportTests
{
    // two filled gaps (hours 10-11 and 20) and one left unfilled (the missing hour 60 of the test market)
    private static readonly DataGap FillA = new(TestModels.Start.AddHours(10), TestModels.Start.AddHours(12), 2);
    private static readonly DataGap FillB = new(TestModels.Start.AddHours(20), TestModels.Start.AddHours(21), 1);
    private static readonly DataGap Unfilled = new(TestModels.Start.AddHours(TestModels.MissingIndex), TestModels.Start.AddHours(TestModels.MissingIndex + 1), 1);

    private static RunInfo Info()
    {
        var baseInfo = TestModels.Info();
        var range = new DataQualityReport("HB_WEST prices, backtest range", "Price hours in the range", 72, 72, 0, [FillA, FillB, Unfilled], 0, 3,
            ["Gap filling: linear"])
        { FilledGaps = [FillA, FillB] };
        return baseInfo with { DataQuality = [baseInfo.DataQuality[0], range, baseInfo.DataQuality[1]] };
    }

    [Fact]
    public void Hourly_csv_marks_exactly_the_hours_inside_filled_gaps()
    {
        var r = TestModels.Result();
        string path = Path.Combine(TestModels.TempDir(), "hourly.csv");
        HourlyCsv.Write(r, Info(), path);
        var rows = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToList();

        Assert.Equal(r.Times.Length, rows.Count);
        var marked = rows.Where(x => x[^1] == "true").Select(x => x[0]).ToList();
        Assert.Equal(["2024-01-30T16:00:00Z", "2024-01-30T17:00:00Z", "2024-01-31T02:00:00Z"], marked);
        Assert.Equal(rows.Count - 3, rows.Count(x => x[^1] == "false"));
    }

    [Fact]
    public void Overlapping_filled_gaps_from_two_reports_mark_each_hour_once()
    {
        var info = Info();
        var extra = new DataQualityReport("other", "other", 1, 1, 0, [], 0, 2, []) { FilledGaps = [new DataGap(FillA.FromUtc.AddHours(1), FillA.ToUtc.AddHours(1), 2)] };
        info = info with { DataQuality = [.. info.DataQuality, extra] };
        string path = Path.Combine(TestModels.TempDir(), "hourly.csv");
        HourlyCsv.Write(TestModels.Result(), info, path);
        var marked = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).Where(x => x[^1] == "true").Select(x => x[0]).ToList();
        Assert.Equal(["2024-01-30T16:00:00Z", "2024-01-30T17:00:00Z", "2024-01-30T18:00:00Z", "2024-01-31T02:00:00Z"], marked);
    }

    [Fact]
    public void Summary_json_lists_the_data_quality_with_fills()
    {
        string path = Path.Combine(TestModels.TempDir(), "summary.json");
        JsonExport.WriteSummary(TestModels.Result(), Info(), path);
        var dq = JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("dataQuality");

        Assert.Equal(3, dq.GetArrayLength());
        var range = dq[1];
        Assert.Equal("HB_WEST prices, backtest range", range.GetProperty("source").GetString());
        Assert.Equal(3, range.GetProperty("gapCount").GetInt32());
        Assert.Equal(4, range.GetProperty("missingIntervals").GetInt32());
        Assert.Equal(3, range.GetProperty("filledIntervals").GetInt32());
        Assert.Equal("2024-01-30T16:00:00Z", range.GetProperty("filledGaps")[0].GetProperty("fromUtc").GetString());
        Assert.Equal("2024-01-30T18:00:00Z", range.GetProperty("filledGaps")[0].GetProperty("toUtc").GetString());
        Assert.Equal(2, range.GetProperty("filledGaps").GetArrayLength());
        Assert.Equal("Gap filling: linear", range.GetProperty("notes")[0].GetString());
        Assert.Equal(1, dq[0].GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public void Result_json_keeps_the_filled_gaps_and_the_html_shows_them()
    {
        var model = new ReportModel(TestModels.Result(), Info());
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(model, path);
        var back = ResultJson.Load(path);

        Assert.Equal([FillA, FillB], back.Info.DataQuality[1].FilledGaps);
        Assert.Empty(back.Info.DataQuality[0].FilledGaps);

        string html = HtmlReport.Render(back);
        Assert.Contains("<th>Filled</th>", html);
        Assert.Equal(2, html.Split("<td>yes</td>").Length - 1);
        Assert.Single(html.Split("<td class=\"warn\">no</td>").Skip(1));
    }
}
