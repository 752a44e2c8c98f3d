using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary><c>mining-dispatch screen</c> end to end: exit codes, the files it writes, the messages of bad input.</summary>
public sealed class ScreenCommandTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Three points over 2024-07-01..02 (CDT) and a constant hashprice; returns (prices, hashprice).</summary>
    private static (string Prices, string Hashprice) Files(string dir)
    {
        var from = TempPrices.Utc(2024, 7, 1, 5);
        var rows = TempPrices.Hours(from, 48).SelectMany((t, h) => new[]
        {
            new TempPrices.Row(t, "HB_HUBAVG", (40 + h % 5).ToString(Ci)),
            new TempPrices.Row(t, "HB_WEST", (h % 4 == 0 ? 120 : 25).ToString(Ci)),
            new TempPrices.Row(t, "LZ_WEST", (30 + h % 3).ToString(Ci)),
        });
        string prices = TempPrices.WriteLong(dir, "prices.csv", rows);
        string hp = TempPrices.WriteHashprice(dir, "hashprice.csv",
            Enumerable.Range(0, 16).Select(i => (new DateOnly(2024, 6, 25).AddDays(i), 0.05)));
        return (prices, hp);
    }

    [Fact]
    public void Screen_writes_the_ranked_table_and_the_report_files()
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        string outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--mw", "1", "--efficiency", "25", "--pool-fee", "0",
            "--start", "2024-07-01", "--end", "2024-07-02", "--top", "2", "--out", outDir, "--parquet", "--json", Path.Combine(dir, "screen.json"));
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "screen.csv", "screen.parquet", "report.html", "report.xlsx" }) Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.True(File.Exists(Path.Combine(dir, "screen.json")));
        var lines = File.ReadAllLines(Path.Combine(outDir, "screen.csv"));
        Assert.Equal(4, lines.Length);
        // Revenue $83.33/h at 1 MW: LZ_WEST (30..32 every hour) earns most, HB_WEST (25, and 120 every fourth hour, curtailed) next.
        Assert.StartsWith("1,LZ_WEST,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,HB_WEST,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("3,HB_HUBAVG,", lines[3], StringComparison.Ordinal);
        // The terminal shows the top 2 only.
        Assert.Contains("Top 2 of 3", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("│ 3 │", stdout, StringComparison.Ordinal);
        // HB_WEST's strategy profit: 36 hours at 25 $/MWh, curtailed in the 12 hours at 120.
        double revenue = 1e6 / 25 * 0.05 / 24;
        double hbWest = 36 * (revenue - 25);
        var hbRow = lines[2].Split(',');
        Assert.Equal(hbWest, double.Parse(hbRow[2], Ci), 6);
        Assert.Equal(hbWest + 12 * (revenue - 120), double.Parse(hbRow[3], Ci), 6);
    }

    [Fact]
    public void Timings_print_each_phase_of_the_screen_and_leave_the_csv_as_it_is()
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        string plainOut = Path.Combine(dir, "plain"), timedOut = Path.Combine(dir, "timed");
        var (code, plain, stderr) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--out", plainOut);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("Timings (wall clock)", plain, StringComparison.Ordinal);
        var (code2, timed, stderr2) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--out", timedOut, "--timings");
        Assert.True(code2 == 0, stderr2);
        Assert.Contains("Timings (wall clock)", timed, StringComparison.Ordinal);
        foreach (var phase in new[] { "load", "grid and hashprice", "compute", "duration curves", "tables", "report files", "total" })
            Assert.Contains(phase, timed, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(Path.Combine(plainOut, "screen.csv")), File.ReadAllBytes(Path.Combine(timedOut, "screen.csv")));
        var (code3, help, _) = CliHarness.Run(null, "screen", "--help");
        Assert.Equal(0, code3);
        Assert.Contains("grid and hashprice, compute, duration curves", help, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_hub_exits_2_naming_the_flag_and_the_points()
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        var (code, _, stderr) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--hub", "HB_NOWHERE", "--out", Path.Combine(dir, "out"),
            "--start", "2024-07-01", "--end", "2024-07-02");
        Assert.Equal(2, code);
        Assert.Contains("--hub HB_NOWHERE", stderr, StringComparison.Ordinal);
        Assert.Contains("HB_HUBAVG, HB_WEST, LZ_WEST", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out", "screen.csv")));
    }

    /// <summary>
    /// 3 points x 250 days of hourly prices keep 18,000 rows (about 1.1 MB at AllPointsQuery.BytesPerPrice bytes each):
    /// --memory-limit 1 refuses before loading them all, naming the limit and how to narrow; --start/--end of one month
    /// (2,232 rows) narrows the one pass itself and fits.
    /// </summary>
    [Fact]
    public void The_memory_limit_refuses_with_the_numbers_and_start_end_narrow_the_pass()
    {
        string dir = CliHarness.NewTempDir();
        var from = TempPrices.Utc(2024, 1, 1, 6);
        var rows = TempPrices.Hours(from, 24 * 350).SelectMany((t, h) => new[]
        {
            new TempPrices.Row(t, "HB_HUBAVG", (40 + h % 5).ToString(Ci)),
            new TempPrices.Row(t, "HB_WEST", (h % 4 == 0 ? 120 : 25).ToString(Ci)),
            new TempPrices.Row(t, "LZ_WEST", (30 + h % 3).ToString(Ci)),
        });
        string prices = TempPrices.WriteLong(dir, "prices.csv", rows);
        string hp = TempPrices.WriteHashprice(dir, "hashprice.csv", Enumerable.Range(0, 360).Select(i => (new DateOnly(2023, 12, 30).AddDays(i), 0.05)));
        // the premise: the whole file does not fit 1 MB. UTC stamps without a stated interval length are kept as 32-byte
        // observations until the table ends (off the 8-byte grid): 8,400 a point, in lists of 16,384 = 524,288 bytes each
        Assert.True(3L * 16384 * 32 > 1 << 20);
        Assert.True(3L * 24 * 350 * AllPointsQuery.BytesPerPrice < 1 << 20); // on the grid they would fit

        var (code, _, stderr) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--memory-limit", "1", "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, code);
        Assert.Contains("memory limit", stderr, StringComparison.Ordinal);
        Assert.Contains("--start/--end", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "out", "screen.csv")));

        var (code2, _, stderr2) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--memory-limit", "1", "--start", "2024-03-01", "--end", "2024-03-31",
            "--out", Path.Combine(dir, "out2"));
        Assert.True(code2 == 0, stderr2);
        var lines = File.ReadAllLines(Path.Combine(dir, "out2", "screen.csv"));
        Assert.Equal(4, lines.Length); // header + 3 points
    }

    /// <summary>
    /// ERCOT's quoted layout with a decimal comma in one HB_WEST row: that point is not screened, and the reason (file, line,
    /// value) is in the terminal and in report.html, not only dropped from the table; the other point is ranked.
    /// </summary>
    [Fact]
    public void A_point_with_a_malformed_row_is_left_out_with_its_reason_in_the_report()
    {
        string dir = CliHarness.NewTempDir();
        var lines = new List<string> { "\"DeliveryDate\",\"DeliveryHour\",\"DeliveryInterval\",\"SettlementPointName\",\"SettlementPointType\",\"SettlementPointPrice\",\"DSTFlag\"" };
        for (int h = 1; h <= 24; h++)
            for (int i = 1; i <= 4; i++)
                foreach (var (point, price) in new[] { ("HB_WEST", h == 13 && i == 2 ? "25,50" : "25.50"), ("LZ_WEST", "31.25") })
                    lines.Add(string.Create(Ci, $"\"07/01/2024\",\"{h:00}\",\"{i}\",\"{point}\",\"HU\",\"{price}\",\"N\""));
        string prices = Path.Combine(dir, "rt.csv");
        File.WriteAllLines(prices, lines);
        int badLine = lines.FindIndex(l => l.Contains("25,50", StringComparison.Ordinal)) + 1;
        string hp = TempPrices.WriteHashprice(dir, "hashprice.csv", Enumerable.Range(0, 5).Select(i => (new DateOnly(2024, 6, 29).AddDays(i), 0.05)));
        string outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--out", outDir);
        Assert.True(code == 0, stderr);
        string said = string.Create(Ci, $"HB_WEST not screened: rt.csv, line {badLine}, column 'SettlementPointPrice', value '25,50'");
        Assert.Contains(said, (stdout + stderr).ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(said), File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(outDir, "screen.csv"));
        Assert.Equal(2, csv.Length); // header + LZ_WEST
        Assert.Contains("LZ_WEST", csv[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--strategy", "optimal" }, "--strategy optimal")]
    [InlineData(new[] { "--top", "0" }, "--top")]
    [InlineData(new[] { "--mw", "-1" }, "--mw")]
    [InlineData(new[] { "--memory-limit", "0" }, "--memory-limit must be between")]
    public void Bad_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        var (code, _, stderr) = CliHarness.Run(null, ["screen", "-p", prices, "--hashprice", hp, "--out", Path.Combine(dir, "out"), .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flag_screen_does_not_have_is_a_usage_error_and_a_config_key_it_ignores_is_refused()
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        var (code, _, _) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--settlement-point", "HB_WEST");
        Assert.Equal(1, code);
        string cfg = Path.Combine(dir, "cfg.json");
        File.WriteAllText(cfg, "{\"settlementPoint\": \"HB_WEST\"}");
        var (code2, _, stderr2) = CliHarness.Run(null, "screen", "-p", prices, "--hashprice", hp, "--config", cfg, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, code2);
        Assert.Contains("settlementPoint", stderr2, StringComparison.Ordinal);
    }

    [Fact]
    public void Backtest_parquet_writes_intervals_parquet_and_refuses_no_report()
    {
        string dir = CliHarness.NewTempDir();
        var (prices, hp) = Files(dir);
        string outDir = Path.Combine(dir, "out");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "-p", prices, "--hashprice", hp, "--sp", "HB_WEST", "--out", outDir, "--parquet",
            "--start", "2024-07-01", "--end", "2024-07-02");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "intervals.parquet")));
        var (code2, _, stderr2) = CliHarness.Run(null, "backtest", "-p", prices, "--hashprice", hp, "--sp", "HB_WEST", "--no-report", "--parquet");
        Assert.Equal(2, code2);
        Assert.Contains("--parquet", stderr2, StringComparison.Ordinal);
    }
}
