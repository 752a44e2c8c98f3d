using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MiningDispatch.Cli.Tests.Support;

/// <summary>
/// The shipped sample data read with plain string splitting, and the hourly economics written out by hand, so the
/// end-to-end tests check the CLI against numbers that do not come from the product's loaders or Core.
/// </summary>
internal static class SampleMarket
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    public const string RtFile = "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv";
    public const string HashpriceFile = "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv";
    public const string DaRtFile = "ercot_hb_west_lz_west_hourly_dam_rtm_2024-06-01_2024-09-30.csv";
    public const string LoadFile = "ercot_system_load_hourly_summers_2023-2024.csv";
    public const string CurveFile = "forward_curve_ILLUSTRATIVE_hb_west_2027.csv";

    public static string Path(string file) => System.IO.Path.Combine(CliHarness.SampleDir, file);

    private static readonly Lazy<Dictionary<DateTime, (double HpTh, double Btc)>> Daily = new(() =>
    {
        var d = new Dictionary<DateTime, (double, double)>();
        foreach (var line in File.ReadLines(Path(HashpriceFile)).Skip(1))
        {
            var f = line.Split(',');
            d[DateTime.ParseExact(f[0], "yyyy-MM-dd", Ci)] = (double.Parse(f[4], Ci) / 1000.0, double.Parse(f[3], Ci));
        }
        return d;
    });

    /// <summary>Hashprice in USD/TH/day used in the hour starting at <paramref name="utc"/> (published: the previous UTC day's value).</summary>
    public static double Hashprice(DateTime utc) => Daily.Value[utc.Date.AddDays(-1)].HpTh;

    /// <summary>BTC price (USD) used in the hour starting at <paramref name="utc"/>, same alignment.</summary>
    public static double Btc(DateTime utc) => Daily.Value[utc.Date.AddDays(-1)].Btc;

    /// <summary>HB_WEST real-time hours with start in [from, to).</summary>
    public static List<(DateTime T, double Price)> Rt(DateTime fromUtc, DateTime toUtc)
    {
        var list = new List<(DateTime, double)>();
        foreach (var line in File.ReadLines(Path(RtFile)).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.ParseExact(f[1], "yyyy-MM-dd'T'HH:mm:ss'Z'", Ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (t >= fromUtc && t < toUtc) list.Add((t, double.Parse(f[3], Ci)));
        }
        AssertCovers(list.Count, fromUtc, toUtc, RtFirstUtc, RtEndUtc, RtFile);
        return list;
    }

    // Coverage of the two price files, read once by hand (first and last interval_start_utc / delivery date).
    private static readonly DateTime RtFirstUtc = new(2023, 7, 6, 4, 0, 0, DateTimeKind.Utc), RtEndUtc = new(2026, 7, 6, 4, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime DaRtFirstUtc = new(2024, 6, 1, 5, 0, 0, DateTimeKind.Utc), DaRtEndUtc = new(2024, 10, 1, 5, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Guards the hand-written loops over these lists: a window that misses the file (or a parsing slip) would leave them
    /// empty and compare zero with zero. Every hour of [from, to) inside the file must be there, except the repeated
    /// fall-back hour the real-time file collapses (one per November).
    /// </summary>
    private static void AssertCovers(int count, DateTime fromUtc, DateTime toUtc, DateTime fileFirst, DateTime fileEnd, string file)
    {
        var a = fromUtc > fileFirst ? fromUtc : fileFirst;
        var b = toUtc < fileEnd ? toUtc : fileEnd;
        double hours = Math.Max(0, (b - a).TotalHours);
        int fallBacks = b > a ? b.Year - a.Year + 1 : 0;
        Assert.True(count > 0 && count >= hours - fallBacks && count <= hours,
            $"{file}: {count} hour(s) read for [{fromUtc:O}, {toUtc:O}), expected about {hours}");
    }

    /// <summary>Day-ahead and real-time prices of a point in the summer 2024 file (all CDT: start UTC = local date + HE − 1 + 5 h).</summary>
    public static List<(DateTime T, double Da, double Rt)> DaRt(string point, DateTime fromUtc, DateTime toUtc)
    {
        var list = new List<(DateTime, double, double)>();
        foreach (var line in File.ReadLines(Path(DaRtFile)).Skip(1))
        {
            var f = line.Split(',');
            if (f[2] != point) continue;
            var t = DateTime.SpecifyKind(DateTime.ParseExact(f[0], "yyyy-MM-dd", Ci).AddHours(int.Parse(f[1], Ci) - 1 + 5), DateTimeKind.Utc);
            if (t >= fromUtc && t < toUtc) list.Add((t, double.Parse(f[3], Ci), double.Parse(f[4], Ci)));
        }
        list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        AssertCovers(list.Count, fromUtc, toUtc, DaRtFirstUtc, DaRtEndUtc, DaRtFile + " " + point);
        return list;
    }

    /// <summary>Mining revenue of a fully running site for one hour, USD.</summary>
    public static double Revenue(double mw, double eff, double fee, double hpTh) => mw * 1e6 / eff * hpTh / 24.0 * (1 - fee);

    /// <summary>UTC start of a market day in Central Prevailing Time.</summary>
    public static DateTime DayStartUtc(int y, int m, int d)
    {
        var tz = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        var local = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Unspecified);
        return DateTime.SpecifyKind(local - tz.GetUtcOffset(local), DateTimeKind.Utc);
    }

    /// <summary>
    /// When the day-ahead market for the market day holding <paramref name="utc"/> closed: 10:00 Central Prevailing
    /// Time the day before, as UTC (written here from the ERCOT rule, not from the code under test).
    /// </summary>
    public static DateTime DayAheadCloseUtc(DateTime utc)
    {
        var day = Local(utc).Date.AddDays(-1).AddHours(10);
        var tz = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), tz);
    }

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));

    public static JsonElement Json(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement;

    /// <summary>The last dollar amount ("$1,234" or "-$1,234.56") on the first output line containing <paramref name="label"/>.</summary>
    public static double Money(string stdout, string label)
    {
        var line = stdout.Split('\n').FirstOrDefault(l => l.Contains(label, StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No line with '{label}' in:\n{stdout}");
        var m = Regex.Matches(line, @"-?\$[\d,]+(\.\d+)?");
        Assert.True(m.Count > 0, $"No amount on the line '{line}'");
        return ParseUsd(m[^1].Value);
    }

    /// <summary>Every dollar amount on the first line containing <paramref name="label"/>.</summary>
    public static double[] Amounts(string stdout, string label)
    {
        var line = stdout.Split('\n').First(l => l.Contains(label, StringComparison.Ordinal));
        return Regex.Matches(line, @"-?\$[\d,]+(\.\d+)?").Select(x => ParseUsd(x.Value)).ToArray();
    }

    public static double ParseUsd(string s) => (s.StartsWith('-') ? -1 : 1) * double.Parse(s.TrimStart('-').TrimStart('$').Replace(",", ""), Ci);

    /// <summary>Reads a CSV written by the CLI into rows of named fields.</summary>
    public static List<Dictionary<string, string>> Csv(string path)
    {
        var lines = File.ReadAllLines(path);
        var names = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => names.Zip(l.Split(','), (n, v) => (n, v)).ToDictionary(x => x.n, x => x.v)).ToList();
    }

    public static double D(this Dictionary<string, string> row, string column) => double.Parse(row[column], Ci);
}
