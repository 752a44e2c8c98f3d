using System.Globalization;
using System.IO.Compression;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Data.Ancillary;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Ancillary;

/// <summary>AS clearing prices in the NP4-188-CD long layout, the NP4-181-ER yearly zip and the wide hourly CSV.</summary>
public class AncillaryPriceLoaderTests
{
    private static string Folder => Path.Combine(RepoRoot, "data", "ercot", "ancillary");
    private static DateTime Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Long_layout_puts_each_product_on_its_hour_in_utc()
    {
        using var dir = new TempDir();
        var f = dir.File("np4188.csv",
            "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n" +
            "08/05/2025,01:00,ECRS,0.07,N\n08/05/2025,01:00,REGDN,0.89,N\n08/05/2025,02:00,ECRS,1.5,N\n");
        var r = AncillaryPriceLoader.Load([f]);
        // HE01 of 5 Aug 2025 (CDT, UTC-5) starts 05:00Z.
        Assert.Equal([Utc(2025, 8, 5, 5), Utc(2025, 8, 5, 6)], r.Prices.HoursUtc);
        Assert.Equal([0.07, 1.5], r.Prices.Prices[AncillaryProduct.Ecrs]);
        Assert.Equal(0.89, r.Prices.Prices[AncillaryProduct.RegDown][0]);
        Assert.True(double.IsNaN(r.Prices.Prices[AncillaryProduct.RegDown][1]));
        Assert.Equal(1, r.Quality.PartialIntervals);
    }

    [Fact]
    public void Fall_back_hour_uses_the_flag_and_a_flagless_file_takes_the_second_row_as_repeated()
    {
        using var dir = new TempDir();
        var flagged = dir.File("a.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n" +
            "11/03/2024,02:00,RRS,4,N\n11/03/2024,02:00,RRS,5,Y\n11/03/2024,03:00,RRS,6,N\n");
        var flagless = dir.File("b.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC\n" +
            "11/03/2024,02:00,RRS,4\n11/03/2024,02:00,RRS,5\n11/03/2024,03:00,RRS,6\n");
        foreach (var file in new[] { flagged, flagless })
        {
            var r = AncillaryPriceLoader.Load([file]);
            // HE02 first (CDT) 06:00Z, repeated (CST) 07:00Z, HE03 (CST) 08:00Z.
            Assert.Equal([Utc(2024, 11, 3, 6), Utc(2024, 11, 3, 7), Utc(2024, 11, 3, 8)], r.Prices.HoursUtc);
            Assert.Equal([4.0, 5, 6], r.Prices.Prices[AncillaryProduct.Rrs]);
        }
    }

    [Fact]
    public void Spring_forward_hour_ending_03_is_rejected_with_file_line_and_value()
    {
        using var dir = new TempDir();
        var f = dir.File("s.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n03/10/2024,02:00,RRS,4,N\n03/10/2024,03:00,RRS,4,N\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([f]));
        Assert.Equal(3, e.Line);
        Assert.Equal("03:00", e.Value);
        Assert.Contains("spring-forward", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08/05/2025,01:00,RRS,abc,N", "MCPC", "abc", "not a number")]
    [InlineData("08/05/2025,01:00,RRS,-1,N", "MCPC", "-1", "negative")]
    [InlineData("08/05/2025,01:00,XYZ,1,N", "AncillaryType", "XYZ", "unknown ancillary type")]
    [InlineData("08/05/2025,25:00,RRS,1,N", "HourEnding", "25:00", "hour ending")]
    [InlineData("2025-13-05,01:00,RRS,1,N", "DeliveryDate", "2025-13-05", "not a date")]
    [InlineData("08/05/2025,01:00,RRS,1,Q", "DSTFlag", "Q", "flag")]
    [InlineData("08/05/2025,05:00,RRS,1,Y", "DSTFlag", "Y", "not the repeated")]
    public void Bad_values_name_the_line_column_and_value(string row, string column, string value, string problem)
    {
        using var dir = new TempDir();
        var f = dir.File("bad.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC,DSTFlag\n08/05/2025,02:00,RRS,1,N\n" + row + "\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([f]));
        Assert.Equal(3, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Equal(value, e.Value);
        Assert.Contains(problem, e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Conflicting_duplicate_stops_and_an_equal_duplicate_is_counted()
    {
        using var dir = new TempDir();
        var same = dir.File("a.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC\n08/05/2025,01:00,RRS,2\n08/05/2025,01:00,RRS,2\n");
        Assert.Equal(1, AncillaryPriceLoader.Load([same]).Quality.Duplicates);
        var diff = dir.File("b.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC\n08/05/2025,01:00,RRS,2\n08/05/2025,01:00,RRS,3\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([diff]));
        Assert.Equal(3, e.Line);
        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Price_above_the_cap_is_kept_with_a_warning()
    {
        using var dir = new TempDir();
        var f = dir.File("a.csv", "DeliveryDate,HourEnding,AncillaryType,MCPC\n08/05/2025,01:00,RRS,6000\n");
        var r = AncillaryPriceLoader.Load([f]);
        Assert.Equal(6000, r.Prices.Prices[AncillaryProduct.Rrs][0]);
        Assert.Contains(r.Quality.Notes, n => n.StartsWith("warning:", StringComparison.Ordinal) && n.Contains("5,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Wide_utc_column_must_agree_with_the_delivery_hour()
    {
        using var dir = new TempDir();
        var f = dir.File("w.csv", "interval_start_utc,delivery_date,hour_ending,repeated_hour_flag,regdn,regup,rrs,nspin,ecrs\n" +
            "2024-01-01T07:00:00Z,2024-01-01,1,N,1.51,1.49,1,0.94,0.1\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryPriceLoader.Load([f]));
        Assert.Equal("interval_start_utc", e.Column);
        Assert.Contains("06:00Z", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Yearly_zip_with_trailing_space_header_reads_all_hours_and_the_repeated_hour()
    {
        var zip = Path.Combine(Folder, "NP4-181-ER_DAMASMCPC_2015.zip");
        var r = AncillaryPriceLoader.Load([zip]);
        // Read the CSV by hand: 8,760 rows, means of each column, and the flagged row on 1 Nov 2015.
        using var archive = ZipFile.OpenRead(zip);
        using var reader = new StreamReader(archive.Entries.Single().Open());
        var rows = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        Assert.Equal(8760, rows.Count);
        Assert.Equal(rows.Count, r.Prices.HoursUtc.Length);
        Assert.Empty(r.Quality.Gaps);
        double Mean(int col) => rows.Average(f => double.Parse(f[col], CultureInfo.InvariantCulture));
        Assert.Equal(Mean(3), r.Prices.Prices[AncillaryProduct.RegDown].Average(), 9);
        Assert.Equal(Mean(4), r.Prices.Prices[AncillaryProduct.RegUp].Average(), 9);
        Assert.Equal(Mean(5), r.Prices.Prices[AncillaryProduct.Rrs].Average(), 9);
        Assert.Equal(Mean(6), r.Prices.Prices[AncillaryProduct.NonSpin].Average(), 9);
        Assert.False(r.Prices.Prices.ContainsKey(AncillaryProduct.Ecrs));
        // 11/01/2015 HE02 flagged Y starts 01:00 CST = 07:00Z; its N twin 01:00 CDT = 06:00Z.
        var y = rows.Single(f => f[2] == "Y");
        int iy = Array.IndexOf(r.Prices.HoursUtc, Utc(2015, 11, 1, 7));
        Assert.Equal(double.Parse(y[5], CultureInfo.InvariantCulture), r.Prices.Prices[AncillaryProduct.Rrs][iy]);
        Assert.Equal(Utc(2015, 11, 1, 6), r.Prices.HoursUtc[iy - 1]);
        Assert.Equal(Utc(2015, 1, 1, 6), r.Prices.HoursUtc[0]);
    }

    [Fact]
    public void Wide_2024_file_reports_the_dst_gaps_like_price_gaps()
    {
        var r = AncillaryPriceLoader.Load([Path.Combine(Folder, "ercot_dam_as_mcpc_hourly_2024.csv")]);
        // Hours of 2024 in CPT: 366 days × 24 − 1 (spring) + 1 (fall) = 8,784; the file has 8,612 rows.
        Assert.Equal(8612, r.Prices.HoursUtc.Length);
        Assert.Equal(2, r.Quality.Gaps.Count);
        Assert.Equal(8784 - 8612, r.Quality.MissingIntervals);
        // The fall-back gap: HE02 of 3 Nov 2024, both occurrences (06:00Z and 07:00Z).
        var fall = r.Quality.Gaps[1];
        Assert.Equal(Utc(2024, 11, 3, 6), fall.FromUtc);
        Assert.Equal(2, fall.MissingIntervals);
        Assert.Contains(r.Quality.Notes, n => n.Contains("gap", StringComparison.Ordinal));
        // The mean of each column by a plain read.
        var lines = File.ReadLines(Path.Combine(Folder, "ercot_dam_as_mcpc_hourly_2024.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(lines.Average(f => double.Parse(f[6], CultureInfo.InvariantCulture)), r.Prices.Prices[AncillaryProduct.Rrs].Average(), 9);
        Assert.Equal(lines.Average(f => double.Parse(f[8], CultureInfo.InvariantCulture)), r.Prices.Prices[AncillaryProduct.Ecrs].Average(), 9);
    }

    [Fact]
    public void Hourly_price_applies_to_its_four_quarter_hours()
    {
        var prices = new AncillaryPrices([Utc(2024, 6, 1, 5), Utc(2024, 6, 1, 6)],
            new Dictionary<AncillaryProduct, double[]> { [AncillaryProduct.Rrs] = [3, 7] }, AncillaryPriceMarket.DayAhead, "t");
        var starts = Enumerable.Range(0, 12).Select(i => Utc(2024, 6, 1, 5).AddMinutes(15 * i)).ToArray();
        var v = prices.OnIntervals(starts)[AncillaryProduct.Rrs];
        Assert.Equal([3.0, 3, 3, 3, 7, 7, 7, 7], v[..8]);
        Assert.All(v[8..], x => Assert.True(double.IsNaN(x)));
    }
}

/// <summary>Deployment intervals (<c>--as-deployments FILE</c>).</summary>
public class AncillaryDeploymentLoaderTests
{
    [Fact]
    public void A_deployment_covers_the_parts_of_the_intervals_it_overlaps()
    {
        using var dir = new TempDir();
        var f = dir.File("d.csv", "start_utc,end_utc,product,fraction\n2024-08-20T21:30:00Z,2024-08-20T23:00:00Z,ECRS,0.8\n");
        var list = AncillaryDeploymentLoader.Load(f);
        var starts = Enumerable.Range(0, 4).Select(i => new DateTime(2024, 8, 20, 20 + i, 0, 0, DateTimeKind.Utc)).ToArray();
        var d = AncillaryDeploymentLoader.OnIntervals(list, starts, 1.0)[AncillaryCoOptimizer.Index(AncillaryProduct.Ecrs)];
        // 20:00 none; 21:00 half the hour × 0.8 = 0.4; 22:00 the whole hour 0.8; 23:00 none.
        Assert.Equal([0.0, 0.4, 0.8, 0.0], d);
    }

    [Theory]
    [InlineData("2024-08-20 21:00,2024-08-20T22:00:00Z,RRS,0.5", "start_utc")]
    [InlineData("2024-08-20T21:00:00Z,2024-08-20T20:00:00Z,RRS,0.5", "end_utc")]
    [InlineData("2024-08-20T21:00:00Z,2024-08-20T22:00:00Z,FOO,0.5", "product")]
    [InlineData("2024-08-20T21:00:00Z,2024-08-20T22:00:00Z,RRS,1.5", "fraction")]
    public void Bad_rows_name_the_column(string row, string column)
    {
        using var dir = new TempDir();
        var f = dir.File("d.csv", "start_utc,end_utc,product,fraction\n" + row + "\n");
        var e = Assert.Throws<DataFormatException>(() => AncillaryDeploymentLoader.Load(f));
        Assert.Equal(2, e.Line);
        Assert.Equal(column, e.Column);
    }
}
