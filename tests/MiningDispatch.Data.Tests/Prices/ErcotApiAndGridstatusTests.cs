using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class ErcotApiTests
{
    // raw_rt_spp_excerpt.csv (API field names), 2026-01-03 HE21 = 20:00-21:00 CST = 2026-01-04T02:00Z:
    //   LZ_WEST,LZ   126.59 84.23 65.28 61.19 -> 337.29/4 = 84.3225
    //   LZ_WEST,LZEW 126.75 84.28 65.27 61.18 -> 337.48/4 = 84.37
    //   HB_NORTH,HU  74.52 56.06 45.81 42.77  -> 219.16/4 = 54.79
    //   HE24 HB_NORTH 20.69 19.87 18.42 19.5  -> 78.48/4 = 19.62 at 2026-01-04T05:00Z
    private static readonly DateTime He21 = Utc(2026, 1, 4, 2);

    [Fact]
    public void ApiCsvDump_LzAndLzewAreDifferentSeries()
    {
        var lz = PriceLoader.Load([Ercot("raw_rt_spp_excerpt.csv")], new PriceQuery("LZ_WEST"));
        var ew = PriceLoader.Load([Ercot("raw_rt_spp_excerpt.csv")], new PriceQuery("LZ_WEST_EW"));
        var ewByType = PriceLoader.Load([Ercot("raw_rt_spp_excerpt.csv")], new PriceQuery("LZ_WEST:LZEW"));
        Assert.Equal(84.3225, lz.PriceAt(He21), 12);
        Assert.Equal(84.37, ew.PriceAt(He21), 12);
        Assert.Equal(84.37, ewByType.PriceAt(He21), 12);
        Assert.Equal("LZ_WEST", lz.SettlementPoint);
        Assert.Equal("LZ_WEST_EW", ew.SettlementPoint);
        Assert.Equal(24, lz.Count);
        Assert.Equal(24, ew.Count);
        Assert.Equal(0, lz.Quality.Duplicates); // the LZEW rows are not duplicates of the LZ rows
        Assert.Contains("API", lz.Layouts[0]);
    }

    [Fact]
    public void ApiCsvDump_ListsPointsWithEnergyWeightedVariant()
    {
        var points = PriceLoader.ListSettlementPoints([Ercot("raw_rt_spp_excerpt.csv")]);
        Assert.Equal(["AZ_ALL", "HB_NORTH", "LZ_WEST", "LZ_WEST_EW"], points);
    }

    [Fact]
    public void ApiReportJson_FieldsPlusDataArrays()
    {
        var path = Ercot("ercot_api_np6-905-cd_spp_node_zone_hub_2026-01-03.json");
        var hub = PriceLoader.Load([path], new PriceQuery("HB_NORTH"));
        Assert.Equal([He21, Utc(2026, 1, 4, 5)], hub.HoursUtc);
        Assert.Equal(54.79, hub.PriceUsdPerMWh[0], 12);
        Assert.Equal(19.62, hub.PriceUsdPerMWh[1], 12);
        Assert.Equal(PriceMarket.RealTime, hub.Market);
        Assert.Equal(32, hub.Quality.RowsRead);
        Assert.Equal(84.3225, PriceLoader.Load([path], new PriceQuery("LZ_WEST")).PriceAt(He21), 12);
        Assert.Equal(84.37, PriceLoader.Load([path], new PriceQuery("LZ_WEST_EW")).PriceAt(He21), 12);
    }

    [Fact]
    public void ApiReportJson_AgreesWithTheCsvDump_WhenMerged()
    {
        var r = PriceLoader.Load(
            [Ercot("raw_rt_spp_excerpt.csv"), Ercot("ercot_api_np6-905-cd_spp_node_zone_hub_2026-01-03.json")],
            new PriceQuery("HB_NORTH"));
        Assert.Equal(24, r.Count);
        Assert.Equal(8, r.Quality.Duplicates); // HE21 and HE24 intervals appear in both files
        Assert.Equal(54.79, r.PriceAt(He21), 12);
    }

    [Fact]
    public void RealTimeDisplayJson_IntervalEnding0015To2400()
    {
        // ercot_realtime_20250626.json, LZ_WEST: 0015..0100 = 57.07 58.15 58.34 57.92 -> 231.48/4 = 57.87 (00:00 CDT = 05:00Z)
        //   2315..2400 = 30.91 28.71 27.46 26.39 -> 113.47/4 = 28.3675 (23:00 CDT on 06/26 = 2025-06-27T04:00Z)
        var r = PriceLoader.Load([Ercot("ercot_realtime_20250626.json")], new PriceQuery("LZ_WEST"));
        Assert.Equal(PriceMarket.RealTime, r.Market);
        Assert.Equal(24, r.Count);
        Assert.Equal(57.87, r.PriceAt(Utc(2025, 6, 26, 5)), 12);
        Assert.Equal(28.3675, r.PriceAt(Utc(2025, 6, 27, 4)), 12);
        Assert.Equal(0, r.Quality.PartialIntervals);
        Assert.Contains("display", r.Layouts[0]);
    }
}

public class GridstatusTests
{
    [Fact]
    public void GridstatusExport_IndexColumn_Offsets_EwRename()
    {
        // gridstatus_spp_real_time_15_min_2026-01-03_he21.csv was written from raw_rt_spp_excerpt.csv HE21 values (see ErcotApiTests)
        var path = Ercot("gridstatus_spp_real_time_15_min_2026-01-03_he21.csv");
        var lz = PriceLoader.Load([path], new PriceQuery("LZ_WEST"));
        var ew = PriceLoader.Load([path], new PriceQuery("LZ_WEST_EW"));
        var hub = PriceLoader.Load([path], new PriceQuery("HB_NORTH"));
        var at = Utc(2026, 1, 4, 2);
        Assert.Equal([at], lz.HoursUtc);
        Assert.Equal(84.3225, lz.PriceUsdPerMWh[0], 12);
        Assert.Equal(84.37, ew.PriceUsdPerMWh[0], 12);
        Assert.Equal(54.79, hub.PriceUsdPerMWh[0], 12);
        Assert.Equal(PriceMarket.RealTime, lz.Market);
        Assert.Equal(0, lz.Quality.PartialIntervals); // interval length from Interval End - Interval Start = 15 min
        Assert.Equal(["HB_NORTH", "LZ_WEST", "LZ_WEST_EW"], PriceLoader.ListSettlementPoints([path]));
    }

    [Fact]
    public void GridstatusIo_UtcStarts_FallBackDayIsUnambiguous()
    {
        // values: DAM 2025 workbook Sheet11 rows 368/383/398/413/428 (HB_WEST 11/02/2025 HE01, 02 N, 02 Y, 03, 04)
        var r = PriceLoader.Load([Ercot("gridstatusio_ercot_spp_day_ahead_hourly_2025-11-02.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.DayAhead, r.Market);
        Assert.Equal([Utc(2025, 11, 2, 5), Utc(2025, 11, 2, 6), Utc(2025, 11, 2, 7), Utc(2025, 11, 2, 8), Utc(2025, 11, 2, 9)], r.HoursUtc);
        Assert.Equal([60.89, 50.55, 53.35, 57.05, 55.91], r.PriceUsdPerMWh);
        Assert.Contains("gridstatus.io", r.Layouts[0]);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void GridstatusIo_MergedWithTheErcotWorkbook_Agrees()
    {
        var r = PriceLoader.Load(
            [Ercot("gridstatusio_ercot_spp_day_ahead_hourly_2025-11-02.csv"), Ercot("rpt.00013060.0000000000000000.DAMLZHBSPP_2025.xlsx")],
            new PriceQuery("HB_NORTH", FromUtc: Utc(2025, 11, 2, 5), ToUtc: Utc(2025, 11, 3, 6))); // the 25-hour local day
        // workbook Sheet11 rows 365/380/395/410/425: HB_NORTH 54.43, 44.77 (N), 46.18 (Y), 50.11, 49.07
        Assert.Equal([54.43, 44.77, 46.18, 50.11, 49.07], r.PriceUsdPerMWh[..5]);
        Assert.Equal(Utc(2025, 11, 2, 5), r.HoursUtc[0]);
        Assert.Equal(5, r.Quality.Duplicates);
        Assert.Equal(25, r.Count);
    }
}
