using System.Globalization;
using System.Text.RegularExpressions;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary><c>--hashprice-source chain</c> end to end on the shipped data/chain folder.</summary>
public sealed class ChainHashpriceCommandTests
{
    private static string Prices => Path.Combine(CliHarness.SampleDir, "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv");

    [Fact]
    public void Backtest_OnTheShippedChainData_ReachesFebruary2026_AndSaysItIsSubsidyOnly()
    {
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--hashprice-source", "chain");
        Assert.True(code == 0, stderr + stdout);
        // Sample prices run to 2026-07-05; the chain data's last sample (2026-02-17, a 4-day bucket) is published 2026-02-21.
        Assert.Contains("HB_WEST real-time, 2023-07-06 to 2026-02-20", stdout, StringComparison.Ordinal);
        Assert.Contains("Warning: Hashprice from difficulty.json / market-price.json is SUBSIDY ONLY", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void AlwaysOnRevenue_OfOneDay_IsTheSubsidyOnlySeriesByHand()
    {
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--hashprice-source", "chain",
            "--start", "2025-06-15", "--end", "2025-06-15");
        Assert.True(code == 0, stderr + stdout);
        // Independent: the subsidy-only series derived outside the product (shared/data/hashprice/derived, 3 decimals),
        // a 4-day sample stamped T is published at T + 4 d and used by every hour starting at or after that.
        var samples = File.ReadAllLines(Path.Combine(CliHarness.RepoRoot, "tests", "MiningDispatch.Data.Tests", "TestData", "hashprice",
                "hashprice_subsidy_only_4day_7dma_2022-2026_from_blockchaincom.csv"))
            .Skip(1).Select(l => l.Split(','))
            .Select(f => (Published: DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(4), UsdPerPhDay: double.Parse(f[5], CultureInfo.InvariantCulture)))
            .ToList();
        double terahash = 10 * 1e6 / 21.5; // default 10 MW at 21.5 W/TH
        double revenue = 0;
        var dayStartUtc = new DateTime(2025, 6, 15, 5, 0, 0); // 00:00 CDT
        for (int h = 0; h < 24; h++)
        {
            var t = dayStartUtc.AddHours(h);
            double hp = samples.Last(s => s.Published <= t).UsdPerPhDay / 1000;
            revenue += terahash * hp / 24 * (1 - 0.02);
        }
        var row = Regex.Match(stdout, @"Mining revenue\s*│\s*\$([\d,]+)\s*│\s*\$([\d,]+)");
        Assert.True(row.Success, stdout);
        double alwaysOn = double.Parse(row.Groups[2].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Equal(revenue, alwaysOn, 0.6 + revenue * 2e-5); // whole dollars printed; CSV rounded to 0.001 $/PH/day
    }

    [Fact]
    public void Risk_and_sweep_take_the_chain_source()
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, "sweep", "--no-report", "--hashprice-source", "chain", "--start", "2025-06-01", "--end", "2025-06-30",
            "--out", Path.Combine(dir, "sweep"));
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("SUBSIDY ONLY", stdout, StringComparison.Ordinal);
        (code, stdout, stderr) = CliHarness.Run(null, "risk", "--no-report", "--hashprice-source", "chain", "--start", "2025-01-01", "--end", "2025-12-31",
            "--paths", "20", "--seed", "1", "--out", Path.Combine(dir, "risk"));
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("SUBSIDY ONLY", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_inputs_carry_the_method_and_the_caveat()
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--hashprice-source", "chain", "--start", "2025-06-01", "--end", "2025-06-03", "--out", dir);
        Assert.True(code == 0, stderr + stdout);
        string json = File.ReadAllText(Path.Combine(dir, "result.json"));
        Assert.Contains("Hashprice method", json, StringComparison.Ordinal);
        Assert.Contains("Hashprice caveat", json, StringComparison.Ordinal);
        Assert.Contains("SUBSIDY ONLY", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Chain_folder_problems_exit_2_naming_the_folder_or_file()
    {
        string missing = Path.Combine(CliHarness.NewTempDir(), "no-such-chain");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--hashprice-source", "chain", "--chain-dir", missing);
        Assert.Equal(2, code);
        Assert.Contains(missing, stderr, StringComparison.Ordinal);

        string bad = CliHarness.NewTempDir();
        File.WriteAllText(Path.Combine(bad, "difficulty.json"), "{\"difficulty\": [{\"x\": 1, \"y\": \"high\"}]}");
        File.Copy(Path.Combine(CliHarness.RepoRoot, "data", "chain", "market-price.json"), Path.Combine(bad, "market-price.json"));
        (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--hashprice-source", "chain", "--chain-dir", bad);
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(bad, "difficulty.json"), stderr, StringComparison.Ordinal);
        Assert.Contains("sample 0", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_chainDir_is_relative_to_the_config_file()
    {
        string dir = CliHarness.NewTempDir();
        string charts = Path.Combine(dir, "charts");
        Directory.CreateDirectory(charts);
        foreach (var f in new[] { "difficulty.json", "market-price.json" })
            File.Copy(Path.Combine(CliHarness.RepoRoot, "data", "chain", f), Path.Combine(charts, f));
        string config = Path.Combine(dir, "run.json");
        File.WriteAllText(config, "{\"hashpriceSource\": \"chain\", \"chainDir\": \"charts\", \"start\": \"2025-06-01\", \"end\": \"2025-06-02\"}");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--config", config);
        Assert.True(code == 0, stderr + stdout);
        Assert.Contains(charts, stdout, StringComparison.Ordinal); // the hashprice source names the folder
    }

    [Theory]
    [InlineData(new[] { "--chain-dir", "x" }, "--chain-dir is read only with --hashprice-source chain")]
    [InlineData(new[] { "--hashprice-source", "chain", "--hashprice", "x.csv" }, "not both")]
    [InlineData(new[] { "--hashprice-source", "chian" }, "'file', 'chain' or 'hashrateindex'")]
    public void Bad_combinations_exit_2(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--prices", Prices, .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
