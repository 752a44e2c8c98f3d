namespace MiningDispatch.Reports.Tests;

public class ReportWriterTests
{
    [Fact]
    public void WriteAll_creates_the_folder_and_every_file_without_leftovers()
    {
        string outDir = Path.Combine(TestModels.TempDir(), "nested", "out");
        var messages = new List<string>();
        var files = ReportWriter.WriteAll(TestModels.Model(), outDir, new SyncProgress(messages));

        Assert.Equal(Path.Combine(outDir, "report.html"), files.HtmlReport);
        Assert.Equal(Path.Combine(outDir, "hourly.csv"), files.HourlyCsv);
        Assert.Equal(Path.Combine(outDir, "result.json"), files.ResultJson);
        Assert.Equal(Path.Combine(outDir, "summary.json"), files.SummaryJson);
        Assert.Equal(6, files.Charts.Count);
        Assert.All(files.Charts, c => Assert.Equal(Path.Combine(outDir, "charts"), Path.GetDirectoryName(c)));
        foreach (var f in files.Charts.Append(files.HtmlReport).Append(files.HourlyCsv).Append(files.ResultJson).Append(files.SummaryJson!))
            Assert.True(new FileInfo(f).Length > 0, f);
        Assert.All(files.Charts, c => Assert.Equal((1200, 600), Png.ReadSize(c)));
        // Nothing but the expected files (no temporary files left behind).
        Assert.Equal(["hourly.csv", "report.html", "result.json", "summary.json"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(outDir, "charts")).Length);
        Assert.Contains(messages, m => m.Contains("report.html", StringComparison.Ordinal));

        // The result file re-renders the same report.
        Assert.Equal(File.ReadAllText(files.HtmlReport), HtmlReport.Render(ResultJson.Load(files.ResultJson)));
    }

    [Fact]
    public void WriteAll_overwrites_an_existing_report()
    {
        string outDir = TestModels.TempDir();
        File.WriteAllText(Path.Combine(outDir, "report.html"), "old");
        var files = ReportWriter.WriteAll(TestModels.Model(), outDir);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(files.HtmlReport));
    }
}
