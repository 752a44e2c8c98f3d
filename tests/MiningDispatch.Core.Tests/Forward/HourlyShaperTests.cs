using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Forward;

public class HourlyShaperTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Central);

    private static bool OffPeak(DateTime local)
        => local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || NercHolidays.IsHoliday(DateOnly.FromDateTime(local));

    /// <summary>Hourly history over whole market days with a price given by a rule on local time.</summary>
    private static (DateTime[] Utc, double[] Price) History(DateOnly first, DateOnly last, Func<DateTime, double> price)
    {
        var utc = ForwardScenario.Hours(Clock, first, last);
        return (utc, utc.Select(u => price(Local(u))).ToArray());
    }

    private static double Mean(IEnumerable<double> v) => v.Average();

    [Fact]
    public void BlockAverages_EqualBlockPrices_ForAYear()
    {
        // A rough but spiky history: daily/weekly shape, seasonal level, a few negative hours and scarcity spikes.
        var rng = new Random(7);
        var hist = History(new DateOnly(2024, 1, 1), new DateOnly(2025, 12, 31), l =>
        {
            double v = 30 + 20 * Math.Sin((l.Hour - 8) / 24.0 * 2 * Math.PI) + (l.Month is 7 or 8 ? 25 : 0) + rng.NextDouble() * 15;
            if (rng.NextDouble() < 0.01) v = -20;
            if (rng.NextDouble() < 0.003) v = 3000;
            return v;
        });
        var prices = new List<ForwardBlockPrice>();
        for (int m = 1; m <= 12; m++)
        {
            prices.Add(new(2026, m, ForwardBlock.Peak5x16, 40 + 3 * m));
            prices.Add(new(2026, m, ForwardBlock.Weekend2x16, m == 4 ? -3.0 : 30 + m)); // April 2x16 negative: additive
            prices.Add(new(2026, m, ForwardBlock.Night7x8, m == 5 ? 1.5 : 20 + m));      // May 7x8 near zero: additive
        }
        var curve = new ForwardCurve(prices, "HB_WEST");
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 12);
        var shaped = HourlyShaper.ShapeDetailed(curve, hist.Utc, hist.Price, hours, Clock);

        Assert.Equal(8760, shaped.PriceUsdPerMWh.Length);
        Assert.Equal(36, shaped.Blocks.Count);
        // Group independently in the test (local month, weekend/holiday, hour) and compare with the quotes.
        var groups = new Dictionary<(int, int, ForwardBlock), List<double>>();
        for (int i = 0; i < hours.Length; i++)
        {
            var l = Local(hours[i]);
            var b = l.Hour < 6 || l.Hour > 21 ? ForwardBlock.Night7x8 : OffPeak(l) ? ForwardBlock.Weekend2x16 : ForwardBlock.Peak5x16;
            var key = (l.Year, l.Month, b);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = new List<double>();
            list.Add(shaped.PriceUsdPerMWh[i]);
        }
        Assert.Equal(36, groups.Count);
        foreach (var p in prices)
        {
            var list = groups[(p.Year, p.Month, p.Block)];
            Assert.Equal(p.PriceUsdPerMWh, Mean(list), 1e-9);
            Assert.True(list.Max() - list.Min() > 1.0, $"{p} should be shaped, not flat");
        }
        Assert.Equal(ShapeMode.Additive, shaped.Blocks.Single(b => b.Month == 4 && b.Block == ForwardBlock.Weekend2x16).Mode);
        Assert.Equal(ShapeMode.Additive, shaped.Blocks.Single(b => b.Month == 5 && b.Block == ForwardBlock.Night7x8).Mode);
        Assert.Equal(ShapeMode.Multiplicative, shaped.Blocks.Single(b => b.Month == 7 && b.Block == ForwardBlock.Peak5x16).Mode);
        Assert.Equal(30 * 8 + 1, shaped.Blocks.Single(b => b.Month == 11 && b.Block == ForwardBlock.Night7x8).Hours); // 30 nights × 8 h + the repeated fall-back 01:00
    }

    /// <summary>History whose price is 20 + hour on peak days and 10 + hour on off-peak days (January 2025 only).</summary>
    private static (DateTime[] Utc, double[] Price) RuleHistory()
        => History(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), l => (OffPeak(l) ? 10.0 : 20.0) + l.Hour);

    private static double At(DateTime[] hours, double[] prices, int y, int m, int d, int hourBeginning)
    {
        for (int i = 0; i < hours.Length; i++)
        {
            var l = Local(hours[i]);
            if (l.Year == y && l.Month == m && l.Day == d && l.Hour == hourBeginning) return prices[i];
        }
        throw new InvalidOperationException("hour not found");
    }

    [Fact]
    public void Multiplicative_KeepsHistoricalRatios()
    {
        var hist = RuleHistory();
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 45, 30);
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var f = HourlyShaper.Shape(curve, hist.Utc, hist.Price, hours, Clock);

        // 5x16 (Mon 2026-01-05): every weekday hour 6..21 appears equally often, so the block's ratio mean is 1 and
        // f(h) = 60 × (20 + h) / mean(20 + 6 .. 20 + 21) = 60 × (20 + h) / 33.5.
        Assert.Equal(60 * 26 / 33.5, At(hours, f, 2026, 1, 5, 6), 1e-9);
        Assert.Equal(60 * 41 / 33.5, At(hours, f, 2026, 1, 5, 21), 1e-9);
        // Same on every peak day (and on Friday 2026-01-02, a peak day right after the New Year holiday).
        Assert.Equal(At(hours, f, 2026, 1, 5, 13), At(hours, f, 2026, 1, 2, 13), 1e-12);
        // 2x16 uses the off-peak cells: f(h) = 45 × (10 + h) / mean(16 .. 31) = 45 × (10 + h) / 23.5 (holiday Jan 1 included).
        Assert.Equal(45 * 16 / 23.5, At(hours, f, 2026, 1, 10, 6), 1e-9);
        Assert.Equal(45 * 25 / 23.5, At(hours, f, 2026, 1, 1, 15), 1e-9);
        // 7x8 mixes weekday and off-peak cells; the historical ratios survive: weekday 00:00 / 23:00 = 20 / 43,
        // weekday 00:00 / Saturday 00:00 = 20 / 10.
        double wk0 = At(hours, f, 2026, 1, 6, 0), wk23 = At(hours, f, 2026, 1, 6, 23), sat0 = At(hours, f, 2026, 1, 10, 0);
        Assert.Equal(20.0 / 43.0, wk0 / wk23, 1e-12);
        Assert.Equal(2.0, wk0 / sat0, 1e-12);
    }

    [Fact]
    public void NearZeroOrNegativeBlocks_UseAdditiveShape()
    {
        var hist = RuleHistory();
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, -10, 2); // 2x16 negative, 7x8 below the $5 floor
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var shaped = HourlyShaper.ShapeDetailed(curve, hist.Utc, hist.Price, hours, Clock);
        var f = shaped.PriceUsdPerMWh;
        Assert.Equal(ShapeMode.Additive, shaped.Blocks.Single(b => b.Block == ForwardBlock.Weekend2x16).Mode);
        Assert.Equal(ShapeMode.Additive, shaped.Blocks.Single(b => b.Block == ForwardBlock.Night7x8).Mode);
        Assert.Equal(ShapeMode.Multiplicative, shaped.Blocks.Single(b => b.Block == ForwardBlock.Peak5x16).Mode);
        // 2x16: f(h) = −10 + (10 + h) − 23.5: the afternoon stays above the morning (no inverted shape).
        Assert.Equal(-10 + 16 - 23.5, At(hours, f, 2026, 1, 10, 6), 1e-9);
        Assert.Equal(-10 + 31 - 23.5, At(hours, f, 2026, 1, 10, 21), 1e-9);
        // 7x8: differences keep the historical $/MWh gaps (weekday 23:00 − 00:00 = 23; weekday − Saturday at 00:00 = 10).
        Assert.Equal(23.0, At(hours, f, 2026, 1, 6, 23) - At(hours, f, 2026, 1, 6, 0), 1e-9);
        Assert.Equal(10.0, At(hours, f, 2026, 1, 6, 0) - At(hours, f, 2026, 1, 10, 0), 1e-9);
        var night = hours.Select((h, i) => (h, i)).Where(x => Local(x.h).Hour is < 6 or > 21).Select(x => f[x.i]);
        Assert.Equal(2.0, Mean(night), 1e-9);
    }

    [Fact]
    public void OtherMonth_FallsBackToAllMonthsShape_AndMissingBlockIsFlat()
    {
        // History: January 2025 weekends only (no weekday at all), so 5x16 has no history anywhere.
        var hist = History(new DateOnly(2025, 1, 4), new DateOnly(2025, 1, 5), l => 10.0 + l.Hour);
        var curve = ForwardCurve.Flat(2026, 2, 1, 50, 40, 20);
        var hours = ForwardScenario.MonthHours(Clock, 2026, 2, 1);
        var shaped = HourlyShaper.ShapeDetailed(curve, hist.Utc, hist.Price, hours, Clock);
        var f = shaped.PriceUsdPerMWh;
        Assert.Equal(ShapeMode.Flat, shaped.Blocks.Single(b => b.Block == ForwardBlock.Peak5x16).Mode);
        Assert.Equal(50.0, At(hours, f, 2026, 2, 2, 6));
        Assert.Equal(50.0, At(hours, f, 2026, 2, 2, 21));
        // February uses January's (all-months) off-peak shape: f(h) = 40 × (10 + h) / 23.5.
        Assert.Equal(40 * 16 / 23.5, At(hours, f, 2026, 2, 7, 6), 1e-9);
        // Weekday night cells have no history: ratio 1 vs Saturday-night cells 10 + h relative to the block mean.
        Assert.Equal(20.0, Mean(hours.Select((h, i) => (h, i)).Where(x => Local(x.h).Hour is < 6 or > 21).Select(x => f[x.i])), 1e-9);
    }

    [Fact]
    public void HistoricalCap_LimitsSpikesInTheShape()
    {
        var hist = RuleHistory();
        // One scarcity hour at 5000 $/MWh on a weekday at 17:00.
        int spike = Array.FindIndex(hist.Utc, u => { var l = Local(u); return l.Day == 7 && l.Hour == 17; });
        hist.Price[spike] = 5000;
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 45, 30);
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var capped = HourlyShaper.Shape(curve, hist.Utc, hist.Price, hours, Clock,
            new ShapeOptions { HistoricalPriceCapUsdPerMWh = 45.0 }); // above every normal value (max 43)
        // Same as shaping a history where the spike was 45 in the first place.
        var clipped = (double[])hist.Price.Clone();
        clipped[spike] = 45.0;
        var reference = HourlyShaper.Shape(curve, hist.Utc, clipped, hours, Clock);
        for (int i = 0; i < hours.Length; i++) Assert.Equal(reference[i], capped[i], 1e-12);
        var uncapped = HourlyShaper.Shape(curve, hist.Utc, hist.Price, hours, Clock);
        Assert.True(At(hours, uncapped, 2026, 1, 5, 17) > 2 * At(hours, capped, 2026, 1, 5, 17));
    }

    [Fact]
    public void MedianStatistic_IgnoresASpike()
    {
        var hist = RuleHistory();
        int spike = Array.FindIndex(hist.Utc, u => { var l = Local(u); return l.Day == 7 && l.Hour == 17; });
        hist.Price[spike] = 5000;
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 45, 30);
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var f = HourlyShaper.Shape(curve, hist.Utc, hist.Price, hours, Clock, new ShapeOptions { CellStatistic = ShapeStatistic.Median });
        // The 17:00 weekday cell still has median 37 (21 of its 22 values), so the shape is the spike-free one.
        Assert.Equal(60 * 37 / 33.5, At(hours, f, 2026, 1, 5, 17), 1e-9);
        Assert.Equal(60 * 26 / 33.5, At(hours, f, 2026, 1, 5, 6), 1e-9);
        Assert.Equal(45 * 25 / 23.5, At(hours, f, 2026, 1, 1, 15), 1e-9);
    }

    [Fact]
    public void AllMonthsOption_UsesOneShape()
    {
        // July history is flat, January has the hourly rule: with ByMonthOfYear=false a July forward gets a blend.
        var jan = RuleHistory();
        var jul = History(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), _ => 50.0);
        var utc = jan.Utc.Concat(jul.Utc).ToArray();
        var price = jan.Price.Concat(jul.Price).ToArray();
        var curve = ForwardCurve.Flat(2026, 7, 1, 60, 45, 30);
        var hours = ForwardScenario.MonthHours(Clock, 2026, 7, 1);
        var seasonal = HourlyShaper.Shape(curve, utc, price, hours, Clock);
        var peak = hours.Select((h, i) => (h, i)).Where(x => Local(x.h).Hour is >= 6 and <= 21 && !OffPeak(Local(x.h))).ToList();
        Assert.Equal(23 * 16, peak.Count); // July 2026: 23 weekdays (the 4th is a Saturday) × HE7..HE22
        Assert.All(peak, x => Assert.Equal(60.0, seasonal[x.i], 1e-9));
        var pooled = HourlyShaper.Shape(curve, utc, price, hours, Clock, new ShapeOptions { ByMonthOfYear = false });
        Assert.True(At(hours, pooled, 2026, 7, 6, 21) > At(hours, pooled, 2026, 7, 6, 6) + 1);
    }

    [Fact]
    public void MissingQuote_IsAClearError()
    {
        var hist = RuleHistory();
        var curve = new ForwardCurve([new(2026, 1, ForwardBlock.Peak5x16, 50), new(2026, 1, ForwardBlock.Night7x8, 20)], source: "broker.csv");
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var ex = Assert.Throws<KeyNotFoundException>(() => HourlyShaper.Shape(curve, hist.Utc, hist.Price, hours, Clock));
        Assert.Contains("2x16", ex.Message);
        Assert.Contains("2026-01", ex.Message);
        Assert.Contains("broker.csv", ex.Message);
    }

    [Fact]
    public void BadInputs_AreRejected()
    {
        var hist = RuleHistory();
        var curve = ForwardCurve.Flat(2026, 1, 1, 60, 45, 30);
        var local = new[] { new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Unspecified) };
        Assert.Contains("not UTC", Assert.Throws<ArgumentException>(() => HourlyShaper.Shape(curve, hist.Utc, hist.Price, local, Clock)).Message);
        var half = new[] { new DateTime(2026, 1, 5, 12, 30, 0, DateTimeKind.Utc) };
        Assert.Contains("whole hour", Assert.Throws<ArgumentException>(() => HourlyShaper.Shape(curve, hist.Utc, hist.Price, half, Clock)).Message);
        var bad = (double[])hist.Price.Clone();
        bad[3] = double.NaN;
        var hours = ForwardScenario.MonthHours(Clock, 2026, 1, 1);
        var ex = Assert.Throws<ArgumentException>(() => HourlyShaper.Shape(curve, hist.Utc, bad, hours, Clock));
        Assert.Contains("Historical price 3", ex.Message);
        Assert.Throws<ArgumentException>(() => new ForwardCurve([new(2026, 1, ForwardBlock.Peak5x16, 50), new(2026, 1, ForwardBlock.Peak5x16, 51)]));
        Assert.Contains("2026-13", Assert.Throws<ArgumentException>(() => new ForwardCurve([new(2026, 13, ForwardBlock.Peak5x16, 50)])).Message);
    }
}
