using System.Globalization;
using System.Text.RegularExpressions;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.TempPrices;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Gaps inside the backtest range: without --fill-gaps they are reported (terminal warning, data-quality section of
/// every output) and the totals are over the hours present; with --fill-gaps the filled hours are backtested, counted,
/// marked in hourly.csv and the rule is stated. Totals are checked against a loop written here.
/// </summary>
public sealed class GapFillBacktestTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private const double Mw = 10, Eff = 21.5, Fee = 0.02;
    private static readonly DateTime From = Utc(2024, 3, 1, 6); // 2024-03-01 00:00 CST
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>Price of hour i (0..47) as the file has it: 30 + i, except 100 before the gap and 400 after it.</summary>
    private static double FilePrice(int i) => i switch { 9 => 100, 12 => 400, _ => 30 + i };

    /// <summary>Two market days of HB_WEST with hours 10 and 11 (16:00Z, 17:00Z on 2024-03-01) missing.</summary>
    private string PricesWithGap() =>
        WriteLong(_dir, "gap.csv", "HB_WEST", Enumerable.Range(0, 48).Where(i => i is not (10 or 11)).Select(i => (From.AddHours(i), FilePrice(i))));

    private (int Code, string Out, string Err, string OutDir, string Json) Backtest(params string[] flags)
    {
        string outDir = Path.Combine(_dir, "out-" + Guid.NewGuid().ToString("N")), json = Path.Combine(outDir, "s.json");
        var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--prices", PricesWithGap(), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile),
            "--out", outDir, "--json", json, .. flags]);
        // long lines wrap in the terminal: compare words, not line breaks
        return (code, Regex.Replace(stdout, @"\s+", " "), stderr, outDir, json);
    }

    /// <summary>Threshold dispatch and always-on over the given (hour, price) rows, by hand.</summary>
    private static (double Profit, double AlwaysOn, double Revenue, double Cost, int Running) Hand(IEnumerable<(DateTime T, double Price)> hours)
    {
        double profit = 0, alwaysOn = 0, revenue = 0, cost = 0;
        int running = 0;
        foreach (var (t, price) in hours)
        {
            double rev = SampleMarket.Revenue(Mw, Eff, Fee, SampleMarket.Hashprice(t)), cst = Mw * price;
            alwaysOn += rev - cst;
            if (rev - cst > 0) { profit += rev - cst; revenue += rev; cost += cst; running++; }
        }
        return (profit, alwaysOn, revenue, cost, running);
    }

    [Fact]
    public void Without_fill_the_gap_is_reported_everywhere_and_totals_are_over_the_hours_present()
    {
        var (code, stdout, stderr, outDir, json) = Backtest();
        Assert.True(code == 0, stderr);

        Assert.Contains("Warning: HB_WEST real-time prices have 1 gap(s) inside 2024-03-01 to 2024-03-02: 2 hour(s) without a price " +
                        "(2024-03-01 16:00Z..2024-03-01 18:00Z)", stdout);
        Assert.Contains("the totals cover the 46 hour(s) that have prices", stdout);
        Assert.Contains("--fill-gaps previous or linear", stdout);

        var present = Enumerable.Range(0, 48).Where(i => i is not (10 or 11)).Select(i => (From.AddHours(i), FilePrice(i))).ToList();
        var e = Hand(present);
        var s = SampleMarket.Json(json);
        Assert.Equal(46, s.GetProperty("hours").GetInt32());
        Assert.Equal(e.Profit, s.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.AlwaysOn, s.GetProperty("alwaysOnProfitUsd").GetDouble(), 6);

        var range = s.GetProperty("dataQuality").EnumerateArray().Single(q => q.GetProperty("source").GetString()!.Contains("backtest range"));
        Assert.Equal(1, range.GetProperty("gapCount").GetInt32());
        Assert.Equal(2, range.GetProperty("missingIntervals").GetInt32());
        Assert.Equal(0, range.GetProperty("filledIntervals").GetInt32());
        Assert.Equal("2024-03-01T16:00:00Z", range.GetProperty("gaps")[0].GetProperty("fromUtc").GetString());
        Assert.Contains(range.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Gap filling: none", StringComparison.Ordinal));
        Assert.Contains(range.GetProperty("notes").EnumerateArray(), n => n.GetString() == "The totals cover 46 hour(s).");

        var rows = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv"));
        Assert.Equal(46, rows.Count);
        Assert.All(rows, r => Assert.Equal("false", r["price_filled"]));
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("Price hours in the backtest range 2024-03-01 to 2024-03-02", html);
        Assert.Contains("2 hour(s) in 1 gap(s) have no price (2024-03-01 16:00Z..2024-03-01 18:00Z) and are not backtested.", html);
        var result = SampleMarket.Json(Path.Combine(outDir, "result.json"));
        Assert.Contains(result.GetProperty("info").GetProperty("dataQuality").EnumerateArray(),
            q => q.GetProperty("source").GetString()!.Contains("backtest range") && q.GetProperty("gaps").GetArrayLength() == 1);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Linear_fill_prices_the_gap_on_the_line_and_counts_the_filled_hours()
    {
        var (code, stdout, stderr, outDir, json) = Backtest("--fill-gaps", "linear", "--max-fill-hours", "2");
        Assert.True(code == 0, stderr);

        // 100 at 15:00Z, 400 at 18:00Z: the line gives 100 + 300/3 = 200 and 100 + 2*300/3 = 300
        double p16 = 200, p17 = 300;
        var all = Enumerable.Range(0, 48).Select(i => (From.AddHours(i), i switch { 10 => p16, 11 => p17, _ => FilePrice(i) })).ToList();
        var e = Hand(all);
        // the filled hours are dear: above breakeven, so threshold curtails them and always-on loses money there
        foreach (var (t, p) in new[] { (From.AddHours(10), p16), (From.AddHours(11), p17) })
            Assert.True(SampleMarket.Revenue(Mw, Eff, Fee, SampleMarket.Hashprice(t)) < Mw * p, "scenario: filled hours are unprofitable");

        var s = SampleMarket.Json(json);
        Assert.Equal(48, s.GetProperty("hours").GetInt32());
        Assert.Equal(e.Running, s.GetProperty("operatingHours").GetDouble(), 9);
        Assert.Equal(e.Profit, s.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.AlwaysOn, s.GetProperty("alwaysOnProfitUsd").GetDouble(), 6);
        Assert.Equal(e.Cost, s.GetProperty("powerCostUsd").GetDouble(), 6);

        var rows = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv"));
        Assert.Equal(48, rows.Count);
        var filled = rows.Where(r => r["price_filled"] == "true").ToList();
        Assert.Equal(["2024-03-01T16:00:00Z", "2024-03-01T17:00:00Z"], filled.Select(r => r["interval_start_utc"]));
        Assert.Equal(p16, filled[0].D("price_usd_per_mwh"), 9);
        Assert.Equal(p17, filled[1].D("price_usd_per_mwh"), 9);
        foreach (var (r, p) in filled.Zip(new[] { p16, p17 }))
        {
            var t = DateTime.Parse(r["interval_start_utc"], Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.Equal(0, r.D("profit_usd"));
            Assert.Equal(SampleMarket.Revenue(Mw, Eff, Fee, SampleMarket.Hashprice(t)) - Mw * p, r.D("always_on_profit_usd"), 6);
        }

        Assert.Contains("Filled 2 price hour(s) in 1 gap(s) inside 2024-03-01 to 2024-03-02 (2024-03-01 16:00Z..2024-03-01 18:00Z) by rule linear", stdout);
        Assert.Contains("2 filled", stdout); // data-quality line of the terminal
        var range = s.GetProperty("dataQuality").EnumerateArray().Single(q => q.GetProperty("source").GetString()!.Contains("backtest range"));
        Assert.Equal(2, range.GetProperty("filledIntervals").GetInt32());
        Assert.Equal("2024-03-01T18:00:00Z", range.GetProperty("filledGaps")[0].GetProperty("toUtc").GetString());
        Assert.Contains(range.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Gap filling: linear: missing hours are interpolated", StringComparison.Ordinal)
                                                                          && n.GetString()!.Contains("at most 2 hour(s)"));
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("Gap filling: linear: missing hours are interpolated on a straight line", html);
        Assert.Contains("<th>Filled</th>", html);
        var result = SampleMarket.Json(Path.Combine(outDir, "result.json"));
        Assert.Contains(result.GetProperty("info").GetProperty("dataQuality").EnumerateArray(), q => q.GetProperty("filledIntervals").GetInt32() == 2);

        // the report command re-renders hourly.csv from result.json with the same marks
        string again = Path.Combine(_dir, "again");
        var rep = CliHarness.Run(null, "report", "--from", Path.Combine(outDir, "result.json"), "--out", again);
        Assert.Equal(0, rep.Code);
        Assert.Equal(File.ReadAllText(Path.Combine(outDir, "hourly.csv")), File.ReadAllText(Path.Combine(again, "hourly.csv")));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Previous_fill_from_the_config_file_carries_the_last_price()
    {
        string config = Path.Combine(_dir, "cfg.json");
        File.WriteAllText(config, """{ "fillGaps": "previous", "maxFillHours": 3 }""");
        var (code, _, stderr, outDir, json) = Backtest("--config", config);
        Assert.True(code == 0, stderr);

        var all = Enumerable.Range(0, 48).Select(i => (From.AddHours(i), i is 10 or 11 ? 100.0 : FilePrice(i))).ToList();
        var e = Hand(all);
        var s = SampleMarket.Json(json);
        Assert.Equal(48, s.GetProperty("hours").GetInt32());
        Assert.Equal(e.Profit, s.GetProperty("profitUsd").GetDouble(), 6);
        var filled = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv")).Where(r => r["price_filled"] == "true").ToList();
        Assert.Equal([100.0, 100.0], filled.Select(r => r.D("price_usd_per_mwh")));
        Assert.All(filled, r => Assert.Equal(r.D("revenue_usd") - 1000, r.D("profit_usd"), 6)); // 10 MW at $100: running, cost $1,000
    }

    [Fact]
    public void Gap_longer_than_the_maximum_stays_a_gap_and_is_reported()
    {
        var (code, stdout, stderr, _, json) = Backtest("--fill-gaps", "linear", "--max-fill-hours", "1");
        Assert.True(code == 0, stderr);
        Assert.Contains("They are longer than --max-fill-hours 1.", stdout);
        Assert.Equal(46, SampleMarket.Json(json).GetProperty("hours").GetInt32());
    }

    [Theory]
    [InlineData(new[] { "--fill-gaps", "cubic" }, "--fill-gaps must be none, previous or linear (got 'cubic')")]
    [InlineData(new[] { "--fill-gaps", "linear", "--max-fill-hours", "0" }, "--max-fill-hours must be between 1 and 8784")]
    [InlineData(new[] { "--max-fill-hours", "2" }, "--max-fill-hours applies only with --fill-gaps previous or linear")]
    public void Bad_fill_settings_exit_2(string[] flags, string expected)
    {
        var (code, _, stderr, _, _) = Backtest(flags);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
