using System.Diagnostics;
using System.Globalization;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// The physical floors a loading figure is compared with, on the same file in the same run: reading every byte from
/// the page cache (in this process, 1 MiB reads, no parsing), and <c>grep -c</c> over the file (a fresh process: the
/// fastest line scan a shell user has). Plus the median and range helpers the figures quote.
/// </summary>
internal static class Floors
{
    /// <summary>Seconds to read the whole file from the page cache, one per run (the first, warming read is not counted).</summary>
    public static List<double> RawRead(string path, int runs)
    {
        var buffer = new byte[1 << 20];
        ReadAll(path, buffer);
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            ReadAll(path, buffer);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return times;
    }

    private static long ReadAll(string path, byte[] buffer)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long total = 0;
        int n;
        while ((n = fs.Read(buffer, 0, buffer.Length)) > 0) total += n;
        return total;
    }

    /// <summary>
    /// Seconds of <c>grep -c PATTERN FILE</c> in a fresh process, one per run; empty when grep is not on the PATH.
    /// LC_ALL=C, as a user who wants speed would run it.
    /// </summary>
    public static List<double> Grep(string path, string pattern, int runs)
    {
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            try
            {
                times.Add(ChildProcess.RunProgram("grep", ["-c", pattern, path], environment: new Dictionary<string, string> { ["LC_ALL"] = "C" }).WallSeconds);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return [];
            }
        }
        return times;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var s = values.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    /// <summary>"1.31–1.92 s (median 1.40, 5 runs)", or "n/a".</summary>
    public static string Range(IReadOnlyList<double> values, string unit = "s")
        => values.Count == 0 ? "n/a" : Measure.Range(values.Min(), values.Max(), Median(values), values.Count, unit);

    public static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
