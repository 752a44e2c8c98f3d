using System.Globalization;
using System.Text;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Tests.Prices;
using Xunit.Sdk;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>
/// Property and fuzz tests for the hashprice loaders: random valid CSVs (TH or PH column or both, extra columns,
/// BOM, CRLF, quoted fields, unsorted rows) load to exactly the values written; damaged CSVs and blockchain.com
/// chart files either load or fail with a <see cref="FormatException"/> naming the file, never another exception.
/// </summary>
public sealed class HashpriceLoaderFuzzTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed record Written(string Path, SortedDictionary<DateTime, double> PerTh, string Description);

    private Written WriteValid(Random rng)
    {
        int kind = rng.Next(3); // 0 TH only, 1 PH only, 2 both
        bool bom = rng.Next(2) == 0, crlf = rng.Next(2) == 0, shuffle = rng.Next(3) == 0, extra = rng.Next(2) == 0, quote = rng.Next(3) == 0;
        var start = new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(rng.Next(3500));
        int n = rng.Next(1, 200);
        var values = new SortedDictionary<DateTime, double>();
        var rows = new List<string>();
        for (int i = 0; i < n; i++)
        {
            var t = start.AddDays(i);
            double ph = Math.Round(30 + rng.NextDouble() * 400, 3); // USD/PH/day, 3 decimals
            values[t] = ph / 1000;
            string date = t.ToString("yyyy-MM-dd", Ci);
            string thText = (ph / 1000).ToString("R", Ci), phText = ph.ToString("0.000", Ci);
            if (quote) { date = "\"" + date + "\""; phText = "\"" + phText + "\""; }
            var fields = new List<string> { date };
            if (extra) fields.Add(rng.Next(1_000_000).ToString(Ci));
            if (kind is 0 or 2) fields.Add(thText);
            if (kind is 1 or 2) fields.Add(phText);
            rows.Add(string.Join(",", fields));
        }
        if (shuffle) rows = rows.OrderBy(_ => rng.Next()).ToList();
        var header = new List<string> { "date" };
        if (extra) header.Add("btc_price_usd");
        if (kind is 0 or 2) header.Add("hashprice_usd_per_th_day");
        if (kind is 1 or 2) header.Add("hashprice_usd_per_ph_day");
        string nl = crlf ? "\r\n" : "\n";
        string path = System.IO.Path.Combine(_dir.Path, $"hp_{rng.Next(1_000_000):D6}.csv");
        File.WriteAllText(path, string.Join(",", header) + nl + string.Join(nl, rows) + nl, new UTF8Encoding(bom));
        return new Written(path, values, $"{n} rows from {start:yyyy-MM-dd}, kind {kind}, bom {bom}, crlf {crlf}, shuffled {shuffle}, extra {extra}, quoted {quote}");
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 25).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Valid_csv_loads_every_value(int seed)
    {
        var w = WriteValid(new Random(seed));
        var s = HashpriceCsvLoader.Load(w.Path);
        Assert.True(w.PerTh.Count == s.Points.Count, $"{w.Description}: {s.Points.Count} points");
        int i = 0;
        foreach (var (t, v) in w.PerTh)
        {
            Assert.Equal(t, s.Points[i].TimestampUtc);
            Assert.Equal(v, s.Points[i].UsdPerThDay, 12);
            i++;
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Damaged_csv_loads_or_fails_with_a_format_error_naming_the_file(int seed)
    {
        var rng = new Random(seed * 17);
        var w = WriteValid(rng);
        byte[] bytes = File.ReadAllBytes(w.Path);
        string what;
        switch (seed % 6)
        {
            case 0: int cut = rng.Next(bytes.Length); File.WriteAllBytes(w.Path, bytes[..cut]); what = $"cut at {cut}"; break;
            case 1: for (int k = 0; k < 4; k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256); File.WriteAllBytes(w.Path, bytes); what = "bytes changed"; break;
            case 2: File.WriteAllBytes(w.Path, []); what = "empty"; break;
            case 3: File.WriteAllText(w.Path, File.ReadLines(w.Path).First()); what = "header only"; break;
            case 4: File.AppendAllText(w.Path, "\"unterminated,1\n<html>502</html>\n"); what = "garbage appended"; break;
            default: var noise = new byte[rng.Next(1, 3000)]; rng.NextBytes(noise); File.WriteAllBytes(w.Path, noise); what = "noise"; break;
        }
        try
        {
            var s = HashpriceCsvLoader.Load(w.Path);
            foreach (var p in s.Points)
                Assert.True(double.IsFinite(p.UsdPerThDay) && p.UsdPerThDay > 0, $"{w.Description}, {what}: {p}");
        }
        catch (FormatException e)
        {
            Assert.True(e.Message.Contains(System.IO.Path.GetFileName(w.Path), StringComparison.Ordinal), $"{w.Description}, {what}: {e.Message}");
        }
        catch (Exception e)
        {
            throw new XunitException($"{w.Description}, {what}: {e.GetType().Name}: {e}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Damaged_blockchain_com_chart_files_fail_with_a_format_error(int seed)
    {
        var rng = new Random(seed);
        string rev = System.IO.Path.Combine(_dir.Path, "miners-revenue.json"), hr = System.IO.Path.Combine(_dir.Path, "hash-rate.json");
        File.Copy(Hashprice.HashpriceTestData.PathOf("blockchain_com_api_2022-07", "miners-revenue.json"), rev);
        File.Copy(Hashprice.HashpriceTestData.PathOf("blockchain_com_api_2022-07", "hash-rate.json"), hr);
        string target = rng.Next(2) == 0 ? rev : hr;
        byte[] b = File.ReadAllBytes(target);
        if (seed % 2 == 0) File.WriteAllBytes(target, b[..rng.Next(b.Length)]);
        else
        {
            for (int k = 0; k < 3; k++) b[rng.Next(b.Length)] = (byte)"{}[]\",:0x-"[rng.Next(10)];
            File.WriteAllBytes(target, b);
        }
        try
        {
            var s = ChainDataHashprice.FromBlockchainComCharts(rev, hr);
            Assert.All(s.Points, p => Assert.True(double.IsFinite(p.UsdPerThDay)));
        }
        catch (FormatException e)
        {
            Assert.Contains(".json", e.Message);
        }
    }
}
