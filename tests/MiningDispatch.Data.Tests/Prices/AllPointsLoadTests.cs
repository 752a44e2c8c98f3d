using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>
/// <see cref="PriceLoader.LoadAll"/> reads every point in one pass: each point's result must be the one
/// <see cref="PriceLoader.Load"/> gives for it alone (prices, layouts, every quality count and note), or the same error.
/// </summary>
public class AllPointsLoadTests
{
    private const string RtmHeader = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";

    private static void AssertSame(PriceLoadResult expected, PriceLoadResult actual)
    {
        Assert.Equal(expected.SettlementPoint, actual.SettlementPoint);
        Assert.Equal(expected.Market, actual.Market);
        Assert.Equal(expected.IntervalHours, actual.IntervalHours);
        Assert.Equal(expected.HoursUtc, actual.HoursUtc);
        Assert.Equal(expected.PriceUsdPerMWh, actual.PriceUsdPerMWh);
        Assert.Equal(expected.Files, actual.Files);
        Assert.Equal(expected.Layouts, actual.Layouts);
        var e = expected.Quality;
        var a = actual.Quality;
        Assert.Equal(e.Source, a.Source);
        Assert.Equal(e.Description, a.Description);
        Assert.Equal(e.RowsRead, a.RowsRead);
        Assert.Equal(e.RowsUsed, a.RowsUsed);
        Assert.Equal(e.Duplicates, a.Duplicates);
        Assert.Equal(e.Gaps, a.Gaps);
        Assert.Equal(e.PartialIntervals, a.PartialIntervals);
        Assert.Equal(e.MissingIntervals, a.MissingIntervals);
        Assert.Equal(e.Notes, a.Notes);
    }

    /// <summary>Every point listed in <paramref name="paths"/>: LoadAll's result equals Load's, or both fail alike.</summary>
    private static AllPointsLoadResult AssertEveryPointAsLoad(IReadOnlyList<string> paths, PriceMarket? market, PriceResolution resolution = PriceResolution.Hourly)
    {
        var all = PriceLoader.LoadAll(paths, new AllPointsQuery(market, Resolution: resolution));
        var listed = PriceLoader.ListSettlementPoints(paths);
        Assert.Equal(listed, all.Points.Select(p => p.SettlementPoint).Concat(all.Failures.Select(f => f.SettlementPoint)).Order(StringComparer.Ordinal));
        Assert.Equal(all.Points.Select(p => p.SettlementPoint).Order(StringComparer.Ordinal), all.Points.Select(p => p.SettlementPoint));
        foreach (var point in listed)
        {
            PriceLoadResult? one = null;
            DataFormatException? error = null;
            try
            {
                one = PriceLoader.Load(paths, new PriceQuery(point, market, Resolution: resolution));
            }
            catch (DataFormatException e)
            {
                error = e;
            }
            if (one is not null) AssertSame(one, all.Points.Single(p => p.SettlementPoint == point));
            else Assert.Equal(error!.Message, all.Failures.Single(f => f.SettlementPoint == point).Error.Message);
        }
        return all;
    }

    [Theory]
    [InlineData("ercot_dam_lz_hub_spp_2015_dst_days.csv", null)]
    [InlineData("ercot_dam_lz_hub_spp_2016_dst_days.csv", null)]
    [InlineData("raw_rt_spp_excerpt.csv", null)]
    [InlineData("gridstatus_spp_real_time_15_min_2026-01-03_he21.csv", null)]
    [InlineData("gridstatusio_ercot_spp_day_ahead_hourly_2025-11-02.csv", null)]
    [InlineData("ercot_lz_hub_hourly_dam_rtm_lmp_excerpt.csv", null)]
    [InlineData("ercot_lz_hub_hourly_dam_rtm_lmp_excerpt.csv", PriceMarket.DayAhead)]
    [InlineData("kmundey_ERCOT_Electricity_Data_excerpt.csv", null)]
    [InlineData("meltvar_June_2024_first_day.csv", null)]
    [InlineData("wattgap_ercot_rtm_spp_2023-07-01.csv", null)]
    [InlineData("ercot_api_np6-905-cd_spp_node_zone_hub_2026-01-03.json", null)]
    [InlineData("ercot_realtime_20250626.json", null)]
    [InlineData("20230101-20231231_ERCOT_Real-time_Price_excerpt.csv", null)]
    public void RealFiles_EveryPointAsItsOwnLoad(string name, PriceMarket? market)
    {
        var all = AssertEveryPointAsLoad([Ercot(name)], market);
        Assert.NotEmpty(all.Points);
    }

    [Fact]
    public void TwoDstFilesTogether_EveryPointAsItsOwnLoad() =>
        AssertEveryPointAsLoad([Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv"), Ercot("ercot_dam_lz_hub_spp_2016_dst_days.csv")], null);

    [Fact]
    [Trait("Category", "Slow")]
    public void YearlyDamWorkbook_EveryPointAsItsOwnLoad() =>
        AssertEveryPointAsLoad([Ercot("rpt.00013060.0000000000000000.DAMLZHBSPP_2025.xlsx")], null);

    /// <summary>
    /// A folder of two RTM files (quoted like ERCOT's): A holds HB_WEST, LZ_WEST (LZ and LZEW) and BAD_RN, B holds
    /// HB_WEST only. HB_WEST's price in (he, iv) is he * 10 + iv; LZ_WEST's is he + iv / 10; LZ_WEST_EW's 100 + iv.
    /// </summary>
    private static string Folder(TempDir dir, bool quoted)
    {
        string Q(string line) => quoted ? string.Join(",", line.Split(',').Select(f => "\"" + f + "\"")) : line;
        var a = new StringBuilder(Q(RtmHeader) + "\n");
        for (int iv = 1; iv <= 4; iv++)
        {
            a.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},HB_WEST,HU,{10 + iv}.00,N"))).Append('\n');
            a.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},LZ_WEST,LZ,{1 + iv / 10.0:0.00},N"))).Append('\n');
            a.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},LZ_WEST,LZEW,{100 + iv}.00,N"))).Append('\n');
            a.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},BAD_RN,RN,{(iv == 3 ? "x1" : "5.00")},N"))).Append('\n');
        }
        a.Append(Q("01/10/2024,1,1,HB_WEST,HU,11.00,N")).Append('\n'); // an exact duplicate
        var b = new StringBuilder(Q(RtmHeader) + "\n");
        for (int iv = 1; iv <= 4; iv++)
            b.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,2,{iv},HB_WEST,HU,{20 + iv}.00,N"))).Append('\n');
        var folder = Path.Combine(dir.Path, quoted ? "q" : "u");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a_rtm.csv"), a.ToString());
        File.WriteAllText(Path.Combine(folder, "b_rtm.csv"), b.ToString());
        return folder;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Folder_PricesByHand_FailureKeptApart_NotesAsLoad(bool quoted)
    {
        using var dir = new TempDir();
        var folder = Folder(dir, quoted);
        var all = AssertEveryPointAsLoad([folder], null, PriceResolution.FifteenMinute);

        Assert.Equal(["HB_WEST", "LZ_WEST", "LZ_WEST_EW"], all.Points.Select(p => p.SettlementPoint));
        var west = all.Points[0];
        Assert.Equal([11.0, 12, 13, 14, 21, 22, 23, 24], west.PriceUsdPerMWh);
        Assert.Equal(Utc(2024, 1, 10, 6), west.HoursUtc[0]);       // HE1 CST starts 00:00 CST = 06:00Z
        Assert.Equal(Utc(2024, 1, 10, 7, 45), west.HoursUtc[^1]);
        Assert.Equal(1, west.Quality.Duplicates);
        Assert.Equal(17 + 4, west.Quality.RowsRead);               // every data row of both files
        Assert.Equal([1.1, 1.2, 1.3, 1.4], all.Points[1].PriceUsdPerMWh);
        Assert.Equal([101.0, 102, 103, 104], all.Points[2].PriceUsdPerMWh);
        Assert.Contains(all.Points[1].Quality.Notes, n => n == "b_rtm.csv: no rows for LZ_WEST.");
        Assert.DoesNotContain(west.Quality.Notes, n => n.Contains("no rows", StringComparison.Ordinal));
        // LZ_WEST and LZ_WEST_EW have the same four intervals: one time axis
        Assert.Same(all.Points[1].HoursUtc, all.Points[2].HoursUtc);

        var bad = Assert.Single(all.Failures);
        Assert.Equal("BAD_RN", bad.SettlementPoint);
        Assert.Equal(1 + 2 * 4 + 4, bad.Error.Line); // header, intervals 1 and 2 (4 rows each), then the 4th row of interval 3
        Assert.Equal("x1", bad.Error.Value);
    }

    [Fact]
    public void QuotedAndUnquotedFolders_LoadAllIdentically()
    {
        using var dir = new TempDir();
        var u = PriceLoader.LoadAll([Folder(dir, false)], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute));
        var q = PriceLoader.LoadAll([Folder(dir, true)], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute));
        Assert.Equal(u.Points.Count, q.Points.Count);
        for (int i = 0; i < u.Points.Count; i++)
        {
            Assert.Equal(u.Points[i].PriceUsdPerMWh, q.Points[i].PriceUsdPerMWh);
            Assert.Equal(u.Points[i].HoursUtc, q.Points[i].HoursUtc);
            Assert.Equal(u.Points[i].Quality.RowsRead, q.Points[i].Quality.RowsRead);
            Assert.Equal(u.Points[i].Quality.Duplicates, q.Points[i].Quality.Duplicates);
        }
    }

    [Fact]
    public void PointFilter_KeepsPrefixesAndNames()
    {
        using var dir = new TempDir();
        var folder = Folder(dir, false);
        var lz = PriceLoader.LoadAll([folder], new AllPointsQuery(Points: ["lz_*"]));
        Assert.Equal(["LZ_WEST", "LZ_WEST_EW"], lz.Points.Select(p => p.SettlementPoint));
        Assert.Empty(lz.Failures);
        Assert.Contains(lz.Notes, n => n.StartsWith("2 point(s) left out by the point filter", StringComparison.Ordinal));
        var one = PriceLoader.LoadAll([folder], new AllPointsQuery(Points: ["HB_WEST"]));
        Assert.Equal(["HB_WEST"], one.Points.Select(p => p.SettlementPoint));
        var none = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([folder], new AllPointsQuery(Points: ["HB_NORTH"])));
        Assert.Contains("no settlement point matches HB_NORTH", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MemoryLimit_RefusesWithTheNumbers()
    {
        // 3 points x 96 intervals x 40 days (April, no DST change) = 11,520 rows; at 64 bytes each 737,280 bytes: over 0.5 MB, under 1 MB
        var sb = new StringBuilder(RtmHeader + "\n");
        for (int d = 1; d <= 40; d++)
            for (int he = 1; he <= 24; he++)
                for (int iv = 1; iv <= 4; iv++)
                    foreach (var p in new[] { "HB_WEST", "HB_NORTH", "HB_SOUTH" })
                        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(2024, 4, 1).AddDays(d - 1):MM/dd/yyyy},{he},{iv},{p},HU,20.00,N\n"));
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", sb.ToString());
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([file], new AllPointsQuery(MemoryLimitBytes: 512 << 10)));
        Assert.Contains("would not fit the memory limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 0.5 MB", e.Message, StringComparison.Ordinal);
        Assert.Contains("--start/--end", e.Message, StringComparison.Ordinal);
        Assert.Equal("memory limit", e.Column);

        var fits = PriceLoader.LoadAll([file], new AllPointsQuery(MemoryLimitBytes: 1 << 20));
        Assert.Equal(3, fits.Points.Count);
        Assert.All(fits.Points, p => Assert.Equal(40 * 24, p.Count));
        Assert.Same(fits.Points[0].HoursUtc, fits.Points[2].HoursUtc);
    }
}
