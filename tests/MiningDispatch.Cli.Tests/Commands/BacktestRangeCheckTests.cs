using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.TempPrices;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Settings and inputs out of range end with a clear message and exit 2 before any number is printed: facility size
/// and efficiency out of a sane range, end before start, prices or hashprice not covering --start/--end.
/// </summary>
public sealed class BacktestRangeCheckTests : IDisposable
{
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>HB_WEST for the market days 2024-03-01 and 2024-03-02 (CST), $30 every hour.</summary>
    private string TwoDays() => WriteLong(_dir, "prices.csv", "HB_WEST", Hours(Utc(2024, 3, 1, 6), 48).Select(t => (t, 30.0)));

    private (int Code, string Out, string Err) Run(string? hashprice, params string[] flags) =>
        CliHarness.Run(null, ["backtest", "--no-report", "--prices", TwoDays(), "--hashprice", hashprice ?? SampleMarket.Path(SampleMarket.HashpriceFile), .. flags]);

    [Theory]
    [InlineData("--mw", "0", "--mw must be between 0 and 10,000 MW (got 0)")]
    [InlineData("--mw", "20000", "--mw must be between 0 and 10,000 MW (got 20000)")]
    [InlineData("--mw", "NaN", "--mw must be between 0 and 10,000 MW (got NaN)")]
    [InlineData("--efficiency", "4", "--efficiency must be between 5 and 200 W/TH (got 4)")]
    [InlineData("--efficiency", "250", "--efficiency must be between 5 and 200 W/TH (got 250)")]
    [InlineData("--efficiency", "-21.5", "--efficiency must be between 5 and 200 W/TH (got -21.5)")]
    public void Size_and_efficiency_out_of_a_sane_range_exit_2(string flag, string value, string expected)
    {
        var (code, stdout, stderr) = Run(null, flag, value);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("Summary", stdout);
    }

    [Fact]
    public void Out_of_range_values_from_the_config_file_exit_2_too()
    {
        string cfg = Path.Combine(_dir, "cfg.json");
        File.WriteAllText(cfg, """{ "mw": 50000, "efficiency": 1 }""");
        var (code, _, stderr) = Run(null, "--config", cfg);
        Assert.Equal(2, code);
        Assert.Contains("--mw must be between 0 and 10,000 MW (got 50000)", stderr);
        Assert.Contains("--efficiency must be between 5 and 200 W/TH (got 1)", stderr);
    }

    [Fact]
    public void End_before_start_exits_2()
    {
        var (code, _, stderr) = Run(null, "--start", "2024-03-02", "--end", "2024-03-01");
        Assert.Equal(2, code);
        Assert.Contains("--end 2024-03-01 is before --start 2024-03-02", stderr);
    }

    [Theory]
    [InlineData("2024-02-28", "2024-03-02", "48 hour(s) missing before the data starts (the range starts 2024-02-28 06:00Z)")]
    [InlineData("2024-03-01", "2024-03-03", "24 hour(s) missing after it ends (the last hour of the range starts 2024-03-04 05:00Z)")]
    [InlineData("2024-02-29", "2024-03-03", "24 hour(s) missing before the data starts (the range starts 2024-02-29 06:00Z) and 24 hour(s) missing after it ends")]
    [InlineData("2024-04-01", "2024-04-02", "lies outside it")]
    public void Prices_not_covering_the_range_exit_2(string start, string end, string expected)
    {
        var (code, stdout, stderr) = Run(null, "--start", start, "--end", end);
        Assert.Equal(2, code);
        Assert.Contains("Prices in prices.csv cover 2024-03-01 to 2024-03-02 (2024-03-01 06:00Z .. 2024-03-03 05:00Z, hour starts)", stderr);
        Assert.Contains(expected, stderr);
        Assert.DoesNotContain("Summary", stdout);
    }

    [Fact]
    public void Only_start_before_the_data_is_caught_as_well()
    {
        var (code, _, stderr) = Run(null, "--start", "2024-02-29");
        Assert.Equal(2, code);
        Assert.Contains("24 hour(s) missing before the data starts", stderr);
    }

    [Fact]
    public void Hashprice_not_covering_the_range_exits_2()
    {
        // first point 2024-03-02: usable (published) from 2024-03-03 00:00Z, so 42 of the 48 hours have none
        string hp = WriteHashprice(_dir, "hp.csv", Enumerable.Range(0, 10).Select(i => (new DateOnly(2024, 3, 2).AddDays(i), 0.05)));
        var (code, _, stderr) = Run(hp, "--start", "2024-03-01", "--end", "2024-03-02");
        Assert.Equal(2, code);
        Assert.Contains("does not cover 42 of the 48 hours from 2024-03-01 to 2024-03-02", stderr);
        Assert.Contains("first uncovered hour 2024-03-01 06:00Z, last 2024-03-02 23:00Z", stderr);
    }

    [Fact]
    public void A_covered_range_runs()
    {
        var (code, stdout, stderr) = Run(null, "--start", "2024-03-01", "--end", "2024-03-02");
        Assert.True(code == 0, stderr);
        Assert.Contains("Summary", stdout);
        Assert.DoesNotContain("Warning", stdout);
    }
}
