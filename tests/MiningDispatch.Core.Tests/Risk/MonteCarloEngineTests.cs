using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

public class MonteCarloEngineTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Central);

    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(22), PoolFee: 0.02, Adder: new UsdPerMWh(4), MinProfitUsdPerHour: 50);

    /// <summary>Two years of hourly history (2023–2024) with a daily shape, summer level, random spikes and a daily hashprice.</summary>
    private static MarketSeries History()
    {
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 31));
        var rng = new Random(11);
        var price = new double[hours.Length];
        var hp = new double[hours.Length];
        for (int i = 0; i < hours.Length; i++)
        {
            var l = Local(hours[i]);
            price[i] = 25 + 20 * Math.Sin((l.Hour - 9) * Math.PI / 12) + (l.Month is >= 6 and <= 9 ? 30 : 0) + 20 * rng.NextDouble();
            if (rng.NextDouble() < 0.01) price[i] = 400 + 2000 * rng.NextDouble();
            hp[i] = 0.06 - 0.00002 * (hours[i] - hours[0]).Days; // drifting down, constant within a UTC day
        }
        return new MarketSeries(hours, price, hp, settlementPoint: "HB_WEST");
    }

    private static readonly MarketSeries Hist = History();

    [Fact]
    public void Paths_MatchBacktesterOnTheSameSeries()
    {
        var opt = new MonteCarloOptions(Paths: 12, Seed: 5, BlockDays: 7, HorizonDays: 365);
        var mc = MonteCarloEngine.Run(Hist, Site, opt, new ThresholdStrategy(), Clock);
        Assert.Equal(new DateOnly(2025, 1, 1), mc.StartDay);        // month after the history
        Assert.Equal(new DateOnly(2025, 12, 31), mc.EndDay);
        Assert.Equal(8760, mc.IntervalsPerPath);
        Assert.Equal(12, mc.Months.Count);
        Assert.All(mc.Months, m => Assert.True(m.Complete));
        foreach (int p in new[] { 0, 5, 11 })
        {
            var path = MonteCarloEngine.GeneratePath(Hist, opt, p, Clock);
            var bt = Backtester.Run(path.Series, Site, new ThresholdStrategy(), Clock);
            Assert.Equal(bt.Summary.ProfitUsd, mc.PathProfitUsd[p], Math.Abs(bt.Summary.ProfitUsd) * 1e-9);
            Assert.Equal(bt.Summary.RevenueUsd, mc.PathRevenueUsd[p], bt.Summary.RevenueUsd * 1e-9);
            Assert.Equal(bt.Summary.PowerCostUsd, mc.PathPowerCostUsd[p], bt.Summary.PowerCostUsd * 1e-9);
            Assert.Equal(bt.Summary.EnergyMWh, mc.PathEnergyMWh[p], 1e-6);
            Assert.Equal(bt.Summary.AlwaysOnProfitUsd, mc.PathAlwaysOnProfitUsd[p], Math.Abs(bt.Summary.AlwaysOnProfitUsd) * 1e-9);
            for (int k = 0; k < 12; k++) Assert.Equal(bt.Monthly[k].ProfitUsd, mc.MonthlyProfitUsd[p, k], 1e-6);
        }
        // The summaries are the distributions of these arrays.
        Assert.Equal(RiskMetrics.Percentile(mc.PathProfitUsd, 0.05), mc.HorizonProfit.P5Usd, 1e-6);
        Assert.Equal(RiskMetrics.ValueAtRisk(mc.PathProfitUsd, 0.95), mc.HorizonProfit.VaR95Usd!.Value, 1e-6);
        Assert.Equal(-mc.HorizonProfit.P5Usd, mc.HorizonProfit.VaR95Usd);
        Assert.Equal(12 * 12, mc.MonthlyProfit.Count);
        // Uplift = threshold − always-on per path. The threshold only skips hours whose net is ≤ MinProfit (50 $/h), so
        // each path loses at most 50 $ per curtailed hour against always-on (a bound that can fail, unlike "≥ −∞").
        var uplift = Enumerable.Range(0, opt.Paths).Select(p => mc.PathProfitUsd[p] - mc.PathAlwaysOnProfitUsd[p]).ToArray();
        Assert.Equal(uplift.Min(), mc.HorizonUplift.MinUsd, 1e-6);
        Assert.Equal(uplift.Max(), mc.HorizonUplift.MaxUsd, 1e-6);
        for (int p = 0; p < opt.Paths; p++)
            Assert.True(uplift[p] >= -50 * (mc.IntervalsPerPath - mc.PathOperatingHours[p]) - 1e-6, $"path {p}: uplift {uplift[p]}");
        Assert.True(mc.PathOperatingHours.All(h => h < mc.IntervalsPerPath), "some hours should be curtailed on every path");
    }

    [Fact]
    public void SameSeed_SameNumbers_DifferentSeed_DifferentNumbers()
    {
        var a = MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(30, 123, 7, 120) { MaxDegreeOfParallelism = 2 }, clock: Clock);
        var b = MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(30, 123, 7, 120) { MaxDegreeOfParallelism = 1 }, clock: Clock);
        var c = MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(30, 124, 7, 120), clock: Clock);
        Assert.Equal(a.PathProfitUsd, b.PathProfitUsd);
        Assert.Equal(a.MonthlyProfitUsd, b.MonthlyProfitUsd);
        Assert.Equal(a.HorizonProfit with { Tail = [] }, b.HorizonProfit with { Tail = [] });
        Assert.Equal(a.HorizonProfit.Tail, b.HorizonProfit.Tail);
        Assert.NotEqual(a.PathProfitUsd, c.PathProfitUsd);
        Assert.NotEqual(a.HorizonProfit.P50Usd, c.HorizonProfit.P50Usd);
        Assert.True(a.PathProfitUsd.Distinct().Count() > 20, "paths should differ from one another");
    }

    [Fact]
    public void Paths_CopyWholeConsecutiveDays_SeasonAndWeekdayAligned()
    {
        var opt = new MonteCarloOptions(Paths: 4, Seed: 9, BlockDays: 7, HorizonDays: 365);
        for (int p = 0; p < 4; p++)
        {
            var path = MonteCarloEngine.GeneratePath(Hist, opt, p, Clock);
            var s = path.Series;
            var src = path.SourceIndex;
            for (int t = 0; t < s.Count; t++)
            {
                // Price and hashprice come from the same historical interval (joint sampling); the 2025 horizon is after
                // the 2024-04-20 halving, so hashprice from before it counts at half.
                Assert.Equal(Hist.PriceUsdPerMWh[src[t]], s.PriceUsdPerMWh[t]);
                double epochFactor = Hist.StartsUtc[src[t]] < new DateTime(2024, 4, 20, 0, 0, 0, DateTimeKind.Utc) ? 0.5 : 1.0;
                Assert.Equal(Hist.HashpriceUsdPerThDay[src[t]] * epochFactor, s.HashpriceUsdPerThDay[t]);
                var target = Local(s.StartsUtc[t]);
                var source = Local(Hist.StartsUtc[src[t]]);
                var targetDay = DateOnly.FromDateTime(target);
                var sourceDay = DateOnly.FromDateTime(source);
                // Same local hour, except on DST days (missing 02:00 in the source → 01:00 is used).
                if (target.Hour != source.Hour) Assert.True(target.Hour == 2 && source.Hour == 1, $"{target} <- {source}");
                // Day k of a block copies day k of a run of consecutive source days starting on the same weekday,
                // within ±30 days of the year.
                int offset = targetDay.DayNumber - opt.StartDayOrDefault().DayNumber;
                var blockTarget = targetDay.AddDays(-(offset % 7));
                var blockSource = sourceDay.AddDays(-(offset % 7));
                Assert.Equal(blockTarget.DayOfWeek, blockSource.DayOfWeek);
                int dist = Math.Abs(blockTarget.DayOfYear - blockSource.DayOfYear);
                Assert.True(Math.Min(dist, 365 - dist) <= 30, $"{blockTarget} <- {blockSource}");
            }
        }
    }

    [Fact]
    public void DstDays_MapByLocalTime()
    {
        // Target 2025-03-09 has 23 hours and 2025-11-02 has 25; sources are whole 24-hour days or DST days of 2023/2024.
        var opt = new MonteCarloOptions(Paths: 3, Seed: 1, BlockDays: 1, HorizonDays: 365) { SeasonalWindowDays = 0, AlignWeekday = false };
        var path = MonteCarloEngine.GeneratePath(Hist, opt, 2, Clock);
        var spring = path.Series.StartsUtc.Select((u, i) => (u, i)).Where(x => DateOnly.FromDateTime(Local(x.u)) == new DateOnly(2025, 3, 9)).ToList();
        var fall = path.Series.StartsUtc.Select((u, i) => (u, i)).Where(x => DateOnly.FromDateTime(Local(x.u)) == new DateOnly(2025, 11, 2)).ToList();
        Assert.Equal(23, spring.Count);
        Assert.Equal(25, fall.Count);
        // Window 0: the source day has the same day of year (2023-03-09 or 2024-03-08/09 …), each hour mapped by local time.
        foreach (var (u, i) in spring.Concat(fall))
        {
            var target = Local(u);
            var source = Local(Hist.StartsUtc[path.SourceIndex[i]]);
            Assert.Equal(target.DayOfYear, source.DayOfYear);
            Assert.True(target.Hour == source.Hour || (target.Hour == 2 && source.Hour == 1));
        }
        // Both 01:00 hours of the fall-back target day copy a 01:00 source hour.
        var ones = fall.Where(x => Local(x.u).Hour == 1).Select(x => Local(Hist.StartsUtc[path.SourceIndex[x.i]]).Hour).ToList();
        Assert.Equal(new[] { 1, 1 }, ones);
    }

    [Fact]
    public void ChainedReturns_StartsAtLevel_AndAHalvingInTheHistoryIsNoMove()
    {
        // History hashprice halves exactly at the 2024-04-20 halving: carried into one epoch it is flat, so every chained
        // path stays at its start. Historical levels carried into the 2025 horizon's epoch are all 0.04.
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 31));
        var halving = new DateTime(2024, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        var hp = hours.Select(h => h < halving ? 0.08 : 0.04).ToArray();
        var hist = new MarketSeries(hours, Hist.PriceUsdPerMWh, hp);
        var opt = new MonteCarloOptions(Paths: 20, Seed: 3, BlockDays: 7, HorizonDays: 365)
        {
            Hashprice = HashpriceSampling.ChainedReturns,
            StartHashpriceUsdPerThDay = 0.06,
        };
        for (int p = 0; p < opt.Paths; p++)
        {
            var s = MonteCarloEngine.GeneratePath(hist, opt, p, Clock).Series.HashpriceUsdPerThDay;
            Assert.All(s, v => Assert.Equal(0.06, v, 15));
        }
        // Default start: the last value (0.04, already in the horizon's epoch).
        var d = MonteCarloEngine.GeneratePath(hist, opt with { StartHashpriceUsdPerThDay = null }, 0, Clock).Series.HashpriceUsdPerThDay;
        Assert.All(d, v => Assert.Equal(0.04, v, 15));
        var levels = MonteCarloEngine.GeneratePath(hist, opt with { Hashprice = HashpriceSampling.HistoricalLevels }, 0, Clock).Series.HashpriceUsdPerThDay;
        Assert.All(levels, v => Assert.Equal(0.04, v, 15));
    }

    [Theory]
    [InlineData(null, 365)]          // horizon 2025, after the halving: pre-halving days count at half
    [InlineData("2024-03-01", 120)]  // horizon across the halving: each simulated day in its own epoch
    public void Bootstrap_NeverDrawsHashpriceFromAnotherEpoch(string? start, int days)
    {
        // Hist spans 2023-01-01 .. 2024-12-31, across the 2024-04-20 halving. The rule, by hand: a simulated interval's
        // hashprice is the source interval's × 2^(source epoch − target epoch), the epoch changing at 2024-04-20 00:00 UTC.
        var halving = new DateTime(2024, 4, 20, 0, 0, 0, DateTimeKind.Utc);
        var opt = new MonteCarloOptions(Paths: 6, Seed: 9, BlockDays: 7, HorizonDays: days)
        {
            StartDay = start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
        };
        int crossed = 0, same = 0;
        for (int p = 0; p < opt.Paths; p++)
        {
            var path = MonteCarloEngine.GeneratePath(Hist, opt, p, Clock);
            var t = path.Series.StartsUtc;
            var hp = path.Series.HashpriceUsdPerThDay;
            for (int i = 0; i < t.Length; i++)
            {
                int src = path.SourceIndex[i];
                bool srcAfter = Hist.StartsUtc[src] >= halving, tgtAfter = t[i] >= halving;
                double factor = srcAfter == tgtAfter ? 1.0 : tgtAfter ? 0.5 : 2.0;
                Assert.Equal(Hist.HashpriceUsdPerThDay[src] * factor, hp[i], 15);
                if (factor == 1.0) same++;
                else crossed++;
            }
        }
        Assert.True(crossed > 0 && same > 0, $"the test should see both carried ({crossed}) and same-epoch ({same}) draws");
    }

    [Fact]
    public void ShortOrUnseasonalHistory_IsAClearError()
    {
        var shortHist = Hist.Slice(Hist.StartsUtc[0], Hist.StartsUtc[0].AddDays(4));
        var ex = Assert.Throws<InsufficientHistoryException>(() => MonteCarloEngine.Run(shortHist, Site, new MonteCarloOptions(10, 1, 7, 30), clock: Clock));
        Assert.Contains("no run of 7 consecutive complete days", ex.Message);

        var january = Hist.Slice(new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc), new DateTime(2024, 2, 1, 6, 0, 0, DateTimeKind.Utc));
        var opt = new MonteCarloOptions(10, 1, 7, 365) { StartDay = new DateOnly(2025, 1, 1) };
        var ex2 = Assert.Throws<InsufficientHistoryException>(() => MonteCarloEngine.Run(january, Site, opt, clock: Clock));
        Assert.Contains("Widen SeasonalWindowDays", ex2.Message);
        Assert.Contains("2025-02", ex2.Message);

        Assert.Contains("Paths", Assert.Throws<ArgumentException>(() => MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(0, 1), clock: Clock)).Message);
        Assert.Contains("Extra VaR level 95", Assert.Throws<ArgumentException>(() =>
            MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(5, 1) { ExtraLevels = [95] }, clock: Clock)).Message);
    }

    [Fact]
    public void ShortHorizon_PoolsPartialMonths_AndExtraLevelsAppear()
    {
        // 20 days from 2025-01-20: two partial months; the pooled monthly distribution falls back to them.
        var opt = new MonteCarloOptions(6, 2, 7, 20) { StartDay = new DateOnly(2025, 1, 20), ExtraLevels = [0.9] };
        var mc = MonteCarloEngine.Run(Hist, Site, opt, clock: Clock);
        Assert.Equal(2, mc.Months.Count);
        Assert.All(mc.Months, m => Assert.False(m.Complete));
        Assert.Equal(12, mc.MonthlyProfit.Count);
        Assert.Equal(new[] { 0.9, 0.95, 0.99 }, mc.HorizonProfit.Tail.Select(t => t.Level));
        for (int p = 0; p < 6; p++) Assert.Equal(mc.PathProfitUsd[p], mc.MonthlyProfitUsd[p, 0] + mc.MonthlyProfitUsd[p, 1], 1e-6);
    }

    [Fact]
    public void A_cancelled_simulation_stops_with_OperationCanceledException()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            MonteCarloEngine.Run(Hist, Site, new MonteCarloOptions(30, 123, 7, 120), new ThresholdStrategy(), Clock, cts.Token));
    }
}

internal static class MonteCarloOptionsTestExtensions
{
    /// <summary>The default start used by the engine for <see cref="MonteCarloEngineTests"/>' history (ends 2024-12-31).</summary>
    public static DateOnly StartDayOrDefault(this MonteCarloOptions o) => o.StartDay ?? new DateOnly(2025, 1, 1);
}
