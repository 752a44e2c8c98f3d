using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>Loading at native, 15-minute and hourly resolution.</summary>
public class ResolutionTests
{
    private const string RtmHeader = "Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price\n";
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static string Sample15 => Path.Combine(RepoRoot, "data", "sample", "ercot_hb_west_rtm_15min_spp_2024-06-01_2024-08-31.csv");
    private static string SampleHourly => Path.Combine(RepoRoot, "data", "sample", "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv");

    /// <summary>The sample file read by hand: every row's UTC interval start (no DST day in it) and price.</summary>
    private static List<(DateTime Start, double Price)> ReadSampleByHand()
    {
        var rows = new List<(DateTime, double)>();
        foreach (var line in File.ReadLines(Sample15).Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal("N", f[3]);
            var day = DateTime.ParseExact(f[0], "MM/dd/yyyy", CultureInfo.InvariantCulture);
            var local = day.AddHours(int.Parse(f[1], CultureInfo.InvariantCulture) - 1).AddMinutes(15 * (int.Parse(f[2], CultureInfo.InvariantCulture) - 1));
            var utc = DateTime.SpecifyKind(local - Central.GetUtcOffset(local), DateTimeKind.Utc);
            rows.Add((utc, double.Parse(f[6], CultureInfo.InvariantCulture)));
        }
        return rows;
    }

    [Fact]
    public void Sample15Minute_Native_KeepsEveryIntervalAsWritten()
    {
        var hand = ReadSampleByHand();
        var r = PriceLoader.Load([Sample15], new PriceQuery("HB_WEST", Resolution: PriceResolution.Native));

        Assert.Equal(0.25, r.IntervalHours);
        Assert.Equal(92 * 96, r.Count);
        Assert.Equal(hand.Count, r.Count);
        Assert.Equal(Utc(2024, 6, 1, 5), r.HoursUtc[0]); // 00:00 CDT
        Assert.Equal(Utc(2024, 9, 1, 4, 45), r.HoursUtc[^1]); // 23:45 CDT on 08-31
        for (int i = 0; i < hand.Count; i++)
        {
            Assert.Equal(hand[i].Start, r.HoursUtc[i]);
            Assert.Equal(hand[i].Price, r.PriceUsdPerMWh[i]);
        }
        Assert.Empty(r.Quality.Gaps);
        Assert.Equal(0, r.Quality.PartialIntervals);
        Assert.Contains("15-minute", r.Quality.Description);

        var explicit15 = PriceLoader.Load([Sample15], new PriceQuery("HB_WEST", Resolution: PriceResolution.FifteenMinute));
        Assert.Equal(r.HoursUtc, explicit15.HoursUtc);
        Assert.Equal(r.PriceUsdPerMWh, explicit15.PriceUsdPerMWh);
    }

    [Fact]
    public void Sample15Minute_Hourly_IsTheMeanOfFourIntervals()
    {
        var hand = ReadSampleByHand();
        var r = PriceLoader.Load([Sample15], new PriceQuery("HB_WEST", Resolution: PriceResolution.Hourly));
        var byDefault = PriceLoader.Load([Sample15], new PriceQuery("HB_WEST"));

        Assert.Equal(1.0, r.IntervalHours);
        Assert.Equal(92 * 24, r.Count);
        for (int h = 0; h < r.Count; h++)
        {
            Assert.Equal(hand[4 * h].Start, r.HoursUtc[h]);
            double mean = (hand[4 * h].Price + hand[4 * h + 1].Price + hand[4 * h + 2].Price + hand[4 * h + 3].Price) / 4;
            Assert.Equal(mean, r.PriceUsdPerMWh[h]);
        }
        Assert.Equal(r.HoursUtc, byDefault.HoursUtc);
        Assert.Equal(r.PriceUsdPerMWh, byDefault.PriceUsdPerMWh);
    }

    [Fact]
    public void HourlyFile_NativeIsHourlyAndBitIdentical_15MinIsAnError()
    {
        var hourly = PriceLoader.Load([SampleHourly], new PriceQuery("HB_WEST", Resolution: PriceResolution.Hourly));
        var native = PriceLoader.Load([SampleHourly], new PriceQuery("HB_WEST", Resolution: PriceResolution.Native));
        Assert.Equal(1.0, native.IntervalHours);
        Assert.Equal(hourly.HoursUtc, native.HoursUtc);
        Assert.Equal(hourly.PriceUsdPerMWh, native.PriceUsdPerMWh);
        Assert.Equal(hourly.Quality.Description, native.Quality.Description);
        Assert.Equal(hourly.Quality.Notes, native.Quality.Notes);

        var ex = Assert.Throws<DataFormatException>(() =>
            PriceLoader.Load([SampleHourly], new PriceQuery("HB_WEST", Resolution: PriceResolution.FifteenMinute)));
        Assert.Contains("15-minute resolution was asked for", ex.Message);
        Assert.Contains("hourly prices", ex.Message);
        Assert.Contains("ercot_hb_west_hourly_rt_lmp_HE", ex.Message);
    }

    [Fact]
    public void MixedHourlyAnd15Minute_NativeFallsBackToHourly()
    {
        using var dir = new TempDir();
        var q = dir.Write("rtm_q.csv", RtmHeader + "06/01/2024,1,1,N,HB_WEST,HU,10\n06/01/2024,1,2,N,HB_WEST,HU,20\n06/01/2024,1,3,N,HB_WEST,HU,30\n06/01/2024,1,4,N,HB_WEST,HU,40\n");
        var h = dir.Write("rt_hourly.csv", "Date,Price,Zone\n6/1/2024 1:00:00 AM,7,HB_WEST\n");
        var monthFirst = new PriceReadRules { DateOrder = DateOrder.MonthFirst }; // 6/1/2024 alone could be 6 January
        var r = PriceLoader.Load([q, h], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.Native, Rules: monthFirst));
        Assert.Equal(1.0, r.IntervalHours);
        Assert.Equal([Utc(2024, 6, 1, 5), Utc(2024, 6, 1, 6)], r.HoursUtc);
        Assert.Equal([25.0, 7.0], r.PriceUsdPerMWh);
        Assert.Throws<DataFormatException>(() => PriceLoader.Load([q, h], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute, Rules: monthFirst)));
    }

    [Fact]
    public void FifteenMinute_DuplicatesDropped_ConflictsRejected_GapsCountedInIntervals_PartialHourNotAveraged()
    {
        using var dir = new TempDir();
        // HE1 complete; HE2 has intervals 1 and 4 only (two missing); HE3 missing; HE4 interval 1; a duplicate row.
        var a = dir.Write("a_rtm.csv", RtmHeader +
            "06/01/2024,1,1,N,HB_WEST,HU,10\n06/01/2024,1,2,N,HB_WEST,HU,11\n06/01/2024,1,3,N,HB_WEST,HU,12\n06/01/2024,1,4,N,HB_WEST,HU,13\n" +
            "06/01/2024,2,1,N,HB_WEST,HU,20\n06/01/2024,2,4,N,HB_WEST,HU,23\n" +
            "06/01/2024,4,1,N,HB_WEST,HU,40\n");
        var b = dir.Write("b_rtm.csv", RtmHeader + "06/01/2024,1,2,N,HB_WEST,HU,11\n");
        var r = PriceLoader.Load([a, b], new PriceQuery("HB_WEST", Resolution: PriceResolution.FifteenMinute));

        Assert.Equal(0.25, r.IntervalHours);
        DateTime t0 = Utc(2024, 6, 1, 5);
        Assert.Equal(new[] { 0, 15, 30, 45, 60, 105, 180 }.Select(m => t0.AddMinutes(m)), r.HoursUtc);
        Assert.Equal([10.0, 11, 12, 13, 20, 23, 40], r.PriceUsdPerMWh);
        Assert.Equal(1, r.Quality.Duplicates);
        Assert.Equal(0, r.Quality.PartialIntervals);
        Assert.Equal(2, r.Quality.Gaps.Count);
        Assert.Equal(new Core.Series.DataGap(t0.AddMinutes(75), t0.AddMinutes(105), 2), r.Quality.Gaps[0]);
        Assert.Equal(new Core.Series.DataGap(t0.AddMinutes(120), t0.AddMinutes(180), 4), r.Quality.Gaps[1]);
        Assert.Equal(6, r.Quality.MissingIntervals);
        Assert.Contains(r.Quality.Notes, n => n.Contains("6 15-minute interval(s) (1.5 h) missing in 2 gap(s)", StringComparison.Ordinal));

        var c = dir.Write("c_rtm.csv", RtmHeader + "06/01/2024,2,4,N,HB_WEST,HU,23.5\n");
        var ex = Assert.Throws<DataFormatException>(() => PriceLoader.Load([a, c], new PriceQuery("HB_WEST", Resolution: PriceResolution.FifteenMinute)));
        Assert.Contains("conflicting prices for HB_WEST", ex.Message);
        Assert.Contains("15-minute interval", ex.Message);
    }

    /// <summary>ERCOT RTM rows for every interval of a market day, with the repeated hour flagged Y.</summary>
    private static string DstDay(DateTime day, int hours, int repeatedHe)
    {
        var sb = new StringBuilder(RtmHeader);
        int he = 0;
        for (int k = 0; k < hours; k++)
        {
            bool repeat = repeatedHe > 0 && k == repeatedHe; // the second HE repeatedHe
            if (!repeat) he++;
            for (int q = 1; q <= 4; q++)
                sb.Append(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{q},{(repeat ? "Y" : "N")},HB_WEST,HU,{k * 4 + q}\n");
        }
        return sb.ToString();
    }

    [Fact]
    public void FifteenMinute_DstDays_100And92IntervalsOnAnExactUtcGrid()
    {
        using var dir = new TempDir();
        // Fall back 2024-11-03: 25 hours (HE2 repeated, flag Y); spring forward 2024-03-10: 23 hours (HE3 absent).
        var fall = dir.Write("fall_rtm.csv", DstDay(new DateTime(2024, 11, 3), 25, 2));
        var r = PriceLoader.Load([fall], new PriceQuery("HB_WEST", Resolution: PriceResolution.Native));
        Assert.Equal(100, r.Count);
        Assert.Equal(Utc(2024, 11, 3, 5), r.HoursUtc[0]); // 00:00 CDT
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(Utc(2024, 11, 3, 5).AddMinutes(15 * i), r.HoursUtc[i]);
            Assert.Equal(i + 1, r.PriceUsdPerMWh[i]);
        }
        Assert.Empty(r.Quality.Gaps);

        var springText = new StringBuilder(RtmHeader);
        int n = 0;
        foreach (int he in Enumerable.Range(1, 24).Where(h => h != 3))
            for (int q = 1; q <= 4; q++)
                springText.Append(CultureInfo.InvariantCulture, $"03/10/2024,{he},{q},N,HB_WEST,HU,{++n}\n");
        var spring = dir.Write("spring_rtm.csv", springText.ToString());
        var s = PriceLoader.Load([spring], new PriceQuery("HB_WEST", Resolution: PriceResolution.Native));
        Assert.Equal(92, s.Count);
        for (int i = 0; i < 92; i++)
        {
            Assert.Equal(Utc(2024, 3, 10, 6).AddMinutes(15 * i), s.HoursUtc[i]); // 00:00 CST, then contiguous in UTC
            Assert.Equal(i + 1, s.PriceUsdPerMWh[i]);
        }
        Assert.Empty(s.Quality.Gaps);
    }

    [Fact]
    public void ParseNames()
    {
        Assert.Equal(PriceResolution.Native, PriceResolutions.TryParse("NATIVE"));
        Assert.Equal(PriceResolution.FifteenMinute, PriceResolutions.TryParse("15min"));
        Assert.Equal(PriceResolution.Hourly, PriceResolutions.TryParse(" hourly "));
        Assert.Null(PriceResolutions.TryParse("5min"));
        Assert.Equal("15min", PriceResolution.FifteenMinute.Name());
    }

    [Fact]
    public void IntervalGrid_HourlyValueAppliesToItsFourQuarters()
    {
        DateTime h0 = Utc(2024, 6, 1, 5);
        var targets = Enumerable.Range(0, 10).Select(i => h0.AddMinutes(15 * i)).ToArray();
        var v = IntervalGrid.Align([h0, h0.AddHours(1)], [30.0, 40.0], 1.0, targets, 0.25);
        Assert.Equal([30.0, 30, 30, 30, 40, 40, 40, 40, double.NaN, double.NaN], v);
        Assert.Throws<ArgumentException>(() => IntervalGrid.Align(targets, new double[10], 0.25, [h0], 1.0));
        var same = IntervalGrid.Align([h0, h0.AddHours(2)], [1.0, 2.0], 1.0, [h0, h0.AddHours(1), h0.AddHours(2)], 1.0);
        Assert.Equal([1.0, double.NaN, 2.0], same);
    }
}
