using MiningDispatch.Core.Economics;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.FourCp;

/// <summary>The non-anticipative load rule, official intervals, 15-minute vs hourly peaks and the hit-rate figures.</summary>
public class FourCpRuleTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    // 2024-06-03 00:00 CDT = 05:00Z.
    private static readonly DateTime June3 = new(2024, 6, 3, 5, 0, 0, DateTimeKind.Utc);

    private static MarketSeries Market(DateTime[] starts, double intervalHours = 1.0, double[]? prices = null) =>
        TestSupport.TestData.Intervals(starts[0], prices ?? new double[starts.Length], Enumerable.Repeat(0.06, starts.Length).ToArray(), intervalHours);

    private static bool[] Flags(double[] loadMw, double fraction = 0.95, double floor = 0)
    {
        var starts = Enumerable.Range(0, loadMw.Length).Select(h => June3.AddHours(h)).ToArray();
        var rule = FourCpAvoidance.LoadThreshold(new SystemLoad(starts, loadMw), fraction, FourCpWindowRule.AllDay(), floor);
        return rule.Flags(Market(starts), Clock);
    }

    [Fact]
    public void LoadRule_HandComputed_ReadsOnlyTheLoadThatHasEnded()
    {
        // Hour h is decided on hour h−1 (L), hour h−2 (P) and the month's max of hours 0..h−1 (M); f = 0.95.
        // h0: no June hour has ended → off. h1: L=50, no P → off. h2: L=60>50, M=60 → on. h3: L=55<60 → off.
        // h4: L=58>55, 58 ≥ 0.95·60=57 → on. h5: L=70>58, M=70 → on. h6: L=69<70 → off. h7: L=40<69 → off.
        double[] gw = [50, 60, 55, 58, 70, 69, 40, 72];
        var flags = Flags(gw.Select(x => x * 1000).ToArray());
        Assert.Equal([false, false, true, false, true, true, false, false], flags);
        // The month's peak (h7, 72 GW after a dip) is missed: only a rule that knew h7's load could curtail it.
        // A floor of 65 GW drops the calls at 60 and 58 GW.
        Assert.Equal([false, false, false, false, false, true, false, false], Flags(gw.Select(x => x * 1000).ToArray(), floor: 65_000));
    }

    [Fact]
    public void LoadRule_IsNonAnticipative_TheDecidedIntervalAndLaterLoadsChangeNothing_EarlierLoadsDo()
    {
        double[] load = [50_000, 60_000, 55_000, 58_000, 70_000, 69_000, 40_000, 72_000, 30_000];
        var baseFlags = Flags(load);
        // Knowing the future would change the decision at h7 (it is the month's peak; with 30 GW it is not), but
        // the rule decides h7 the same way whatever h7 and h8 hold.
        foreach (var (h7, h8) in new[] { (20_000.0, 90_000.0), (95_000.0, 10_000.0), (72_000.0, 72_000.0) })
        {
            var changed = (double[])load.Clone();
            changed[7] = h7;
            changed[8] = h8;
            Assert.Equal(baseFlags.AsSpan(0, 8).ToArray(), Flags(changed).AsSpan(0, 8).ToArray());
        }
        // What it has seen does matter: h6 rising to 71 GW (over h5's 69, a new month high) makes h7 a call.
        var past = (double[])load.Clone();
        past[6] = 71_000;
        Assert.False(baseFlags[7]);
        Assert.True(Flags(past)[7]);
    }

    [Fact]
    public void LoadRule_AfterAGapInTheLoad_DoesNotCurtail_AndCountsTheIntervalsAsBlind()
    {
        // Load for hours 0..3 of 3 June only; the market runs hours 0..7. Hours 5, 6, 7 read a sample that ended at
        // 04:00 local, more than one hour before: blind. Hour 4 still reads hour 3 (ended at its start).
        var loadStarts = Enumerable.Range(0, 4).Select(h => June3.AddHours(h)).ToArray();
        var rule = FourCpAvoidance.LoadThreshold(new SystemLoad(loadStarts, [50_000, 60_000, 61_000, 62_000]), 0.95, FourCpWindowRule.AllDay());
        var marketStarts = Enumerable.Range(0, 8).Select(h => June3.AddHours(h)).ToArray();
        var d = rule.Decide(marketStarts, 1.0, Clock);
        Assert.Equal([false, false, true, true, true, false, false, false], d.Curtail);
        Assert.Equal(3, d.BlindIntervals);
        Assert.Equal(June3.AddHours(5), d.FirstBlindUtc);
    }

    [Fact]
    public void WeekendPeak_IsCaught_AndTheOldWeekdayWindowWouldMissIt()
    {
        // June 2024, hourly: load = 60 GW + 200 MW × day + 1 GW × (h ≤ 17 ? h : 34 − h), so each day peaks at 17:00 CDT
        // and the month's peak is Sunday 30 June 17:00 (22:00Z).
        var starts = new List<DateTime>();
        var mw = new List<double>();
        for (int day = 1; day <= 30; day++)
            for (int h = 0; h < 24; h++)
            {
                starts.Add(new DateTime(2024, 6, day, 5, 0, 0, DateTimeKind.Utc).AddHours(h));
                mw.Add(60_000 + 200 * day + 1000 * (h <= 17 ? h : 34 - h));
            }
        var load = new SystemLoad(starts.ToArray(), mw.ToArray(), "synthetic June");
        var peak = Assert.Single(CoincidentPeaks.FromSystemLoad(load, Clock));
        var sunday = new DateTime(2024, 6, 30, 22, 0, 0, DateTimeKind.Utc);
        Assert.Equal(sunday, peak.StartUtc);
        Assert.Equal(DayOfWeek.Sunday, Clock.ToLocal(sunday).DayOfWeek);
        Assert.False(FourCpWindowRule.Default.Contains(sunday, 1.0, Clock)); // weekdays only
        Assert.True(FourCpWindowRule.AnyDay.Contains(sunday, 1.0, Clock));

        // 17:00 is decided on 16:00 (82,000 MW, rising, ≥ 95 % of Saturday's 82,800 MW peak): curtailed.
        var market = new MarketSeries(load.StartsUtc, new double[load.Count], Enumerable.Repeat(0.06, load.Count).ToArray());
        var problem = new DispatchProblem(market, new SiteSpec(new Megawatts(10), new WattsPerTerahash(25)));
        var strategy = new FourCpStrategy(new AlwaysOnStrategy(), FourCpAvoidance.LoadThreshold(load, 0.95, FourCpWindowRule.AllDay()), Clock);
        var r = FourCpReport.Evaluate(problem, strategy, [peak], 60);
        var month = Assert.Single(r.Months);
        Assert.Equal(10.0, month.SiteMwWithoutAvoidance);
        Assert.Equal(0.0, month.SiteMwWithAvoidance);
        Assert.Equal(1, r.PeaksAvoided);
        Assert.Equal(600_000, r.AvoidedChargeUsd, 6);
    }

    [Fact]
    public void FifteenMinuteLoad_GivesTheQuarter_HourlyLoadTheHour_AndTheSiteDemandFollows()
    {
        // 2024-07-10, local 15:00–17:00 (20:00Z–22:00Z) in quarters. One spike quarter at 15:30 (80 GW), the hour
        // 16:00 flat at 79 GW, else 70 GW. Hourly means: 15:00 → (3·70 + 80)/4 = 72.5 GW, 16:00 → 79 GW.
        var t0 = new DateTime(2024, 7, 10, 20, 0, 0, DateTimeKind.Utc);
        var q = Enumerable.Range(0, 8).Select(i => t0.AddMinutes(15 * i)).ToArray();
        double[] quarterMw = [70_000, 70_000, 80_000, 70_000, 79_000, 79_000, 79_000, 79_000];
        var quarterPeak = Assert.Single(CoincidentPeaks.FromSystemLoad(new SystemLoad(q, quarterMw), Clock));
        Assert.Equal(t0.AddMinutes(30), quarterPeak.StartUtc);
        Assert.Equal(TimeSpan.FromMinutes(15), quarterPeak.Length);
        var hourlyPeak = Assert.Single(CoincidentPeaks.FromSystemLoad(new SystemLoad([t0, t0.AddHours(1)], [72_500, 79_000]), Clock));
        Assert.Equal(t0.AddHours(1), hourlyPeak.StartUtc);
        Assert.Equal(TimeSpan.FromHours(1), hourlyPeak.Length);

        // A 15-minute site: MW per quarter 1..8 (base), avoidance off in quarter 2 only.
        var m = Market(q, 0.25);
        double[] baseMw = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] avoidMw = [1, 2, 0, 4, 5, 6, 7, 8];
        var rev = new double[8];
        var atQuarter = FourCpReport.AtPeaks(new SiteLoadProfile(m, 0, baseMw, rev), new SiteLoadProfile(m, 0, avoidMw, rev), [quarterPeak], 60, Clock);
        Assert.Equal(3.0, Assert.Single(atQuarter.Months).SiteMwWithoutAvoidance); // exactly the 15:30 quarter
        Assert.Equal(0.0, atQuarter.Months[0].SiteMwWithAvoidance);
        // The hourly peak lies in an unknown quarter of 16:00–17:00: the highest of 5, 6, 7, 8.
        var atHour = FourCpReport.AtPeaks(new SiteLoadProfile(m, 0, baseMw, rev), new SiteLoadProfile(m, 0, avoidMw, rev), [hourlyPeak], 60, Clock);
        Assert.Equal(8.0, Assert.Single(atHour.Months).SiteMwWithoutAvoidance);
        Assert.Equal(8.0, atHour.Months[0].SiteMwWithAvoidance);
    }

    // One day per summer month 2024 (Jun 30 is a Sunday), local 16:00–18:00 = 21:00Z–23:00Z.
    private static readonly (int Month, int Day)[] OfficialDays = [(6, 30), (7, 15), (8, 20), (9, 5)];

    private static IReadOnlyList<CoincidentPeak> Official() => CoincidentPeaks.FromKnownIntervals(
    [
        new DateTime(2024, 6, 30, 21, 45, 0, DateTimeKind.Utc), // 16:45 CDT
        new DateTime(2024, 7, 15, 21, 0, 0, DateTimeKind.Utc),  // 16:00
        new DateTime(2024, 8, 20, 22, 15, 0, DateTimeKind.Utc), // 17:15
        new DateTime(2024, 9, 5, 22, 45, 0, DateTimeKind.Utc),  // 17:45
    ], Clock);

    [Fact]
    public void OfficialIntervals_TagIsTheSiteDemandInExactlyThoseIntervals()
    {
        // 15-minute run: quarter k (0..7) of month m's day draws (k + 1) × (m − 5) MW.
        var starts = OfficialDays.SelectMany(d => Enumerable.Range(0, 8).Select(k => new DateTime(2024, d.Month, d.Day, 21, 0, 0, DateTimeKind.Utc).AddMinutes(15 * k))).ToArray();
        var mw = OfficialDays.SelectMany(d => Enumerable.Range(0, 8).Select(k => (k + 1.0) * (d.Month - 5))).ToArray();
        var m = new MarketSeries(starts, new double[starts.Length], Enumerable.Repeat(0.06, starts.Length).ToArray(), 0.25);
        var p = new SiteLoadProfile(m, 0, mw, new double[mw.Length]);
        var r = FourCpReport.AtPeaks(p, p, Official(), 60, Clock, "official");
        // Jun 16:45 = quarter 3 → 4·1; Jul 16:00 = quarter 0 → 1·2; Aug 17:15 = quarter 5 → 6·3; Sep 17:45 = quarter 7 → 8·4.
        Assert.Equal([4.0, 2, 18, 32], r.Months.Select(x => x.SiteMwWithoutAvoidance));
        var y = Assert.Single(r.Years);
        Assert.Equal((4 + 2 + 18 + 32) / 4.0, y.TagMwWithoutAvoidance, 12);
        Assert.Equal(14 * 1000 * 60.0, r.ChargeWithoutAvoidanceUsd, 6);

        // Hourly run: the hour holding each interval; hours 16:00 and 17:00 draw 10 and 20 MW × (m − 5).
        var hs = OfficialDays.SelectMany(d => Enumerable.Range(0, 2).Select(k => new DateTime(2024, d.Month, d.Day, 21, 0, 0, DateTimeKind.Utc).AddHours(k))).ToArray();
        var hmw = OfficialDays.SelectMany(d => new[] { 10.0 * (d.Month - 5), 20.0 * (d.Month - 5) }).ToArray();
        var hm = new MarketSeries(hs, new double[hs.Length], Enumerable.Repeat(0.06, hs.Length).ToArray());
        var hp = new SiteLoadProfile(hm, 0, hmw, new double[hmw.Length]);
        var hr = FourCpReport.AtPeaks(hp, hp, Official(), 60, Clock, "official");
        // Jun 16:45 → 16:00 hour 10; Jul 16:00 → 20; Aug 17:15 → 17:00 hour 60; Sep 17:45 → 80.
        Assert.Equal([10.0, 20, 60, 80], hr.Months.Select(x => x.SiteMwWithoutAvoidance));
        Assert.Equal(170 / 4.0 * 1000 * 60, hr.ChargeWithoutAvoidanceUsd, 6);
    }

    [Fact]
    public void HitRate_PeaksAvoidedHoursAndMoney_MatchALoop()
    {
        // Hourly, 24 h on each official day; price and revenue vary; base runs 5 MW except where the price is
        // above 60; avoidance is also off at 16:00 and 17:00 local on three of the four days (not August).
        var starts = OfficialDays.SelectMany(d => Enumerable.Range(0, 24).Select(h => new DateTime(2024, d.Month, d.Day, 5, 0, 0, DateTimeKind.Utc).AddHours(h))).ToArray();
        int n = starts.Length;
        var price = Enumerable.Range(0, n).Select(i => 20.0 + (i * 37 % 61)).ToArray();
        var market = new MarketSeries(starts, price, Enumerable.Repeat(0.06, n).ToArray());
        var baseMw = new double[n];
        var avoidMw = new double[n];
        var rev = new double[n];
        for (int i = 0; i < n; i++)
        {
            var local = Clock.ToLocal(starts[i]);
            baseMw[i] = price[i] > 60 ? 0 : 5;
            avoidMw[i] = local.Month != 8 && local.Hour is 16 or 17 ? 0 : baseMw[i];
            rev[i] = baseMw[i] * 55; // revenue of the base schedule, $ per hour
        }
        var avoidRev = Enumerable.Range(0, n).Select(i => avoidMw[i] * 55).ToArray();
        var b = new SiteLoadProfile(market, 2, baseMw, rev);
        var a = new SiteLoadProfile(market, 2, avoidMw, avoidRev);
        var r = FourCpReport.AtPeaks(b, a, Official(), 55, Clock, "official");

        int avoided = 0, alreadyOff = 0, curtailed = 0;
        double givenUp = 0, tagB = 0, tagA = 0;
        foreach (var pk in Official())
        {
            int i = Array.FindLastIndex(starts, s => s <= pk.StartUtc);
            if (avoidMw[i] < baseMw[i]) avoided++;
            if (baseMw[i] == 0) alreadyOff++;
            tagB += baseMw[i] / 4;
            tagA += avoidMw[i] / 4;
        }
        for (int i = 0; i < n; i++)
        {
            givenUp += (rev[i] - baseMw[i] * (price[i] + 2)) - (avoidRev[i] - avoidMw[i] * (price[i] + 2));
            if (avoidMw[i] < baseMw[i]) curtailed++;
        }
        Assert.Equal(avoided, r.PeaksAvoided);
        Assert.Equal(alreadyOff, r.PeaksAlreadyOff);
        Assert.True(avoided >= 1 && avoided < 4); // the case is not trivial
        Assert.Equal(curtailed, r.CurtailedIntervals);
        Assert.Equal(curtailed * 1.0, r.CurtailedHours, 12);
        Assert.Equal(givenUp, r.EnergyProfitGivenUpUsd, 6);
        Assert.Equal((tagB - tagA) * 1000 * 55, r.AvoidedChargeUsd, 6);
        Assert.Equal((tagB - tagA) * 1000 * 55 - givenUp, r.NetBenefitUsd, 6);
    }

    [Fact]
    public void RuleBacktest_PerSummer_MatchesALoop_AndMarksPartialMonths()
    {
        // Two summers of hourly load with a random walk; 2023 starts on 10 June (partial month).
        var rng = new Random(11);
        var starts = new List<DateTime>();
        var mw = new List<double>();
        foreach (int year in new[] { 2023, 2024 })
        {
            var t = year == 2023 ? new DateTime(2023, 6, 10, 5, 0, 0, DateTimeKind.Utc) : new DateTime(2024, 6, 1, 5, 0, 0, DateTimeKind.Utc);
            var end = new DateTime(year, 10, 1, 5, 0, 0, DateTimeKind.Utc);
            double x = 60_000;
            for (; t < end; t = t.AddHours(1))
            {
                x = Math.Clamp(x + rng.Next(-3000, 3001), 40_000, 90_000);
                starts.Add(t);
                mw.Add(x);
            }
        }
        var load = new SystemLoad(starts.ToArray(), mw.ToArray());
        var bt = FourCpRuleBacktest.Run(FourCpAvoidance.LoadThreshold(load, 0.97, FourCpWindowRule.AllDay()), Clock);

        // The loop: CDT all summer (local = UTC − 5 h); hour i decided on i−1 and i−2, M = max of the month's hours before i.
        var caught = new Dictionary<int, int>();
        var hours = new Dictionary<int, double>();
        var peakIdx = new Dictionary<(int, int), int>();
        for (int i = 0; i < starts.Count; i++)
        {
            var l = starts[i].AddHours(-5);
            var key = (l.Year, l.Month);
            if (!peakIdx.TryGetValue(key, out int pi) || mw[i] > mw[pi]) peakIdx[key] = i;
        }
        var flag = new bool[starts.Count];
        for (int i = 2; i < starts.Count; i++)
        {
            var l = starts[i].AddHours(-5);
            if (starts[i - 1] != starts[i].AddHours(-1) || starts[i - 2] != starts[i].AddHours(-2)) continue;
            double m = double.NegativeInfinity;
            for (int j = i - 1; j >= 0 && starts[j].AddHours(-5).Month == l.Month && starts[j].AddHours(-5).Year == l.Year; j--) m = Math.Max(m, mw[j]);
            flag[i] = !double.IsNegativeInfinity(m) && mw[i - 1] > mw[i - 2] && mw[i - 1] >= 0.97 * m;
            if (flag[i]) hours[l.Year] = hours.GetValueOrDefault(l.Year) + 1;
        }
        foreach (var ((y, _), i) in peakIdx) caught[y] = caught.GetValueOrDefault(y) + (flag[i] ? 1 : 0);

        Assert.Equal([2023, 2024], bt.Summers.Select(s => s.Year));
        Assert.Equal([caught[2023], caught[2024]], bt.Summers.Select(s => s.PeaksCaught));
        Assert.Equal([hours[2023], hours[2024]], bt.Summers.Select(s => s.HoursCurtailed));
        Assert.Equal([4, 4], bt.Summers.Select(s => s.Months));
        Assert.Equal([3, 4], bt.Summers.Select(s => s.CompleteMonths)); // June 2023 starts on the 10th
        Assert.False(bt.Months[0].Complete);
        Assert.Equal(60, bt.LoadIntervalMinutes);
    }
}
