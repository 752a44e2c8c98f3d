using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.TempPrices;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// <c>validate</c>: checks inputs and prints the data-quality summary without a backtest. Exit 0 when the inputs load
/// (warnings printed), 4 with --strict and warnings, 2 on an input error with a message naming file, line and value.
/// </summary>
public sealed class ValidateCommandTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>48 hours of HB_WEST from 2024-03-01 00:00 CST (06:00Z): two whole market days, prices 20, 21, ...; <paramref name="skip"/> left out.</summary>
    private string TwoDays(string name = "prices.csv", params int[] skip) =>
        WriteLong(_dir, name, "HB_WEST", Hours(Utc(2024, 3, 1, 6), 48).Select((t, i) => (t, 20.0 + i)).Where((_, i) => !skip.Contains(i)));

    [Fact]
    public void Clean_sample_file_exits_0_with_the_points_table()
    {
        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", SampleMarket.Path(SampleMarket.DaRtFile));

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("Settlement points (no --settlement-point given)", stdout);
        Assert.Contains("OK: no errors, no warnings.", stdout);
        // June..September 2024 = 122 days = 2,928 hours per point; extremes of the real-time column read by hand
        foreach (var point in new[] { "HB_WEST", "LZ_WEST" })
        {
            var rt = SampleMarket.DaRt(point, DateTime.MinValue, DateTime.MaxValue);
            Assert.Equal(2928, rt.Count);
            string row = stdout.Split('\n').Single(l => l.TrimStart().StartsWith(point + " ", StringComparison.Ordinal));
            Assert.Contains("real-time", row);
            Assert.Contains("2,928", row);
            Assert.Contains("2024-06-01", row);
            Assert.Contains("2024-09-30", row);
            Assert.Contains(rt.Min(x => x.Rt).ToString("#,0.00", Ci), row);
            Assert.Contains(rt.Max(x => x.Rt).ToString("#,0.00", Ci), row);
            Assert.Contains(rt.Count(x => x.Rt < 0).ToString(Ci), row.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
        }
    }

    [Fact]
    public void Gap_is_reported_with_its_utc_times_exit_0_and_4_with_strict()
    {
        string file = TwoDays("gap.csv", 10, 11); // hours 16:00Z and 17:00Z on 2024-03-01 missing

        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", file, "--settlement-point", "HB_WEST");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("46 hour(s)", stdout);
        Assert.Contains("1 gap(s), 2 missing hour(s); not filled", stdout);
        Assert.Contains("2024-03-01 16:00Z .. 2024-03-01 18:00Z  2 hour(s) missing, from 2024-03-01 10:00 CST", stdout);
        Assert.Contains("warning: HB_WEST in gap.csv: 1 gap(s), 2 missing hour(s), first at 2024-03-01 16:00Z", stdout);
        Assert.Contains("OK with 1 warning(s).", stdout);

        var strict = CliHarness.Run(null, "validate", "--prices", file, "--settlement-point", "HB_WEST", "--strict");
        Assert.Equal(4, strict.Code);
        Assert.Contains("--strict: exit 4", strict.Out);

        var clean = CliHarness.Run(null, "validate", "--prices", TwoDays(), "--settlement-point", "HB_WEST", "--strict");
        Assert.Equal(0, clean.Code);
        Assert.Contains("Gaps:          none", clean.Out);
    }

    [Fact]
    public void Malformed_price_row_exits_2_naming_file_line_and_value()
    {
        var rows = Hours(Utc(2024, 3, 1, 6), 24).Select((t, i) => new Row(t, "HB_WEST", i == 5 ? "12..5" : "30")).ToList();
        string file = WriteLong(_dir, "bad.csv", rows);

        var (code, _, stderr) = CliHarness.Run(null, "validate", "--prices", file, "--settlement-point", "HB_WEST");

        Assert.Equal(2, code);
        // header is line 1, so the sixth data row is line 7
        Assert.Contains("bad.csv, line 7, column 'price_usd_per_mwh', value '12..5'", stderr);
    }

    [Fact]
    public void Unknown_settlement_point_exits_2_naming_it_and_the_points_there_are()
    {
        var (code, _, stderr) = CliHarness.Run(null, "validate", "--prices", SampleMarket.Path(SampleMarket.DaRtFile), "--settlement-point", "HB_NOWHERE");

        Assert.Equal(2, code);
        Assert.Contains("'HB_NOWHERE' not found", stderr);
        Assert.Contains("HB_WEST", stderr);
        Assert.Contains("LZ_WEST", stderr);
    }

    [Theory]
    [InlineData("2024-02-28", "2024-03-02", "48 hour(s) missing before the data starts and 0 after it ends")]
    [InlineData("2024-03-01", "2024-03-03", "0 hour(s) missing before the data starts and 24 after it ends")]
    public void Range_outside_the_prices_exits_2(string start, string end, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, "validate", "--prices", TwoDays(), "--settlement-point", "HB_WEST", "--start", start, "--end", end);

        Assert.Equal(2, code);
        Assert.Contains("Prices in prices.csv cover 2024-03-01 to 2024-03-02", stderr);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Hashprice_not_covering_the_range_exits_2()
    {
        // daily points from 2024-03-02: with published alignment the first is usable from 2024-03-03 00:00Z, so the
        // 42 hours 2024-03-01 06:00Z .. 2024-03-02 23:00Z of the 48 are not covered
        string hp = WriteHashprice(_dir, "hp.csv", Enumerable.Range(0, 10).Select(i => (new DateOnly(2024, 3, 2).AddDays(i), 0.05)));

        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", TwoDays(), "--settlement-point", "HB_WEST",
            "--hashprice", hp, "--start", "2024-03-01", "--end", "2024-03-02");

        Assert.Equal(2, code);
        Assert.Contains("6 of 48 hour(s) of the requested range 2024-03-01 to 2024-03-02 covered", stdout);
        Assert.Contains("does not cover 42 of 48 hour(s)", stderr);
        Assert.Contains("first uncovered 2024-03-01 06:00Z, last 2024-03-02 23:00Z", stderr);

        // the same file covers a later range
        string later = WriteLong(_dir, "later.csv", "HB_WEST", Hours(Utc(2024, 3, 4, 6), 24).Select(t => (t, 25.0)));
        var ok = CliHarness.Run(null, "validate", "--prices", later, "--settlement-point", "HB_WEST", "--hashprice", hp, "--start", "2024-03-04", "--end", "2024-03-04");
        Assert.Equal(0, ok.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Folder_without_price_files_exits_2_naming_it(bool namePoint)
    {
        string[] flags = namePoint ? ["--settlement-point", "HB_WEST"] : [];
        string empty = Path.Combine(_dir, "empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a price file");
        var (code, _, stderr) = CliHarness.Run(null, ["validate", "--prices", empty, .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(empty, stderr);
        Assert.Contains("holds no .csv, .xlsx, .zip or .json file", stderr);
    }

    [Fact]
    public void End_before_start_is_an_error()
    {
        var (code, _, stderr) = CliHarness.Run(null, "validate", "--prices", TwoDays(), "--start", "2024-03-02", "--end", "2024-03-01");

        Assert.Equal(2, code);
        Assert.Contains("--end 2024-03-01 is before --start 2024-03-02", stderr);
    }

    [Fact]
    public void Duplicate_rows_are_counted_and_conflicting_ones_are_an_error()
    {
        var hours = Hours(Utc(2024, 3, 1, 6), 24).ToList();
        var rows = hours.Select(t => new Row(t, "HB_WEST", "30")).ToList();
        rows.Insert(3, rows[2]); // exact duplicate of the third hour
        string dup = WriteLong(_dir, "dup.csv", rows);
        var (code, stdout, _) = CliHarness.Run(null, "validate", "--prices", dup, "--settlement-point", "HB_WEST", "--strict");
        Assert.Equal(4, code);
        Assert.Contains("1 exact duplicate row(s) dropped", stdout);

        rows[3] = rows[3] with { Price = "31" }; // same hour, another price
        string conflict = WriteLong(_dir, "conflict.csv", rows);
        var bad = CliHarness.Run(null, "validate", "--prices", conflict, "--settlement-point", "HB_WEST");
        Assert.Equal(2, bad.Code);
        Assert.Contains("conflict.csv", bad.Err);
        Assert.Contains("line 5", bad.Err);
    }

    /// <summary>
    /// An ERCOT DAM file (quoted, as ERCOT writes it) of two CST days, 24 hours each, for HB_P00..HB_P43 and RN_BAD:
    /// HB_P07 lacks hours 10..12 of the first day, HB_P12 has hour 5 twice, RN_BAD has a price "x" at hour 2.
    /// Point k's price at hour h of day d is k + h + 100 d.
    /// </summary>
    private string ManyPoints()
    {
        var sb = new System.Text.StringBuilder("\"DeliveryDate\",\"HourEnding\",\"SettlementPoint\",\"SettlementPointPrice\",\"DSTFlag\"\n");
        for (int d = 1; d <= 2; d++)
            for (int h = 1; h <= 24; h++)
            {
                for (int k = 0; k < 44; k++)
                {
                    if (k == 7 && d == 1 && h is >= 10 and <= 12) continue;
                    string row = string.Create(Ci, $"\"03/0{d}/2024\",\"{h:00}:00\",\"HB_P{k:00}\",\"{k + h + 100 * d}.00\",\"N\"\n");
                    sb.Append(row);
                    if (k == 12 && d == 1 && h == 5) sb.Append(row);
                }
                sb.Append(string.Create(Ci, $"\"03/0{d}/2024\",\"{h:00}:00\",\"RN_BAD\",\"{(d == 1 && h == 2 ? "x" : "1.00")}\",\"N\"\n"));
            }
        string file = Path.Combine(_dir, "dam_many.csv");
        File.WriteAllText(file, sb.ToString());
        return file;
    }

    [Fact]
    public void Without_a_point_every_point_is_analysed_in_one_pass_the_worst_shown_all_in_the_csv()
    {
        string file = ManyPoints();
        string csv = Path.Combine(_dir, "points.csv");
        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", file, "--points-csv", csv);

        Assert.Equal(2, code); // RN_BAD's price is an error
        Assert.Contains("dam_many.csv", stderr);
        Assert.Contains("'x'", stderr);
        Assert.Contains("the 40 of 45 with the most issues", stdout);
        Assert.Contains("5 more point(s) analysed, not shown", stdout);
        Assert.Contains("45 point(s) analysed in one pass", stdout);
        // shown: RN_BAD (error), HB_P07 (3 missing hours), HB_P12 (1 duplicate), then 37 clean points by name: HB_P00..HB_P38 less P07, P12
        string[] lines = stdout.Split('\n');
        foreach (var shown in new[] { "RN_BAD", "HB_P07", "HB_P12", "HB_P00", "HB_P38" }) Assert.Contains(lines, l => l.TrimStart().StartsWith(shown + " ", StringComparison.Ordinal));
        foreach (var hidden in new[] { "HB_P39", "HB_P43" }) Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith(hidden + " ", StringComparison.Ordinal));

        var csvLines = File.ReadAllLines(csv);
        Assert.Equal(1 + 45, csvLines.Length);
        var p07 = csvLines.Single(l => l.StartsWith("HB_P07,", StringComparison.Ordinal)).Split(',');
        // HB_P07: 48 hours less 3; one gap of 3 hours; min 7 + 1 + 100, max 7 + 24 + 200
        Assert.Equal(["HB_P07", "day-ahead", "ok", "45", "45", "2024-03-01", "2024-03-02", "1", "3", "0", "0", "108", "231", "0", "0", ""], p07);
        var p12 = csvLines.Single(l => l.StartsWith("HB_P12,", StringComparison.Ordinal)).Split(',');
        Assert.Equal("48", p12[3]);  // rows used: the duplicate dropped
        Assert.Equal("1", p12[9]);   // duplicates
        var bad = csvLines.Single(l => l.StartsWith("RN_BAD,", StringComparison.Ordinal));
        Assert.Contains(",error,", bad);
    }

    [Fact]
    public void Point_filter_keeps_the_hubs_and_a_low_memory_limit_is_refused_with_the_numbers()
    {
        string file = ManyPoints();
        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", file, "--points", "HB_P0*,HB_P12");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("11 point(s) analysed in one pass", stdout);
        Assert.Contains("34 point(s) left out by the point filter", stdout);

        var bad = CliHarness.Run(null, "validate", "--prices", file, "--memory-limit", "0");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--memory-limit must be between 1 and", bad.Err);

        // 45 points x 100 days x 24 hours = 108,000 prices kept. On each point's hourly grid 2,400 intervals take 3 chunks
        // of 1,024 x 8 bytes (8,216 with the array header): 24,648 bytes, 1,109,160 for the 45 points: over 1 MB, under 2 MB
        var sb = new System.Text.StringBuilder("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n");
        for (int d = 0; d < 100; d++)
            for (int h = 1; h <= 24; h++)
                for (int k = 0; k < 45; k++)
                    sb.Append(string.Create(Ci, $"{new DateOnly(2024, 4, 1).AddDays(d):MM/dd/yyyy},{h:00}:00,HB_P{k:00},25.00,N\n"));
        string big = Path.Combine(_dir, "dam_big.csv");
        File.WriteAllText(big, sb.ToString());
        var refused = CliHarness.Run(null, "validate", "--prices", big, "--memory-limit", "1");
        Assert.Equal(2, refused.Code);
        Assert.Contains("would not fit the memory limit", refused.Err);
        Assert.Contains("over the limit of 1 MB", refused.Err);
        Assert.Contains("--start/--end", refused.Err);
        Assert.Equal(0, CliHarness.Run(null, "validate", "--prices", big, "--memory-limit", "2").Code);
        var both = CliHarness.Run(null, "validate", "--prices", file, "--sp", "HB_P00", "--points", "HB_*");
        Assert.Equal(2, both.Code);
        Assert.Contains("--points and --points-csv apply without --settlement-point", both.Err);
    }

    [Fact]
    public void Without_a_point_start_and_end_read_only_those_market_days()
    {
        string file = ManyPoints();
        string csv = Path.Combine(_dir, "day2.csv");
        var (code, stdout, _) = CliHarness.Run(null, "validate", "--prices", file, "--start", "2024-03-02", "--end", "2024-03-02", "--points", "HB_*", "--points-csv", csv);
        Assert.Equal(0, code);
        Assert.Contains("read for those market days only", stdout);
        var p07 = File.ReadAllLines(csv).Single(l => l.StartsWith("HB_P07,", StringComparison.Ordinal)).Split(',');
        // the second day alone: 24 hours, no gap (HB_P07's gap is on the first day), prices 7 + h + 200
        Assert.Equal(["HB_P07", "day-ahead", "ok", "24", "24", "2024-03-02", "2024-03-02", "0", "0", "0", "0", "208", "231", "0", "0", ""], p07);
    }
}
