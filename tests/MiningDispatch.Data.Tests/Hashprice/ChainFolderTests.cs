using System.Globalization;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>
/// <c>--hashprice-source chain</c>: hashprice derived from a folder of blockchain.com chart files, checked against the
/// series derived independently in shared/data/hashprice/derived (copied to TestData; their values are rounded to 3
/// decimals in USD/PH/day, so the tolerance is half a unit of the last printed digit).
/// </summary>
public class ChainFolderTests
{
    private const double HalfThousandth = 0.0005 + 1e-9;
    private static string DailyFolder => PathOf("blockchain_com_csv_2023-04_2024-04");

    private static string ShippedChainFolder
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "MiningDispatch.slnx"))) return Path.Combine(d.FullName, "data", "chain");
            throw new DirectoryNotFoundException("Repository root (MiningDispatch.slnx) not found above " + AppContext.BaseDirectory);
        }
    }

    [Fact]
    public void DailyCsvFolder_WithMinersRevenue_ReproducesTheDerivedDailySeries()
    {
        var s = ChainDataHashprice.FromFolder(DailyFolder);
        var expected = ReadCsv(PathOf("hashprice_daily_2023-04-30_2024-04-27_from_blockchaincom.csv"), "hashprice_usd_per_ph_day");
        Assert.Equal(364, expected.Count);
        Assert.Equal(364, s.Points.Count);
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] * 1000 - ph) <= HalfThousandth, $"{t:O}: derived {got[t] * 1000} vs CSV {ph}");
        // Fees are in miners' revenue: no subsidy-only caveat. Runes day 2024-04-20: 107,755,899.72 USD / 558,271,812.4 TH/s.
        Assert.Null(s.Caveat);
        Assert.Equal(193.017, got[Utc(2024, 4, 20)] * 1000, 3);
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        Assert.Contains("miners-revenue", s.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void DifficultyFormula_WithFeesAndHashRate_ReproducesTheIdentityCheckColumn()
    {
        var s = ChainDataHashprice.FromDifficulty(Path.Combine(DailyFolder, "difficulty.csv"), Path.Combine(DailyFolder, "market-price.csv"),
            Path.Combine(DailyFolder, "transaction-fees.csv"), Path.Combine(DailyFolder, "hash-rate.csv"));
        var expected = ReadCsv(PathOf("hashprice_daily_2023-04-30_2024-04-27_from_blockchaincom.csv"), "hashprice_usd_per_ph_day_diff_identity_check");
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay);
        Assert.Equal(364, expected.Count);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] * 1000 - ph) <= HalfThousandth, $"{t:O}: derived {got[t] * 1000} vs CSV {ph}");
        Assert.Null(s.Caveat);
        // The halving day 2024-04-20 (block 840,000 at 00:09 UTC) is a 3.125 BTC day, by hand from the file rows:
        // difficulty 86388558925171, price 63823.55, fees 1257.71544525 BTC, hash rate 558271812.4 TH/s.
        double perTh = 86400e12 / (86388558925171 * 4294967296.0);
        double blocks = 558271812.4 * perTh;
        double byHand = (3.125 + 1257.71544525 / blocks) * 63823.55 * perTh * 1000;
        Assert.Equal(byHand, got[Utc(2024, 4, 20)] * 1000, 2);
        Assert.Equal(190.230, got[Utc(2024, 4, 20)] * 1000, 2);
    }

    [Fact]
    public void ShippedFolder_IsSubsidyOnly_ReproducesTheDerivedSeries_AndReaches2026February()
    {
        var s = ChainDataHashprice.FromFolder(ShippedChainFolder);
        var expected = ReadCsv(PathOf("hashprice_subsidy_only_4day_7dma_2022-2026_from_blockchaincom.csv"), "subsidy_only_usd_per_ph_day");
        Assert.Equal(377, expected.Count);
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] * 1000 - ph) <= HalfThousandth, $"{t:O}: derived {got[t] * 1000} vs CSV {ph}");
        Assert.Equal(Utc(2026, 2, 17), s.Points[^1].TimestampUtc);
        Assert.Equal(TimeSpan.FromDays(4), s.Bucket);
        Assert.NotNull(s.Caveat);
        Assert.Contains("SUBSIDY ONLY", s.Caveat, StringComparison.Ordinal);
        Assert.Contains(s.Quality.Notes, n => n.Contains("subsidy only", StringComparison.Ordinal));
        Assert.Contains("subsidy only", s.Source, StringComparison.Ordinal);
        // 2024-04-17 is the last 6.25 BTC sample, 2024-04-21 the first 3.125 BTC one: 98.222 -> 46.325 USD/PH/day.
        Assert.Equal(98.222, got[Utc(2024, 4, 17)] * 1000, 3);
        Assert.Equal(46.325, got[Utc(2024, 4, 21)] * 1000, 3);
    }

    [Fact]
    public void SevenDayFiles_2016To2024_ReproduceThe4DaySeries_ItsMonthlyMeans_AndThePublishedYearlyMeans()
    {
        var s = ChainDataHashprice.FromFolder(PathOf("blockchain_com_7d_2016-2024"));
        var got = s.Points.ToDictionary(p => p.TimestampUtc, p => p.UsdPerThDay * 1000);
        var expected = ReadCsv(PathOf("hashprice_4day_7dma_2016-2024_from_blockchaincom.csv"), "hashprice_usd_per_ph_day");
        Assert.Equal(810, expected.Count);
        foreach (var (t, ph) in expected)
            Assert.True(Math.Abs(got[t] - ph) <= HalfThousandth, $"{t:O}: derived {got[t]} vs CSV {ph}");

        // Monthly means of the samples stamped in each month (CSV: 2 decimals).
        var inRange = got.Where(kv => kv.Key >= Utc(2016, 1, 1) && kv.Key <= Utc(2024, 11, 13)).ToList();
        var lines = File.ReadAllLines(PathOf("hashprice_monthly_mean_2016-2024_from_blockchaincom.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(107, lines.Count);
        foreach (var f in lines)
        {
            var month = inRange.Where(kv => kv.Key.ToString("yyyy-MM", CultureInfo.InvariantCulture) == f[0]).Select(kv => kv.Value).ToList();
            Assert.Equal(int.Parse(f[1], CultureInfo.InvariantCulture), month.Count);
            Assert.True(Math.Abs(month.Average() - double.Parse(f[2], CultureInfo.InvariantCulture)) <= 0.005 + 1e-9, $"{f[0]}: {month.Average()} vs {f[2]}");
        }

        // Yearly means against Hashrate Index's published yearly averages (shared/docs/hashprice-api.md): within 0.3-1.6 %.
        foreach (var (year, published) in new[] { (2021, 314.61), (2022, 123.87), (2023, 74.73) })
        {
            double mean = inRange.Where(kv => kv.Key.Year == year).Average(kv => kv.Value);
            Assert.True(Math.Abs(mean / published - 1) <= 0.017, $"{year}: {mean} vs published {published}");
        }
    }

    [Fact]
    public void HashRateFormula_UsesThe144BlockDay()
    {
        using var dirTmp = new TempDir();
        string dir = dirTmp.Path;
        File.Copy(Path.Combine(DailyFolder, "hash-rate.csv"), Path.Combine(dir, "hash-rate.csv"));
        File.Copy(Path.Combine(DailyFolder, "market-price.csv"), Path.Combine(dir, "market-price.csv"));
        var s = ChainDataHashprice.FromFolder(dir);
        // First rows of the files (2023-04-30): hash rate 358383011.4671458 TH/s, price 29244.68 USD, subsidy 6.25 BTC.
        Assert.Equal(144 * 6.25 * 29244.68 / 358383011.4671458, s.Points[0].UsdPerThDay, 12);
        Assert.NotNull(s.Caveat);
    }

    [Fact]
    public void MissingOrMalformedFiles_AreNamed()
    {
        using var root = new TempDir();
        var missing = Assert.Throws<DirectoryNotFoundException>(() => ChainDataHashprice.FromFolder(Path.Combine(root.Path, "nope")));
        Assert.Contains("nope", missing.Message, StringComparison.Ordinal);

        using var onlyPriceTmp = new TempDir();
        string onlyPrice = onlyPriceTmp.Path;
        File.Copy(Path.Combine(DailyFolder, "market-price.csv"), Path.Combine(onlyPrice, "market-price.csv"));
        var ex = Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(onlyPrice));
        Assert.Contains("no hash-rate.json or hash-rate.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("market-price.csv", ex.Message, StringComparison.Ordinal);

        using var revenueOnlyTmp = new TempDir();
        string revenueOnly = revenueOnlyTmp.Path;
        File.Copy(Path.Combine(DailyFolder, "miners-revenue.csv"), Path.Combine(revenueOnly, "miners-revenue.csv"));
        Assert.Contains("no hash-rate", Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(revenueOnly)).Message, StringComparison.Ordinal);

        using var badTmp = new TempDir();
        string bad = badTmp.Path;
        File.WriteAllText(Path.Combine(bad, "difficulty.csv"), "\"x\",\"y\"\n\"1682812800000\",\"48712405953118\"\n\"1682899200000\",\"abc\"\n");
        File.Copy(Path.Combine(DailyFolder, "market-price.csv"), Path.Combine(bad, "market-price.csv"));
        var ex2 = Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(bad));
        Assert.Contains("difficulty.csv line 3", ex2.Message, StringComparison.Ordinal);

        using var bothTmp = new TempDir();
        string both = bothTmp.Path;
        File.Copy(Path.Combine(DailyFolder, "market-price.csv"), Path.Combine(both, "market-price.csv"));
        File.WriteAllText(Path.Combine(both, "market-price.json"), "{}");
        Assert.Contains("both market-price.json and market-price.csv", Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(both)).Message, StringComparison.Ordinal);

        using var wrongHeaderTmp = new TempDir();
        string wrongHeader = wrongHeaderTmp.Path;
        File.WriteAllText(Path.Combine(wrongHeader, "difficulty.csv"), "date,value\n2023-04-30,1\n");
        File.Copy(Path.Combine(DailyFolder, "market-price.csv"), Path.Combine(wrongHeader, "market-price.csv"));
        Assert.Contains("difficulty.csv line 1", Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(wrongHeader)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesAfterTheKnownHalvings_AreRefused()
    {
        using var dirTmp = new TempDir();
        string dir = dirTmp.Path;
        long ms = (long)(new DateTime(2028, 1, 3, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalMilliseconds;
        File.WriteAllText(Path.Combine(dir, "difficulty.csv"), $"\"x\",\"y\"\n\"{ms}\",\"150000000000000\"\n");
        File.WriteAllText(Path.Combine(dir, "market-price.csv"), $"\"x\",\"y\"\n\"{ms}\",\"90000\"\n");
        var ex = Assert.Throws<FormatException>(() => ChainDataHashprice.FromFolder(dir));
        Assert.Contains("difficulty.csv", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1,050,000", ex.Message, StringComparison.Ordinal);
    }

    private static List<(DateTime T, double V)> ReadCsv(string path, string column)
    {
        var lines = File.ReadAllLines(path);
        int c = Array.IndexOf(lines[0].Split(','), column);
        Assert.True(c >= 0, $"{path}: no column {column}");
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(f => (DateTime.SpecifyKind(DateTime.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc),
                          double.Parse(f[c], CultureInfo.InvariantCulture)))
            .ToList();
    }
}
