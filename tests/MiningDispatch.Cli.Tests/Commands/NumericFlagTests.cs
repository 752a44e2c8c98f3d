namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>A decimal comma in a numeric flag is refused (the invariant parser would read "2,5" as 25), never used.</summary>
public class NumericFlagTests
{
    [Theory]
    [InlineData("backtest", "--mw", "2,5")]
    [InlineData("backtest", "--efficiency", "21,5")]
    [InlineData("backtest", "--max-fill-hours", "1,000")]
    [InlineData("risk", "--var-levels", "0,9")]
    [InlineData("forecast", "--months", "1,2")]
    public void A_comma_in_a_number_is_a_usage_error_naming_the_flag(string command, string flag, string value)
    {
        var (code, _, err) = CliHarness.Run(null, command, flag, value, "--no-report");
        Assert.Equal(1, code);
        Assert.Contains($"{flag} '{value}' is not a number as written: use a decimal point", err);
    }

    [Fact]
    public void A_comma_separated_sweep_axis_is_still_a_list()
    {
        var (code, _, err) = CliHarness.Run(null, "sweep", "--adder", "0,5", "--start", "2024-01-01", "--end", "2024-01-07", "--no-report");
        Assert.True(code == 0, err);
    }
}
