namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>Bad input ends with a clear message on stderr and a non-zero exit code.</summary>
public sealed class BacktestErrorTests
{
    [Theory]
    [InlineData(new[] { "--end", "2024-01-01", "--start", "2024-02-01" }, "before --start")]
    [InlineData(new[] { "--mw", "-3" }, "--mw")]
    [InlineData(new[] { "--efficiency", "0.5" }, "--efficiency")]
    [InlineData(new[] { "--pool-fee", "2" }, "--pool-fee")]
    [InlineData(new[] { "--market", "intraday" }, "--market")]
    [InlineData(new[] { "--start", "2024-13-01" }, "yyyy-MM-dd")]
    [InlineData(new[] { "--settlement-point", "HB_NOWHERE" }, "HB_NOWHERE")]
    [InlineData(new[] { "--start", "2025-06-01", "--end", "2025-06-30" }, "Hashprice")]
    public void Bad_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Missing_price_file_names_the_file()
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--prices", "/nonexistent/prices.csv",
            "--hashprice", Path.Combine(CliHarness.SampleDir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv"));
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/prices.csv", stderr);
    }

    [Fact]
    public void Hashrate_index_without_a_key_says_how_to_set_it()
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--hashprice-source", "hashrateindex",
            "--prices", Path.Combine(CliHarness.SampleDir, "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv"));
        Assert.Equal(2, code);
        Assert.Contains("HASHRATEINDEX_API_KEY", stderr);
    }

    [Fact]
    public void Unknown_flag_is_a_usage_error()
    {
        var (code, _, _) = CliHarness.Run(null, "backtest", "--frobnicate");
        Assert.Equal(1, code);
    }

    [Fact]
    public void Help_lists_every_flag()
    {
        var (code, stdout, _) = CliHarness.Run(null, "backtest", "--help");
        Assert.Equal(0, code);
        foreach (var flag in new[] { "--prices", "--settlement-point", "--market", "--hashprice", "--hashprice-source", "--mw", "--efficiency",
                     "--start", "--end", "--pool-fee", "--adder", "--min-profit", "--config", "--out", "--json" })
            Assert.Contains(flag, stdout);
    }
}
