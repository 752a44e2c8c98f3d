using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Reports;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>Every run says what its strategy knows when it decides, in the strategy's own words.</summary>
public class InformationSetTests
{
    [Theory]
    [InlineData("threshold", "publishes only after the interval ends")]
    [InlineData("lagged", "already published")]
    [InlineData("optimal", "perfect foresight")]
    public void The_report_inputs_say_what_the_strategy_knows(string strategy, string words)
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, err) = CliHarness.Run(null, "backtest", "--strategy", strategy, "--start", "2024-03-01", "--end", "2024-03-07", "--out", dir);
        Assert.True(code == 0, err);
        var run = ResultJson.Load(Path.Combine(dir, "result.json"));
        string line = run.Info.Inputs.Single(kv => kv.Key == "What the strategy knows").Value;
        Assert.Equal(StrategyRegistry.Get(strategy).InformationSet, line);
        Assert.Contains(words, line);
    }
}
