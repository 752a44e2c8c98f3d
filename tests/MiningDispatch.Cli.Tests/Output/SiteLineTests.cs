namespace MiningDispatch.Cli.Tests.Output;

/// <summary>The terminal names the site it ran before any figure, so a mistyped size, efficiency or fleet shows at once.</summary>
public sealed class SiteLineTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void A_single_model_site_shows_its_mw_and_w_per_th_and_a_fleet_its_models()
    {
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--mw", "12.5", "--efficiency", "17.5", "--start", "2024-03-01", "--end", "2024-03-03", "--no-report");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n');
        int site = Array.FindIndex(lines, l => l.StartsWith("Site: ", StringComparison.Ordinal));
        Assert.True(site >= 0, stdout);
        Assert.StartsWith("Site: 12.5 MW at 17.5 W/TH, pool fee 2 %", lines[site], StringComparison.Ordinal);
        Assert.True(site < Array.FindIndex(lines, l => l.StartsWith("Site total", StringComparison.Ordinal)));

        (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", "S21:100,S19 XP:50", "--site-cap", "0.4", "--start", "2024-03-01", "--end", "2024-03-03", "--no-report");
        Assert.True(code == 0, stderr);
        Assert.Contains("Site: 100 x S21", stdout, StringComparison.Ordinal);
        Assert.Contains("50 x S19 XP", stdout, StringComparison.Ordinal);
        Assert.Contains("site cap 0.4 MW", stdout, StringComparison.Ordinal);
    }
}
