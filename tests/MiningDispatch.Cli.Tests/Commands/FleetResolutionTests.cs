using MiningDispatch.Cli.Tests.Support;
using MiningDispatch.Reports;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// A fleet on 15-minute prices states what the same dispatch earns on the hourly means, as a single site does. A fleet
/// of one (1,000 S19 XP: 3.01 MW at 21.5 W/TH) gives the single site's line; a capped mixed fleet gets its own.
/// </summary>
public class FleetResolutionTests
{
    private static string Line(params string[] site)
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, err) = CliHarness.Run(null, ["backtest", "--prices", SampleMarket.Path(ResolutionCommandTests.QuarterFile),
            "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile), "--start", "2024-07-01", "--end", "2024-07-31", "--out", dir, .. site]);
        Assert.True(code == 0, err);
        var run = ResultJson.Load(Path.Combine(dir, "result.json"));
        Assert.Equal(0.25, run.Result.IntervalHours);
        return run.Info.Inputs.Single(kv => kv.Key == "15-minute vs hourly").Value;
    }

    [Fact]
    public void A_fleet_of_one_states_the_single_sites_15_minute_vs_hourly_line()
    {
        string single = Line("--mw", "3.01", "--efficiency", "21.5");
        string fleet = Line("--fleet", "S19 XP:1000");
        Assert.StartsWith("threshold earns $", single);
        Assert.Equal(single.Replace("threshold", "merit-order", StringComparison.Ordinal), fleet);
    }

    [Fact]
    public void A_capped_mixed_fleet_with_another_strategy_states_its_line()
    {
        string line = Line("--fleet", "S21:500,S19 XP:1000", "--site-cap", "4", "--strategy", "lagged");
        Assert.Matches(@"^lagged earns -?\$[\d,]+ at 15 minutes and -?\$[\d,]+ on the hourly means of the same prices \([+-]\$[\d,]+\)", line);
    }
}
