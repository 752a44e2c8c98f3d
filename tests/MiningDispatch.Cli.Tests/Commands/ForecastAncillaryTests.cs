using System.Text.Json;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary><c>forecast --as-price</c>: flat monthly AS prices as an input, AS income in the forecast's site total.</summary>
public sealed class ForecastAncillaryTests
{
    private static string Curve => Path.Combine(CliHarness.SampleDir, "forward_curve_ILLUSTRATIVE_hb_west_2027.csv");

    private static JsonElement Summary(params string[] extra)
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, stderr) = CliHarness.Run(null, ["forecast", "--curve", Curve, "--hashprice-path", "flat:45", "--months", "1", "--min-load", "1",
            "--out", Path.Combine(dir, "out"), .. extra]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void A_flat_price_pays_every_running_hour_for_the_mw_above_min_load()
    {
        // 10 MW site, min load 1: each running hour offers 9 MW of RRS at $12.5/MW-h (threshold runs all or nothing).
        var r = Summary("--as-price", "rrs=12.5");
        double hours = r.GetProperty("operatingHours").GetDouble();
        Assert.True(hours > 0);
        Assert.Equal(hours * 9 * 12.5, r.GetProperty("ancillaryIncomeUsd").GetDouble(), 1e-6);
        Assert.Equal(r.GetProperty("miningProfitUsd").GetDouble() + hours * 9 * 12.5, r.GetProperty("siteTotalUsd").GetDouble(), 1e-6);
        Assert.Equal("2027-01 RTC+B", r.GetProperty("ancillary").GetProperty("regimeByPeriod").GetString());
    }

    [Fact]
    public void A_months_own_price_in_a_csv_wins_over_the_flat_one()
    {
        string dir = CliHarness.NewTempDir();
        string csv = Path.Combine(dir, "as.csv");
        File.WriteAllText(csv, "month,product,price\n2027-01,RRS,20\n2027-02,RRS,1\n");
        var r = Summary("--as-price", csv);
        double hours = r.GetProperty("operatingHours").GetDouble();
        Assert.Equal(hours * 9 * 20, r.GetProperty("ancillaryIncomeUsd").GetDouble(), 1e-6);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_forward_monte_carlo_books_the_flat_price_on_every_path()
    {
        // The flat price is the same on every path: each running hour of a path offers 9 MW at $12.5/MW-h.
        string dir = CliHarness.NewTempDir();
        var (code, _, stderr) = CliHarness.Run(null, "forecast", "--curve", Curve, "--hashprice-path", "flat:45", "--months", "1", "--min-load", "1",
            "--as-price", "rrs=12.5", "--paths", "4", "--out", Path.Combine(dir, "out"));
        Assert.True(code == 0, stderr);
        var lines = File.ReadAllLines(Path.Combine(dir, "out", "risk-paths.csv"));
        var header = lines[0].Split(',');
        int hours = Array.IndexOf(header, "operating_hours"), income = Array.IndexOf(header, "ancillary_income_usd");
        Assert.True(income > 0, lines[0]);
        Assert.Equal(5, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',').Select(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.True(f[hours] > 0);
            Assert.Equal(f[hours] * 9 * 12.5, f[income], 1e-6);
        }
    }

    [Theory]
    [InlineData(new[] { "--as-price", "rrs=x" }, "--as-price: 'rrs=x' is not product=price")]
    public void Bad_as_price_settings_exit_2_naming_the_flag(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["forecast", "--no-report", "--curve", Curve, "--hashprice-path", "flat:45", "--months", "1", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }
}
