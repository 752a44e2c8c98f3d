using MiningDispatch.Core.Backtest;

namespace MiningDispatch.Reports.Tests;

public class ResultJsonTests
{
    [Fact]
    public void Round_trip_preserves_every_value()
    {
        var model = TestModels.Model();
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(model, path);
        var back = ResultJson.Load(path);

        AssertSame(model.Result, back.Result);
        Assert.Single(back.Benchmarks);
        AssertSame(model.Benchmarks[0], back.Benchmarks[0]);
        Assert.Equal(model.Info.Title, back.Info.Title);
        Assert.Equal(model.Info.Inputs, back.Info.Inputs);
        Assert.Equal(model.Info.DataQuality.Count, back.Info.DataQuality.Count);
        for (int i = 0; i < model.Info.DataQuality.Count; i++)
        {
            var a = model.Info.DataQuality[i];
            var b = back.Info.DataQuality[i];
            Assert.Equal((a.Source, a.Description, a.RowsRead, a.RowsUsed, a.Duplicates, a.PartialIntervals, a.FilledIntervals),
                (b.Source, b.Description, b.RowsRead, b.RowsUsed, b.Duplicates, b.PartialIntervals, b.FilledIntervals));
            Assert.Equal(a.Gaps, b.Gaps);
            Assert.All(b.Gaps, g => Assert.Equal(DateTimeKind.Utc, g.FromUtc.Kind));
            Assert.Equal(a.Notes, b.Notes);
        }
        // Re-rendering from the loaded file gives the same report.
        Assert.Equal(HtmlReport.Render(model), HtmlReport.Render(back));
    }

    private static void AssertSame(BacktestResult a, BacktestResult b)
    {
        Assert.Equal(a.Strategy, b.Strategy);
        Assert.Equal(a.IntervalHours, b.IntervalHours);
        Assert.Equal(a.Times, b.Times);
        Assert.All(b.Times, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
        Assert.Equal(a.Price, b.Price);
        Assert.Equal(a.AllInPrice, b.AllInPrice);
        Assert.Equal(a.Hashprice, b.Hashprice);
        Assert.Equal(a.Breakeven, b.Breakeven);
        Assert.Equal(a.Run, b.Run);
        Assert.Equal(a.Revenue, b.Revenue);
        Assert.Equal(a.Cost, b.Cost);
        Assert.Equal(a.Profit, b.Profit);
        Assert.Equal(a.AlwaysOnProfit, b.AlwaysOnProfit);
        Assert.Equal(a.Summary, b.Summary);
        Assert.Equal(DateTimeKind.Utc, b.Summary.FirstHourUtc.Kind);
        Assert.Equal(a.Monthly, b.Monthly);
        Assert.Equal(a.Daily, b.Daily);
        Assert.Equal(a.RunRateByHourOfDay, b.RunRateByHourOfDay);
        Assert.Equal(a.RunRateByMonthAndHour.GetLength(0), b.RunRateByMonthAndHour.GetLength(0));
        Assert.Equal(a.RunRateByMonthAndHour.Cast<double>(), b.RunRateByMonthAndHour.Cast<double>()); // NaN equals NaN here
        Assert.Contains(b.RunRateByMonthAndHour.Cast<double>(), double.IsNaN); // the missing Feb 12:00 survives as NaN
    }

    [Fact]
    public void Load_rejects_a_file_of_another_kind_with_the_path_in_the_message()
    {
        string path = Path.Combine(TestModels.TempDir(), "other.json");
        File.WriteAllText(path, """{"format":"something-else","version":1}""");
        var ex = Assert.Throws<InvalidDataException>(() => ResultJson.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("something-else", ex.Message);
    }

    [Fact]
    public void Load_rejects_arrays_of_the_wrong_length()
    {
        string path = Path.Combine(TestModels.TempDir(), "result.json");
        ResultJson.Save(TestModels.Model(), path);
        string json = File.ReadAllText(path);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        doc["result"]!["profit"]!.AsArray().RemoveAt(0);
        File.WriteAllText(path, doc.ToJsonString());
        var ex = Assert.Throws<InvalidDataException>(() => ResultJson.Load(path));
        Assert.Contains("result.profit has 70 values but timesUtc has 71", ex.Message);
    }

    [Fact]
    public void Load_reports_invalid_json_and_missing_files()
    {
        string path = Path.Combine(TestModels.TempDir(), "broken.json");
        File.WriteAllText(path, "{ not json");
        var ex = Assert.Throws<InvalidDataException>(() => ResultJson.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Throws<FileNotFoundException>(() => ResultJson.Load(path + ".nope"));
    }
}
