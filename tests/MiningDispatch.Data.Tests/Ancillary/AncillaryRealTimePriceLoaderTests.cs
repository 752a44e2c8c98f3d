using MiningDispatch.Core.Ancillary;
using MiningDispatch.Data.Ancillary;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Ancillary;

/// <summary>
/// Real-time AS clearing prices from the RTC+B go-live (5 Dec 2025), in files built to ERCOT's published layouts:
/// NP6-331-CD (15-minute settlement MCPC: DeliveryDate,DeliveryHour,DeliveryInterval,RepeatedHourFlag,ASType,MCPC) and
/// NP6-332-CD (MCPC per SCED run: SCEDTimestamp,RepeatedHourFlag,ASType,MCPC). No real file is at hand.
/// </summary>
public class AncillaryRealTimePriceLoaderTests
{
    private const string Np331 = "DeliveryDate,DeliveryHour,DeliveryInterval,RepeatedHourFlag,ASType,MCPC\n";
    private const string Np332 = "SCEDTimestamp,RepeatedHourFlag,ASType,MCPC\n";
    private const string Dam = "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n12/06/2025,01:00,RRS,5,N\n";
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Settlement_intervals_go_on_their_quarter_hour_in_utc_beside_the_dam_prices()
    {
        using var dir = new TempDir();
        var dam = dir.File("dam.csv", Dam);
        // 6 Dec 2025 is CST (UTC-6): hour ending 1, interval 1 starts 00:00 CST = 06:00Z; interval 4 starts 06:45Z.
        var rt = dir.File("np6331.csv", Np331 + "12/06/2025,1,1,N,RRS,1.5\n12/06/2025,1,4,N,RRS,2.5\n12/06/2025,1,1,N,ECRS,0.29\n");
        var r = AncillaryPriceLoader.Load([dam, rt]);
        Assert.Equal([Utc(2025, 12, 6, 6)], r.Prices.HoursUtc);
        Assert.Equal(5, r.Prices.Prices[AncillaryProduct.Rrs][0]);
        var q = r.RealTime!;
        Assert.Equal([Utc(2025, 12, 6, 6), Utc(2025, 12, 6, 6, 45)], q.StartsUtc);
        Assert.Equal([1.5, 2.5], q.Prices[AncillaryProduct.Rrs]);
        Assert.Equal(0.29, q.Prices[AncillaryProduct.Ecrs][0]);
        Assert.True(double.IsNaN(q.Prices[AncillaryProduct.Ecrs][1]));
        Assert.Contains(r.Layouts, l => l.Contains("NP6-331-CD", StringComparison.Ordinal));
        // Two quarter hours (06:15, 06:30) missing between the first and the last: said in the note.
        Assert.Contains(r.Quality.Notes, n => n.Contains("real-time MCPC: 2 15-minute interval(s)", StringComparison.Ordinal) && n.Contains("2 interval(s) missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Sced_runs_are_averaged_over_their_quarter_hour_and_a_settlement_price_wins()
    {
        using var dir = new TempDir();
        var dam = dir.File("dam.csv", Dam);
        // Runs at 00:04, 00:09, 00:14 CST fall in the 06:00Z quarter: (2 + 4 + 6) / 3 = 4; 00:19 falls in 06:15Z.
        var sced = dir.File("np6332.csv", Np332 + "12/06/2025 00:04:18,N,RRS,2\n12/06/2025 00:09:17,N,RRS,4\n12/06/2025 00:14:20,N,RRS,6\n12/06/2025 00:19:16,N,RRS,8\n");
        var r = AncillaryPriceLoader.Load([dam, sced]);
        Assert.Equal([Utc(2025, 12, 6, 6), Utc(2025, 12, 6, 6, 15)], r.RealTime!.StartsUtc);
        Assert.Equal([4.0, 8], r.RealTime.Prices[AncillaryProduct.Rrs]);
        Assert.Contains(r.Quality.Notes, n => n.Contains("SCED runs averaged", StringComparison.Ordinal));

        var settlement = dir.File("np6331.csv", Np331 + "12/06/2025,1,1,N,RRS,1.5\n");
        var both = AncillaryPriceLoader.Load([dam, sced, settlement]);
        Assert.Equal([1.5, 8], both.RealTime!.Prices[AncillaryProduct.Rrs]);
    }

    [Fact]
    public void Capped_and_uncapped_sced_layout_reads_the_capped_price()
    {
        using var dir = new TempDir();
        var sced = dir.File("np6332.csv", "SCEDTimestamp,RepeatedHourFlag,ASType,CappedMCPC,UncappedMCPC\n12/06/2025 00:04:18,N,NSPIN,3,7\n");
        var r = AncillaryPriceLoader.Load([dir.File("dam.csv", Dam), sced]);
        Assert.Equal(3, r.RealTime!.Prices[AncillaryProduct.NonSpin][0]);
    }

    [Fact]
    public void The_repeated_fall_back_hour_is_told_apart_by_the_flag()
    {
        using var dir = new TempDir();
        // 1 Nov 2026: hour ending 2 interval 1 is 01:00 CDT (06:00Z) the first time and 01:00 CST (07:00Z) when repeated.
        var rt = dir.File("np6331.csv", Np331 + "11/01/2026,2,1,N,RRS,1\n11/01/2026,2,1,Y,RRS,2\n");
        var r = AncillaryPriceLoader.Load([dir.File("dam.csv", Dam), rt]);
        Assert.Equal([Utc(2026, 11, 1, 6), Utc(2026, 11, 1, 7)], r.RealTime!.StartsUtc);
        Assert.Equal([1.0, 2], r.RealTime.Prices[AncillaryProduct.Rrs]);
    }

    [Theory]
    [InlineData("12/06/2025,1,5,N,RRS,1", "DeliveryInterval", "5", "delivery interval")]
    [InlineData("12/06/2025,1,1,N,XYZ,1", "ASType", "XYZ", "unknown AS type")]
    [InlineData("12/06/2025,1,1,N,RRS,-2", "MCPC", "-2", "negative")]
    [InlineData("12/06/2025,1,1,N,RRS,x", "MCPC", "x", "not a number")]
    [InlineData("12/06/2025,1,2,N,RRS,9", "MCPC", "9", "twice with different prices")]
    public void Bad_rows_name_the_line_column_and_value(string row, string column, string value, string problem)
    {
        using var dir = new TempDir();
        var rt = dir.File("np6331.csv", Np331 + "12/06/2025,1,2,N,RRS,1\n" + row + "\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([dir.File("dam.csv", Dam), rt]));
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.Value);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Real_time_prices_alone_are_refused_because_the_dam_mcpc_pays_the_awards()
    {
        using var dir = new TempDir();
        var rt = dir.File("np6331.csv", Np331 + "12/06/2025,1,1,N,RRS,1.5\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([rt]));
        Assert.Contains("no day-ahead AS price", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_time_row_before_the_go_live_is_kept_with_a_warning()
    {
        using var dir = new TempDir();
        var rt = dir.File("np6331.csv", Np331 + "12/04/2025,1,1,N,RRS,1.5\n");
        var r = AncillaryPriceLoader.Load([dir.File("dam.csv", Dam), rt]);
        Assert.Contains(r.Quality.Notes, n => n.StartsWith("warning: 1 real-time MCPC row(s) are dated before the RTC+B go-live", StringComparison.Ordinal));
    }
}

/// <summary>The forecast's flat monthly AS price CSV (month,product,price).</summary>
public class AncillaryFlatPriceLoaderTests
{
    [Fact]
    public void Reads_month_product_and_price()
    {
        using var dir = new TempDir();
        var f = dir.File("as.csv", "month,product,price\n2027-01,RRS,12.5\n2027-01,ecrs,8\n");
        var list = AncillaryFlatPriceLoader.Load(f);
        Assert.Equal([new AncillaryFlatPrice(new DateOnly(2027, 1, 1), AncillaryProduct.Rrs, 12.5), new AncillaryFlatPrice(new DateOnly(2027, 1, 1), AncillaryProduct.Ecrs, 8)], list);
    }

    [Theory]
    [InlineData("2027-13,RRS,1", "month", "2027-13")]
    [InlineData("2027-01,XYZ,1", "product", "XYZ")]
    [InlineData("2027-01,RRS,-1", "price", "-1")]
    [InlineData("2027-01,RRS,9000", "price", "9000")]
    [InlineData("2027-02,RRS,2", "product", "RRS")]
    public void Bad_rows_name_the_line_column_and_value(string row, string column, string value)
    {
        using var dir = new TempDir();
        var f = dir.File("as.csv", "month,product,price\n2027-02,RRS,1\n" + row + "\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryFlatPriceLoader.Load(f));
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.Value);
    }
}
