using System.Globalization;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

public class ChainDataHashpriceTests
{
    [Fact]
    public void ChartsApiFiles_July2022_MatchTheDocumentedCheck()
    {
        var s = ChainDataHashprice.FromBlockchainComCharts(
            PathOf("blockchain_com_api_2022-07", "miners-revenue.json"), PathOf("blockchain_com_api_2022-07", "hash-rate.json"));
        Assert.Equal(30, s.Points.Count);
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        // First samples in the files, x = 1658966400 (2022-07-28): 21195787.991195064 USD / 194101307.8186414 TH/s.
        Assert.Equal(Utc(2022, 7, 28), s.Points[0].TimestampUtc);
        Assert.Equal(21195787.991195064 / 194101307.8186414, s.Points[0].UsdPerThDay, 15);
        // SOURCES.txt check: revenue/hash-rate*1000 = 94.8 .. 111.2 USD/PH/day, mean 105.0.
        Assert.Equal(94.8, s.Points.Min(p => p.UsdPerThDay) * 1000, 1);
        Assert.Equal(111.2, s.Points.Max(p => p.UsdPerThDay) * 1000, 1);
        Assert.Equal(105.0, s.Points.Average(p => p.UsdPerThDay) * 1000, 1);
    }

    [Fact]
    public void SevenDayFiles_OnRevenueSamples_MatchTheDerived4DayCsv()
    {
        var s = ChainDataHashprice.FromBlockchainComCharts(
            PathOf("blockchain_com_7d_2024", "miners-revenue.json"), PathOf("blockchain_com_7d_2024", "hash-rate.json"));
        var expected = ReadCsv(PathOf("hashprice_4day_7dma_2024-01-01_2024-11-13_from_blockchaincom.csv"), "hashprice_usd_per_ph_day");
        Assert.Equal(80, expected.Count);
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] * 1000 - ph) <= 0.0005 + 1e-9, $"{t:O}: derived {got[t] * 1000} vs CSV {ph}");
        // The last revenue sample (2024-11-17) is after the last hash-rate sample (2024-11-15): dropped, not extrapolated.
        Assert.Equal(Utc(2024, 11, 13), s.Points[^1].TimestampUtc);
        Assert.Equal(TimeSpan.FromDays(4), s.Bucket);
        Assert.Contains(s.Quality.Notes, n => n.Contains("outside the range"));
    }

    [Fact]
    public void SevenDayFiles_DailyGrid_MatchTheDailyInterpolatedCsv()
    {
        var s = ChainDataHashprice.FromBlockchainComCharts(
            PathOf("blockchain_com_7d_2024", "miners-revenue.json"), PathOf("blockchain_com_7d_2024", "hash-rate.json"),
            ChainDerivationGrid.DailyUtc);
        var expected = ReadCsv(PathOf("hashprice_daily_interp_7dma_blockchaincom_2024-01-01_2024-11-15.csv"), "hashprice_usd_per_ph_day");
        Assert.Equal(320, expected.Count);
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] * 1000 - ph) <= 0.0005 + 1e-9, $"{t:O}: derived {got[t] * 1000} vs CSV {ph}");
        Assert.Equal(Utc(2024, 11, 15), s.Points[^1].TimestampUtc);
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        // Spot value from the CSV: 2024-07-04 -> 50.315 USD/PH/day.
        Assert.Equal(0.050315, got[Utc(2024, 7, 4)], 6);
    }

    [Fact]
    public void SwappedFiles_AreRejected()
    {
        var ex = Assert.Throws<FormatException>(() => ChainDataHashprice.FromBlockchainComCharts(
            PathOf("blockchain_com_7d_2024", "hash-rate.json"), PathOf("blockchain_com_7d_2024", "miners-revenue.json")));
        Assert.Contains("miners-revenue", ex.Message);
        var ex2 = Assert.Throws<FormatException>(() => ChainDataHashprice.FromBlockchainComCharts(
            PathOf("blockchain_com_api_2022-07", "hash-rate.json"), PathOf("blockchain_com_api_2022-07", "miners-revenue.json")));
        Assert.Contains("Hash Rate", ex2.Message);
    }

    private static List<(DateTime T, double V)> ReadCsv(string path, string column)
    {
        var lines = File.ReadAllLines(path);
        int c = Array.IndexOf(lines[0].Split(','), column);
        return lines.Skip(1).Select(l => l.Split(','))
            .Select(f => (DateTime.SpecifyKind(DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                          double.Parse(f[c], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
