using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// `backtest --fleet examples/fleet.json` with the PPA, demand response, 4CP charge and basis, against plain loops over
/// the summer 2024 LZ_WEST/HB_WEST file: the fleet's MW per hour by a hand-written merit order (checked against the
/// hourly CSV), then each settlement line from those MW and the prices.
/// </summary>
public sealed class FleetContractCommandTests
{
    private const double Fee = 0.02;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly DateTime From = DayStartUtc(2024, 6, 1), To = DayStartUtc(2024, 10, 1);
    private static string Example(string file) => System.IO.Path.Combine(CliHarness.RepoRoot, "examples", file);

    /// <summary>examples/fleet.json, most efficient first: S21 200 TH/s 3,500 W × 1,200; S19 XP 140 TH/s 3,010 W × 1,000; custom 104 TH/s 3,250 W × 600; cap 8 MW.</summary>
    private static readonly (double Th, double W, int Count)[] Models = [(200, 3500, 1200), (140, 3010, 1000), (104, 3250, 600)];
    private const double CapMw = 8;

    /// <summary>Fleet MW and revenue in an hour: whole machines under the cap, each model running when its breakeven beats the price.</summary>
    private static (double Mw, double Revenue) Fleet(double hp, double price, bool off = false)
    {
        double left = CapMw * 1e6, mw = 0, rev = 0;
        if (off) return (0, 0);
        foreach (var (th, w, count) in Models)
        {
            double breakeven = hp * (1 - Fee) * 1e6 / (24 * (w / th));
            if (!(breakeven - price > 0)) continue;
            int n = Math.Min(count, (int)Math.Floor(left / w + 1e-9));
            left -= n * w;
            mw += n * w / 1e6;
            rev += n * th * hp / 24 * (1 - Fee);
        }
        return (mw, rev);
    }

    /// <summary>examples/ppa.json: 6 MW 7x24 at 38.50 all 2024, 2 MW 5x16 at 47.00 June-September (NERC holidays 4 July and 2 September are off-peak).</summary>
    private static double ContractMw(DateTime utc, out double payment)
    {
        var l = Local(utc);
        bool holiday = l.Date == new DateTime(2024, 7, 4) || l.Date == new DateTime(2024, 9, 2);
        bool peak = !holiday && l.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && l.Hour >= 6 && l.Hour <= 21;
        payment = 6 * 38.5 + (peak ? 2 * 47 : 0);
        return 6 + (peak ? 2 : 0);
    }

    private static List<(DateTime T, double Mw)> Load() => File.ReadLines(SampleMarket.Path(LoadFile)).Skip(1).Select(l => l.Split(','))
        .Select(f => (T: DateTime.Parse(f[0], Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), Mw: double.Parse(f[1], Ci)))
        .Where(x => x.T >= From && x.T < To).ToList();

    private static (string Out, string Dir) Run(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--fleet", Example("fleet.json"), "--ppa", Example("ppa.json"),
            "--prices", SampleMarket.Path(DaRtFile), "--settlement-point", "LZ_WEST", "--basis-point", "HB_WEST",
            "--json", System.IO.Path.Combine(dir, "s.json"), "--out", System.IO.Path.Combine(dir, "out"), .. args]);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        return (stdout, dir);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Fleet_with_ppa_dr_4cp_and_basis_matches_plain_loops_over_the_hourly_mw()
    {
        var zone = DaRt("LZ_WEST", From, To);
        var hub = DaRt("HB_WEST", From, To);
        var r = Run("--dr-price", "2.5", "--four-cp-rate", "55", "--system-load", SampleMarket.Path(LoadFile));
        var hourly = Csv(System.IO.Path.Combine(r.Dir, "out", "hourly.csv"));
        Assert.Equal(zone.Count, hourly.Count);

        double revenue = 0, payments = 0, credits = 0, purchases = 0, dr = 0, basis = 0;
        var mwAt = new Dictionary<DateTime, double>();
        for (int i = 0; i < zone.Count; i++)
        {
            var (t, _, lz) = zone[i];
            Assert.Equal(t, hub[i].T);
            var (mw, rev) = Fleet(Hashprice(t), lz);
            // The CLI's hourly energy (the sum over models) is the hand-written merit order's MW.
            Assert.Equal(mw, hourly[i].D("energy_mwh"), 9);
            mwAt[t] = mw;
            double q = ContractMw(t, out double pay);
            revenue += rev;
            payments += pay;
            credits += Math.Max(q - mw, 0) * lz;
            purchases += Math.Max(mw - q, 0) * lz;
            dr += 2.5 * mw;
            basis += mw * (lz - hub[i].Rt);
        }
        double total = revenue - payments + credits - purchases + dr;
        Assert.InRange(Amounts(r.Out, "Mining revenue")[0] - revenue, -0.5, 0.5); // the strategy's column
        Assert.InRange(Money(r.Out, "Contract payments") + payments, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Power sale credits") - credits, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Spot purchases above the contract") + purchases, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Demand response / ancillary income") - dr, -0.5, 0.5);
        Assert.InRange(Money(r.Out, "Total net profit") - total, -1, 1);
        Assert.InRange(Money(r.Out, "Basis cost") - basis, -0.5, 0.5);

        // 4CP: the fleet's MW in each month's highest-load hour, averaged, × 1000 × $55/kW-yr.
        var peaks = Load().GroupBy(x => Local(x.T).Month).Select(g => g.OrderByDescending(x => x.Mw).ThenBy(x => x.T).First()).ToList();
        Assert.Equal(4, peaks.Count);
        double charge = peaks.Average(p => mwAt[p.T]) * 1000 * 55;
        var amounts = Amounts(r.Out, "4CP summer 2024");
        Assert.InRange(amounts[0] - charge, -1, 1);
        Assert.InRange(amounts[1] - charge, -1, 1);
        Assert.InRange(Amounts(r.Out, "Site total (")[0] - (total - charge), -2, 2);
    }

    [Fact]
    public void Fleet_avoiding_4cp_with_a_hub_settled_ppa_and_btc()
    {
        var zone = DaRt("LZ_WEST", From, To);
        var hub = DaRt("HB_WEST", From, To).ToDictionary(x => x.T, x => x.Rt);
        var load = Load();
        var loadAt = load.ToDictionary(x => x.T, x => x.Mw);
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

        double profit = 0, givenUp = 0, btc = 0, hubBasis = 0, value = 0;
        int curtailed = 0;
        foreach (var (t, _, lz) in zone)
        {
            var (mw, rev) = Fleet(Hashprice(t), lz);
            if (flagged.Contains(t) && mw > 0) { curtailed++; givenUp += rev - mw * lz; }
            var (mwA, revA) = Fleet(Hashprice(t), lz, off: flagged.Contains(t));
            profit += revA - mwA * lz;
            btc += revA / 60000;
            double q = ContractMw(t, out double pay);
            hubBasis += q * (hub[t] - lz);
            value += q * hub[t] - pay;
        }
        var r = Run("--settle-at", "hub", "--btc-price", "60000", "--four-cp-rate", "55", "--system-load", SampleMarket.Path(LoadFile), "--avoid-4cp", "--no-report");
        Assert.Contains("merit-order+4cp", r.Out);
        Assert.Equal(profit, Json(System.IO.Path.Combine(r.Dir, "s.json")).GetProperty("profitUsd").GetDouble(), 2);
        Assert.Contains($"({curtailed.ToString("#,0", Ci)} interval(s)", r.Out);
        Assert.InRange(Amounts(r.Out, "mining profit given up")[1] - givenUp, -0.5, 0.5);
        Assert.Equal(0, Amounts(r.Out, "4CP summer 2024")[1]);
        Assert.InRange(Money(r.Out, "Hub basis on contract energy") - hubBasis, -0.5, 0.5);
        // Take-or-pay with sell-back: total − mining profit at market = contract value at the hub.
        Assert.InRange(Money(r.Out, "Total net profit") - Money(r.Out, "of which mining profit at market prices") - value, -1, 1);
        Assert.Contains(btc.ToString("#,0.0000", Ci), r.Out);
    }

    [Fact]
    public void Fleet_btc_section_without_a_ppa()
    {
        DateTime from = DayStartUtc(2024, 8, 1), to = DayStartUtc(2024, 8, 15);
        double btc = 0, cost = 0;
        foreach (var (t, _, lz) in DaRt("LZ_WEST", from, to))
        {
            var (mw, rev) = Fleet(Hashprice(t), lz);
            btc += rev / Btc(t);
            cost += mw * lz;
        }
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", Example("fleet.json"), "--prices", SampleMarket.Path(DaRtFile),
            "--settlement-point", "LZ_WEST", "--start", "2024-08-01", "--end", "2024-08-14", "--no-report");
        Assert.True(code == 0, stderr);
        var line = stdout.Split('\n').First(l => l.Contains("BTC mined:", StringComparison.Ordinal));
        Assert.Contains(btc.ToString("#,0.0000", Ci), line);
        Assert.InRange(Money(stdout, "power cost per BTC") - cost / btc, -0.5, 0.5);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Fleet_day_ahead_schedule_and_two_settlement_match_plain_loops()
    {
        // HB_WEST, no contract: buy the merit order at day-ahead prices (hashprice known when the day-ahead market closed,
        // 10:00 CPT the day before; the first day, closed before the data, takes the first hour's),
        // run the merit order at real time, settle deviations at real time.
        var hub = DaRt("HB_WEST", From, To);
        string dir = CliHarness.NewTempDir();
        string file = SampleMarket.Path(DaRtFile);
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--fleet", Example("fleet.json"), "--prices", file, "--da-prices", file,
            "--out", System.IO.Path.Combine(dir, "out"));
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");

        double daMWh = 0, rtMWh = 0, daCost = 0, devCost = 0, rtOnly = 0, revenue = 0;
        for (int i = 0; i < hub.Count; i++)
        {
            var (t, da, rt) = hub[i];
            var close = DayAheadCloseUtc(t);
            double decisionHp = Hashprice(close < hub[0].T ? hub[0].T : close);
            double qDa = Fleet(decisionHp, da).Mw;
            var (qRt, rev) = Fleet(Hashprice(t), rt);
            daMWh += qDa;
            rtMWh += qRt;
            daCost += qDa * da;
            devCost += (qRt - qDa) * rt;
            rtOnly += qRt * rt;
            revenue += rev;
        }
        var ts = Json(System.IO.Path.Combine(dir, "out", "result.json")).GetProperty("sections").GetProperty("twoSettlement");
        Assert.Equal(daMWh, ts.GetProperty("dayAheadMWh").GetDouble(), 6);
        Assert.Equal(rtMWh, ts.GetProperty("realTimeMWh").GetDouble(), 6);
        Assert.Equal(daCost, ts.GetProperty("dayAheadCostUsd").GetDouble(), 4);
        Assert.Equal(devCost, ts.GetProperty("realTimeDeviationCostUsd").GetDouble(), 4);
        Assert.Equal(rtOnly, ts.GetProperty("realTimeOnlyCostUsd").GetDouble(), 4);
        Assert.Equal(revenue, ts.GetProperty("miningRevenueUsd").GetDouble(), 4);
        Assert.True(daMWh != rtMWh, "the day-ahead and real-time schedules should differ somewhere in a summer");
        Assert.Equal(rtOnly - (daCost + devCost), Money(stdout, "Day-ahead gain (RT-only minus two-settlement)"), 0);
    }
}
