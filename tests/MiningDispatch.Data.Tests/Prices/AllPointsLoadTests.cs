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
        Assert.Equal(all.Failures.Select(f => f.SettlementPoint).Order(StringComparer.Ordinal), all.Failures.Select(f => f.SettlementPoint));
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
        // 10 points x 96 intervals x 40 days (April, no DST change) = 38,400 prices. On each point's 15-minute grid that
        // is 3,840 intervals in 4 chunks of 1,024 x 8 bytes = 32,768 bytes, 327,680 bytes for the 10 points (plus array
        // headers and one line run per point): over 0.2 MB, under 0.5 MB. At the former 64 bytes a row it was 2.4 MB.
        string[] points = [.. Enumerable.Range(1, 10).Select(i => string.Create(CultureInfo.InvariantCulture, $"HB_P{i:00}"))];
        var sb = new StringBuilder(RtmHeader + "\n");
        for (int d = 1; d <= 40; d++)
            for (int he = 1; he <= 24; he++)
                for (int iv = 1; iv <= 4; iv++)
                    foreach (var p in points)
                        sb.Append(string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(2024, 4, 1).AddDays(d - 1):MM/dd/yyyy},{he},{iv},{p},HU,20.00,N\n"));
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", sb.ToString());
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([file], new AllPointsQuery(MemoryLimitBytes: 200 << 10)));
        Assert.Contains("would not fit the memory limit", e.Message, StringComparison.Ordinal);
        Assert.Contains("over the limit of 0.2 MB", e.Message, StringComparison.Ordinal);
        Assert.Contains("8 bytes per price", e.Message, StringComparison.Ordinal);
        Assert.Contains("--start/--end", e.Message, StringComparison.Ordinal);
        Assert.Equal("memory limit", e.Column);

        var fits = PriceLoader.LoadAll([file], new AllPointsQuery(MemoryLimitBytes: 512 << 10));
        Assert.Equal(10, fits.Points.Count);
        Assert.All(fits.Points, p => Assert.Equal(40 * 24, p.Count));
        Assert.All(fits.Points, p => Assert.All(p.PriceUsdPerMWh, v => Assert.Equal(20.0, v)));
        Assert.Same(fits.Points[0].HoursUtc, fits.Points[9].HoursUtc);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CutLastLine_IsAnErrorOfTheFile_NotAPhantomPoint(bool quoted)
    {
        string Q(string line) => quoted ? string.Join(",", line.Split(',').Select(f => "\"" + f + "\"")) : line;
        var sb = new StringBuilder(Q(RtmHeader) + "\n");
        for (int iv = 1; iv <= 4; iv++)
        {
            sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},HB_WEST,HU,{10 + iv}.00,N"))).Append('\n');
            sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},LZ_WEST,LZ,{20 + iv}.00,N"))).Append('\n');
        }
        // the download stopped inside the 9th data row's point name (line 10): no price, no line break
        sb.Append(quoted ? "\"01/10/2024\",\"2\",\"1\",\"LZ_WES" : "01/10/2024,2,1,LZ_WES");
        using var dir = new TempDir();
        var file = dir.Write("cut_rtm.csv", sb.ToString());

        var all = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([file], new AllPointsQuery()));
        Assert.Equal("cut_rtm.csv", all.File);
        Assert.Equal(10, all.Line);
        Assert.Contains("last line looks cut off", all.Message, StringComparison.Ordinal);
        Assert.Equal(quoted ? "SettlementPointName" : "SettlementPointType", all.Column);
        // a single-point load fails alike, whichever point it reads: the cut line's point cannot be told
        foreach (var point in new[] { "HB_WEST", "LZ_WEST", "LZ_WES" })
        {
            var one = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery(point)));
            Assert.Equal((all.Problem, all.Line, all.Column), (one.Problem, one.Line, one.Column));
        }
    }

    /// <summary>
    /// Two RTM files without a repeated-hour flag around the fall-back day 2024-11-03 (ERCOT's 15-minute layout, HE 1..24
    /// with the repeated HE2 written twice), given in reverse time order, and a DAM file with the flag: HB_WEST has an
    /// exact duplicate and a missing hour, LZ_WEST only the second day, HB_NORTH a conflicting duplicate.
    /// </summary>
    private static string DstFolder(TempDir dir)
    {
        const string FlaglessHeader = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice";
        string Day(DateOnly day, bool fallBack, string[] points, Func<string, int, int, string?> price)
        {
            var sb = new StringBuilder(FlaglessHeader + "\n");
            for (int he = 1; he <= 24; he++)
            {
                for (int pass = 0; pass < (fallBack && he == 2 ? 2 : 1); pass++)
                {
                    for (int iv = 1; iv <= 4; iv++)
                    {
                        foreach (var p in points)
                        {
                            if (price(p, he, iv + 4 * pass) is { } v)
                                sb.Append(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},{p},HU,{v}\n"));
                        }
                    }
                }
            }
            return sb.ToString();
        }
        var folder = Path.Combine(dir.Path, "dst");
        Directory.CreateDirectory(folder);
        // a_: the day after (read first), b_: the fall-back day
        File.WriteAllText(Path.Combine(folder, "a_rtm.csv"), Day(new DateOnly(2024, 11, 4), false, ["HB_WEST", "LZ_WEST", "HB_NORTH"],
            (p, he, iv) => p == "HB_WEST" && he == 5 ? null : string.Create(CultureInfo.InvariantCulture, $"{he}.{iv:00}")) +
            "11/04/2024,1,1,HB_WEST,HU,1.01\n" + "11/04/2024,1,1,HB_NORTH,HU,7.77\n");
        File.WriteAllText(Path.Combine(folder, "b_rtm.csv"), Day(new DateOnly(2024, 11, 3), true, ["HB_WEST", "HB_NORTH"],
            (p, he, iv) => string.Create(CultureInfo.InvariantCulture, $"{100 + he}.{iv:00}")));
        var dam = new StringBuilder("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n");
        foreach (var day in new[] { new DateOnly(2024, 11, 3), new DateOnly(2024, 11, 4) })
            for (int he = 1; he <= 24; he++)
                for (int rep = 0; rep < (day.Day == 3 && he == 2 ? 2 : 1); rep++)
                    dam.Append(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he:00}:00,HB_WEST,{50 + he + rep / 2.0:0.00},{(rep == 1 ? "Y" : "N")}\n"));
        File.WriteAllText(Path.Combine(folder, "c_dam.csv"), dam.ToString());
        return folder;
    }

    [Theory]
    [InlineData(PriceResolution.Hourly, null)]
    [InlineData(PriceResolution.Native, null)]
    [InlineData(PriceResolution.FifteenMinute, null)]
    [InlineData(PriceResolution.Hourly, PriceMarket.RealTime)]
    public void DstDuplicatesGaps_EveryPointAsItsOwnLoad(PriceResolution resolution, PriceMarket? market)
    {
        using var dir = new TempDir();
        AssertEveryPointAsLoad([DstFolder(dir)], market, resolution);
    }

    [Fact]
    public void DstDuplicatesGaps_NumbersByHand()
    {
        using var dir = new TempDir();
        var folder = DstFolder(dir);
        var q = PriceLoader.LoadAll([folder], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute));
        Assert.Equal(["HB_WEST", "LZ_WEST"], q.Points.Select(p => p.SettlementPoint));
        var north = Assert.Single(q.Failures);
        Assert.Equal("HB_NORTH", north.SettlementPoint);
        Assert.Contains("conflicting prices for HB_NORTH", north.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1 + (24 * 4 * 3 - 4) + 2, north.Error.Line); // header, 96 intervals of 3 points less HB_WEST's HE5, HB_WEST's duplicate, then HB_NORTH's

        var west = q.Points[0];
        // 11-03 has 25 hours (100 intervals), 11-04 has 24 less HE5 (92): 192 intervals, one gap of 4, one duplicate
        Assert.Equal(192, west.Count);
        Assert.Equal(1, west.Quality.Duplicates);
        var gap = Assert.Single(west.Quality.Gaps);
        Assert.Equal(4, gap.MissingIntervals);
        // 11-03 00:00 CDT = 05:00Z; the repeated 01:00 hour: first CDT (06:00Z, 102.0x), then CST (07:00Z, 102.05..102.08)
        Assert.Equal(Utc(2024, 11, 3, 5), west.HoursUtc[0]);
        Assert.Equal(Utc(2024, 11, 3, 6), west.HoursUtc[4]);
        Assert.Equal([102.01, 102.02, 102.03, 102.04, 102.05, 102.06, 102.07, 102.08], west.PriceUsdPerMWh.Skip(4).Take(8));
        Assert.Equal(Utc(2024, 11, 3, 7, 45), west.HoursUtc[11]);
        // 11-04 00:00 CST = 06:00Z; HE5 (04:00-05:00 CST = 10:00-11:00Z) missing
        Assert.Equal(Utc(2024, 11, 4, 6), west.HoursUtc[100]);
        Assert.Equal(Utc(2024, 11, 4, 10), gap.FromUtc);
        Assert.Equal(Utc(2024, 11, 4, 11), gap.ToUtc);

        var lz = q.Points[1];
        Assert.Equal(96, lz.Count);
        Assert.Equal(1.01, lz.PriceUsdPerMWh[0]);
        Assert.Equal(24.04, lz.PriceUsdPerMWh[^1]);

        // hourly: HB_WEST's real-time hours are the means of their four intervals; 11-03 HE2 CDT (06:00Z) = 102.025
        var h = PriceLoader.LoadAll([folder], new AllPointsQuery());
        var westH = h.Points[0];
        Assert.Equal(25 + 23, westH.Count);
        Assert.Equal((102.01 + 102.02 + 102.03 + 102.04) / 4, westH.PriceUsdPerMWh[1], 12);
        Assert.Equal((102.05 + 102.06 + 102.07 + 102.08) / 4, westH.PriceUsdPerMWh[2], 12);

        // day-ahead: the DAM file's 49 hours, the repeated hour from its Y row
        var da = PriceLoader.LoadAll([folder], new AllPointsQuery(PriceMarket.DayAhead));
        var westDa = Assert.Single(da.Points);
        Assert.Equal(49, westDa.Count);
        Assert.Equal([52.0, 52.5], westDa.PriceUsdPerMWh.Skip(1).Take(2));
        Assert.Equal(Utc(2024, 11, 3, 7), westDa.HoursUtc[2]);
    }

    /// <summary>
    /// LoadAll takes ordinary rows from their bytes and every other row the general way (the way Load reads its point):
    /// a file of odd rows among ordinary ones, quoted and not, must give every point exactly what Load gives it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OddRowsAmongOrdinaryOnes_EveryPointAsItsOwnLoad(bool quoted)
    {
        string Q(string line) => quoted ? string.Join(",", line.Split(',').Select(f => "\"" + f + "\"")) : line;
        var sb = new StringBuilder(Q(RtmHeader) + "\n");
        string[] ordinary = ["HB_WEST", "HB_NORTH", "A_VERY_LONG_RESOURCE_NODE_NAME_THAT_PUSHES_THE_LINE_PAST_64_BYTES_RN"];
        // 03-09 ordinary, 03-10 spring forward (HE3 skipped), 03-11 ordinary
        foreach (var day in new[] { new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 10), new DateOnly(2024, 3, 11) })
        {
            for (int he = 1; he <= 24; he++)
            {
                if (day.Day == 10 && he == 3) continue;
                for (int iv = 1; iv <= 4; iv++)
                {
                    foreach (var p in ordinary)
                        sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},{p},HU,{he * 1.25 + iv:0.00},N"))).Append(he == 7 ? "\r\n" : "\n");
                    sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},LZ_X,LZ,{-he - iv / 100.0:0.00},N"))).Append('\n');
                    sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},LZ_X,LZEW,{he + 0.5:0.0},N"))).Append('\n');
                    sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},hb_low,HU,-0.00,n"))).Append('\n');
                }
            }
        }
        // odd rows: blanks around fields, a quoted thousands price, an exponent, a plus sign, a doubled quote, a
        // non-ASCII name, a blank price, a missing hour, a trailing empty field, a name ending _EW of a non-EW type
        sb.Append("03/09/2024, 1 ,1,HB_SPACE,HU,1.00,N\n");
        sb.Append("03/09/2024,1,2,HB_SPACE,HU,\"1,286.90\",N\n");
        sb.Append(Q("03/09/2024,1,3,HB_SPACE,HU,1e1,N")).Append('\n');
        sb.Append(Q("03/09/2024,1,4,HB_SPACE,HU,+5.00,N")).Append('\n');
        sb.Append("\"03/09/2024\",\"1\",\"1\",\"HB_\"\"Q\",\"HU\",\"3.00\",\"N\"\n");
        // a quoted field that is a comma, or a quote: as many commas and quotes as a regular line, in other places
        sb.Append("\"03/09/2024\",\"1\",\"2\",\",\",\"HU\",\"3.00\",\"N\"\n");
        sb.Append("\"03/09/2024\",\"1\",\"2\",\"HB_C\",\"HU\",\" 3.00\",\"N\"\n");
        sb.Append(Q("03/09/2024,1,1,HB_É,HU,4.00,N")).Append('\n');
        sb.Append(Q("03/09/2024,1,2,HB_WEST,HU,,N")).Append('\n');
        sb.Append(Q("03/09/2024,,3,HB_NORTH,HU,5.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,1,1,HB_TRAIL,HU,6.00,N")).Append(",\n");
        sb.Append(Q("03/11/2024,1,1,X_EW,RN,7.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,1,1,HB_DAY1ST,HU,8.00,N")).Append('\n');
        sb.Append(Q("13/11/2024,1,2,HB_DAY1ST,HU,8.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,1,1,HB_FLAG,HU,9.00,Y")).Append('\n');
        sb.Append(Q("03/11/2024,1,1,HB_HIGH,HU,20000.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,25,1,HB_HE25,HU,1.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,1,5,HB_IV5,HU,1.00,N")).Append('\n');
        sb.Append(Q("03/11/2024,1,1,HB_WEST,HU,99.99,N")).Append('\n'); // conflicts with HB_WEST's own row
        using var dir = new TempDir();
        var file = dir.Write(quoted ? "odd_q_rtm.csv" : "odd_rtm.csv", sb.ToString());
        foreach (var resolution in new[] { PriceResolution.FifteenMinute, PriceResolution.Hourly })
        {
            var all = AssertEveryPointAsLoad([file], null, resolution);
            Assert.Contains(all.Points, p => p.SettlementPoint == "HB_NORTH" && p.Quality.Notes.Any(n => n.Contains("partial row", StringComparison.Ordinal)));
            Assert.Contains(all.Failures, f => f.SettlementPoint == "HB_WEST");
            Assert.Contains(all.Failures, f => f.SettlementPoint == "HB_HIGH");
        }
        var q = PriceLoader.LoadAll([file], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute));
        var longNode = q.Points.Single(p => p.SettlementPoint.StartsWith("A_VERY", StringComparison.Ordinal));
        Assert.Equal(96 + 92 + 96, longNode.Count);
        Assert.Equal(1 * 1.25 + 1, longNode.PriceUsdPerMWh[0]);
        Assert.Equal([-1.01, -1.02], q.Points.Single(p => p.SettlementPoint == "LZ_X").PriceUsdPerMWh.Take(2));
        Assert.Equal([1.5, 1.5], q.Points.Single(p => p.SettlementPoint == "LZ_X_EW").PriceUsdPerMWh.Take(2));
        Assert.True(double.IsNegative(q.Points.Single(p => p.SettlementPoint == "HB_LOW").PriceUsdPerMWh[0]));
    }

    /// <summary>
    /// A price for point <paramref name="p"/> in interval <paramref name="iv"/> of hour ending <paramref name="he"/> on
    /// day number <paramref name="d"/>: distinct for every point and interval, two decimals.
    /// </summary>
    private static double GeneratedPrice(int p, int d, int he, int iv) => Math.Round(p * 1.5 + d * 0.25 + he + iv * 0.01 - 20, 2);

    /// <summary>
    /// 60 points x 96 intervals x <see cref="ManyDays"/> days from 2024-03-05 (spring forward on 03-10: 92 intervals),
    /// and on 03-07 one row with a blank around its price (read the general way): 143,760 rows, more than one full
    /// batch of the storing thread (<c>StorePipeline.BatchRows</c>) and three memory checks.
    /// </summary>
    private const int ManyDays = 25;

    private static string ManyRowsFile(TempDir dir, bool quoted)
    {
        string Q(string line) => quoted ? string.Join(",", line.Split(',').Select(f => "\"" + f + "\"")) : line;
        var sb = new StringBuilder(Q(RtmHeader) + "\n");
        for (int d = 0; d < ManyDays; d++)
        {
            var day = new DateOnly(2024, 3, 5).AddDays(d);
            for (int he = 1; he <= 24; he++)
            {
                if (day.Day == 10 && he == 3) continue;
                for (int iv = 1; iv <= 4; iv++)
                {
                    for (int p = 1; p <= 60; p++)
                    {
                        string price = GeneratedPrice(p, d, he, iv).ToString("0.00", CultureInfo.InvariantCulture);
                        if (day.Day == 7 && he == 12 && iv == 2 && p == 7) price = " " + price;
                        sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},RN_P{p:00},RN,{price},N"))).Append('\n');
                    }
                }
            }
        }
        return dir.Write(quoted ? "many_q.csv" : "many.csv", sb.ToString());
    }

    /// <summary>
    /// Days with a clock change in a table with a repeated-hour flag (ERCOT's RTM layout): rows whose flag is not set are
    /// taken from their bytes, each quarter-hour converted as the general way converts it; the repeated hour's second
    /// pass (flag Y) and a row in the hour that does not exist go the general way. Every point must be what Load gives
    /// it, on one thread and on two, and every UTC time what TimeZoneInfo gives.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ClockChangeDays_WithAFlagColumn_EveryPointAsLoad_TimesByHand(bool quoted)
    {
        string Q(string line) => quoted ? string.Join(",", line.Split(',').Select(f => "\"" + f + "\"")) : line;
        var central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var sb = new StringBuilder(Q(RtmHeader) + "\n");
        var expected = new Dictionary<int, SortedDictionary<DateTime, double>>();
        var days = new[] { new DateOnly(2024, 3, 9), new DateOnly(2024, 3, 10), new DateOnly(2024, 11, 2), new DateOnly(2024, 11, 3), new DateOnly(2024, 11, 4) };
        for (int d = 0; d < days.Length; d++)
        {
            var day = days[d];
            for (int he = 1; he <= 24; he++)
            {
                if (day == new DateOnly(2024, 3, 10) && he == 3) continue; // 02:00-03:00 does not exist
                int passes = day == new DateOnly(2024, 11, 3) && he == 2 ? 2 : 1; // 01:00-02:00 happens twice
                for (int pass = 0; pass < passes; pass++)
                {
                    for (int iv = 1; iv <= 4; iv++)
                    {
                        for (int p = 1; p <= 12; p++)
                        {
                            double price = GeneratedPrice(p, d * 2 + pass, he, iv);
                            sb.Append(Q(string.Create(CultureInfo.InvariantCulture, $"{day:MM/dd/yyyy},{he},{iv},RN_C{p:00},RN,{price:0.00},{(pass == 1 ? "Y" : "N")}"))).Append('\n');
                            // by hand: the first pass of an ambiguous time is daylight time (UTC-5), the repeated one standard (UTC-6)
                            var local = day.ToDateTime(new TimeOnly(he - 1, (iv - 1) * 15));
                            DateTime utc = central.IsAmbiguousTime(local)
                                ? DateTime.SpecifyKind(local.AddHours(pass == 0 ? 5 : 6), DateTimeKind.Utc)
                                : TimeZoneInfo.ConvertTimeToUtc(local, central);
                            if (!expected.TryGetValue(p, out var prices)) expected[p] = prices = [];
                            prices.Add(utc, price);
                        }
                    }
                }
            }
        }
        // a point with a row in the hour that does not exist: refused as Load refuses it
        sb.Append(Q("03/10/2024,3,1,RN_GAP,RN,5.00,N")).Append('\n');
        using var dir = new TempDir();
        var file = dir.Write(quoted ? "dst_q.csv" : "dst.csv", sb.ToString());

        var all = AssertEveryPointAsLoad([file], null, PriceResolution.FifteenMinute);
        AssertEveryPointAsLoad([file], null, PriceResolution.Hourly);
        Assert.Contains("does not exist", Assert.Single(all.Failures).Error.Message, StringComparison.Ordinal);
        var one = PriceLoader.LoadAll([file], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute) { OneThread = true });
        Assert.Equal(12, all.Points.Count);
        for (int p = 1; p <= 12; p++)
        {
            var r = all.Points[p - 1];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"RN_C{p:00}"), r.SettlementPoint);
            Assert.Equal(expected[p].Keys, r.HoursUtc);
            Assert.Equal(expected[p].Values, r.PriceUsdPerMWh);
            AssertSame(one.Points[p - 1], r);
        }
        Assert.Equal(3 * 96 + 92 + 100, all.Points[0].Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManyBatches_TwoThreadsGiveWhatOneGives_PricesByHand(bool quoted)
    {
        using var dir = new TempDir();
        var file = ManyRowsFile(dir, quoted);
        Assert.True(File.ReadLines(file).Count() - 1 > StorePipeline.BatchRows); // a full batch and more
        var query = new AllPointsQuery(Resolution: PriceResolution.FifteenMinute);
        var two = PriceLoader.LoadAll([file], query);
        var one = PriceLoader.LoadAll([file], query with { OneThread = true });
        Assert.Equal(60, two.Points.Count);
        Assert.Empty(two.Failures);
        for (int i = 0; i < 60; i++) AssertSame(one.Points[i], two.Points[i]);

        // by hand: 24 days of 96 intervals and one of 92; every price where the generator put it
        var central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        foreach (int p in new[] { 1, 7, 60 })
        {
            var r = two.Points.Single(x => x.SettlementPoint == string.Create(CultureInfo.InvariantCulture, $"RN_P{p:00}"));
            Assert.Equal((ManyDays - 1) * 96 + 92, r.Count);
            int k = 0;
            for (int d = 0; d < ManyDays; d++)
            {
                var day = new DateOnly(2024, 3, 5).AddDays(d);
                for (int he = 1; he <= 24; he++)
                {
                    if (day.Day == 10 && he == 3) continue;
                    for (int iv = 1; iv <= 4; iv++, k++)
                    {
                        var local = day.ToDateTime(new TimeOnly(he - 1, (iv - 1) * 15));
                        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(local, central), r.HoursUtc[k]);
                        Assert.Equal(GeneratedPrice(p, d, he, iv), r.PriceUsdPerMWh[k]);
                    }
                }
            }
        }
        Assert.Equal(PriceLoader.Load([file], new PriceQuery("RN_P07", Resolution: PriceResolution.FifteenMinute)).PriceUsdPerMWh, two.Points[6].PriceUsdPerMWh);
    }

    [Fact]
    public void MemoryLimit_CheckedWhileTheSecondThreadStores_RefusesAsOnOneThread()
    {
        // 143,760 rows: the check every 65,536 rows runs on the storing thread, after the rows read before it. At the
        // first, 60 points x 1,092 intervals need 2 chunks of 8 KB each (983,040 bytes), over a limit of 0.5 MB.
        using var dir = new TempDir();
        var file = ManyRowsFile(dir, quoted: true);
        var query = new AllPointsQuery(Resolution: PriceResolution.FifteenMinute, MemoryLimitBytes: 512 << 10);
        var two = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([file], query));
        var one = Assert.Throws<DataFormatException>(() => PriceLoader.LoadAll([file], query with { OneThread = true }));
        Assert.Contains("would not fit the memory limit", two.Message, StringComparison.Ordinal);
        Assert.Equal(one.Message, two.Message);
        Assert.Equal("memory limit", two.Column);
    }

    private sealed class CancelAfter(CancellationTokenSource cts, long bytes) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value)
        {
            if (value.BytesRead >= bytes) cts.Cancel();
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CancelledMidRead_Stops(bool oneThread)
    {
        using var dir = new TempDir();
        var file = ManyRowsFile(dir, quoted: false);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, new FileInfo(file).Length / 3);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PriceLoader.LoadAll([file], new AllPointsQuery(Resolution: PriceResolution.FifteenMinute) { OneThread = oneThread }, progress, cts.Token));
    }
}
