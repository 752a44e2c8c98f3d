using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class PriceErrorTests
{
    private const string Meltvar = "meltvar_June_2024_first_day.csv";

    [Fact]
    public void UnknownPoint_ListsThePointsTheFileHolds()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([Ercot(Meltvar)], new PriceQuery("HB_PAN")));
        Assert.Equal(["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"], e.AvailableSettlementPoints);
        Assert.Contains("HB_PAN", e.Message);
        Assert.Contains("HB_HOUSTON, HB_NORTH, HB_SOUTH, HB_WEST", e.Message);
        Assert.Contains(Meltvar, e.Message);
    }

    [Fact]
    public void UnknownPoint_InWideFile_ListsItsColumns()
    {
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([Ercot("ercot_realtime_20250626.json")], new PriceQuery("LZ_AEN")));
        Assert.Equal(["LZ_HOUSTON", "LZ_NORTH", "LZ_SOUTH", "LZ_WEST"], e.AvailableSettlementPoints);
    }

    [Fact]
    public void BadPrice_NamesFileLineColumnAndValue()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Ercot(Meltvar)).Take(10).ToArray();
        lines[6] = lines[6].Replace("18.33", "18.3x3", StringComparison.Ordinal); // line 7: 06/01/2024,1,2,N,HB_NORTH,HU,18.33
        var file = dir.Write("bad_price.csv", string.Join("\n", lines) + "\n");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_NORTH")));
        Assert.Equal("bad_price.csv", e.File);
        Assert.Equal(7, e.Line);
        Assert.Equal("Settlement Point Price", e.Column);
        Assert.Equal("18.3x3", e.Value);
        Assert.Contains("bad_price.csv, line 7, column 'Settlement Point Price', value '18.3x3'", e.Message);
    }

    [Fact]
    public void BadPrice_OfAnotherPoint_IsNotParsed()
    {
        // rows of other points are filtered on the point column before the price is parsed
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Ercot(Meltvar)).Take(10).ToArray();
        lines[1] = lines[1].Replace("17.69", "n/a", StringComparison.Ordinal); // line 2 is HB_HOUSTON
        var file = dir.Write("other_point_bad.csv", string.Join("\n", lines) + "\n");
        var r = PriceLoader.Load([file], new PriceQuery("HB_NORTH"));
        Assert.Equal(17.97, r.PriceUsdPerMWh[0], 12); // lines 6-9: 17.69 18.33 17.85 18.01
    }

    [Fact]
    public void ConflictingDuplicate_AcrossFiles_NamesBothFilesAndLines()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(Ercot(Meltvar));
        var a = dir.Write("a.csv", string.Join("\n", lines) + "\n");
        var changed = (string[])lines.Clone();
        changed[14] = changed[14].Replace("18.33", "18.34", StringComparison.Ordinal); // line 15: 06/01/2024,1,2,N,HB_WEST,HU,18.33
        var b = dir.Write("b.csv", string.Join("\n", changed) + "\n");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([a, b], new PriceQuery("HB_WEST")));
        Assert.Contains("a.csv line 15", e.Message);
        Assert.Contains("b.csv line 15", e.Message);
        Assert.Contains("18.33", e.Message);
        Assert.Contains("18.34", e.Message);
        Assert.Contains("2024-06-01 05:15Z", e.Message);
    }

    [Fact]
    public void ConflictingDuplicate_WithinOneFile()
    {
        using var dir = new TempDir();
        var text = "Delivery Date,Hour Ending,Repeated Hour Flag,Settlement Point,Settlement Point Price\n" +
                   "11/01/2015,01:00,N,HB_WEST,15.71\n" +
                   "11/01/2015,01:00,N,HB_WEST,15.72\n";
        var file = dir.Write("dup.csv", text);
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST")));
        Assert.Contains("dup.csv line 2", e.Message);
        Assert.Contains("dup.csv line 3", e.Message);
    }

    [Fact]
    public void ExactDuplicates_AreCountedAndDropped()
    {
        using var dir = new TempDir();
        var copy = dir.Copy(Ercot(Meltvar), "copy.csv");
        var r = PriceLoader.Load([Ercot(Meltvar), copy], new PriceQuery("HB_WEST"));
        Assert.Equal(24, r.Count);
        Assert.Equal(96, r.Quality.Duplicates); // every 15-minute row of HB_WEST appears twice
        Assert.Equal(96, r.Quality.RowsUsed);
        Assert.Equal(25.6025, r.PriceUsdPerMWh[^1], 12);
    }

    [Fact]
    public void SpringForwardHour_WithAPrice_IsAClearError()
    {
        using var dir = new TempDir();
        var file = dir.Write("bad_dst.csv",
            "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n" +
            "03/09/2025,02:00,HB_WEST,29.45,N\n" +
            "03/09/2025,03:00,HB_WEST,30.00,N\n");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST")));
        Assert.Equal(3, e.Line);
        Assert.Equal("HourEnding", e.Column);
        Assert.Contains("2025-03-09 02:00 does not exist", e.Message);
    }

    [Fact]
    public void RepeatedHourFlag_OnAnOrdinaryHour_IsAnError()
    {
        using var dir = new TempDir();
        var file = dir.Write("bad_flag.csv",
            "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n" +
            "11/02/2025,05:00,HB_WEST,55.91,Y\n");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST")));
        Assert.Equal(2, e.Line);
        Assert.Contains("not in the repeated fall-back hour", e.Message);
    }

    [Fact]
    public void BadDate_AndBadHour_NameTheirColumns()
    {
        using var dir = new TempDir();
        var badDate = dir.Write("bad_date.csv", "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n13/45/2025,01:00,HB_WEST,1.0,N\n");
        var e1 = Assert.Throws<DataFormatException>(() => PriceLoader.Load([badDate], new PriceQuery("HB_WEST")));
        Assert.Equal(("DeliveryDate", "13/45/2025", 2), (e1.Column, e1.Value, e1.Line));
        var badHour = dir.Write("bad_hour.csv", "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n01/02/2025,26:00,HB_WEST,1.0,N\n");
        var e2 = Assert.Throws<DataFormatException>(() => PriceLoader.Load([badHour], new PriceQuery("HB_WEST")));
        Assert.Equal(("HourEnding", "26:00", 2), (e2.Column, e2.Value, e2.Line));
    }

    [Fact]
    public void UnrecognisedLayout_NamesFileAndHeader()
    {
        using var dir = new TempDir();
        var file = dir.Write("weather.csv", "station,temp_c\nKMAF,31.2\n");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST")));
        Assert.Equal("weather.csv", e.File);
        Assert.Contains("station,temp_c", e.Message);
    }

    [Fact]
    public void WrongMarket_SaysWhatTheFilesHold()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2016_dst_days.csv")], new PriceQuery("HB_WEST", PriceMarket.RealTime)));
        Assert.Contains("no real-time prices: the file(s) hold day-ahead prices", e.Message);
        Assert.Equal("market", e.Column);

        // per-row market (gridstatus): the other market's rows are found but not used
        var g = Assert.Throws<DataFormatException>(() =>
            PriceLoader.Load([Ercot("gridstatus_spp_real_time_15_min_2026-01-03_he21.csv")], new PriceQuery("HB_NORTH", PriceMarket.DayAhead)));
        Assert.Contains("no day-ahead prices for HB_NORTH; the files hold real-time prices", g.Message);
    }

    [Fact]
    public void PartialRows_AreSkippedAndCounted()
    {
        // an all-empty (hour, interval) row as gridstatus found once per RTM year, and a fully blank line
        using var dir = new TempDir();
        var file = dir.Write("partial.csv",
            "Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price\n" +
            "06/01/2024,1,1,N,HB_NORTH,HU,17.69\n" +
            "06/01/2024,,,N,HB_NORTH,HU,\n" +
            ",,,,,,\n" +
            "06/01/2024,1,2,N,HB_NORTH,HU,18.33\n");
        var r = PriceLoader.Load([file], new PriceQuery("HB_NORTH"));
        Assert.Equal((17.69 + 18.33) / 2, r.PriceUsdPerMWh[0], 12);
        Assert.Equal(1, r.Quality.PartialIntervals);
        Assert.Contains(r.Quality.Notes, n => n.Contains("1 partial row(s)", StringComparison.Ordinal) && n.Contains("line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyRange_SaysWhatTheFilesCover()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            PriceLoader.Load([Ercot(Meltvar)], new PriceQuery("HB_WEST", null, Utc(2025, 1, 1, 0), Utc(2025, 2, 1, 0))));
        Assert.Contains("2024-06-01 05:00Z", e.Message); // first interval seen
    }

    [Fact]
    public void MissingPath_IsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => PriceLoader.Load(["/nonexistent/prices.csv"], new PriceQuery("HB_WEST")));
    }

    [Fact]
    public void CancelledToken_Stops()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PriceLoader.Load([Ercot(Meltvar)], new PriceQuery("HB_WEST"), null, cts.Token));
    }
}

public class PriceTextFormatTests
{
    [Fact]
    public void SemicolonDelimited_DecimalComma_Bom_Crlf()
    {
        // DAM 2025 workbook Sheet2 rows 6942/6957/6972: 02/20/2025 LZ_LCRA 07:00 1301.00, 08:00 1322.05, 09:00 542.50
        using var dir = new TempDir();
        var file = dir.Write("dam_semicolon.csv",
            "Delivery Date;Hour Ending;Repeated Hour Flag;Settlement Point;Settlement Point Price\r\n" +
            "02/20/2025;07:00;N;LZ_LCRA;1.301,00\r\n" +
            "02/20/2025;08:00;N;LZ_LCRA;\"1.322,05\"\r\n" +
            "02/20/2025;09:00;N;LZ_LCRA;542,5\r\n", bom: true);
        var r = PriceLoader.Load([file], new PriceQuery("LZ_LCRA"));
        Assert.Equal([1301.00, 1322.05, 542.50], r.PriceUsdPerMWh);
        Assert.Equal(Utc(2025, 2, 20, 12), r.HoursUtc[0]); // HE08 = 07:00 CST -> 13:00Z; HE07 -> 12:00Z
    }

    [Fact]
    public void ExcelSaveAsCsv_QuotedThousands_PaddedFields()
    {
        using var dir = new TempDir();
        var file = dir.Write("dam_excel.csv",
            "Delivery Date , Hour Ending , Repeated Hour Flag , Settlement Point , Settlement Point Price \n" +
            " 02/20/2025 , 07:00 , N , LZ_LCRA ,\"1,301.00\"\n" +
            "02/20/2025,08:00,N,LZ_LCRA,\"1,322.05\"\n" +
            "\n" +
            "02/20/2025,09:00,N,LZ_LCRA,542.50");      // no newline at the end
        var r = PriceLoader.Load([file], new PriceQuery("LZ_LCRA"));
        Assert.Equal([1301.00, 1322.05, 542.50], r.PriceUsdPerMWh);
    }

    [Fact]
    public void HourEnding25_WithoutFlag_FallBackDayIsElapsedHours()
    {
        // the 25 HB_WEST prices of 11/02/2025 in workbook order (HE01, 02 N, 02 Y, 03..24), written as HE 1..25 without a flag
        double[] prices = [60.89, 50.55, 53.35, 57.05, 55.91, 58.13, 50.33, 42.51, 28.61, 14.77, 5.91, 5.25, 6.51, 7.57, 8.10, 8.37,
            10.91, 26.65, 80.96, 69.27, 51.09, 35.02, 24.92, 22.06, 18.34];
        using var dir = new TempDir();
        var sb = new StringBuilder("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice\n");
        for (int he = 1; he <= 25; he++)
            sb.Append(CultureInfo.InvariantCulture, $"11/02/2025,{he},HB_WEST,{prices[he - 1].ToString(CultureInfo.InvariantCulture)}\n");
        var r = PriceLoader.Load([dir.Write("he25.csv", sb.ToString())], new PriceQuery("HB_WEST"));
        Assert.Equal(25, r.Count);
        for (int i = 0; i < 25; i++) Assert.Equal(Utc(2025, 11, 2, 5).AddHours(i), r.HoursUtc[i]);
        Assert.Equal(prices, r.PriceUsdPerMWh);
        // identical to the flagged workbook for the same day
        var book = PriceLoader.Load([Ercot("rpt.00013060.0000000000000000.DAMLZHBSPP_2025.xlsx")],
            new PriceQuery("HB_WEST", null, Utc(2025, 11, 2, 5), Utc(2025, 11, 3, 6)));
        Assert.Equal(book.HoursUtc, r.HoursUtc);
        Assert.Equal(book.PriceUsdPerMWh, r.PriceUsdPerMWh);
    }

    [Fact]
    public void NoFlag_RepeatedHourTwice_FirstCdtThenCst()
    {
        using var dir = new TempDir();
        var file = dir.Write("noflag.csv",
            "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice\n" +
            "11/02/2025,01:00,HB_WEST,60.89\n11/02/2025,02:00,HB_WEST,50.55\n11/02/2025,02:00,HB_WEST,53.35\n11/02/2025,03:00,HB_WEST,57.05\n");
        var r = PriceLoader.Load([file], new PriceQuery("HB_WEST"));
        Assert.Equal([Utc(2025, 11, 2, 5), Utc(2025, 11, 2, 6), Utc(2025, 11, 2, 7), Utc(2025, 11, 2, 8)], r.HoursUtc);
        Assert.Equal([60.89, 50.55, 53.35, 57.05], r.PriceUsdPerMWh);
    }

    [Fact]
    public void TimeRange_KeepsHoursStartingInFromTo()
    {
        var r = PriceLoader.Load([Ercot("meltvar_June_2024_first_day.csv")],
            new PriceQuery("HB_WEST", PriceMarket.RealTime, Utc(2024, 6, 1, 10), Utc(2024, 6, 1, 13)));
        Assert.Equal([Utc(2024, 6, 1, 10), Utc(2024, 6, 1, 11), Utc(2024, 6, 1, 12)], r.HoursUtc);
        Assert.Equal(12, r.Quality.RowsUsed);
    }
}
