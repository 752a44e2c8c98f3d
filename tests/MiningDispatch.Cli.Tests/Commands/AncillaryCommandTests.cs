using System.Text.Json;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>The AS flags: checks that name the flag, and summary.json's AS fields.</summary>
public sealed class AncillaryCommandTests
{
    private static string AsFile => Path.Combine(CliHarness.RepoRoot, "data", "ercot", "ancillary", "ercot_dam_as_mcpc_hourly_2024.csv");

    [Theory]
    [InlineData(new[] { "--min-load", "1" }, "go with --as-prices")]
    [InlineData(new[] { "--as-prices", "AS", "--resource", "xlr" }, "--resource must be lr or clr")]
    [InlineData(new[] { "--as-prices", "AS", "--as-products", "rrs,foo" }, "unknown product 'foo'")]
    [InlineData(new[] { "--as-prices", "AS", "--as-products", "rrs,regdn" }, "Regulation needs --resource clr")]
    [InlineData(new[] { "--as-prices", "AS", "--as-max-share", "rrs=1.5" }, "--as-max-share")]
    [InlineData(new[] { "--as-prices", "AS", "--as-max-share", "2" }, "--as-max-share must be a fraction")]
    [InlineData(new[] { "--as-prices", "AS", "--min-load", "-1" }, "--min-load must be a non-negative MW")]
    [InlineData(new[] { "--as-prices", "AS", "--as-deployments", "rrs=x" }, "--as-deployments")]
    [InlineData(new[] { "--as-prices", "/nonexistent/as.csv" }, "/nonexistent/as.csv")]
    [InlineData(new[] { "--as-prices", "AS", "--as-shortfall-charge", "-5" }, "--as-shortfall-charge must be a non-negative $/MW-h (got -5)")]
    [InlineData(new[] { "--as-shortfall-charge", "20" }, "--as-shortfall-charge go with --as-prices")]
    public void Bad_as_settings_exit_2_naming_the_flag(string[] flags, string expected)
    {
        var args = flags.Select(f => f == "AS" ? AsFile : f).ToArray();
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--start", "2024-07-01", "--end", "2024-07-02", .. args]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Risk_on_a_fleet_bootstraps_the_as_prices_on_every_path()
    {
        string dir = CliHarness.NewTempDir();
        var fleet = Path.Combine(CliHarness.RepoRoot, "examples", "fleet.json");
        var (code, _, stderr) = CliHarness.Run(null, "risk", "--start", "2024-04-01", "--end", "2024-10-31", "--fleet", fleet, "--as-prices", AsFile, "--min-load", "1",
            "--paths", "4", "--horizon-days", "14", "--out", Path.Combine(dir, "out"));
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(dir, "out", "risk-paths.csv"));
        var header = lines[0].Split(',');
        int col = Array.IndexOf(header, "ancillary_income_usd");
        Assert.True(col > 0, lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[col], System.Globalization.CultureInfo.InvariantCulture) > 0, l));
    }

    [Fact]
    public void Sweep_does_not_take_the_as_flags()
    {
        // A sweep's scenarios are mining profit only (no site total): it does not take the AS flags.
        var (code, _, stderr) = CliHarness.Run(null, "sweep", "--no-report", "--as-prices", AsFile);
        Assert.NotEqual(0, code);
        Assert.Contains("unknown option '--as-prices' for 'sweep'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_json_has_the_as_line_inside_the_site_total()
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--start", "2024-07-01", "--end", "2024-07-03", "--as-prices", AsFile, "--min-load", "1",
            "--out", Path.Combine(dir, "out"));
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        var r = doc.RootElement;
        double asIncome = r.GetProperty("ancillaryIncomeUsd").GetDouble();
        Assert.True(asIncome > 0);
        // The site total is the sum of its lines, the AS line included.
        double sum = r.GetProperty("miningProfitUsd").GetDouble() - r.GetProperty("restartCostUsd").GetDouble() + r.GetProperty("contractValueUsd").GetDouble()
            + r.GetProperty("drIncomeUsd").GetDouble() - r.GetProperty("fourCpChargeUsd").GetDouble() + asIncome;
        Assert.Equal(sum, r.GetProperty("siteTotalUsd").GetDouble(), 1e-6);
        var byProduct = r.GetProperty("ancillaryIncomeByProductUsd");
        double products = byProduct.EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(asIncome, products - r.GetProperty("ancillaryDeploymentCostUsd").GetDouble() - r.GetProperty("ancillaryPenaltyUsd").GetDouble(), 1e-6);
        Assert.Equal(4, r.GetProperty("ancillary").GetProperty("stack").GetArrayLength());
        // July 2024 is before the RTC+B go-live (5 Dec 2025): the run, its period and its month say so.
        var a = r.GetProperty("ancillary");
        Assert.StartsWith("before RTC+B", a.GetProperty("regime").GetString(), StringComparison.Ordinal);
        Assert.Equal("2024-07 before RTC+B", a.GetProperty("regimeByPeriod").GetString());
        Assert.All(a.GetProperty("monthly").EnumerateArray(), m => Assert.Equal("before RTC+B", m.GetProperty("regime").GetString()));
    }
}
