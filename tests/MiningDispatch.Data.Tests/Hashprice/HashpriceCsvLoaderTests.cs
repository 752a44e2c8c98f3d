using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

public class HashpriceCsvLoaderTests
{
    private static double ValueAt(HashpriceSeries s, DateTime t) => s.Points.Single(p => p.TimestampUtc == t).UsdPerThDay;

    [Fact]
    public void DailyBlockchainCom_UsesPhColumn_DividedBy1000_CheckedAgainstTh()
    {
        var s = HashpriceCsvLoader.Load(PathOf("hashprice_daily_blockchaincom_2023-06-26_2023-07-16.csv"));
        // From the file: 2023-07-06 -> 77.512 USD/PH/day (0.077512 USD/TH/day); 2023-06-26 -> 76.424; 2023-07-16 last row.
        Assert.Equal(21, s.Points.Count);
        Assert.Equal(0.077512, ValueAt(s, Utc(2023, 7, 6)), 12);
        Assert.Equal(0.076424, ValueAt(s, Utc(2023, 6, 26)), 12);
        Assert.Equal(0.081151, ValueAt(s, Utc(2023, 7, 3)), 12);
        Assert.Equal(Utc(2023, 6, 26), s.Points[0].TimestampUtc);
        Assert.Equal(DateTimeKind.Utc, s.Points[0].TimestampUtc.Kind);
        Assert.Equal(Utc(2023, 7, 16), s.Points[^1].TimestampUtc);
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        Assert.Contains("hashprice_usd_per_ph_day", s.Source);
        Assert.Equal(21, s.Quality.RowsRead);
        Assert.Equal(21, s.Quality.RowsUsed);
        Assert.Empty(s.Quality.Gaps);
    }

    [Fact]
    public void ExplicitThUnit_PicksTheThColumn()
    {
        var s = HashpriceCsvLoader.Load(PathOf("hashprice_daily_blockchaincom_2023-06-26_2023-07-16.csv"), HashpriceUnit.UsdPerThDay);
        Assert.Contains("hashprice_usd_per_th_day", s.Source);
        Assert.Equal(0.077512, ValueAt(s, Utc(2023, 7, 6)), 15);
    }

    [Fact]
    public void DerivedDaily_DateUtcColumn()
    {
        var s = HashpriceCsvLoader.Load(PathOf("hashprice_daily_2023-06-26_2023-07-16_from_blockchaincom.csv"));
        Assert.Equal(0.077512, ValueAt(s, Utc(2023, 7, 6)), 12);
        Assert.Equal(0.077671, ValueAt(s, Utc(2023, 7, 5)), 12);
    }

    [Fact]
    public void FourDayFile_BucketIsFourDays()
    {
        var s = HashpriceCsvLoader.Load(PathOf("hashprice_4day_7dma_2024-01-01_2024-11-13_from_blockchaincom.csv"));
        Assert.Equal(80, s.Points.Count);
        Assert.Equal(TimeSpan.FromDays(4), s.Bucket);
        // From the file: line 2 "2024-01-02,…,94.255" and line 81 "2024-11-13,…,51.835" USD/PH/day.
        Assert.Equal(0.094255, ValueAt(s, Utc(2024, 1, 2)), 12);
        Assert.Equal(0.051835, ValueAt(s, Utc(2024, 11, 13)), 12);
        Assert.Empty(s.Quality.Gaps);
    }

    [Fact]
    public void UnitlessPriceColumn_NeedsAUnit()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv", "date,price\n2023-07-06,77.5\n2023-07-07,78\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("price", ex.Message);
        Assert.Contains("unit", ex.Message);
        var s = HashpriceCsvLoader.Load(p, HashpriceUnit.UsdPerPhDay);
        Assert.Equal(0.0775, s.Points[0].UsdPerThDay, 12);
        Assert.Equal(0.078, s.Points[1].UsdPerThDay, 12);
        // 77.5 USD/TH/day is implausible (hashprice has stayed below about 3 since 2016): a unit mistake, not data.
        var wrong = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p, HashpriceUnit.UsdPerThDay));
        Assert.Contains("hp.csv", wrong.Message);
        Assert.Contains("look like USD/PH/day", wrong.Message);
    }

    [Fact]
    public void TimestampColumn_IsoInstantsWithOffsets_AreConvertedToUtc()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv",
            "timestamp,usd_per_ph_day\n2023-07-06T05:00:00+05:00,60\n\"2023-07-06T06:00:00Z\",61.5\n2023-07-06T07:30:00-01:30,62\n");
        var s = HashpriceCsvLoader.Load(p);
        Assert.Equal([Utc(2023, 7, 6, 0), Utc(2023, 7, 6, 6), Utc(2023, 7, 6, 9)], s.Points.Select(x => x.TimestampUtc));
        Assert.Equal(0.0615, s.Points[1].UsdPerThDay, 12);
    }

    [Fact]
    public void TimeWithoutOffset_IsRejected_NamingFileLineColumnValue()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv", "timestamp,usd_per_ph_day\n2023-07-06T00:00:00Z,60\n2023-07-06 01:00:00,61\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains(p, ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'timestamp'", ex.Message);
        Assert.Contains("2023-07-06 01:00:00", ex.Message);
    }

    [Fact]
    public void BadNumber_NamesFileLineColumnValue()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv", "date,hashprice_usd_per_th_day\n2023-07-05,0.07\n2023-07-06,0,077\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("line 3", ex.Message); // 3 fields instead of 2
        p = dir.File("hp2.csv", "date,hashprice_usd_per_th_day\n2023-07-05,0.07\n2023-07-06,abc\n");
        ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("hp2.csv line 3, column 'hashprice_usd_per_th_day': 'abc'", ex.Message);
        p = dir.File("hp3.csv", "date,hashprice_usd_per_th_day\n2023-07-05,-0.07\n");
        ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("-0.07", ex.Message);
        p = dir.File("hp4.csv", "day,hashprice_usd_per_th_day\n2023-07-05,0.07\n");
        ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("no date column", ex.Message);
    }

    [Fact]
    public void ThAndPhColumnsThatDisagree_AreAnError_UnlessAUnitIsGiven()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv",
            "date,hashprice_usd_per_th_day,hashprice_usd_per_ph_day\n2023-07-05,0.07,70\n2023-07-06,0.08,77.5\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("77.5", ex.Message);
        Assert.Contains("0.08", ex.Message);
        Assert.Equal(0.08, HashpriceCsvLoader.Load(p, HashpriceUnit.UsdPerThDay).Points[1].UsdPerThDay, 15);
        Assert.Equal(0.0775, HashpriceCsvLoader.Load(p, HashpriceUnit.UsdPerPhDay).Points[1].UsdPerThDay, 15);
    }

    [Fact]
    public void UnitContradictingTheOnlyColumn_IsAnError()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv", "date,hashprice_usd_per_ph_day\n2023-07-05,70\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p, HashpriceUnit.UsdPerThDay));
        Assert.Contains("hashprice_usd_per_ph_day", ex.Message);
    }

    [Fact]
    public void BlankValues_AreSkippedAndReportedAsGaps_UnsortedRowsSorted_DuplicatesCounted()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv",
            "date,usd_per_th_day\n2023-07-02,0.02\n2023-07-01,0.01\n2023-07-03,\n2023-07-04,\n2023-07-05,0.05\n2023-07-05,0.05\n2023-07-06,0.06\n");
        var s = HashpriceCsvLoader.Load(p);
        Assert.Equal([0.01, 0.02, 0.05, 0.06], s.Points.Select(x => x.UsdPerThDay));
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket); // spacings 1,3,1 days -> median 1 day
        Assert.Equal(7, s.Quality.RowsRead);
        Assert.Equal(4, s.Quality.RowsUsed);
        Assert.Equal(1, s.Quality.Duplicates);
        var gap = Assert.Single(s.Quality.Gaps);
        Assert.Equal(Utc(2023, 7, 3), gap.FromUtc);
        Assert.Equal(Utc(2023, 7, 5), gap.ToUtc);
        Assert.Equal(2, gap.MissingIntervals);
        Assert.Contains(s.Quality.Notes, n => n.Contains("lines 4, 5"));
    }

    [Fact]
    public void SingleColumnEndingInTheUnit_IsAccepted_SeveralAreAnError()
    {
        using var dir = new TempDir();
        // Header and first rows of derived/hashprice_subsidy_only_4day_7dma_2022-2026_from_blockchaincom.csv.
        var p = dir.File("subsidy.csv",
            "date_utc,difficulty_7dma,btc_usd_7dma_interpolated,block_subsidy_btc,subsidy_only_btc_per_ph_day,subsidy_only_usd_per_ph_day\n" +
            "2022-01-02,24272331996980,48479.56,6.25,0.00517991,251.120\n2022-01-06,24272331996980,46741.08,6.25,0.00517991,242.115\n");
        var s = HashpriceCsvLoader.Load(p);
        Assert.Equal(0.25112, s.Points[0].UsdPerThDay, 12);
        Assert.Equal(0.242115, s.Points[1].UsdPerThDay, 12);
        Assert.Contains("subsidy_only_usd_per_ph_day", s.Source);
        var q = dir.File("two.csv", "date,a_usd_per_ph_day,b_usd_per_ph_day\n2022-01-02,1,2\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(q));
        Assert.Contains("a_usd_per_ph_day", ex.Message);
    }

    [Fact]
    public void ConflictingDuplicates_AreAnError()
    {
        using var dir = new TempDir();
        var p = dir.File("hp.csv", "date,usd_per_th_day\n2023-07-01,0.01\n2023-07-01,0.02\n");
        var ex = Assert.Throws<FormatException>(() => HashpriceCsvLoader.Load(p));
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("line 3", ex.Message);
    }

    [Fact]
    public void MissingFile_NamesThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => HashpriceCsvLoader.Load("/nonexistent/hp.csv"));
        Assert.Contains("/nonexistent/hp.csv", ex.Message);
    }
}
