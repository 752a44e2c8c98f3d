using System.Globalization;
using System.Text.Json;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Runs `mining-dispatch backtest` on the shipped sample data and checks its totals against a calculation done here,
/// from the raw CSV files, with none of the product's loaders or economics.
/// </summary>
public sealed class BacktestEndToEndTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Independent totals: threshold rule, published hashprice alignment (a daily value stamped D is usable from D+1 00:00Z).</summary>
    private static (int Hours, int Running, double Revenue, double Cost, double AlwaysOn) Expected(
        DateTime fromUtc, DateTime toUtc, double mw, double eff, double fee, double adder, double minProfit)
    {
        var hp = new Dictionary<DateTime, double>();
        foreach (var line in File.ReadLines(Path.Combine(CliHarness.SampleDir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv")).Skip(1))
        {
            var f = line.Split(',');
            hp[DateTime.ParseExact(f[0], "yyyy-MM-dd", Ci)] = double.Parse(f[4], Ci) / 1000.0; // USD/PH/day -> USD/TH/day
        }
        int hours = 0, running = 0;
        double revenue = 0, cost = 0, alwaysOn = 0;
        foreach (var line in File.ReadLines(Path.Combine(CliHarness.SampleDir, "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv")).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.ParseExact(f[1], "yyyy-MM-dd'T'HH:mm:ss'Z'", Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (t < fromUtc || t >= toUtc) continue;
            double price = double.Parse(f[3], Ci);
            double h = hp[t.Date.AddDays(-1)];
            double rev = mw * 1e6 / eff * h / 24.0 * (1 - fee);
            double cst = mw * (price + adder);
            hours++;
            alwaysOn += rev - cst;
            if (rev - cst > minProfit) { running++; revenue += rev; cost += cst; }
        }
        return (hours, running, revenue, cost, alwaysOn);
    }

    [Fact]
    public void Default_run_on_sample_data_matches_an_independent_calculation()
    {
        string dir = CliHarness.NewTempDir();
        string json = Path.Combine(dir, "summary.json");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--out", Path.Combine(dir, "out"), "--json", json);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");

        // Default range: market days 2023-07-06 .. 2024-11-15 CPT = [2023-07-06T05:00Z, 2024-11-16T06:00Z).
        var e = Expected(new DateTime(2023, 7, 6, 5, 0, 0, DateTimeKind.Utc), new DateTime(2024, 11, 16, 6, 0, 0, DateTimeKind.Utc),
            mw: 10, eff: 21.5, fee: 0.02, adder: 0, minProfit: 0);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(e.Hours, r.GetProperty("hours").GetInt32());
        Assert.Equal(e.Running, r.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(e.Revenue, r.GetProperty("revenueUsd").GetDouble(), 2);
        Assert.Equal(e.Cost, r.GetProperty("powerCostUsd").GetDouble(), 2);
        Assert.Equal(e.Revenue - e.Cost, r.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(e.AlwaysOn, r.GetProperty("alwaysOnProfitUsd").GetDouble(), 2);
        Assert.Equal(e.Hours - e.Running, r.GetProperty("curtailedHours").GetDouble(), 6);
        Assert.Equal(10.0 * e.Running, r.GetProperty("energyMWh").GetDouble(), 6);
        Assert.Equal(100.0 * e.Running / e.Hours, r.GetProperty("uptimePct").GetDouble(), 9);

        Assert.Contains("Summary", stdout);
        Assert.Contains("By month", stdout);
        Assert.Contains("2024-11", stdout);
        foreach (var f in new[] { "report.html", "hourly.csv", "report.xlsx", "result.json" })
            Assert.True(File.Exists(Path.Combine(dir, "out", f)), f + " missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dir, "out", "charts"), "*.png"));
        Assert.Contains("Excel workbook: ", stdout, StringComparison.Ordinal);
        Assert.Contains("report.xlsx", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_for_range_fee_adder_and_threshold_change_the_totals_as_calculated()
    {
        string dir = CliHarness.NewTempDir();
        string json = Path.Combine(dir, "s.json");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--json", json,
            "--prices", Path.Combine(CliHarness.SampleDir, "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv"),
            "--hashprice", Path.Combine(CliHarness.SampleDir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv"),
            "--mw", "25", "--efficiency", "17.5", "--start", "2024-01-01", "--end", "2024-03-31",
            "--pool-fee", "0.015", "--adder", "4.5", "--min-profit", "300");
        Assert.True(code == 0, stderr);
        // 2024-01-01 00:00 CST = 06:00Z; 2024-04-01 00:00 CDT = 05:00Z.
        var e = Expected(new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 1, 5, 0, 0, DateTimeKind.Utc),
            mw: 25, eff: 17.5, fee: 0.015, adder: 4.5, minProfit: 300);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var r = doc.RootElement;
        Assert.Equal(e.Hours, r.GetProperty("hours").GetInt32());
        Assert.Equal(e.Running, r.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(e.Revenue - e.Cost, r.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(e.AlwaysOn, r.GetProperty("alwaysOnProfitUsd").GetDouble(), 2);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Fact]
    public void Config_file_supplies_settings_and_flags_win()
    {
        string dir = CliHarness.NewTempDir();
        string cfg = Path.Combine(dir, "site.json");
        File.WriteAllText(cfg, """
            {
              // comments are allowed
              "mw": 40, "efficiency": 30, "start": "2024-02-01", "end": "2024-02-29", "poolFee": 0.0, "adder": 2
            }
            """);
        string json = Path.Combine(dir, "s.json");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--config", cfg, "--mw", "5", "--no-report", "--json", json);
        Assert.True(code == 0, stderr);
        var e = Expected(new DateTime(2024, 2, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 1, 6, 0, 0, DateTimeKind.Utc),
            mw: 5, eff: 30, fee: 0.0, adder: 2, minProfit: 0);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(e.Hours, doc.RootElement.GetProperty("hours").GetInt32());
        Assert.Equal(e.Revenue - e.Cost, doc.RootElement.GetProperty("profitUsd").GetDouble(), 2);
    }
}

public sealed class ReportCommandTests
{
    [Fact]
    public void Report_from_a_saved_result_renders_the_same_totals()
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, err) = CliHarness.Run(null, "backtest", "--start", "2024-05-01", "--end", "2024-05-31", "--out", Path.Combine(dir, "a"));
        Assert.True(code == 0, err);
        (code, var stdout, err) = CliHarness.Run(null, "report", "--from", Path.Combine(dir, "a", "result.json"), "--out", Path.Combine(dir, "b"));
        Assert.True(code == 0, err);
        Assert.Contains("2024-05", stdout);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "a", "summary.json")), File.ReadAllText(Path.Combine(dir, "b", "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "a", "hourly.csv")), File.ReadAllText(Path.Combine(dir, "b", "hourly.csv")));
    }

    [Fact]
    public void Report_from_a_file_that_is_not_a_result_exits_2()
    {
        string dir = CliHarness.NewTempDir();
        string bogus = Path.Combine(dir, "x.json");
        File.WriteAllText(bogus, "{\"hello\": 1}");
        var (code, _, err) = CliHarness.Run(null, "report", "--from", bogus, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, code);
        Assert.Contains("x.json", err);
    }
}
