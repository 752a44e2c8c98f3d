using System.Text;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Tests.Prices;
using Xunit.Sdk;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>
/// Fuzz-style tests: valid generated files damaged in random ways (truncated at a random byte, bytes flipped,
/// garbage lines inserted, rows repeated, re-encoded as UTF-16 without a byte-order mark or as Latin-1, emptied,
/// cut to the header, replaced by noise). The loader must either return a correct result or throw a
/// <see cref="DataFormatException"/> that names the file; never another exception type. Files are small, so a
/// run cannot hang. Fixed seeds.
/// </summary>
public sealed class LoaderCorruptionTests : IDisposable
{
    public enum Damage { Truncate, FlipBytes, GarbageLines, RepeatRows, Utf16NoBom, Latin1Point, Empty, HeaderOnly, Noise, InsideContainer, BadUtf8 }

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly FuzzLayout[] TextLayouts =
    [
        FuzzLayout.ErcotDam, FuzzLayout.ErcotRtm, FuzzLayout.ErcotNoFlag, FuzzLayout.Gridstatus, FuzzLayout.GridstatusIo,
        FuzzLayout.LongUtc, FuzzLayout.LongDateHour, FuzzLayout.WideUtc, FuzzLayout.WideCt, FuzzLayout.WideKmundey,
    ];

    private static readonly FuzzLayout[] PointColumnLayouts =
        [FuzzLayout.ErcotDam, FuzzLayout.ErcotRtm, FuzzLayout.ErcotNoFlag, FuzzLayout.Gridstatus, FuzzLayout.GridstatusIo, FuzzLayout.LongUtc, FuzzLayout.LongDateHour];

    public static IEnumerable<object[]> Cases()
    {
        foreach (var d in Enum.GetValues<Damage>())
            for (int seed = 1; seed <= 12; seed++)
                yield return [d, seed];
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Damaged_file_loads_correctly_or_fails_with_a_clear_error(Damage damage, int seed)
    {
        var rng = new Random(seed * 31 + (int)damage * 1009);
        var layouts = damage switch
        {
            Damage.GarbageLines or Damage.RepeatRows or Damage.Utf16NoBom or Damage.HeaderOnly => TextLayouts,
            Damage.Latin1Point => PointColumnLayouts,
            Damage.InsideContainer => [FuzzLayout.Xlsx, FuzzLayout.Zip],
            Damage.BadUtf8 => [FuzzLayout.JsonApi, FuzzLayout.JsonDisplay, FuzzLayout.LongUtc, FuzzLayout.ErcotDam],
            _ => Enum.GetValues<FuzzLayout>(),
        };
        var layout = layouts[rng.Next(layouts.Length)];
        var f = PriceFileGenerator.Generate(rng, layout, _dir.Path);
        string what = Apply(damage, f, rng);
        string name = Path.GetFileName(f.Path);

        int duplicates = 0, loaded = 0;
        foreach (var point in f.Points)
        {
            PriceLoadResult r;
            try
            {
                r = PriceLoader.Load([f.Path], new PriceQuery(point));
            }
            catch (DataFormatException e)
            {
                Assert.True(e.Message.Contains(name, StringComparison.Ordinal), $"{f.Description}, {what}: message does not name the file: {e.Message}");
                Assert.False(string.IsNullOrWhiteSpace(e.Problem));
                Assert.True(e.Message.Length < 2000, $"{f.Description}, {what}: message of {e.Message.Length} characters: {e.Message[..Math.Min(3000, e.Message.Length)]}");
                Assert.DoesNotContain('\0', e.Message);
                if (damage == Damage.Utf16NoBom) Assert.Contains("UTF-16", e.Message);
                continue;
            }
            catch (Exception e)
            {
                throw new XunitException($"{f.Description}, {what}: {point}: {e.GetType().Name} instead of DataFormatException: {e}");
            }
            CheckResult(damage, f, point, r, what);
            duplicates += r.Quality.Duplicates;
            loaded++;
        }
        // a repeated data row is an exact duplicate of one point's row (of every point's, in a wide file): counted, not hidden
        if (damage == Damage.RepeatRows && loaded == f.Points.Count && what.EndsWith("(data)", StringComparison.Ordinal))
            Assert.True(duplicates >= 1, $"{f.Description}, {what}: no duplicate counted");
    }

    /// <summary>What a successful load after each kind of damage must still satisfy.</summary>
    private static void CheckResult(Damage damage, GeneratedFile f, string point, PriceLoadResult r, string what)
    {
        var expected = f.ExpectedHourly(point);
        switch (damage)
        {
            case Damage.GarbageLines:
            case Damage.RepeatRows:
            case Damage.Latin1Point:
                // garbage is skipped or rejected, repeated rows are exact duplicates: the valid rows are all there
                LoaderPropertyTests.AssertSeriesEqual(f, point, r);
                break;
            case Damage.Truncate:
                // rows are written in time order: what is left is a prefix; only the hour holding the cut row may differ
                for (int i = 0; i < r.Count; i++)
                {
                    Assert.True(expected.TryGetValue(r.HoursUtc[i], out double v), $"{f.Description}, {what}: invented hour {r.HoursUtc[i]:O}");
                    if (i < r.Count - 1 && f.Layout is not (FuzzLayout.ErcotNoFlag or FuzzLayout.LongDateHour or FuzzLayout.WideKmundey or FuzzLayout.JsonDisplay))
                        Assert.True(Math.Abs(v - r.PriceUsdPerMWh[i]) < 1e-9, $"{f.Description}, {what}: {r.HoursUtc[i]:O} {r.PriceUsdPerMWh[i]} vs {v}");
                }
                break;
            default:
                // flipped bytes can turn a digit into another digit: nothing to compare, but the result must be sane
                Assert.All(r.PriceUsdPerMWh, p => Assert.True(double.IsFinite(p)));
                for (int i = 1; i < r.Count; i++) Assert.True(r.HoursUtc[i] > r.HoursUtc[i - 1]);
                break;
        }
    }

    private static string Apply(Damage damage, GeneratedFile f, Random rng)
    {
        byte[] bytes = File.ReadAllBytes(f.Path);
        switch (damage)
        {
            case Damage.Truncate:
            {
                int cut = rng.Next(bytes.Length);
                File.WriteAllBytes(f.Path, bytes[..cut]);
                return $"truncated at byte {cut} of {bytes.Length}";
            }
            case Damage.FlipBytes:
            {
                int n = rng.Next(1, 9);
                var at = new List<int>();
                for (int k = 0; k < n; k++)
                {
                    int i = rng.Next(bytes.Length);
                    bytes[i] = (byte)rng.Next(256);
                    at.Add(i);
                }
                File.WriteAllBytes(f.Path, bytes);
                return $"bytes changed at {string.Join(",", at)}";
            }
            case Damage.GarbageLines:
            {
                var lines = ReadLines(f.Path, out var enc, out string nl);
                int n = rng.Next(1, 4);
                for (int k = 0; k < n; k++) lines.Insert(rng.Next(1, lines.Count + 1), Garbage(rng));
                File.WriteAllText(f.Path, string.Join(nl, lines) + nl, enc);
                return $"{n} garbage line(s)";
            }
            case Damage.RepeatRows:
            {
                var lines = ReadLines(f.Path, out var enc, out string nl);
                int i = rng.Next(1, lines.Count);
                lines.Insert(i + 1, lines[i]);
                File.WriteAllText(f.Path, string.Join(nl, lines) + nl, enc);
                return $"line {i + 1} repeated {(lines[i].Trim().Length > 0 ? "(data)" : "(blank)")}";
            }
            case Damage.Utf16NoBom:
            {
                string text = Encoding.UTF8.GetString(File.ReadAllBytes(f.Path)).TrimStart('\uFEFF');
                if (text.Length > 0 && text[0] == '\uFFFD') text = File.ReadAllText(f.Path); // it was UTF-16 already
                File.WriteAllBytes(f.Path, new UnicodeEncoding(false, false).GetBytes(text.TrimStart('\uFEFF')));
                return "UTF-16LE without BOM";
            }
            case Damage.Latin1Point:
            {
                // an extra row for a point whose name has Latin-1 letters, in a file saved as Latin-1
                var lines = ReadLines(f.Path, out _, out string nl);
                string raw = f.Points.Select(p => p.EndsWith("_EW", StringComparison.Ordinal) ? p[..^3] : p).First();
                string row = lines.Skip(1).First(l => l.Contains("," + raw + ",", StringComparison.Ordinal));
                lines.Add(row.Replace("," + raw + ",", ",NODE_ÉTÉ,", StringComparison.Ordinal));
                File.WriteAllText(f.Path, string.Join(nl, lines) + nl, Encoding.Latin1);
                return "Latin-1 with a point named NODE_ÉTÉ";
            }
            case Damage.Empty:
                File.WriteAllBytes(f.Path, []);
                return "empty";
            case Damage.HeaderOnly:
            {
                var lines = ReadLines(f.Path, out var enc, out string nl);
                int header = lines.FindIndex(l => l.Trim().Length > 0);
                File.WriteAllText(f.Path, lines[header] + (rng.Next(2) == 0 ? nl : ""), enc);
                return "header only";
            }
            case Damage.InsideContainer:
                return DamageInsideZip(f.Path, rng);
            case Damage.BadUtf8:
            {
                // a byte that is never valid UTF-8 inside a data value (after the header)
                int start = Array.IndexOf(bytes, (byte)'\n') + 1;
                int i = start + rng.Next(Math.Max(1, bytes.Length - start));
                i = Math.Min(i, bytes.Length - 1);
                var list = bytes.ToList();
                list.Insert(i, 0xFF);
                File.WriteAllBytes(f.Path, [.. list]);
                return $"0xFF inserted at byte {i}";
            }
            default:
            {
                var noise = new byte[rng.Next(1, 5000)];
                rng.NextBytes(noise);
                File.WriteAllBytes(f.Path, noise);
                return $"{noise.Length} random bytes";
            }
        }
    }

    /// <summary>Rewrites the largest entry of a zip/xlsx with some of its (uncompressed) bytes changed, truncated or garbled.</summary>
    private static string DamageInsideZip(string path, Random rng)
    {
        string entryName;
        byte[] content;
        var others = new List<(string Name, byte[] Data)>();
        using (var zip = System.IO.Compression.ZipFile.OpenRead(path))
        {
            var entries = zip.Entries.Select(e => (e.FullName, Data: Read(e))).ToList();
            var target = entries.OrderByDescending(e => e.Data.Length).First();
            entryName = target.FullName;
            content = target.Data;
            others.AddRange(entries.Where(e => e.FullName != entryName));
        }
        string how;
        switch (rng.Next(3))
        {
            case 0:
                content = content[..rng.Next(content.Length)];
                how = "truncated";
                break;
            case 1:
                for (int k = 0; k < 5; k++) content[rng.Next(content.Length)] = (byte)"<>\"&=/x9 \0"[rng.Next(10)];
                how = "markup characters changed";
                break;
            default:
                for (int k = 0; k < 5; k++) content[rng.Next(content.Length)] = (byte)rng.Next(256);
                how = "bytes changed";
                break;
        }
        File.Delete(path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            foreach (var (n, d) in others.Append((entryName, content)))
            {
                using var s = zip.CreateEntry(n).Open();
                s.Write(d);
            }
        }
        return $"entry {entryName} {how}";

        static byte[] Read(System.IO.Compression.ZipArchiveEntry e)
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }
    }

    private static List<string> ReadLines(string path, out Encoding encoding, out string newline)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        string text = reader.ReadToEnd();
        encoding = reader.CurrentEncoding is UTF8Encoding ? new UTF8Encoding(File.ReadAllBytes(path).AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF })) : reader.CurrentEncoding;
        newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split(newline).ToList();
        if (lines.Count > 1 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static string Garbage(Random rng)
    {
        switch (rng.Next(6))
        {
            case 0: return "<html><body><h1>502 Bad Gateway</h1></body></html>";
            case 1: return "\"unterminated quote, 12.5, more";
            case 2: return new string('x', rng.Next(1000, 20000));
            case 3: return ",,,,,,";
            case 4: return "#" + new string('-', 20) + " page 2 " + new string('-', 20);
            default:
                var chars = new char[rng.Next(1, 80)];
                for (int i = 0; i < chars.Length; i++) chars[i] = (char)rng.Next(32, 127);
                return new string(chars);
        }
    }
}
