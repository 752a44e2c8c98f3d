using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Resolution;

/// <summary>
/// Every piece of Core on 15-minute intervals (IntervalHours = 0.25), checked against plain loops written here:
/// hours are counted as hours (not rows), money and energy scale with the interval length.
/// </summary>
public class QuarterHourTests
{
    private const double Tol = 1e-9;
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), PoolFee: 0.02, Adder: new UsdPerMWh(3), MinProfitUsdPerHour: 5);

    /// <summary>15-minute series from <paramref name="startUtc"/>: random prices, a hashprice that changes each UTC day.</summary>
    private static MarketSeries Quarters(DateTime startUtc, int n, int seed, double[]? dayAhead = null)
    {
        var rng = new Random(seed);
        var prices = TestSupport.TestData.RandomPrices(rng, n, baseLevel: 70, noise: 40);
        var hp = new double[n];
        for (int i = 0; i < n; i++) hp[i] = 0.045 + 0.001 * startUtc.AddMinutes(15 * i).Day;
        return TestSupport.TestData.Intervals(startUtc, prices, hp, 0.25, dayAhead);
    }

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Central);

    [Fact]
    public void Backtester_summary_months_days_and_hour_of_day_match_a_hand_loop()
    {
        // 2024-06-29 00:00 CDT .. 2024-07-01 23:45 CDT: three market days across a month boundary.
        var m = Quarters(new DateTime(2024, 6, 29, 5, 0, 0, DateTimeKind.Utc), 3 * 96, seed: 7);
        var r = Backtester.Run(m, Site, new ThresholdStrategy(), Clock);

        double th = 10 * 1e6 / 20, dt = 0.25;
        double rev = 0, cost = 0, op = 0, energy = 0, aoProfit = 0;
        var months = new Dictionary<int, double[]>(); // month -> hours, op hours, profit, price sum, rows
        var days = new Dictionary<DateOnly, double[]>(); // hours, op hours, profit
        var hodRun = new double[24];
        var hodRows = new double[24];
        for (int i = 0; i < m.Count; i++)
        {
            double revI = th * m.HashpriceUsdPerThDay[i] / 24 * 0.98 * dt;
            double costI = 10 * (m.PriceUsdPerMWh[i] + 3) * dt;
            bool run = revI - costI > 5 * dt; // min profit is per hour
            Assert.Equal(run ? 1.0 : 0.0, r.Run[i]);
            aoProfit += revI - costI;
            var local = Local(m.StartsUtc[i]);
            if (!months.TryGetValue(local.Month, out var mo)) months[local.Month] = mo = new double[5];
            if (!days.TryGetValue(DateOnly.FromDateTime(local), out var d)) days[DateOnly.FromDateTime(local)] = d = new double[3];
            mo[0] += dt; d[0] += dt; mo[3] += m.PriceUsdPerMWh[i]; mo[4]++;
            hodRows[local.Hour]++;
            if (!run) continue;
            rev += revI; cost += costI; op += dt; energy += 10 * dt;
            mo[1] += dt; mo[2] += revI - costI; d[1] += dt; d[2] += revI - costI;
            hodRun[local.Hour]++;
        }

        var s = r.Summary;
        Assert.Equal(72, s.Hours); // 288 intervals = 72 hours
        Assert.Equal(op, s.OperatingHours, Tol);
        Assert.Equal(72 - op, s.CurtailedHours, Tol);
        Assert.Equal(100 * op / 72, s.UptimePct, Tol);
        Assert.Equal(energy, s.EnergyMWh, Tol);
        Assert.Equal(rev, s.RevenueUsd, 1e-7);
        Assert.Equal(cost, s.PowerCostUsd, 1e-7);
        Assert.Equal(rev - cost, s.ProfitUsd, 1e-7);
        Assert.Equal(aoProfit, s.AlwaysOnProfitUsd, 1e-7);
        Assert.True(op > 0 && op < 72, "the random prices make the threshold curtail some intervals");

        Assert.Equal([6, 7], r.Monthly.Select(x => x.Month));
        foreach (var row in r.Monthly)
        {
            var mo = months[row.Month];
            Assert.Equal((int)mo[0], row.Hours);
            Assert.Equal(mo[1], row.OperatingHours, Tol);
            Assert.Equal(100 * mo[1] / mo[0], row.UptimePct, Tol);
            Assert.Equal(mo[2], row.ProfitUsd, 1e-7);
            Assert.Equal(mo[3] / mo[4], row.AvgSettlementPriceUsdPerMWh, Tol);
        }
        Assert.Equal((48, 24), (r.Monthly[0].Hours, r.Monthly[1].Hours));

        Assert.Equal(3, r.Daily.Count);
        foreach (var row in r.Daily)
        {
            var d = days[row.Day];
            Assert.Equal(24, row.Hours);
            Assert.Equal(d[1], row.OperatingHours, Tol);
            Assert.Equal(d[2], row.ProfitUsd, 1e-7);
        }
        for (int h = 0; h < 24; h++)
        {
            Assert.Equal(12, hodRows[h]); // 4 quarters x 3 days
            Assert.Equal(hodRun[h] / hodRows[h], r.RunRateByHourOfDay[h], Tol);
        }
    }

    [Fact]
    public void Fall_back_day_at_15_minutes_has_100_intervals_and_25_hours()
    {
        var m = Quarters(new DateTime(2024, 11, 3, 5, 0, 0, DateTimeKind.Utc), 100, seed: 3);
        var r = Backtester.Run(m, Site, new AlwaysOnStrategy(), Clock);
        Assert.Equal(25, r.Summary.Hours);
        var day = Assert.Single(r.Daily);
        Assert.Equal((new DateOnly(2024, 11, 3), 25), (day.Day, day.Hours));
        Assert.Equal(25.0, day.OperatingHours, Tol);
        Assert.Equal(250.0, r.Summary.EnergyMWh, Tol);
        Assert.Equal(1.0, r.RunRateByHourOfDay[1]); // local 01:xx occurs twice: 8 quarters, all running
    }

    [Fact]
    public void Quarters_that_repeat_the_hourly_price_give_the_hourly_totals()
    {
        var hourly = TestSupport.TestData.Hourly(new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc),
            TestSupport.TestData.RandomPrices(new Random(11), 48, 70, 40), 0.05);
        var q = TestSupport.TestData.Intervals(hourly.StartsUtc[0],
            hourly.PriceUsdPerMWh.SelectMany(p => Enumerable.Repeat(p, 4)).ToArray(), Enumerable.Repeat(0.05, 192).ToArray(), 0.25);
        var rh = Backtester.Run(hourly, Site, new ThresholdStrategy(), Clock).Summary;
        var rq = Backtester.Run(q, Site, new ThresholdStrategy(), Clock).Summary;
        Assert.Equal(rh.Hours, rq.Hours);
        Assert.Equal(rh.OperatingHours, rq.OperatingHours, Tol);
        Assert.Equal(rh.EnergyMWh, rq.EnergyMWh, Tol);
        Assert.Equal(rh.ProfitUsd, rq.ProfitUsd, 1e-7);
        Assert.Equal(rh.AlwaysOnProfitUsd, rq.AlwaysOnProfitUsd, 1e-7);
        Assert.Equal(rh.AvgPricePaidUsdPerMWh!.Value, rq.AvgPricePaidUsdPerMWh!.Value, Tol);
    }

    [Fact]
    public void Ppa_blocks_at_15_minutes_match_a_hand_loop()
    {
        // Friday 2024-07-05 .. Sunday 07-07 (CDT): 5x16 on Friday, 2x16 on the weekend, 7x8 every night.
        var m = Quarters(new DateTime(2024, 7, 5, 5, 0, 0, DateTimeKind.Utc), 3 * 96, seed: 5);
        var day0 = new DateOnly(2024, 7, 1);
        var contract = new PpaContract(
        [
            new PpaTranche(PowerBlock.FiveBy16, new Megawatts(8), new UsdPerMWh(40), day0, day0.AddDays(30)),
            new PpaTranche(PowerBlock.SevenBy8, new Megawatts(6), new UsdPerMWh(30), day0, day0.AddDays(30)),
        ]);
        var problem = new DispatchProblem(m, Site);
        var run = new double[m.Count];
        new ThresholdStrategy().Dispatch(problem, run);
        var r = PpaSettlement.Settle(problem, run, contract);

        double contracted = 0, payments = 0, consumed = 0, sell = 0, credits = 0, spot = 0;
        for (int i = 0; i < m.Count; i++)
        {
            var local = Local(m.StartsUtc[i]);
            bool peak = local.Hour >= 6 && local.Hour <= 21; // HE7..HE22
            bool weekday = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            double mw = (peak && weekday ? 8 : 0) + (peak ? 0 : 6);
            double q = mw * 0.25, pay = (peak && weekday ? 8 * 40 : 0) * 0.25 + (peak ? 0 : 6 * 30) * 0.25;
            double l = run[i] * 10 * 0.25;
            contracted += q; payments += pay; consumed += l;
            sell += Math.Max(q - l, 0); credits += Math.Max(q - l, 0) * m.PriceUsdPerMWh[i];
            spot += Math.Max(l - q, 0) * m.PriceUsdPerMWh[i];
        }
        // Friday 16 peak hours x 8 MW + three nights' 8 off-peak hours x 6 MW
        Assert.Equal(16 * 8 + 3 * 8 * 6, contracted, Tol);
        Assert.Equal(contracted, r.ContractedMWh, Tol);
        Assert.Equal(payments, r.ContractPaymentsUsd, 1e-7);
        Assert.Equal(consumed, r.ConsumedMWh, Tol);
        Assert.Equal(sell, r.SellBackMWh, Tol);
        Assert.Equal(credits, r.PowerSaleCreditsUsd, 1e-7);
        Assert.Equal(spot, r.SpotPurchaseCostUsd, 1e-7);
        Assert.Equal(0.25, r.IntervalHours);
    }

    [Fact]
    public void Two_settlement_with_the_hourly_day_ahead_price_on_its_four_quarters()
    {
        var start = new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc);
        var daHourly = TestSupport.TestData.RandomPrices(new Random(21), 24, 60, 20);
        var da = daHourly.SelectMany(p => Enumerable.Repeat(p, 4)).ToArray();
        var m = Quarters(start, 96, seed: 13, dayAhead: da);
        var problem = new DispatchProblem(m, Site);
        var rtRun = new double[96];
        var daRun = new double[96];
        new ThresholdStrategy().Dispatch(problem, rtRun);
        for (int h = 0; h < 24; h++) for (int q = 0; q < 4; q++) daRun[4 * h + q] = h % 3 == 0 ? 0.5 : 1.0;
        var r = TwoSettlement.Settle(problem, daRun, rtRun);

        double daE = 0, rtE = 0, cost = 0, gain = 0;
        for (int i = 0; i < 96; i++)
        {
            double qd = daRun[i] * 10 * 0.25, qr = rtRun[i] * 10 * 0.25;
            daE += qd; rtE += qr;
            cost += qd * daHourly[i / 4] + (qr - qd) * m.PriceUsdPerMWh[i];
            gain += qd * (m.PriceUsdPerMWh[i] - daHourly[i / 4]);
        }
        Assert.Equal((16 * 1.0 + 8 * 0.5) * 10, daE, Tol); // 24 hours: 8 at half, 16 at full
        Assert.Equal(daE, r.DayAheadMWh, Tol);
        Assert.Equal(rtE, r.RealTimeMWh, Tol);
        Assert.Equal(cost, r.EnergyCostUsd, 1e-7);
        Assert.Equal(gain, r.DayAheadGainUsd, 1e-7);
    }

    [Fact]
    public void Basis_and_demand_response_scale_with_the_interval()
    {
        var m = Quarters(new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc), 96, seed: 17);
        var zone = TestSupport.TestData.RandomPrices(new Random(19), 96, 75, 30);
        var problem = new DispatchProblem(m, Site);
        var run = new double[96];
        new ThresholdStrategy().Dispatch(problem, run);

        var b = BasisSettlement.Compare(m.StartsUtc, m.PriceUsdPerMWh, zone, run, 10, 0.25);
        double e = 0, basisCost = 0;
        for (int i = 0; i < 96; i++)
        {
            e += run[i] * 10 * 0.25;
            basisCost += run[i] * 10 * 0.25 * (zone[i] - m.PriceUsdPerMWh[i]);
        }
        Assert.Equal(e, b.EnergyMWh, Tol);
        Assert.Equal(basisCost, b.BasisCostUsd, 1e-7);

        // Demand response: $12/MW-h for the MW above 2 MW, HE15..HE18 only.
        var contract = new AncillaryCapacityContract { PriceUsdPerMwHour = 12, MinimumLoadMw = 2, HoursEnding = [15, 16, 17, 18] };
        var dr = AncillaryCapacity.Compute(problem, run, contract, Clock);
        double income = 0, mwh = 0;
        int eligible = 0;
        for (int i = 0; i < 96; i++)
        {
            int he = Local(m.StartsUtc[i]).Hour + 1;
            if (he < 15 || he > 18) continue;
            eligible++;
            double mw = Math.Max(0, run[i] * 10 - 2);
            income += 12 * mw * 0.25;
            mwh += mw * 0.25;
        }
        Assert.Equal(16, eligible); // 4 hours x 4 quarters
        Assert.Equal(eligible, dr.EligibleIntervals);
        Assert.Equal(income, dr.IncomeUsd, 1e-9);
        Assert.Equal(mwh, dr.CurtailableMwHours, 1e-9);
        Assert.Equal(mwh / 4.0, dr.AverageCurtailableMw, 1e-9); // over the 4 eligible hours
    }

    [Fact]
    public void FourCp_with_hourly_system_load_takes_the_sites_highest_MW_in_the_peak_hour()
    {
        // 2024-08-20 (CDT), 15-minute market; hourly system load peaking in the hour starting 21:00Z (16:00 CDT).
        var start = new DateTime(2024, 8, 20, 5, 0, 0, DateTimeKind.Utc);
        var m = Quarters(start, 96, seed: 23);
        var loadStarts = Enumerable.Range(0, 24).Select(h => start.AddHours(h)).ToArray();
        var loadMw = Enumerable.Range(0, 24).Select(h => h == 16 ? 85_000.0 : 60_000.0 + h).ToArray();
        var load = new SystemLoad(loadStarts, loadMw, "hourly load");
        Assert.Equal(TimeSpan.FromHours(1), load.Interval);
        var peaks = CoincidentPeaks.FromSystemLoad(load, Clock);
        var peak = Assert.Single(peaks);
        Assert.Equal(start.AddHours(16), peak.StartUtc);

        // Base: the site runs all day except the first quarter of the peak hour; avoidance: off the whole peak hour.
        int first = 16 * 4;
        var baseMw = new double[96];
        var avoidMw = new double[96];
        for (int i = 0; i < 96; i++)
        {
            baseMw[i] = i == first ? 0 : 10;
            avoidMw[i] = i >= first && i < first + 4 ? 0 : 10;
        }
        var rev = new double[96];
        var r = FourCpReport.AtPeaks(new SiteLoadProfile(m, 0, baseMw, rev), new SiteLoadProfile(m, 0, avoidMw, rev), peaks, 60, Clock);
        var month = Assert.Single(r.Months);
        Assert.Equal(10.0, month.SiteMwWithoutAvoidance); // curtailing one quarter does not avoid an hourly-load peak
        Assert.Equal(0.0, month.SiteMwWithAvoidance);

        // A known 15-minute peak interval (ERCOT's published 4CP) is the one market interval holding it.
        var known = CoincidentPeaks.FromKnownIntervals([start.AddHours(16)], Clock);
        var k = FourCpReport.AtPeaks(new SiteLoadProfile(m, 0, baseMw, rev), new SiteLoadProfile(m, 0, avoidMw, rev), known, 60, Clock);
        Assert.Equal(0.0, Assert.Single(k.Months).SiteMwWithoutAvoidance);

        // The load rule with hourly load: every quarter of hour h reads the last hour that has ended (h − 1), rising
        // over h − 2 and within 1 % of the month's highest hour so far, so all four quarters of an hour get the same
        // decision, as the hour in an hourly run.
        var rule = FourCpAvoidance.LoadThreshold(load, 0.99, FourCpWindowRule.AllDay(8));
        var flags = rule.Flags(m, Clock);
        for (int i = 0; i < 96; i++)
        {
            int h = i / 4;
            bool expect = h >= 2 && loadMw[h - 1] > loadMw[h - 2] && loadMw[h - 1] >= 0.99 * loadMw.Take(h).Max();
            Assert.Equal(expect, flags[i]);
        }
        Assert.Equal([true, true, true, true], flags[first..(first + 4)]);
    }
}

public class HourlyMeansTests
{
    [Fact]
    public void Four_quarters_become_their_hourly_mean_and_a_gap_gives_null()
    {
        var start = new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc);
        double[] p = [10, 20, 30, 41, -4, 4, 8, 0];
        double[] hp = [0.05, 0.05, 0.05, 0.05, 0.06, 0.06, 0.06, 0.06];
        double[] da = [33, 33, 33, 33, 44, 44, 44, 44];
        var m = TestSupport.TestData.Intervals(start, p, hp, 0.25, da);
        var h = HourlyMeans.Of(m)!;
        Assert.Equal([start, start.AddHours(1)], h.StartsUtc);
        Assert.Equal([(10 + 20 + 30 + 41) / 4.0, (-4 + 4 + 8 + 0) / 4.0], h.PriceUsdPerMWh);
        Assert.Equal([0.05, 0.06], h.HashpriceUsdPerThDay);
        Assert.Equal([33.0, 44.0], h.DayAheadPriceUsdPerMWh!);
        Assert.Equal(1.0, h.IntervalHours);

        var gap = new MarketSeries([.. m.StartsUtc[..3], m.StartsUtc[4].AddHours(1)], p[..4], hp[..4], 0.25);
        Assert.Null(HourlyMeans.Of(gap));
        Assert.Same(h, HourlyMeans.Of(h));
    }
}
