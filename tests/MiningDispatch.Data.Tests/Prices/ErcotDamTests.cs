using System.IO.Compression;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class ErcotDamCsvTests
{
    [Fact]
    public void Dam2015_SpringForwardDay_Has23Hours_AndSkipsHourEnding03()
    {
        // grep '^03/08/2015,0[1-4]:00,.,HB_WEST' ercot_dam_lz_hub_spp_2015_dst_days.csv
        //   03/08/2015,01:00,N,HB_WEST,18.77 / 02:00,N,18.07 / 04:00,N,17.75   (no 03:00 row)
        var r = PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.DayAhead, r.Market);
        Assert.Equal(18.77, r.PriceAt(Utc(2015, 3, 8, 6)));   // 00:00 CST
        Assert.Equal(18.07, r.PriceAt(Utc(2015, 3, 8, 7)));   // 01:00 CST
        Assert.Equal(17.75, r.PriceAt(Utc(2015, 3, 8, 8)));   // 03:00 CDT
        int day = r.HoursUtc.Count(h => h >= Utc(2015, 3, 8, 6) && h < Utc(2015, 3, 9, 5));
        Assert.Equal(23, day);
    }

    [Fact]
    public void Dam2015_FallBackDay_Has25Hours_FlagPicksCdtOrCst()
    {
        // 11/01/2015,01:00,N,HB_WEST,15.71 / 02:00,N,15.48 / 02:00,Y,15.33 / 03:00,N,13.19
        var r = PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(15.71, r.PriceAt(Utc(2015, 11, 1, 5)));  // 00:00 CDT
        Assert.Equal(15.48, r.PriceAt(Utc(2015, 11, 1, 6)));  // 01:00 CDT (flag N)
        Assert.Equal(15.33, r.PriceAt(Utc(2015, 11, 1, 7)));  // 01:00 CST (flag Y)
        Assert.Equal(13.19, r.PriceAt(Utc(2015, 11, 1, 8)));  // 02:00 CST
        int day = r.HoursUtc.Count(h => h >= Utc(2015, 11, 1, 5) && h < Utc(2015, 11, 2, 6));
        Assert.Equal(25, day);
        // 3 days in March (72-1 hours) + 3 days around November (72+1) and no gap inside each block
        Assert.Equal(71 + 73, r.Count);
        Assert.Single(r.Quality.Gaps);
    }
}

public class ErcotDam2016Tests
{
    [Fact]
    public void Dam2016_BothDstDays_LzWest()
    {
        // grep -E '^(03/13/2016|11/06/2016),0[1-4]:00,.,LZ_WEST' ercot_dam_lz_hub_spp_2016_dst_days.csv
        //   03/13/2016,01:00,N,11.35  02:00,N,7.85  04:00,N,5.81
        //   11/06/2016,01:00,N,14.14  02:00,N,12.02  02:00,Y,12.51  03:00,N,12.38
        var r = PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2016_dst_days.csv")], new PriceQuery("LZ_WEST"));
        Assert.Equal(11.35, r.PriceAt(Utc(2016, 3, 13, 6)));
        Assert.Equal(7.85, r.PriceAt(Utc(2016, 3, 13, 7)));
        Assert.Equal(5.81, r.PriceAt(Utc(2016, 3, 13, 8)));
        Assert.Equal(14.14, r.PriceAt(Utc(2016, 11, 6, 5)));
        Assert.Equal(12.02, r.PriceAt(Utc(2016, 11, 6, 6)));
        Assert.Equal(12.51, r.PriceAt(Utc(2016, 11, 6, 7)));
        Assert.Equal(12.38, r.PriceAt(Utc(2016, 11, 6, 8)));
        Assert.Equal(23, r.HoursUtc.Count(h => h >= Utc(2016, 3, 13, 6) && h < Utc(2016, 3, 14, 5)));
        Assert.Equal(25, r.HoursUtc.Count(h => h >= Utc(2016, 11, 6, 5) && h < Utc(2016, 11, 7, 6)));
        Assert.Equal(0, r.Quality.Duplicates);
        Assert.Equal(0, r.Quality.PartialIntervals);
    }
}

/// <summary>The 2025 NP4-180-ER workbook, read once for the class (12 sheets, 124,920 rows).</summary>
public sealed class Dam2025Workbook
{
    public PriceLoadResult HbWest { get; } =
        PriceLoader.Load([Ercot("rpt.00013060.0000000000000000.DAMLZHBSPP_2025.xlsx")], new PriceQuery("HB_WEST"));
}

public class ErcotDamWorkbookTests(Dam2025Workbook book) : IClassFixture<Dam2025Workbook>
{
    private readonly PriceLoadResult _r = book.HbWest;

    // ercot-data-formats.md §3 test vectors; re-read from the workbook XML with python zipfile + ElementTree:
    //   Sheet3 rows 2888/2903/2918 and Sheet11 rows 368/383/398/413 (HB_WEST).
    [Theory]
    [InlineData(2025, 3, 9, 6, 34.44)]   // 03/09/2025 01:00 N  00:00-01:00 CST
    [InlineData(2025, 3, 9, 7, 29.45)]   // 03/09/2025 02:00 N  01:00-02:00 CST
    [InlineData(2025, 3, 9, 8, 31.75)]   // 03/09/2025 04:00 N  03:00-04:00 CDT
    [InlineData(2025, 11, 2, 5, 60.89)]  // 11/02/2025 01:00 N  00:00-01:00 CDT
    [InlineData(2025, 11, 2, 6, 50.55)]  // 11/02/2025 02:00 N  01:00-02:00 CDT
    [InlineData(2025, 11, 2, 7, 53.35)]  // 11/02/2025 02:00 Y  01:00-02:00 CST
    [InlineData(2025, 11, 2, 8, 57.05)]  // 11/02/2025 03:00 N  02:00-03:00 CST
    public void DstTestVectors(int y, int m, int d, int h, double price) =>
        Assert.Equal(price, _r.PriceAt(Utc(y, m, d, h)));

    [Fact]
    public void DstDays_Have23And25Hours()
    {
        Assert.Equal(23, _r.HoursUtc.Count(h => h >= Utc(2025, 3, 9, 6) && h < Utc(2025, 3, 10, 5)));
        Assert.Equal(25, _r.HoursUtc.Count(h => h >= Utc(2025, 11, 2, 5) && h < Utc(2025, 11, 3, 6)));
    }

    [Fact]
    public void WholeWorkbook_IsOneContiguousHourlySeries()
    {
        // 8,328 HB_WEST rows (SOURCES: 124,920 rows = 15 points x 8,328 hours), 01/01/2025 HE1 .. 12/13/2025 HE24
        Assert.Equal(8328, _r.Count);
        Assert.Equal(Utc(2025, 1, 1, 6), _r.HoursUtc[0]);
        Assert.Equal(Utc(2025, 12, 14, 5), _r.HoursUtc[^1]);
        for (int i = 1; i < _r.Count; i++) Assert.Equal(TimeSpan.FromHours(1), _r.HoursUtc[i] - _r.HoursUtc[i - 1]);
        Assert.Empty(_r.Quality.Gaps);
        Assert.Equal(124920, _r.Quality.RowsRead);
        Assert.Equal(8328, _r.Quality.RowsUsed);
        Assert.Equal(PriceMarket.DayAhead, _r.Market);
        Assert.Equal(12, _r.Layouts.Count); // one per monthly sheet
        Assert.Contains("NP4-180-ER", _r.Quality.Description);
        Assert.Contains("[sheet Jan]", _r.Quality.Description);
    }

    [Fact]
    public void FirstRow_Extremes_AndSumOfYear()
    {
        // python (zipfile + ElementTree) over all sheets, HB_WEST rows:
        //   Sheet1 row 8: 01/01/2025,01:00,N,HB_WEST,23.67   (00:00 CST = 06:00Z)
        //   max 911.12 at 02/20/2025 08:00 (07:00 CST = 13:00Z); min -13.21 at 04/01/2025 13:00 (12:00 CDT = 17:00Z)
        //   sum of all 8,328 prices = 284144.90
        Assert.Equal(23.67, _r.PriceAt(Utc(2025, 1, 1, 6)));
        Assert.Equal(911.12, _r.PriceUsdPerMWh.Max());
        Assert.Equal(Utc(2025, 2, 20, 13), _r.HoursUtc[Array.IndexOf(_r.PriceUsdPerMWh, 911.12)]);
        Assert.Equal(-13.21, _r.PriceUsdPerMWh.Min());
        Assert.Equal(Utc(2025, 4, 1, 17), _r.HoursUtc[Array.IndexOf(_r.PriceUsdPerMWh, -13.21)]);
        Assert.Equal(284144.90, _r.PriceUsdPerMWh.Sum(), 6);
    }
}

public class ErcotZipTests
{
    [Trait("Category", "Slow")]
    [Fact]
    public void RealErcotZip_HoldingTheXlsx_Loads2015_AndAgreesWithTheCsvExport()
    {
        // DAMLZHBSPP_2015.zip holds rpt.00013060.0000000000000000.DAMLZHBSPP_2015.xlsx; Sheet11 rows 7/21/35/49:
        //   11/01/2015,01:00,N,HB_WEST,15.71 / 02:00,N,15.48 / 02:00,Y,15.33 / 03:00,N,13.19 (same as the CSV export)
        var r = PriceLoader.Load([Ercot("DAMLZHBSPP_2015.zip")], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
        Assert.Equal(15.71, r.PriceAt(Utc(2015, 11, 1, 5)));
        Assert.Equal(15.48, r.PriceAt(Utc(2015, 11, 1, 6)));
        Assert.Equal(15.33, r.PriceAt(Utc(2015, 11, 1, 7)));
        Assert.Equal(13.19, r.PriceAt(Utc(2015, 11, 1, 8)));
        // 2015 has 365 days: 365 * 24 = 8760 hours (the 23- and 25-hour days cancel); HB_WEST has 8760 rows in the CSV export
        Assert.Equal(8760, r.Count);
        Assert.Empty(r.Quality.Gaps);
        Assert.Contains(r.Layouts, l => l.Contains("DAMLZHBSPP_2015.zip/rpt.00013060.0000000000000000.DAMLZHBSPP_2015.xlsx [sheet", StringComparison.Ordinal));

        // merging the zip with the CSV export of the same workbook: every overlapping hour agrees -> duplicates, no error
        var both = PriceLoader.Load([Ercot("DAMLZHBSPP_2015.zip"), Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(8760, both.Count);
        Assert.Equal(6 * 24, both.Quality.Duplicates); // the CSV excerpt holds 6 days of HB_WEST (71 + 73 hours = 144)
    }

    [Fact]
    public void ZipHoldingACsv_IsRead()
    {
        using var dir = new TempDir();
        var zipPath = System.IO.Path.Combine(dir.Path, "dam_2016.zip");
        using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
        {
            zip.CreateEntryFromFile(Ercot("ercot_dam_lz_hub_spp_2016_dst_days.csv"), "ercot_dam_lz_hub_spp_2016_dst_days.csv");
        }
        var r = PriceLoader.Load([zipPath], new PriceQuery("LZ_WEST"));
        Assert.Equal(12.51, r.PriceAt(Utc(2016, 11, 6, 7))); // 11/06/2016,02:00,Y,LZ_WEST,12.51
    }
}
