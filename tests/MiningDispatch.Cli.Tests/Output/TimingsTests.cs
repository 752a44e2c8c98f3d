using System.Globalization;
using System.Text.RegularExpressions;

namespace MiningDispatch.Cli.Tests.Output;

/// <summary><c>--timings</c> prints every phase once, in run order, and a total equal to their sum.</summary>
public sealed class TimingsTests
{
    private static readonly string[] Phases = ["start-up", "load", "compute", "tables", "charts", "HTML report", "CSV and JSON files"];

    [Trait("Category", "Slow")]
    [Fact]
    public void Backtest_with_timings_lists_the_phases_and_their_total()
    {
        string dir = Path.Combine(Path.GetTempPath(), "md-timings-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--start", "2024-06-01", "--end", "2024-06-07", "--out", dir, "--timings");
            Assert.True(code == 0, stderr);
            var rows = Regex.Matches(stdout, @"^\s*([A-Za-z][A-Za-z -]*?)\s+(\d+\.\d{3})\s+\d+ %\s*$", RegexOptions.Multiline)
                .Select(m => (Phase: m.Groups[1].Value, Seconds: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
                .ToList();
            Assert.Equal(Phases, rows.Select(r => r.Phase));
            var total = Regex.Match(stdout, @"^\s*total\s+(\d+\.\d{3})\s*$", RegexOptions.Multiline);
            Assert.True(total.Success, stdout);
            double sum = rows.Sum(r => r.Seconds);
            // each printed phase is rounded to a millisecond
            Assert.InRange(double.Parse(total.Groups[1].Value, CultureInfo.InvariantCulture), sum - 0.004, sum + 0.004);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Without_the_flag_no_timings_are_printed()
    {
        var (code, stdout, _) = CliHarness.Run(null, "backtest", "--start", "2024-06-01", "--end", "2024-06-07", "--no-report");
        Assert.Equal(0, code);
        Assert.DoesNotContain("Timings", stdout);
    }
}
