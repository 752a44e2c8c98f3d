using MiningDispatch.Core.Economics;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.FourCp;

public class FourCpTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    // One weekday per summer month of 2024 (CDT, UTC−5), hours local 14:00–18:00 (UTC 19:00–23:00).
    private static readonly (int Month, int Day)[] Days = [(6, 26), (7, 16), (8, 20), (9, 4)];
    // Peak sample per month, local time: Jun 16:45, Jul 15:30, Aug 17:15, Sep 14:15 (outside the 15:00–17:30 window).
    private static readonly (int Hour, int Minute)[] PeakLocal = [(16, 45), (15, 30), (17, 15), (14, 15)];

    private static DateTime Utc(int mo, int d, int h, int mi = 0) => new(2024, mo, d, h, mi, 0, DateTimeKind.Utc);

    // 10 MW, 25 W/TH, 0.06 $/TH/day → 100 $/MWh revenue; price 40 → net 600 $ per full hour.
    private static DispatchProblem Problem()
    {
        var starts = Days.SelectMany(d => Enumerable.Range(19, 5).Select(h => Utc(d.Month, d.Day, h))).ToArray();
        var market = new MarketSeries(starts, starts.Select(_ => 40.0).ToArray(), starts.Select(_ => 0.06).ToArray());
        return new DispatchProblem(market, new SiteSpec(new Megawatts(10), new WattsPerTerahash(25)));
    }

    private static SystemLoad Load()
    {
        var t = new List<DateTime>();
        var v = new List<double>();
        for (int k = 0; k < Days.Length; k++)
        {
            var (mo, d) = Days[k];
            for (int q = 0; q < 20; q++)
            {
                var s = Utc(mo, d, 19).AddMinutes(15 * q);
                t.Add(s);
                var local = Clock.ToLocal(s);
                bool peak = local.Hour == PeakLocal[k].Hour && local.Minute == PeakLocal[k].Minute;
                v.Add(peak ? 80_000 + 100 * mo : 60_000);
            }
        }
        return new SystemLoad(t.ToArray(), v.ToArray(), "test load");
    }

    [Fact]
    public void FromSystemLoad_FindsOnePeakPerMonth()
    {
        var peaks = CoincidentPeaks.FromSystemLoad(Load(), Clock);
        Assert.Equal(
            [Utc(6, 26, 21, 45), Utc(7, 16, 20, 30), Utc(8, 20, 22, 15), Utc(9, 4, 19, 15)],
            peaks.Select(p => p.StartUtc));
        Assert.Equal([80_600.0, 80_700, 80_800, 80_900], peaks.Select(p => p.SystemLoadMw!.Value));
        Assert.Equal([6, 7, 8, 9], peaks.Select(p => p.Month));
    }

    [Fact]
    public void FromSystemLoad_TieGoesToTheEarliestInterval_AndOtherMonthsAreIgnored()
    {
        var load = new SystemLoad(
            [Utc(5, 31, 20), Utc(6, 3, 20), Utc(6, 4, 20), Utc(6, 5, 20)],
            [99_000, 70_000, 75_000, 75_000]);
        var p = Assert.Single(CoincidentPeaks.FromSystemLoad(load, Clock));
        Assert.Equal(Utc(6, 4, 20), p.StartUtc);
    }

    [Fact]
    public void CalendarStrategy_AtLoadPeaks_HandComputed()
    {
        var problem = Problem();
        var strategy = new FourCpStrategy(new AlwaysOnStrategy(), FourCpAvoidance.Calendar(), Clock);
        var r = FourCpReport.Evaluate(problem, strategy, CoincidentPeaks.FromSystemLoad(Load(), Clock), 60);
        // Calendar curtails local 15:00, 16:00, 17:00 each day. Peaks at 16:45, 15:30, 17:15 are avoided; 14:15 is not.
        Assert.Equal([10.0, 10, 10, 10], r.Months.Select(m => m.SiteMwWithoutAvoidance));
        Assert.Equal([0.0, 0, 0, 10], r.Months.Select(m => m.SiteMwWithAvoidance));
        var y = Assert.Single(r.Years);
        Assert.True(y.IsComplete);
        Assert.Equal((10.0, 2.5), (y.TagMwWithoutAvoidance, y.TagMwWithAvoidance));
        Assert.Equal(600_000, r.ChargeWithoutAvoidanceUsd, 6);   // 10 MW × 1000 × 60 $/kW-yr
        Assert.Equal(150_000, r.ChargeWithAvoidanceUsd, 6);
        Assert.Equal(450_000, r.AvoidedChargeUsd, 6);
        Assert.Equal(12, r.CurtailedIntervals);                  // 3 hours × 4 days
        Assert.Equal(120, r.CurtailedMWh, 9);
        Assert.Equal(7_200, r.EnergyProfitGivenUpUsd, 6);        // 12 h × 600 $
        Assert.Equal(442_800, r.NetBenefitUsd, 6);
        Assert.Equal("always-on+4cp", strategy.Name);
    }

    [Fact]
    public void CalendarWorstCase_WithoutLoadData_HandComputed()
    {
        var problem = Problem();
        var strategy = new FourCpStrategy(new AlwaysOnStrategy(), FourCpAvoidance.Calendar(), Clock);
        var r = FourCpReport.EvaluateCalendar(problem, strategy, FourCpWindowRule.Default, 60);
        Assert.Equal("calendar worst case", r.PeakBasis);
        Assert.Equal(4, r.Months.Count);
        Assert.All(r.Months, m => Assert.Null(m.PeakStartUtc));
        Assert.Equal(600_000, r.ChargeWithoutAvoidanceUsd, 6);
        Assert.Equal(0, r.ChargeWithAvoidanceUsd, 6);
        Assert.Equal(600_000 - 7_200, r.NetBenefitUsd, 6);
    }

    [Fact]
    public void LoadThreshold_IsNonAnticipative_FutureLoadDoesNotChangePastDecisions()
    {
        int n = 24 * 5;
        var rng = new Random(3);
        var starts = Enumerable.Range(0, n).Select(i => Utc(7, 1, 5).AddHours(i)).ToArray();
        var loads = starts.Select(_ => 50_000 + 30_000 * rng.NextDouble()).ToArray();
        var market = new MarketSeries(starts, new double[n], Enumerable.Repeat(0.06, n).ToArray());
        var baseFlags = FourCpAvoidance.LoadThreshold(new SystemLoad(starts, loads), 0.97, FourCpWindowRule.AllDay()).Flags(market, Clock);
        foreach (int k in new[] { 10, 50, 100 })
        {
            var changed = (double[])loads.Clone();
            for (int t = k + 1; t < n; t++) changed[t] = 50_000 + 30_000 * rng.NextDouble();
            var flags = FourCpAvoidance.LoadThreshold(new SystemLoad(starts, changed), 0.97, FourCpWindowRule.AllDay()).Flags(market, Clock);
            Assert.Equal(baseFlags.AsSpan(0, k + 1).ToArray(), flags.AsSpan(0, k + 1).ToArray());
        }
        Assert.True(new FourCpStrategy(new AlwaysOnStrategy(), FourCpAvoidance.Calendar()).IsNonAnticipative);
    }

    [Fact]
    public void WindowRule_HourlyAndFifteenMinuteIntervals()
    {
        var w = FourCpWindowRule.Default;
        // Wed 2024-06-26, local 00:00 = 05:00Z. Hourly: 15:00, 16:00, 17:00 (HE16–HE18).
        var hourly = Enumerable.Range(0, 24).Where(h => w.Contains(Utc(6, 26, 5).AddHours(h), 1.0, Clock)).ToArray();
        Assert.Equal([15, 16, 17], hourly);
        // 15-minute: 15:00 .. 17:15 → 10 intervals.
        var quarter = Enumerable.Range(0, 96).Count(q => w.Contains(Utc(6, 26, 5).AddMinutes(15 * q), 0.25, Clock));
        Assert.Equal(10, quarter);
        // Saturday and May are outside.
        Assert.False(w.Contains(Utc(6, 29, 21), 1.0, Clock));
        Assert.False(w.Contains(Utc(5, 29, 21), 1.0, Clock));
    }

    [Fact]
    public void AtPeaks_PeakInAGap_Throws_AndPeaksOutsideThePeriodAreSkipped()
    {
        var problem = Problem();
        var run = Enumerable.Repeat(1.0, problem.Count).ToArray();
        // 2024-07-01 is between the June and July days of the market data: a gap.
        var gap = CoincidentPeaks.FromKnownIntervals([Utc(6, 26, 21), Utc(7, 1, 20)], Clock);
        var ex = Assert.Throws<ArgumentException>(() => FourCpReport.AtPeaks(problem, run, run, gap, 60, Clock));
        Assert.Contains("2024-07-01T20:00:00", ex.Message);
        // A peak after the data ends leaves that month uncovered; the tag averages the months found.
        var some = CoincidentPeaks.FromKnownIntervals([Utc(6, 26, 21), Utc(9, 20, 20)], Clock);
        var r = FourCpReport.AtPeaks(problem, run, run, some, 60, Clock, "known intervals");
        var y = Assert.Single(r.Years);
        Assert.Equal(1, y.MonthsFound);
        Assert.False(y.IsComplete);
    }

    [Fact]
    public void WindowRule_EndBeforeStart_Throws()
    {
        var w = FourCpWindowRule.Default with { FromLocal = new TimeOnly(17, 0), ToLocal = new TimeOnly(15, 0) };
        var ex = Assert.Throws<ArgumentException>(() => FourCpAvoidance.Calendar(w));
        Assert.Contains("15:00", ex.Message);
        Assert.Contains("17:00", ex.Message);
    }
}
