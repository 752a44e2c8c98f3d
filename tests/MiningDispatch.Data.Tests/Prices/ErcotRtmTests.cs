using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class ErcotRtmCdrTests
{
    // Real values: meltvar_June_2024_first_day.csv lines 6-9 and 22-25 (HB_NORTH, HU):
    //   06/01/2024,1,1..4 = 17.69 18.33 17.85 18.01 ; 06/01/2024,2,1..4 = 16.57 14.58 13.37 12.86
    //   and lines 14-17 (HB_WEST, HE1) = the same four values as HB_NORTH.
    private static readonly (string Point, string Type, int He, double[] Prices)[] Values =
    [
        ("HB_NORTH", "HU", 1, [17.69, 18.33, 17.85, 18.01]),
        ("HB_WEST", "HU", 1, [17.69, 18.33, 17.85, 18.01]),
        ("HB_NORTH", "HU", 2, [16.57, 14.58, 13.37, 12.86]),
    ];

    /// <summary>One NP6-905-CD cdr file per 15-minute interval, as ERCOT publishes them: CRLF, "DSTFlag    " header, padded prices.</summary>
    private static List<string> WriteCdrFiles(TempDir dir)
    {
        var files = new List<string>();
        for (int he = 1; he <= 2; he++)
        {
            for (int interval = 1; interval <= 4; interval++)
            {
                var sb = new StringBuilder("DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag    \r\n");
                sb.Append(CultureInfo.InvariantCulture, $"06/01/2024,{he},{interval},7RNCHSLR_ALL,RN, 19.27,N\r\n");
                foreach (var v in Values.Where(v => v.He == he))
                    sb.Append(CultureInfo.InvariantCulture, $"06/01/2024,{he},{interval},{v.Point},{v.Type}, {v.Prices[interval - 1].ToString(CultureInfo.InvariantCulture)},N\r\n");
                int endMinutes = (he - 1) * 60 + interval * 15;
                var name = $"cdr.00012301.0000000000000000.20240601.000000.SPPHLZNP6905_20240601_{endMinutes / 60:00}{endMinutes % 60:00}.csv";
                files.Add(dir.Write(name, sb.ToString()));
            }
        }
        return files;
    }

    [Fact]
    public void CdrFolder_CrlfPaddedHeader_AveragesFourIntervalsPerUtcHour()
    {
        using var dir = new TempDir();
        WriteCdrFiles(dir);
        var progress = new List<LoadProgress>();
        var r = PriceLoader.Load([dir.Path], new PriceQuery("HB_NORTH"), new SyncProgress(progress));

        Assert.Equal(PriceMarket.RealTime, r.Market);
        Assert.Equal(8, r.Files.Count);
        Assert.Equal([Utc(2024, 6, 1, 5), Utc(2024, 6, 1, 6)], r.HoursUtc);  // HE1, HE2 of a CDT day
        Assert.Equal((17.69 + 18.33 + 17.85 + 18.01) / 4, r.PriceUsdPerMWh[0], 12); // 17.97
        Assert.Equal((16.57 + 14.58 + 13.37 + 12.86) / 4, r.PriceUsdPerMWh[1], 12); // 14.345
        Assert.Equal(17.97, r.PriceUsdPerMWh[0], 12);
        Assert.Contains("NP6-905-CD", r.Layouts[0]);
        Assert.Equal(0, r.Quality.PartialIntervals);
        Assert.Equal(8 * 2 + 4, r.Quality.RowsRead); // HE1 files: RN + 2 hubs; HE2 files: RN + 1 hub
        Assert.Equal(8, r.Quality.RowsUsed);

        long total = r.Files.Sum(f => new FileInfo(f).Length);
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Equal(total, p.TotalBytes));
        Assert.Equal(total, progress[^1].BytesRead);
        for (int i = 1; i < progress.Count; i++) Assert.True(progress[i].BytesRead >= progress[i - 1].BytesRead);
    }

    [Fact]
    public void MissingInterval_GivesPartialHour_MeanOfWhatExists()
    {
        using var dir = new TempDir();
        var files = WriteCdrFiles(dir);
        File.Delete(files[1]); // HE1 interval 2 (00:15-00:30) missing
        var r = PriceLoader.Load([dir.Path], new PriceQuery("HB_NORTH"));
        Assert.Equal((17.69 + 17.85 + 18.01) / 3, r.PriceUsdPerMWh[0], 12);
        Assert.Equal(1, r.Quality.PartialIntervals);
        Assert.Contains(r.Quality.Notes, n => n.Contains("2024-06-01 05:00Z (3/4)", StringComparison.Ordinal));
    }

    private sealed class SyncProgress(List<LoadProgress> list) : IProgress<LoadProgress>
    {
        public void Report(LoadProgress value) => list.Add(value);
    }
}

public class ErcotRtmHistoricalTests
{
    [Fact]
    public void Meltvar_Np6785Csv_HourEnding24_IsOnTheStatedDay()
    {
        // meltvar_June_2024_first_day.csv lines 382-385: 06/01/2024,24,1..4,N,HB_WEST,HU = 32.2 28.69 21.78 19.74
        // HE24 of 06/01 is 23:00-24:00 CDT on 06/01 = 2024-06-02T04:00Z
        var r = PriceLoader.Load([Ercot("meltvar_June_2024_first_day.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(24, r.Count);
        Assert.Equal(Utc(2024, 6, 1, 5), r.HoursUtc[0]);
        Assert.Equal(Utc(2024, 6, 2, 4), r.HoursUtc[^1]);
        Assert.Equal((32.2 + 28.69 + 21.78 + 19.74) / 4, r.PriceUsdPerMWh[^1], 12); // 25.6025
        Assert.Equal(25.6025, r.PriceUsdPerMWh[^1], 12);
        Assert.Contains("NP6-785-ER", r.Layouts[0]);
    }

    [Fact]
    public void Meltvar_HandComputedMean_HbNorthHe2()
    {
        // lines 22-25: 06/01/2024,2,1..4,N,HB_NORTH,HU,16.57 / 14.58 / 13.37 / 12.86 -> 57.38 / 4 = 14.345
        var r = PriceLoader.Load([Ercot("meltvar_June_2024_first_day.csv")], new PriceQuery("hb_north"));
        Assert.Equal("HB_NORTH", r.SettlementPoint);
        Assert.Equal(14.345, r.PriceAt(Utc(2024, 6, 1, 6)), 12);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Rtm2010Workbook_SingleSheetDec1()
    {
        // RTM_2010_danielhu91.xlsx sheet "Dec_1" (python zipfile + ElementTree):
        //   rows 22-25: 12/01/2010,1,1..4,N,HB_WEST,HU = 25.04 23.16 24.67 22.74 -> 95.61/4 = 23.9025 (00:00 CST = 06:00Z)
        //   rows 78-81: 12/01/2010,2,1..4,N,HB_WEST,HU = 23.5 22.71 21.34 22.03 -> 89.58/4 = 22.395
        var r = PriceLoader.Load([Ercot("RTM_2010_danielhu91.xlsx")], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.RealTime, r.Market);
        Assert.Equal(23.9025, r.PriceAt(Utc(2010, 12, 1, 6)), 12);
        Assert.Equal(22.395, r.PriceAt(Utc(2010, 12, 1, 7)), 12);
        Assert.Equal(31 * 24, r.Count);
        Assert.Empty(r.Quality.Gaps);
        Assert.Equal(0, r.Quality.PartialIntervals);
        Assert.Equal(41664, r.Quality.RowsRead); // 14 points x 2,976 intervals
        Assert.Contains("[sheet Dec_1]", r.Layouts[0]);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Rtm2010Workbook_LastHourOfYear_LoadZone()
    {
        // rows 41662-41665: 12/31/2010,24,1..4,N,LZ_WEST,LZ = 26.41 25.58 25.8 25.18 -> 102.97/4 = 25.7425
        // HE24 of 12/31/2010 = 23:00-24:00 CST = 2011-01-01T05:00Z
        var r = PriceLoader.Load([Ercot("RTM_2010_danielhu91.xlsx")], new PriceQuery("LZ_WEST"));
        Assert.Equal(Utc(2011, 1, 1, 5), r.HoursUtc[^1]);
        Assert.Equal(25.7425, r.PriceUsdPerMWh[^1], 12);
    }

    [Fact]
    public void FifteenMinuteFallBackDay_RepeatedHourFlagY_IsCst()
    {
        // No real RTM fall-back file exists in the shared data, so this checks the mechanics with real DAM numbers:
        // HB_WEST 11/02/2025 HE01, HE02 N, HE02 Y, HE03 = 60.89, 50.55, 53.35, 57.05 (DAM workbook Sheet11 rows
        // 368/383/398/413), each written as four identical 15-minute intervals in the NP6-785-ER layout.
        using var dir = new TempDir();
        var sb = new StringBuilder("Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price\n");
        foreach (var (he, flag, price) in new[] { (1, "N", 60.89), (2, "N", 50.55), (2, "Y", 53.35), (3, "N", 57.05) })
            for (int i = 1; i <= 4; i++)
                sb.Append(CultureInfo.InvariantCulture, $"11/02/2025,{he},{i},{flag},HB_WEST,HU,{price.ToString(CultureInfo.InvariantCulture)}\n");
        var r = PriceLoader.Load([dir.Write("rtm_fallback.csv", sb.ToString())], new PriceQuery("HB_WEST"));
        Assert.Equal([Utc(2025, 11, 2, 5), Utc(2025, 11, 2, 6), Utc(2025, 11, 2, 7), Utc(2025, 11, 2, 8)], r.HoursUtc);
        Assert.Equal([60.89, 50.55, 53.35, 57.05], r.PriceUsdPerMWh.Select(p => Math.Round(p, 10)));
        Assert.Equal(0, r.Quality.PartialIntervals);
    }
}
