using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class LongLayoutTests
{
    private const string Achraf = "20230101-20231231_ERCOT_Real-time_Price_excerpt.csv";

    [Fact]
    public void Achraf_HourBeginningLocal_CrossCheckedAgainstFifteenMinuteValues()
    {
        // line 289: 8/31/2023 12:00:00 AM,61.922500,LZ_WEST  (hour-beginning, 00:00 CDT = 05:00Z)
        // doc cross-check: wattgap 15-min LZ_WEST 2023-08-31 00:00..00:45 = 51.89, 69.45, 62.55, 63.8
        var r = PriceLoader.Load([Ercot(Achraf)], new PriceQuery("LZ_WEST"));
        Assert.Equal((51.89 + 69.45 + 62.55 + 63.8) / 4, r.PriceAt(Utc(2023, 8, 31, 5)), 9);
        Assert.Equal(61.9225, r.PriceAt(Utc(2023, 8, 31, 5)), 12);
        Assert.Equal(PriceMarket.RealTime, r.Market); // from the file name "...Real-time_Price..."
        Assert.Contains(r.Quality.Notes, n => n.Contains("market taken from the file name (real-time)", StringComparison.Ordinal));
        Assert.Equal(191, r.Count); // awk -F, '$3=="LZ_WEST"' | wc -l
    }

    [Fact]
    public void Achraf_SpringForward_NoGap_FallBack_RepeatedHourLeftAsGap()
    {
        // lines 76/79/82: 3/12/2023 12:00 AM 17.02, 1:00 AM 18.365, 3:00 AM 22.7475 (2:00 AM does not exist)
        // lines 433/436/439: 11/5/2023 12:00 AM 22.4575, 1:00 AM 23.1025 (once), 2:00 AM 25.395
        var r = PriceLoader.Load([Ercot(Achraf)], new PriceQuery("LZ_WEST"));
        Assert.Equal(17.02, r.PriceAt(Utc(2023, 3, 12, 6)));
        Assert.Equal(18.365, r.PriceAt(Utc(2023, 3, 12, 7)));
        Assert.Equal(22.7475, r.PriceAt(Utc(2023, 3, 12, 8)));   // 03:00 CDT follows 01:00 CST directly
        Assert.Equal(22.4575, r.PriceAt(Utc(2023, 11, 5, 5)));
        Assert.Equal(23.1025, r.PriceAt(Utc(2023, 11, 5, 6)));   // the single 1:00 AM taken as CDT
        Assert.Equal(25.395, r.PriceAt(Utc(2023, 11, 5, 8)));    // 02:00 CST
        Assert.DoesNotContain(Utc(2023, 11, 5, 7), r.HoursUtc);  // 01:00 CST missing
        var gap = Assert.Single(r.Quality.Gaps, g => g.FromUtc == Utc(2023, 11, 5, 7));
        Assert.Equal(1, gap.MissingIntervals);
        Assert.Contains(r.Quality.Notes, n => n.Contains("2023-11-05", StringComparison.Ordinal) && n.Contains("gap", StringComparison.Ordinal));
        Assert.DoesNotContain(r.Quality.Gaps, g => g.FromUtc.Month == 3 && g.FromUtc.Day == 12);
    }

    [Fact]
    public void Achraf_MergedWithWattgapQuarterHours_AgreeToTheCent()
    {
        // wattgap_ercot_rtm_spp_2023-07-01.csv gives LZ_WEST 15-min prices; Achraf's 7/1/2023 hourly values are their means
        // (e.g. 00:00: (25.3 + 24.9 + 24.09 + 19.97) / 4 = 23.565 = "7/1/2023 12:00:00 AM,23.565000,LZ_WEST").
        var r = PriceLoader.Load([Ercot(Achraf), Ercot("wattgap_ercot_rtm_spp_2023-07-01.csv")], new PriceQuery("LZ_WEST"));
        Assert.Equal(191, r.Count);
        Assert.Equal(96, r.Quality.Duplicates); // 24 hours x 4 intervals that only repeat the hourly values
        Assert.Equal(23.565, r.PriceAt(Utc(2023, 7, 1, 5)), 12);
    }

    [Fact]
    public void Lanxindeng_BothMarkets_DefaultsToRealTimeAndSaysSo()
    {
        // 2025-07-15,1,HB_WEST,36.05,29.9675 ; 2025-07-15,24,HB_WEST,37.51,23.7225
        var path = Ercot("ercot_lz_hub_hourly_dam_rtm_lmp_excerpt.csv");
        var rt = PriceLoader.Load([path], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.RealTime, rt.Market);
        Assert.Equal(29.9675, rt.PriceAt(Utc(2025, 7, 15, 5)));
        Assert.Equal(23.7225, rt.PriceAt(Utc(2025, 7, 16, 4)));   // HE24 of 07/15 = 23:00 CDT on 07/15
        Assert.Contains(rt.Quality.Notes, n => n.Contains("both markets", StringComparison.Ordinal) && n.Contains("real-time", StringComparison.Ordinal));

        var dam = PriceLoader.Load([path], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
        Assert.Equal(PriceMarket.DayAhead, dam.Market);
        Assert.Equal(36.05, dam.PriceAt(Utc(2025, 7, 15, 5)));
        Assert.Equal(37.51, dam.PriceAt(Utc(2025, 7, 16, 4)));
        Assert.DoesNotContain(dam.Quality.Notes, n => n.Contains("both markets", StringComparison.Ordinal));
    }

    [Fact]
    public void Lanxindeng_BlankSpringForwardRow_IsSkippedNotAnError()
    {
        // line 27: "2025-03-09,3,HB_WEST,," (HE03 does not exist on 2025-03-09; both prices empty)
        var r = PriceLoader.Load([Ercot("ercot_lz_hub_hourly_dam_rtm_lmp_excerpt.csv")], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
        Assert.Equal(34.44, r.PriceAt(Utc(2025, 3, 9, 6))); // 2025-03-09,1,HB_WEST,34.44 = DAM workbook value
        Assert.Contains(r.Quality.Notes, n => n.Contains("empty price", StringComparison.Ordinal) && n.Contains("line 27", StringComparison.Ordinal));
        Assert.Equal(24 + 1 + 24, r.Count); // 03-08 (24), 03-09 HE1 only (the author's pipeline dropped the rest), 07-15 (24)
    }

    [Fact]
    public void HourEndingSample_UsesIntervalStartUtc_AndAgreesWithLanxindeng()
    {
        // ercot_hb_west_hourly_rt_lmp_HE_excerpt.csv: 2025-11-02T05:00Z 54.45, T07:00Z 48.4125 (06:00Z absent: collapsed hour)
        // 2025-07-15T05:00Z 29.9675 = lanxindeng "2025-07-15,1,HB_WEST,36.05,29.9675"
        var sample = Ercot("ercot_hb_west_hourly_rt_lmp_HE_excerpt.csv");
        var r = PriceLoader.Load([sample], new PriceQuery("HB_WEST"));
        Assert.Equal(54.45, r.PriceAt(Utc(2025, 11, 2, 5)));
        Assert.Equal(48.4125, r.PriceAt(Utc(2025, 11, 2, 7)));
        Assert.Contains(r.Quality.Gaps, g => g.FromUtc == Utc(2025, 11, 2, 6) && g.MissingIntervals == 1);
        Assert.Contains(r.Quality.Notes, n => n.Contains("node_nbohr_rt_lmp_usd_per_mwh", StringComparison.Ordinal));
        Assert.Equal(PriceMarket.RealTime, r.Market);

        var merged = PriceLoader.Load([sample, Ercot("ercot_lz_hub_hourly_dam_rtm_lmp_excerpt.csv")],
            new PriceQuery("HB_WEST", PriceMarket.RealTime, Utc(2025, 7, 15, 5), Utc(2025, 7, 16, 5)));
        Assert.Equal(24, merged.Count);
        // the sample excerpt holds hour-ending stamps 2025-07-15 00:00..23:00, i.e. starts 04:00Z..(07-16)03:00Z: 23 of the
        // 24 hours in range are in both files, with the same value (a different one would throw)
        Assert.Equal(23, merged.Quality.Duplicates);
    }
}

public class HourEndingTimestampTests
{
    [Fact]
    public void WithoutTheUtcColumn_HourEndingStampsGiveTheSameInstants()
    {
        // drop interval_start_utc from the sample: hour_ending_central is then resolved as an hour END in CPT.
        // The file's own interval_start_utc (its author: end - 1 h) is the independent reference, e.g.
        //   "2025-11-02 01:00:00,2025-11-02T05:00:00Z" and "2025-11-02 02:00:00,2025-11-02T07:00:00Z" (02:00 is CST).
        var source = Ercot("ercot_hb_west_hourly_rt_lmp_HE_excerpt.csv");
        using var dir = new TempDir();
        var lines = File.ReadAllLines(source).Select(l => { var f = l.Split(','); return string.Join(",", f[0], f[2], f[3], f[4]); });
        var noUtc = dir.Write("hb_west_he_only.csv", string.Join("\n", lines) + "\n");

        var withUtc = PriceLoader.Load([source], new PriceQuery("HB_WEST"));
        var fromEnds = PriceLoader.Load([noUtc], new PriceQuery("HB_WEST"));
        Assert.Equal(withUtc.HoursUtc, fromEnds.HoursUtc);
        Assert.Equal(withUtc.PriceUsdPerMWh, fromEnds.PriceUsdPerMWh);
        Assert.Equal(48.4125, fromEnds.PriceAt(Utc(2025, 11, 2, 7)));
        Assert.Contains("hour-ending", fromEnds.Layouts[0]);
    }
}

public class WideLayoutTests
{
    private const string Kmundey = "kmundey_ERCOT_Electricity_Data_excerpt.csv";

    [Fact]
    public void Kmundey_Hour0IsHourEnding24OfTheSameDate_PriceWestIsHbWest()
    {
        // kmundey lines for 2025-03-09 (Price_West column): Hour 1 = 34.44, 2 = 29.45, 3 = blank, 4 = 31.75, 0 = 77.29
        var r = PriceLoader.Load([Ercot(Kmundey)], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
        Assert.Equal(34.44, r.PriceAt(Utc(2025, 3, 9, 6)));
        Assert.Equal(29.45, r.PriceAt(Utc(2025, 3, 9, 7)));
        Assert.Equal(31.75, r.PriceAt(Utc(2025, 3, 9, 8)));
        Assert.Equal(77.29, r.PriceAt(Utc(2025, 3, 10, 4)));   // Hour 0 of 03-09 = 23:00 CDT on 03-09
        Assert.Equal(72 - 1, r.Count);                           // 3 days, spring-forward day has 23 hours
        Assert.Empty(r.Quality.Gaps);
        Assert.Contains(r.Quality.Notes, n => n.Contains("empty price", StringComparison.Ordinal));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Kmundey_EveryHubAgreesWithTheErcotWorkbook()
    {
        // all 497 non-blank kmundey hub prices of 03-08..03-10 equal the DAM 2025 workbook (checked with python);
        // merged load: no conflict, every kmundey hour is a duplicate
        var r = PriceLoader.Load([Ercot(Kmundey), Ercot("rpt.00013060.0000000000000000.DAMLZHBSPP_2025.xlsx")],
            new PriceQuery("HB_PAN", PriceMarket.DayAhead, Utc(2025, 3, 8, 6), Utc(2025, 3, 11, 5)));
        Assert.Equal(71, r.Count);
        Assert.Equal(71, r.Quality.Duplicates);
        Assert.Equal(DateTime.SpecifyKind(new DateTime(2025, 3, 8, 6, 0, 0), DateTimeKind.Utc), r.HoursUtc[0]);
    }

    [Fact]
    public void Kmundey_NoMarketGiven_LabelledRealTimeWithANote()
    {
        var r = PriceLoader.Load([Ercot(Kmundey)], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.RealTime, r.Market);
        Assert.Contains(r.Quality.Notes, n => n.Contains("do not state", StringComparison.Ordinal));
        Assert.Equal(["HB_BUSAVG", "HB_HOUSTON", "HB_HUBAVG", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST"],
            PriceLoader.ListSettlementPoints([Ercot(Kmundey)]));
    }

    [Fact]
    public void Wattgap_IsoOffsetQuarterHours()
    {
        // lines 2-5: 2023-07-01T00:00..00:45-05:00, LZ_WEST = 25.3 24.9 24.09 19.97 -> 94.26/4 = 23.565
        // last 4 lines, LZ_HOUSTON: 23.83 23.92 23.63 22.93 -> 94.31/4 = 23.5775 at 23:00 CDT = 2023-07-02T04:00Z
        var w = PriceLoader.Load([Ercot("wattgap_ercot_rtm_spp_2023-07-01.csv")], new PriceQuery("LZ_WEST"));
        Assert.Equal(24, w.Count);
        Assert.Equal(23.565, w.PriceAt(Utc(2023, 7, 1, 5)), 12);
        Assert.Equal(PriceMarket.RealTime, w.Market); // "rtm" in the file name
        var h = PriceLoader.Load([Ercot("wattgap_ercot_rtm_spp_2023-07-01.csv")], new PriceQuery("LZ_HOUSTON"));
        Assert.Equal(23.5775, h.PriceAt(Utc(2023, 7, 2, 4)), 12);
        Assert.Equal(0, h.Quality.PartialIntervals);
    }
}
