using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

public class HashpriceShocksTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    /// <summary>Daily hashprice 2024-01-01 .. 2024-09-30 alternating ×1.02 / ÷1.01, halved on 2024-04-20.</summary>
    private static (DateTime[] Days, double[] Hp) Daily()
    {
        var days = new List<DateTime>();
        var hp = new List<double>();
        double v = 0.08;
        for (var d = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc); d <= new DateTime(2024, 9, 30, 0, 0, 0, DateTimeKind.Utc); d = d.AddDays(1))
        {
            if (days.Count > 0) v *= days.Count % 2 == 1 ? 1.02 : 1 / 1.01;
            if (d == new DateTime(2024, 4, 20, 0, 0, 0, DateTimeKind.Utc)) v *= 0.5;
            days.Add(d);
            hp.Add(v);
        }
        return (days.ToArray(), hp.ToArray());
    }

    [Fact]
    public void FromDaily_UsesOnlyTheLastEpoch_Demeaned()
    {
        var (days, hp) = Daily();
        var s = HashpriceShocks.FromDaily(days, hp);
        // Changes from 14 days after the 2024-04-20 halving: 2024-05-04 → 2024-09-30 is 28 + 30 + 31 + 31 + 30 = 150 days,
        // 149 changes; the halving jump (2024-04-19 → 04-20) is not one of them.
        Assert.Equal(149, s.Count);
        Assert.Equal(4, s.Epoch);
        Assert.Equal(new DateOnly(2024, 5, 4), s.FirstDay);
        double mean = 0, raw = 0;
        int i0 = Array.IndexOf(days, new DateTime(2024, 5, 4, 0, 0, 0, DateTimeKind.Utc));
        for (int i = i0 + 1; i < days.Length; i++) raw += Math.Log(hp[i] / hp[i - 1]);
        raw /= 149;
        foreach (double c in s.Changes) mean += c;
        Assert.Equal(0.0, mean / 149, 12);
        Assert.Equal(raw, s.MeanDailyLogChange, 12);
        // Every change is ln 1.02 or −ln 1.01, demeaned.
        Assert.All(s.Changes, c => Assert.True(Math.Abs(c + raw - Math.Log(1.02)) < 1e-12 || Math.Abs(c + raw + Math.Log(1.01)) < 1e-12));
        Assert.Contains("2024-05-04", s.Description);
    }

    [Fact]
    public void FromDaily_TooFewChanges_IsAClearError()
    {
        var (days, hp) = Daily();
        int end = Array.IndexOf(days, new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc));   // 2024-05-04 .. 05-31: 27 changes
        var ex = Assert.Throws<ArgumentException>(() => HashpriceShocks.FromDaily(days[..end], hp[..end]));
        Assert.Contains("has 27 daily changes", ex.Message);
        Assert.Contains("needs at least 30", ex.Message);
        Assert.Contains("14 days after the 2024-04-20 halving", ex.Message);
    }

    [Fact]
    public void ForwardPaths_AreThePathTimesBootstrappedChanges()
    {
        var (days, hp) = Daily();
        var shocks = HashpriceShocks.FromDaily(days, hp);
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31));
        var hist = new MarketSeries(hours, hours.Select((_, i) => 30.0 + i % 24).ToArray(), new double[hours.Length]);
        var curve = new ForwardCurve([.. Enumerable.Range(1, 3).SelectMany(m => new[]
        {
            new ForwardBlockPrice(2026, m, ForwardBlock.Peak5x16, 50), new ForwardBlockPrice(2026, m, ForwardBlock.Weekend2x16, 40), new ForwardBlockPrice(2026, m, ForwardBlock.Night7x8, 30),
        })], "HB_WEST");
        static double[] Path(DateTime[] h) => HashpricePath.Flat(new UsdPerPhDay(45).ToPerThDay(), h);
        var opt = new MonteCarloOptions(Paths: 5, Seed: 4, BlockDays: 7, HorizonDays: 59) { StartDay = new DateOnly(2026, 1, 1), ForwardHashpriceShocks = shocks };
        var set = new HashSet<long>(shocks.Changes.Select(c => (long)Math.Round(c * 1e9)));
        var finals = new List<double>();
        for (int p = 0; p < opt.Paths; p++)
        {
            var s = MonteCarloEngine.GenerateForwardPath(hist, opt, curve, Path, p, clock: Clock).Series;
            var t = s.StartsUtc;
            double baseHp = 0.045;
            Assert.Equal(baseHp, s.HashpriceUsdPerThDay[0], 15);   // day 0 is the path itself
            for (int i = 1; i < t.Length; i++)
            {
                double ratio = s.HashpriceUsdPerThDay[i] / s.HashpriceUsdPerThDay[i - 1];
                if (t[i].Date == t[i - 1].Date) Assert.Equal(1.0, ratio, 12);       // constant within a UTC day
                else Assert.Contains((long)Math.Round(Math.Log(ratio) * 1e9), set);  // one drawn daily change per new day
            }
            finals.Add(s.HashpriceUsdPerThDay[^1]);
            // Same seed, same path.
            Assert.Equal(s.HashpriceUsdPerThDay, MonteCarloEngine.GenerateForwardPath(hist, opt, curve, Path, p, clock: Clock).Series.HashpriceUsdPerThDay);
        }
        Assert.True(finals.Distinct().Count() > 1, "paths should differ");
        // Without shocks, every path is the path.
        var flat = MonteCarloEngine.GenerateForwardPath(hist, opt with { ForwardHashpriceShocks = null }, curve, Path, 1, clock: Clock).Series;
        Assert.All(flat.HashpriceUsdPerThDay, v => Assert.Equal(0.045, v, 15));
    }
}
