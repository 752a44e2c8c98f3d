using System.Globalization;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.SystemLoad;

/// <summary>
/// Reads the official ERCOT 4CP intervals (<c>--four-cp-intervals</c>): one row per summer month, several years in one
/// file allowed.
/// <code>
/// year,month,interval_start,load_mw
/// 2024,6,2024-06-30 17:00,76543
/// </code>
/// <list type="bullet">
/// <item><c>year</c>, <c>month</c>: the 4CP month (June–September only); they must agree with the interval's local date.</item>
/// <item>Time, one of: <c>interval_start</c> (start of the 15-minute interval, Central Prevailing Time
/// <c>yyyy-MM-dd HH:mm</c>, or an ISO instant with <c>Z</c> or an offset); <c>interval_ending</c> (its end, same
/// formats; the start is 15 minutes earlier, as in ERCOT's interval-ending tables); <c>interval_start_utc</c> (UTC).
/// June–September lie wholly in daylight time (CDT, UTC−5), so a local time there is never ambiguous; a local time
/// that does not exist or is ambiguous in America/Chicago is refused.</item>
/// <item>The minute must be 00, 15, 30 or 45. At most one interval per (year, month).</item>
/// <item>Optional <c>load_mw</c> (or <c>system_load_mw</c>, <c>mw</c>): ERCOT's load in the interval, shown in the report.</item>
/// <item>Lines starting with <c>#</c> are comments; other columns are ignored.</item>
/// </list>
/// </summary>
public static class FourCpIntervalsCsvLoader
{
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
    private static readonly string[] LoadNames = ["load_mw", "system_load_mw", "mw"];

    /// <summary>The intervals as peaks, ordered by time (UTC starts; <see cref="CoincidentPeak.SystemLoadMw"/> from <c>load_mw</c> when given).</summary>
    /// <exception cref="DataFormatException">Missing column, bad value, month outside June–September, duplicate month; names file, line, column and value.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IReadOnlyList<CoincidentPeak> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"4CP intervals CSV not found: {path}", path);
        List<string>? names = null;
        int yearCol = -1, monthCol = -1, timeCol = -1, loadCol = -1;
        string timeKind = "";
        var peaks = new List<(CoincidentPeak Peak, int Line)>();
        foreach (var (lineNo, f) in CsvFields.ReadLines(path))
        {
            if (names is null)
            {
                names = f.Select(n => n.Trim().ToLowerInvariant()).ToList();
                yearCol = names.IndexOf("year");
                monthCol = names.IndexOf("month");
                foreach (var kind in new[] { "interval_start_utc", "interval_start", "interval_ending" })
                {
                    timeCol = names.IndexOf(kind);
                    if (timeCol >= 0) { timeKind = kind; break; }
                }
                loadCol = LoadNames.Select(n => names.IndexOf(n)).FirstOrDefault(i => i >= 0, -1);
                if (yearCol < 0 || monthCol < 0 || timeCol < 0)
                    throw new DataFormatException($"expected the columns year, month and one of interval_start (CPT), interval_ending (CPT) or interval_start_utc; header: {string.Join(",", names)}", path, lineNo);
                continue;
            }
            if (f.Count != names.Count)
                throw new DataFormatException($"expected {names.Count} fields as in the header, found {f.Count}", path, lineNo);
            int year = Int(f[yearCol], 2000, 2100, "a year", path, lineNo, names[yearCol]);
            int month = Int(f[monthCol], 1, 12, "a month number 1-12", path, lineNo, names[monthCol]);
            if (month is < 6 or > 9)
                throw new DataFormatException("4CP months are June to September (6-9)", path, lineNo, names[monthCol], f[monthCol]);
            string raw = f[timeCol];
            DateTime start = ParseTime(raw, timeKind == "interval_start_utc", path, lineNo, names[timeCol]);
            if (timeKind == "interval_ending") start = start.AddMinutes(-15);
            if (start.Minute % 15 != 0 || start.Second != 0 || start.Millisecond != 0)
                throw new DataFormatException("a 4CP interval starts on a quarter hour (minute 00, 15, 30 or 45)", path, lineNo, names[timeCol], raw);
            var local = TimeZoneInfo.ConvertTimeFromUtc(start, Central);
            if (local.Year != year || local.Month != month)
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"the interval starts on {local:yyyy-MM-dd HH:mm} CPT, not in {year}-{month:00} as the year and month columns say"), path, lineNo, names[timeCol], raw);
            double? mw = null;
            if (loadCol >= 0 && f[loadCol].Length > 0)
            {
                if (!FieldParsers.TryParsePrice(f[loadCol], decimalComma: false, out double v) || v < 0)
                    throw new DataFormatException("not a non-negative number of MW", path, lineNo, names[loadCol], f[loadCol]);
                mw = v;
            }
            var dup = peaks.FindIndex(p => p.Peak.Year == year && p.Peak.Month == month);
            if (dup >= 0)
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{year}-{month:00} is given twice (lines {peaks[dup].Line} and {lineNo}); there is one 4CP interval per month"), path, lineNo);
            peaks.Add((new CoincidentPeak(year, month, start, mw), lineNo));
        }
        if (names is null) throw new DataFormatException("the file is empty (no header line)", path);
        if (peaks.Count == 0) throw new DataFormatException("the file has a header but no rows", path);
        return peaks.Select(p => p.Peak).OrderBy(p => p.StartUtc).ToList();
    }

    private static int Int(string raw, int min, int max, string what, string path, int line, string column)
    {
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v < min || v > max)
            throw new DataFormatException($"not {what}", path, line, column, raw);
        return v;
    }

    private static DateTime ParseTime(string raw, bool utc, string path, int line, string column)
    {
        string s = raw.Trim();
        if (HasOffset(s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto))
            return dto.UtcDateTime;
        if (!DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            throw new DataFormatException("not a time (expected yyyy-MM-dd HH:mm, or an ISO instant with Z or an offset)", path, line, column, raw);
        if (utc) return DateTime.SpecifyKind(wall, DateTimeKind.Utc);
        if (Central.IsInvalidTime(wall))
            throw new DataFormatException("this Central Prevailing Time does not exist (spring-forward gap)", path, line, column, raw);
        if (Central.IsAmbiguousTime(wall))
            throw new DataFormatException("this Central Prevailing Time occurs twice (fall-back hour); give it as an instant with its offset, e.g. -05:00", path, line, column, raw);
        return DateTime.SpecifyKind(wall - Central.GetUtcOffset(wall), DateTimeKind.Utc);
    }

    private static bool HasOffset(string s)
    {
        if (s.EndsWith('Z') || s.EndsWith('z')) return true;
        int t = s.IndexOf('T');
        if (t < 0) t = s.IndexOf(' ');
        if (t < 0) return false;
        string time = s[(t + 1)..];
        return time.Contains('+') || time.Contains('-');
    }
}
