namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>Command-line mistakes get a few lines naming the mistake and the closest real flag, not the whole help (exit 1).</summary>
public sealed class ParseErrorTests
{
    [Theory]
    [InlineData(new[] { "backtest", "--mww", "10" }, "error: unknown option '--mww' for 'backtest'; did you mean --mw?")]
    [InlineData(new[] { "backtest", "--startt", "2024-01-01" }, "error: unknown option '--startt' for 'backtest'; did you mean --start?")]
    [InlineData(new[] { "backtst" }, "error: unknown command 'backtst'; did you mean backtest?")]
    [InlineData(new[] { "bogus" }, "error: unknown command 'bogus'; the commands are backtest, report, forecast, risk, sweep, screen, validate, fetch.")]
    [InlineData(new[] { "backtest", "--mw", "10MW" }, "error: --mw '10MW' is not a number: write digits with a decimal point and no unit or separator (e.g. --mw 2.5).")]
    [InlineData(new[] { "risk", "--paths", "many" }, "error: --paths 'many' is not a number")]
    public void A_mistake_is_named_in_a_few_lines_with_exit_1(string[] args, string expected)
    {
        var (code, stdout, stderr) = CliHarness.Run(null, args);
        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith(expected, lines[0], StringComparison.Ordinal);
        Assert.EndsWith("--help' to list every option.", lines[^1], StringComparison.Ordinal);
        Assert.InRange(lines.Length, 2, 3); // the value after an unknown flag is not reported as a second unknown token
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Description:", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_is_still_help()
    {
        var (code, stdout, _) = CliHarness.Run(null, "backtest", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--mw", stdout, StringComparison.Ordinal);
    }
}
