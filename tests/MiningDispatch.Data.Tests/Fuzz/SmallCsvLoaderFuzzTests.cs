using System.Globalization;
using System.Text;
using MiningDispatch.Core.Forward;
using MiningDispatch.Data.Forward;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.SystemLoad;
using MiningDispatch.Data.Tests.Prices;
using CoreSystemLoad = MiningDispatch.Core.FourCp.SystemLoad;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>
/// Property and fuzz tests for the forward curve and system load CSV loaders: random valid files (BOM, CRLF, comment
/// lines, quoted fields, thousands separators, shuffled rows, extra columns) load to exactly the values written;
/// truncated, bit-flipped, spliced or binary files either load or fail with a <see cref="DataFormatException"/> that
/// names the file, never another exception.
/// </summary>
public sealed class SmallCsvLoaderFuzzTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly string[] BlockNames = ["5x16", "2x16", "7x8"];
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 30).Select(i => new object[] { i });

    private sealed record Style(bool Bom, bool Crlf, bool Shuffle, bool Quote, bool Extra, bool Comments)
    {
        public static Style Random(Random rng) =>
            new(rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0, rng.Next(2) == 0);
    }

    private string Write(string name, string header, List<string> rows, Style st, Random rng)
    {
        if (st.Shuffle) rows = rows.OrderBy(_ => rng.Next()).ToList();
        var lines = new List<string>();
        if (st.Comments) lines.Add("# written by a test; values are random");
        lines.Add(header);
        foreach (var r in rows)
        {
            if (st.Comments && rng.Next(10) == 0) lines.Add("# a comment between rows");
            if (rng.Next(20) == 0) lines.Add("");
            lines.Add(r);
        }
        string nl = st.Crlf ? "\r\n" : "\n";
        return _dir.Write(name, string.Join(nl, lines) + nl, st.Bom);
    }

    /// <summary>A number as a CSV field: plain, or quoted with thousands separators when the style quotes.</summary>
    private static string Number(double v, Style st) => st.Quote ? "\"" + v.ToString("#,0.##", Ci) + "\"" : v.ToString("0.##", Ci);

    // ---- forward curve ----

    private (string Path, Dictionary<(int, int, ForwardBlock), double> Values) WriteCurve(Random rng)
    {
        var st = Style.Random(rng);
        int year = 2026 + rng.Next(3), months = rng.Next(1, 25);
        var values = new Dictionary<(int, int, ForwardBlock), double>();
        var rows = new List<string>();
        for (int m = 0; m < months; m++)
        {
            var month = new DateOnly(year, 1, 1).AddMonths(m);
            for (int b = 0; b < 3; b++)
            {
                if (rng.Next(4) == 0) continue; // not every block is quoted
                // cents, from -30 to 2,500 $/MWh (negative night blocks and scarcity months happen)
                double price = Math.Round(-30 + rng.NextDouble() * 2530, 2);
                values[(month.Year, month.Month, (ForwardBlock)b)] = price;
                string monthText = rng.Next(2) == 0 ? month.ToString("yyyy-MM", Ci) : month.ToString("yyyy-MM-dd", Ci);
                var fields = new List<string> { monthText, BlockNames[b], Number(price, st) };
                if (st.Extra) fields.Add("HB_WEST");
                rows.Add(string.Join(",", fields));
            }
        }
        if (values.Count == 0)
        {
            values[(year, 1, ForwardBlock.Peak5x16)] = 55.5;
            rows.Add($"{year}-01,5x16,55.5" + (st.Extra ? ",HB_WEST" : ""));
        }
        string header = "month,block,price" + (st.Extra ? ",settlement_point" : "");
        return (Write($"curve_{rng.Next(1_000_000):D6}.csv", header, rows, st, rng), values);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Forward_curve_loads_every_price_written(int seed)
    {
        var (path, values) = WriteCurve(new Random(seed));
        var curve = ForwardCurveCsvLoader.Load(path);
        Assert.Equal(values.Count, curve.Prices.Count);
        foreach (var ((y, m, b), price) in values)
            Assert.Equal(price, curve.Price(y, m, b), 9);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Damaged_forward_curve_loads_or_fails_with_a_data_format_error(int seed)
    {
        var rng = new Random(seed * 31);
        var (path, _) = WriteCurve(rng);
        Damage(path, rng);
        LoadsOrFailsClearly(path, () => ForwardCurveCsvLoader.Load(path));
    }

    // ---- system load ----

    private (string Path, SortedDictionary<DateTime, double> Values) WriteLoad(Random rng)
    {
        var st = Style.Random(rng);
        bool utc = rng.Next(2) == 0;
        var start = new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(rng.Next(24 * 300));
        int n = rng.Next(1, 400);
        var values = new SortedDictionary<DateTime, double>();
        var rows = new List<string>();
        for (int i = 0; i < n; i++)
        {
            var t = start.AddHours(i);
            double mw = Math.Round(30_000 + rng.NextDouble() * 55_000, 1);
            values[t] = mw;
            string time = utc ? t.ToString("yyyy-MM-dd HH:mm", Ci) : t.ToString("yyyy-MM-dd'T'HH:mm'Z'", Ci);
            var fields = new List<string> { time, Number(mw, st) };
            if (st.Extra) fields.Insert(1, "\"ERCOT, total\"");
            rows.Add(string.Join(",", fields));
        }
        string header = (utc ? "interval_start_utc" : "interval_start") + (st.Extra ? ",region" : "") + ",load_mw";
        return (Write($"load_{rng.Next(1_000_000):D6}.csv", header, rows, st, rng), values);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void System_load_loads_every_interval_written(int seed)
    {
        var (path, values) = WriteLoad(new Random(seed));
        var load = SystemLoadCsvLoader.Load(path);
        Assert.Equal(values.Keys, load.StartsUtc);
        Assert.Equal(values.Values.ToArray(), load.LoadMw);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Damaged_system_load_loads_or_fails_with_a_data_format_error(int seed)
    {
        var rng = new Random(seed * 37);
        var (path, _) = WriteLoad(rng);
        Damage(path, rng);
        LoadsOrFailsClearly(path, () => SystemLoadCsvLoader.Load(path));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Truncated_system_load_keeps_every_complete_row(int seed)
    {
        var rng = new Random(seed * 41);
        var (path, values) = WriteLoad(rng);
        byte[] bytes = File.ReadAllBytes(path);
        int cut = rng.Next(bytes.Length / 2, bytes.Length + 1);
        File.WriteAllBytes(path, bytes[..cut]);
        // The rows whose line ends before the cut are intact; the last, cut line may still parse (e.g. "45123.4" cut to "451").
        string kept = System.Text.Encoding.UTF8.GetString(bytes, 0, cut);
        var complete = kept[..(kept.LastIndexOf('\n') + 1)].Split('\n')
            .Select(l => l.Trim('\r', '\uFEFF'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && char.IsDigit(l[0]))
            .Select(l => DateTime.Parse(l[..l.IndexOf(',')].Replace("Z", "", StringComparison.Ordinal), Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal))
            .ToList();
        CoreSystemLoad load;
        try
        {
            load = SystemLoadCsvLoader.Load(path);
        }
        catch (DataFormatException e)
        {
            // only the cut line can be bad, and the message names it
            int lastLine = kept.Count(c => c == '\n') + 1;
            Assert.Contains($"line {lastLine}", e.Message);
            return;
        }
        var loaded = load.StartsUtc.Zip(load.LoadMw).ToDictionary(x => x.First, x => x.Second);
        foreach (var t in complete) Assert.Equal(values[t], loaded[t]);
        Assert.InRange(load.Count, complete.Count, complete.Count + 1);
    }

    [Fact]
    public void Binary_and_empty_files_fail_with_a_data_format_error()
    {
        var rng = new Random(7);
        var junk = new byte[4096];
        rng.NextBytes(junk);
        string bin = Path.Combine(_dir.Path, "junk.csv");
        File.WriteAllBytes(bin, junk);
        string empty = _dir.Write("empty.csv", "");
        foreach (var p in new[] { bin, empty })
        {
            Assert.Contains(Path.GetFileName(p), Assert.Throws<DataFormatException>(() => ForwardCurveCsvLoader.Load(p)).Message);
            Assert.Contains(Path.GetFileName(p), Assert.Throws<DataFormatException>(() => SystemLoadCsvLoader.Load(p)).Message);
        }
    }

    // ---- helpers ----

    /// <summary>Truncates, flips bytes, splices random bytes or duplicates a line, at random.</summary>
    private static void Damage(string path, Random rng)
    {
        var bytes = File.ReadAllBytes(path).ToList();
        switch (rng.Next(4))
        {
            case 0:
                bytes = bytes.Take(rng.Next(bytes.Count + 1)).ToList();
                break;
            case 1:
                for (int i = 0; i < 1 + rng.Next(5); i++)
                {
                    int at = rng.Next(bytes.Count);
                    bytes[at] = (byte)rng.Next(256);
                }
                break;
            case 2:
                var noise = new byte[1 + rng.Next(40)];
                rng.NextBytes(noise);
                bytes.InsertRange(rng.Next(bytes.Count + 1), noise);
                break;
            default:
                var text = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n').ToList();
                int line = rng.Next(text.Count);
                text.Insert(line, text[line]);
                bytes = Encoding.UTF8.GetBytes(string.Join('\n', text)).ToList();
                break;
        }
        File.WriteAllBytes(path, bytes.ToArray());
    }

    private static void LoadsOrFailsClearly(string path, Action load)
    {
        try
        {
            load();
        }
        catch (DataFormatException e)
        {
            Assert.Contains(Path.GetFileName(path), e.Message);
        }
    }
}
