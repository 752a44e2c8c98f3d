namespace MiningDispatch.Reports.Tests;

public class ReportWriterTests
{
    [Fact]
    public void WarmUp_writes_nothing_and_leaves_the_report_as_it_would_be()
    {
        string dir = TestModels.TempDir();
        string before = Path.Combine(dir, "before");
        var model = TestModels.Model();
        var cold = ReportWriter.WriteAll(model, before);

        string cwd = Environment.CurrentDirectory;
        var filesBefore = Directory.GetFiles(cwd, "*", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray();
        Parallel.Invoke(ReportWriter.WarmUp, ReportWriter.WarmUp); // twice at once: the CLI's background call may overlap anything
        Assert.Equal(filesBefore, Directory.GetFiles(cwd, "*", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(["before"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));

        var warm = ReportWriter.WriteAll(model, Path.Combine(dir, "after"));
        foreach (var (a, b) in new[] { (cold.HtmlReport, warm.HtmlReport), (cold.ResultJson, warm.ResultJson), (cold.HourlyCsv, warm.HourlyCsv), (cold.Workbook!, warm.Workbook!) }
                     .Concat(cold.Charts.Zip(warm.Charts)))
            Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{Path.GetFileName(a)} differs after WarmUp");
    }

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
        Assert.Equal(Path.Combine(outDir, "report.xlsx"), files.Workbook);
        Assert.Equal(["hourly.csv", "report.html", "report.xlsx", "result.json", "summary.json"],
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

    [Fact]
    public void A_cancelled_run_publishes_nothing_and_leaves_the_previous_report_untouched()
    {
        string outDir = TestModels.TempDir();
        var first = ReportWriter.WriteAll(TestModels.Model(), outDir);
        var before = Snapshot(outDir);

        using var cts = new CancellationTokenSource();
        // Cancel as the third chart starts: some charts of the new run are already written (into the staging folder).
        var progress = new SyncProgress([], m => { if (m.StartsWith("Chart 3/", StringComparison.Ordinal)) cts.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => ReportWriter.WriteAll(TestModels.Model(), outDir, progress, cts.Token));

        Assert.Equal(before, Snapshot(outDir));
        Assert.Empty(Directory.GetDirectories(outDir, ReportWriter.StagingPrefix + "*"));
        Assert.True(File.Exists(first.HtmlReport));
    }

    [Fact]
    public void A_new_run_removes_what_a_killed_run_left_and_the_charts_earlier_runs_wrote_but_not_the_users_files()
    {
        string outDir = TestModels.TempDir();
        string charts = Path.Combine(outDir, "charts");
        Directory.CreateDirectory(charts);
        // A killed run's staging folder and temporary files, a chart and a sweep.csv of an earlier run, and the user's own files.
        string staging = Path.Combine(outDir, ReportWriter.StagingPrefix + "0123456789abcdef");
        Directory.CreateDirectory(Path.Combine(staging, "charts"));
        File.WriteAllText(Path.Combine(staging, "report.html"), "half");
        File.WriteAllText(Path.Combine(outDir, ".report.html.0123.tmp"), "half");
        File.WriteAllText(Path.Combine(charts, ".fleet-mw.png.0123.tmp"), "half");
        File.WriteAllText(Path.Combine(charts, "sweep-heatmap.png"), "old chart");
        File.WriteAllText(Path.Combine(outDir, "sweep.csv"), "old sweep");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(charts, "my-chart.jpg"), "mine");

        var files = ReportWriter.WriteAll(TestModels.Model(), outDir);

        Assert.False(Directory.Exists(staging));
        Assert.Equal(["hourly.csv", "notes.txt", "report.html", "report.xlsx", "result.json", "summary.json"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal));
        Assert.Equal(["charts"], Directory.GetDirectories(outDir).Select(Path.GetFileName));
        var chartFiles = Directory.GetFiles(charts).Select(Path.GetFileName).OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.Equal(files.Charts.Select(Path.GetFileName).Append("my-chart.jpg").OrderBy(x => x, StringComparer.Ordinal), chartFiles);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(outDir, "notes.txt")));
    }

    /// <summary>Every file under <paramref name="dir"/> with its bytes' hash and time stamp.</summary>
    private static List<string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).OrderBy(x => x, StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(dir, f) + " " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))
                + " " + File.GetLastWriteTimeUtc(f).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
