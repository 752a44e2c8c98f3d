using System.Globalization;
using System.Text.Json;
using MiningDispatch.Cli.Tests.Support;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// The shipped 15-minute sample dispatches at 15 minutes by default, and the threshold dispatch on the same prices at
/// 15-minute and at hourly resolution matches loops written here from the raw CSV (no product code), with the
/// 15-minute profit at least the hourly one.
/// </summary>
public sealed class ResolutionCommandTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    public const string QuarterFile = "ercot_hb_west_rtm_15min_spp_2024-06-01_2024-08-31.csv";

    /// <summary>The sample's rows: UTC interval start (ERCOT hour ending and interval, CPT; no DST change inside) and price.</summary>
    private static List<(DateTime T, double Price)> Quarters()
    {
        var list = new List<(DateTime, double)>();
        foreach (var line in File.ReadLines(SampleMarket.Path(QuarterFile)).Skip(1))
        {
            var f = line.Split(',');
            var local = DateTime.ParseExact(f[0], "MM/dd/yyyy", Ci)
                .AddHours(int.Parse(f[1], Ci) - 1).AddMinutes(15 * (int.Parse(f[2], Ci) - 1));
            list.Add((DateTime.SpecifyKind(local - Central.GetUtcOffset(local), DateTimeKind.Utc), double.Parse(f[6], Ci)));
        }
        Assert.Equal(92 * 96, list.Count);
        return list;
    }

    private const double Mw = 10, Eff = 21.5, Fee = 0.02;

    /// <summary>Threshold (min profit 0) totals on the 15-minute prices and on their hourly means, by hand.</summary>
    private static (double Profit15, double Op15, double AlwaysOn15, double ProfitH, double OpH, double AlwaysOnH) Expected()
    {
        var q = Quarters();
        double p15 = 0, op15 = 0, ao15 = 0, pH = 0, opH = 0, aoH = 0;
        for (int h = 0; h < q.Count / 4; h++)
        {
            double hp = SampleMarket.Hashprice(q[4 * h].T); // the same daily value for the four quarters of a UTC hour
            double revHour = Mw * 1e6 / Eff * hp / 24.0 * (1 - Fee);
            double sum = 0;
            for (int k = 0; k < 4; k++)
            {
                var (t, price) = q[4 * h + k];
                Assert.Equal(q[4 * h].T.AddMinutes(15 * k), t);
                Assert.Equal(hp, SampleMarket.Hashprice(t));
                double net = revHour * 0.25 - Mw * price * 0.25;
                ao15 += net;
                if (net > 0) { p15 += net; op15 += 0.25; }
                sum += price;
            }
            double netH = revHour - Mw * (sum / 4);
            aoH += netH;
            if (netH > 0) { pH += netH; opH += 1; }
        }
        return (p15, op15, ao15, pH, opH, aoH);
    }

    private static JsonElement Summary(string dir, string name, params string[] extra)
    {
        string json = Path.Combine(dir, name + ".json");
        var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--no-prompt", "--json", json, "--out", Path.Combine(dir, name),
            "--prices", SampleMarket.Path(QuarterFile), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile), .. extra]);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        return JsonDocument.Parse(File.ReadAllText(json)).RootElement;
    }

    [Fact]
    public void Fifteen_minute_sample_dispatches_at_15_minutes_by_default()
    {
        string dir = CliHarness.NewTempDir();
        var s = Summary(dir, "native");
        var e = Expected();
        Assert.Equal(92 * 24, s.GetProperty("hours").GetInt32());
        Assert.Equal(e.Op15, s.GetProperty("operatingHours").GetDouble(), 9);
        Assert.Equal(e.Profit15, s.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.AlwaysOn15, s.GetProperty("alwaysOnProfitUsd").GetDouble(), 6);

        // result.json says 0.25 h; hourly.csv keeps its name and has one row per 15-minute interval.
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "native", "result.json")));
        Assert.Equal(0.25, result.RootElement.GetProperty("result").GetProperty("intervalHours").GetDouble());
        string info = result.RootElement.GetProperty("info").ToString();
        Assert.Contains("15 minutes (ERCOT real-time settlement intervals; --resolution native)", info);
        // The report's inputs compare the run with the same strategy on the hourly means (hand-computed here).
        Assert.Contains(string.Create(Ci, $"threshold earns ${e.Profit15:#,0} at 15 minutes and ${e.ProfitH:#,0} on the hourly means of the same prices"), info);
        Assert.Contains(string.Create(Ci, $"uplift over always-on ${e.Profit15 - e.AlwaysOn15:#,0} vs ${e.ProfitH - e.AlwaysOnH:#,0}"), info);
        var csv = File.ReadAllLines(Path.Combine(dir, "native", "hourly.csv"));
        var q = Quarters();
        Assert.Equal(q.Count + 1, csv.Length);
        Assert.StartsWith("2024-06-01T05:00:00Z,2024-06-01T00:00:00-05:00,", csv[1]);
        Assert.StartsWith("2024-06-01T05:15:00Z,2024-06-01T00:15:00-05:00,", csv[2]);
        double energy = csv.Skip(1).Sum(l => double.Parse(l.Split(',')[7], Ci));
        Assert.Equal(Mw * e.Op15, energy, 6); // energy_mwh per row = run x MW x 0.25 h

        // The saved result renders again with the same 15-minute rows.
        var (code, _, err) = CliHarness.Run(null, "report", "--from", Path.Combine(dir, "native", "result.json"), "--out", Path.Combine(dir, "again"));
        Assert.True(code == 0, err);
        Assert.Equal(csv, File.ReadAllLines(Path.Combine(dir, "again", "hourly.csv")));
    }

    [Fact]
    public void Fifteen_minute_threshold_earns_at_least_the_hourly_one_on_the_same_prices()
    {
        string dir = CliHarness.NewTempDir();
        var q15 = Summary(dir, "q15", "--resolution", "15min", "--no-report");
        var h = Summary(dir, "hourly", "--resolution", "hourly", "--no-report");
        var e = Expected();

        Assert.Equal(e.Profit15, q15.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.Op15, q15.GetProperty("operatingHours").GetDouble(), 9);
        Assert.Equal(e.ProfitH, h.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.OpH, h.GetProperty("operatingHours").GetDouble(), 9);
        // Always-on buys the same energy at the same mean price either way.
        Assert.Equal(e.AlwaysOnH, e.AlwaysOn15, 6);
        Assert.Equal(h.GetProperty("alwaysOnProfitUsd").GetDouble(), q15.GetProperty("alwaysOnProfitUsd").GetDouble(), 6);
        // Curtailing inside an hour can only add: sum of max(net_q, 0) >= max(sum of net_q, 0) for every hour.
        Assert.True(e.Profit15 >= e.ProfitH);
        Assert.True(q15.GetProperty("profitUsd").GetDouble() >= h.GetProperty("profitUsd").GetDouble());
        Assert.True(q15.GetProperty("upliftUsd").GetDouble() > h.GetProperty("upliftUsd").GetDouble(),
            "the summer 2024 HB_WEST prices have hours where only some quarters are worth curtailing");
    }

    [Fact]
    public void Hourly_prices_at_15min_are_an_error_naming_the_flag()
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--resolution", "15min");
        Assert.Equal(2, code);
        Assert.Contains("--resolution 15min", stderr);
        Assert.Contains("hourly prices", stderr);
        Assert.Contains("--resolution hourly", stderr);
    }

    [Theory]
    [InlineData("5min")]
    [InlineData("daily")]
    public void Bad_resolution_names_the_flag_and_the_valid_values(string value)
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--resolution", value);
        Assert.Equal(2, code);
        Assert.Contains("--resolution", stderr);
        Assert.Contains("native, 15min or hourly", stderr);
        Assert.Contains($"'{value}'", stderr);
    }

    [Fact]
    public void Resolution_config_key_is_read_and_flags_win()
    {
        string dir = CliHarness.NewTempDir();
        string cfg = Path.Combine(dir, "c.json");
        File.WriteAllText(cfg, "{\"resolution\": \"hourly\"}");
        var fromConfig = Summary(dir, "cfg", "--config", cfg, "--no-report");
        var flagWins = Summary(dir, "flag", "--config", cfg, "--resolution", "native", "--no-report");
        var e = Expected();
        Assert.Equal(e.ProfitH, fromConfig.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.Profit15, flagWins.GetProperty("profitUsd").GetDouble(), 6);

        File.WriteAllText(cfg, "{\"resolution\": \"weekly\"}");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--config", cfg);
        Assert.Equal(2, code);
        Assert.Contains("config key resolution", stderr);
    }
}

/// <summary>The hourly day-ahead price applies to its four 15-minute intervals.</summary>
public sealed class ResolutionDayAheadTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    private static (JsonElement Summary, string[] Csv) Run(string dir, string name, string resolution)
    {
        string json = Path.Combine(dir, name + ".json");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--json", json, "--out", Path.Combine(dir, name),
            "--prices", SampleMarket.Path(ResolutionCommandTests.QuarterFile), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile),
            "--strategy", "day-ahead", "--da-prices", SampleMarket.Path(SampleMarket.DaRtFile), "--resolution", resolution);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        if (resolution == "15min") Assert.Contains("price applies to the four 15-minute intervals of that hour", File.ReadAllText(Path.Combine(dir, name, "result.json")));
        return (JsonDocument.Parse(File.ReadAllText(json)).RootElement, File.ReadAllLines(Path.Combine(dir, name, "hourly.csv")));
    }

    [Fact]
    public void Day_ahead_schedule_is_the_hourly_one_on_each_quarter_and_earns_the_same()
    {
        string dir = CliHarness.NewTempDir();
        var (q, qCsv) = Run(dir, "q", "15min");
        var (h, hCsv) = Run(dir, "h", "hourly");
        Assert.Equal(4 * (hCsv.Length - 1), qCsv.Length - 1);
        int curtailedHours = 0;
        for (int i = 1; i < hCsv.Length; i++)
        {
            var hr = hCsv[i].Split(',');
            double run = double.Parse(hr[6], Ci);
            if (run == 0) curtailedHours++;
            var start = DateTime.Parse(hr[0], Ci, DateTimeStyles.AdjustToUniversal);
            for (int k = 0; k < 4; k++)
            {
                var qr = qCsv[4 * (i - 1) + 1 + k].Split(',');
                Assert.Equal(start.AddMinutes(15 * k), DateTime.Parse(qr[0], Ci, DateTimeStyles.AdjustToUniversal));
                Assert.Equal(run, double.Parse(qr[6], Ci)); // decided the day before on the same hourly DA price
            }
        }
        Assert.True(curtailedHours > 0, "the day-ahead rule curtails some hours of summer 2024");
        // Same schedule, linear cost: the energy bought in real time and the profit are the same at both resolutions.
        Assert.Equal(h.GetProperty("energyMWh").GetDouble(), q.GetProperty("energyMWh").GetDouble(), 6);
        Assert.Equal(h.GetProperty("profitUsd").GetDouble(), q.GetProperty("profitUsd").GetDouble(), 5);
    }
}

/// <summary>Gaps in a 15-minute file: counted in intervals (and hours in the text), filled up to --max-fill-hours × 4 intervals.</summary>
public sealed class ResolutionGapTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    [Fact]
    public void Fifteen_minute_gaps_are_filled_up_to_four_intervals_per_hour_of_max_fill_hours()
    {
        string dir = CliHarness.NewTempDir();
        var lines = File.ReadAllLines(SampleMarket.Path(ResolutionCommandTests.QuarterFile));
        // Remove 3 quarters of 2024-07-10 HE12 (intervals 2..4) and 6 quarters from HE15 interval 1: rows are in order,
        // 96 a day from 06-01, 4 an hour.
        int Row(int dayOfJuly, int he, int interval) => 1 + (30 + dayOfJuly - 1) * 96 + (he - 1) * 4 + (interval - 1);
        int a = Row(10, 12, 2), b = Row(10, 15, 1);
        Assert.StartsWith("07/10/2024,12,2,", lines[a]);
        Assert.StartsWith("07/10/2024,15,1,", lines[b]);
        var removed = new HashSet<int>(Enumerable.Range(a, 3).Concat(Enumerable.Range(b, 6)));
        string file = Path.Combine(dir, "rtm_with_gaps.csv");
        File.WriteAllLines(file, lines.Where((_, i) => !removed.Contains(i)));

        string outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", file,
            "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile), "--out", outDir, "--fill-gaps", "linear", "--max-fill-hours", "1");
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        string text = System.Text.RegularExpressions.Regex.Replace(stdout, @"\s+", " ");
        Assert.Contains("6 15-minute interval(s) (1.5 h) without a price", text); // longer than 1 h: left as a gap
        Assert.Contains("3 15-minute interval(s) (0.75 h) in 1 gap(s) filled", File.ReadAllText(Path.Combine(outDir, "result.json")));

        var csv = File.ReadAllLines(Path.Combine(outDir, "hourly.csv"));
        Assert.Equal(lines.Length - 1 - 6, csv.Length - 1);
        var filled = csv.Skip(1).Select(l => l.Split(',')).Where(f => f[^1] == "true").ToList();
        Assert.Equal(3, filled.Count);
        double before = double.Parse(lines[a - 1].Split(',')[6], Ci), after = double.Parse(lines[a + 3].Split(',')[6], Ci);
        for (int k = 1; k <= 3; k++)
            Assert.Equal(before + (after - before) * k / 4, double.Parse(filled[k - 1][2], Ci), 9);
    }
}
