using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>PPA, basis, 4CP and demand response on the sample data, against plain loops.</summary>
public sealed class ContractCommandTests
{
    private const double Mw = 10, Eff = 21.5, Fee = 0.02;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly DateTime AugStart = DayStartUtc(2024, 8, 1), SepStart = DayStartUtc(2024, 9, 1);

    private const string Ppa = """
        { "name": "Test PPA", "tranches": [
            { "block": "7x24", "mw": 6, "price": 38.5, "start": "2024-01-01", "end": "2024-12-31" },
            { "block": "5x16", "mw": 3, "price": 47, "start": "2024-08-01", "end": "2024-08-31" } ] }
        """;

    /// <summary>Contracted MW in the hour starting at <paramref name="utc"/>: 6 MW always, 3 MW more Mon-Fri HE7-HE22 (August 2024 has no NERC holiday).</summary>
    private static double ContractMw(DateTime utc, out double payment)
    {
        var l = Local(utc);
        bool peak = l.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && l.Hour >= 6 && l.Hour <= 21;
        payment = 6 * 38.5 + (peak ? 3 * 47 : 0);
        return 6 + (peak ? 3 : 0);
    }

    private static (int Code, string Out, string Dir) Run(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--json", System.IO.Path.Combine(dir, "s.json"), "--out", System.IO.Path.Combine(dir, "out"), .. args]);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        return (code, stdout, dir);
    }

    private static string PpaFile()
    {
        string path = System.IO.Path.Combine(CliHarness.NewTempDir(), "ppa.json");
        File.WriteAllText(path, Ppa);
        return path;
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Ppa_with_sell_back_total_minus_mining_profit_is_the_contract_value()
    {
        double mining = 0, value = 0, credits = 0, payments = 0, purchases = 0, btc = 0;
        foreach (var (t, _, rt) in DaRt("HB_WEST", AugStart, SepStart))
        {
            double q = ContractMw(t, out double pay);
            double rev = Revenue(Mw, Eff, Fee, Hashprice(t));
            bool on = rev - Mw * rt > 0;
            double l = on ? Mw : 0;
            if (on) { mining += rev - Mw * rt; btc += rev / 60000; }
            value += q * rt - pay;
            payments += pay;
            credits += Math.Max(q - l, 0) * rt;
            purchases += Math.Max(l - q, 0) * rt;
        }
        var r = Run("--prices", SampleMarket.Path(DaRtFile), "--start", "2024-08-01", "--end", "2024-08-31", "--ppa", PpaFile(), "--btc-price", "60000");
        double total = Money(r.Out, "Total net profit"), miningPrinted = Money(r.Out, "of which mining profit at market prices");
        Assert.InRange(total - miningPrinted - value, -1, 1);
        Assert.InRange(Money(r.Out, "of which contract value vs market") - value, -0.5, 0.5);
        Assert.InRange(miningPrinted - mining, -0.5, 0.5);
        Assert.Equal(mining, Json(System.IO.Path.Combine(r.Dir, "s.json")).GetProperty("profitUsd").GetDouble(), 2); // K-independent: the backtest profit
        Assert.InRange(Money(r.Out, "Power sale credits") - credits, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Contract payments") + payments, -0.5, 0.5);
        Assert.Contains(btc.ToString("#,0.0000", Ci), r.Out);
        double costPerBtc = (payments + purchases - credits) / btc;
        Assert.InRange(Money(r.Out, "Cost to mine one BTC, net of credits") - costPerBtc, -0.5, 0.5);
        string html = File.ReadAllText(System.IO.Path.Combine(r.Dir, "out", "report.html"));
        Assert.Contains("Contract: Test PPA", html);
        Assert.True(File.Exists(System.IO.Path.Combine(r.Dir, "out", "charts", "contract-monthly.png")));
    }

    [Fact]
    public void Hub_settled_ppa_and_zone_vs_hub_basis()
    {
        var zone = DaRt("LZ_WEST", AugStart, SepStart);
        var hub = DaRt("HB_WEST", AugStart, SepStart);
        double value = 0, basisOnContract = 0, basisCost = 0;
        for (int i = 0; i < zone.Count; i++)
        {
            Assert.Equal(zone[i].T, hub[i].T);
            double q = ContractMw(zone[i].T, out double pay);
            double lz = zone[i].Rt, hb = hub[i].Rt;
            bool on = Revenue(Mw, Eff, Fee, Hashprice(zone[i].T)) - Mw * lz > 0;
            value += q * hb - pay;
            basisOnContract += q * (hb - lz);
            if (on) basisCost += Mw * (lz - hb);
        }
        var r = Run("--prices", SampleMarket.Path(DaRtFile), "--sp", "LZ_WEST", "--basis-point", "HB_WEST", "--settle-at", "hub",
            "--start", "2024-08-01", "--end", "2024-08-31", "--ppa", PpaFile(), "--no-report");
        Assert.InRange(Money(r.Out, "Total net profit") - Money(r.Out, "of which mining profit at market prices") - value, -1, 1);
        Assert.InRange(Money(r.Out, "Hub basis on contract energy") - basisOnContract, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Basis cost") - basisCost, -0.5, 0.5);
        Assert.Contains("Settlement at LZ_WEST vs HB_WEST", r.Out);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Four_cp_with_system_load_avoids_every_peak_and_reports_the_charge()
    {
        DateTime from = DayStartUtc(2024, 6, 1), to = DayStartUtc(2024, 10, 1);
        var load = File.ReadLines(SampleMarket.Path(LoadFile)).Skip(1).Select(l => l.Split(','))
            .Select(f => (T: DateTime.Parse(f[0], Ci, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal), Mw: double.Parse(f[1], Ci)))
            .Where(x => x.T >= from && x.T < to).ToList();
        var loadAt = load.ToDictionary(x => x.T, x => x.Mw);
        var rt = Rt(from, to);
        var baseOn = rt.ToDictionary(x => x.T, x => Revenue(Mw, Eff, Fee, Hashprice(x.T)) - Mw * x.Price > 0);
        var net = rt.ToDictionary(x => x.T, x => Revenue(Mw, Eff, Fee, Hashprice(x.T)) - Mw * x.Price);
        // Peaks: highest load of each local month.
        var peaks = load.GroupBy(x => Local(x.T).Month).Select(g => g.OrderByDescending(x => x.Mw).ThenBy(x => x.T).First()).ToList();
        Assert.Equal(4, peaks.Count);
        double tagWithout = peaks.Average(p => baseOn[p.T] ? Mw : 0);
        // Load rule: hour t is curtailed when the hour before it rose over the hour before that and is >= 95 % of the
        // highest hour of the same local month that ended before t (any day, any hour).
        var flagged = new HashSet<DateTime>();
        double monthMax = double.NegativeInfinity;
        for (int i = 0; i < load.Count; i++)
        {
            var lt = Local(load[i].T);
            if (i == 0 || Local(load[i - 1].T).Month != lt.Month) monthMax = double.NegativeInfinity;
            if (i >= 2 && !double.IsNegativeInfinity(monthMax) && load[i - 1].T == load[i].T.AddHours(-1) && load[i - 2].T == load[i].T.AddHours(-2)
                && load[i - 1].Mw > load[i - 2].Mw && load[i - 1].Mw >= 0.95 * monthMax)
                flagged.Add(load[i].T);
            monthMax = Math.Max(monthMax, load[i].Mw);
        }
        int curtailed = 0;
        double givenUp = 0;
        foreach (var t in flagged.Where(t => baseOn[t])) { curtailed++; givenUp += net[t]; }
        int avoided = peaks.Count(p => baseOn[p.T] && flagged.Contains(p.T));
        var r = Run("--start", "2024-06-01", "--end", "2024-09-30", "--four-cp-rate", "55", "--system-load", SampleMarket.Path(LoadFile), "--avoid-4cp");
        var line = r.Out.Split('\n').First(l => l.Contains("4CP summer 2024"));
        Assert.Contains($"tag {tagWithout.ToString("0.###", Ci)} MW -> 0 MW", line);
        Assert.Equal([Math.Round(tagWithout * 1000 * 55), 0], Amounts(r.Out, "4CP summer 2024"));
        Assert.Contains($"({curtailed.ToString("#,0", Ci)} interval(s)", r.Out);
        Assert.InRange(Amounts(r.Out, "mining profit given up")[1] - givenUp, -0.5, 0.5);
        Assert.Contains("threshold+4cp", r.Out);
        Assert.Contains($"4CP hit rate: peaks avoided {avoided} of 4", r.Out);
        Assert.Contains($"hours curtailed {curtailed.ToString("#,0", Ci)}.0", r.Out);
        // The rule on every summer of the load file (2023 from 6 July, 2024), with its own table.
        Assert.Contains("4CP rule on every summer of the system load", r.Out);
        Assert.Contains("hourly system load", r.Out); // the warning that hourly peaks are not ERCOT's 15-minute intervals
        Assert.True(File.Exists(System.IO.Path.Combine(r.Dir, "out", "charts", "four-cp.png")));
    }

    [Fact]
    public void Four_cp_official_intervals_set_the_tag_from_the_hour_holding_each_interval()
    {
        // ERCOT-style intervals in Central Prevailing Time (CDT, UTC-5), one on a Sunday (30 June 2024).
        string file = System.IO.Path.Combine(CliHarness.NewTempDir(), "4cp.csv");
        File.WriteAllText(file, "year,month,interval_start\n2024,6,2024-06-30 16:45\n2024,7,2024-07-15 17:15\n2024,8,2024-08-20 16:00\n2024,9,2024-09-05 16:30\n");
        DateTime[] starts = [new(2024, 6, 30, 21, 45, 0, DateTimeKind.Utc), new(2024, 7, 15, 22, 15, 0, DateTimeKind.Utc), new(2024, 8, 20, 21, 0, 0, DateTimeKind.Utc), new(2024, 9, 5, 21, 30, 0, DateTimeKind.Utc)];
        // Hourly run: the site's MW in the hour holding each interval (threshold rule: on when revenue > power cost).
        var rt = Rt(DayStartUtc(2024, 6, 1), DayStartUtc(2024, 10, 1)).ToDictionary(x => x.T, x => x.Price);
        double tag = starts.Select(s => new DateTime(s.Year, s.Month, s.Day, s.Hour, 0, 0, DateTimeKind.Utc))
            .Average(h => Revenue(Mw, Eff, Fee, Hashprice(h)) - Mw * rt[h] > 0 ? Mw : 0);
        var r = Run("--start", "2024-06-01", "--end", "2024-09-30", "--four-cp-rate", "55", "--four-cp-intervals", file, "--no-report");
        Assert.Contains("ERCOT 4CP intervals (4cp.csv)", r.Out);
        foreach (var s in starts) Assert.Contains(s.ToString("yyyy-MM-dd HH:mm", Ci), r.Out);
        Assert.Equal([Math.Round(tag * 1000 * 55), Math.Round(tag * 1000 * 55)], Amounts(r.Out, "4CP summer 2024"));
        Assert.Contains("the site's demand in an interval is its MW in the hour holding it", r.Out);
    }

    [Fact]
    public void Four_cp_calendar_rule_without_load_data_and_demand_response_income()
    {
        DateTime from = DayStartUtc(2024, 7, 1), to = DayStartUtc(2024, 8, 1);
        int curtailed = 0;
        double dr = 0, profitAvoid = 0;
        foreach (var (t, p) in Rt(from, to))
        {
            var lt = Local(t);
            double net = Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * p;
            bool on = net > 0;
            bool window = lt.Hour is >= 15 and <= 17; // every day of the week: weekend peaks happen
            if (window && on) { curtailed++; on = false; }
            if (on) { dr += 2.5 * Mw; profitAvoid += net; }
        }
        var r = Run("--start", "2024-07-01", "--end", "2024-07-31", "--four-cp-rate", "40", "--avoid-4cp", "--dr-price", "2.5", "--no-report");
        Assert.Contains($"({curtailed} interval(s)", r.Out);
        Assert.InRange(Amounts(r.Out, "capacity income")[0] - dr, -0.5, 0.5);
        Assert.InRange(Json(System.IO.Path.Combine(r.Dir, "s.json")).GetProperty("profitUsd").GetDouble() - profitAvoid, -0.01, 0.01);
        // Calendar worst case: the avoidance schedule never runs in the window, so the July tag is 0 MW.
        Assert.Contains("calendar worst case", r.Out);
        Assert.Equal([400_000, 0], Amounts(r.Out, "4CP summer 2024")); // without avoidance the site ran at 10 MW in some window hour
        Assert.InRange(Amounts(r.Out, "Site total (")[0] - (profitAvoid + dr), -1, 1);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Summary_json_carries_every_site_total_field_and_the_terminal_headline_is_the_ppa_total_after_4cp()
    {
        var r = Run("--start", "2024-08-01", "--end", "2024-08-31", "--ppa", PpaFile(), "--four-cp-rate", "40", "--dr-price", "2.5", "--restart-cost", "20");
        var j = Json(System.IO.Path.Combine(r.Dir, "s.json"));
        double F(string name) => j.GetProperty(name).GetDouble();
        foreach (var name in new[] { "siteTotalUsd", "alwaysOnSiteTotalUsd", "optimumSiteTotalUsd", "siteUpliftUsd", "regretUsd", "capturedUpliftPct",
                     "miningProfitUsd", "restartCostUsd", "contractValueUsd", "contractPaymentsUsd", "powerSaleCreditsUsd", "drIncomeUsd", "fourCpChargeUsd",
                     "oneIntervalLateSiteTotalUsd", "instantResponseValueUsd" })
            Assert.Equal(System.Text.Json.JsonValueKind.Number, j.GetProperty(name).ValueKind);
        Assert.True(j.GetProperty("feasible").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, j.GetProperty("basisCostUsd").ValueKind);
        // The headline is the contract's net profit (mining at market + contract value + DR) after restarts and the 4CP charge,
        // read from the terminal's own contract and 4CP sections.
        double contractTotal = Amounts(r.Out, "Total net profit")[0];
        Assert.InRange(F("siteTotalUsd") - (contractTotal - F("restartCostUsd") - F("fourCpChargeUsd")), -1, 1);
        Assert.InRange(Amounts(r.Out, "Site total (")[0] - F("siteTotalUsd"), -0.5, 0.5);
        Assert.Equal(F("siteTotalUsd") - F("alwaysOnSiteTotalUsd"), F("siteUpliftUsd"), 1e-6);
        Assert.True(F("restartCostUsd") > 0);
        Assert.Equal(F("miningProfitUsd") - F("restartCostUsd") + F("contractValueUsd") + F("drIncomeUsd") - F("fourCpChargeUsd"), F("siteTotalUsd"), 1e-6);
    }

    [Theory]
    [InlineData(new[] { "--ppa", "/nonexistent/ppa.json" }, "PPA file not found: /nonexistent/ppa.json")]
    [InlineData(new[] { "--settle-at", "hub", "--ppa", "x.json" }, "--settle-at hub needs the hub's prices")]
    [InlineData(new[] { "--settle-at", "moon" }, "--settle-at must be zone or hub")]
    [InlineData(new[] { "--basis-point", "LZ_NOWHERE" }, "LZ_NOWHERE")]
    [InlineData(new[] { "--system-load", "x.csv" }, "go with --four-cp-rate")]
    [InlineData(new[] { "--four-cp-intervals", "x.csv" }, "go with --four-cp-rate")]
    [InlineData(new[] { "--four-cp-rate", "50", "--four-cp-intervals", "/nonexistent/4cp.csv" }, "/nonexistent/4cp.csv")]
    [InlineData(new[] { "--four-cp-rate", "50", "--four-cp-load-fraction", "0.9" }, "--four-cp-load-fraction needs --system-load")]
    [InlineData(new[] { "--four-cp-rate", "-1" }, "--four-cp-rate must be")]
    [InlineData(new[] { "--dr-price", "-2" }, "--dr-price must be")]
    [InlineData(new[] { "--btc-price", "lots" }, "neither a number nor an existing CSV")]
    [InlineData(new[] { "--four-cp-rate", "50", "--system-load", "/nonexistent/load.csv" }, "/nonexistent/load.csv")]
    public void Bad_contract_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--start", "2024-07-01", "--end", "2024-07-07", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Ppa_with_an_unknown_block_names_the_file_and_tranche()
    {
        string path = System.IO.Path.Combine(CliHarness.NewTempDir(), "bad.json");
        File.WriteAllText(path, """{ "tranches": [ { "block": "6x16", "mw": 5, "price": 40, "start": "2024-01-01", "end": "2024-12-31" } ] }""");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-report", "--start", "2024-07-01", "--end", "2024-07-07", "--ppa", path);
        Assert.Equal(2, code);
        Assert.Contains($"{path}, tranche 1: Unknown power block '6x16'", stderr);
    }
}
