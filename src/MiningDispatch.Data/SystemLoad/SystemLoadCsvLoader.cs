using System.Globalization;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using CoreSystemLoad = MiningDispatch.Core.FourCp.SystemLoad;

namespace MiningDispatch.Data.SystemLoad;

/// <summary>
/// Reads an ERCOT system load CSV (one row per interval) into a <see cref="CoreSystemLoad"/> for 4CP.
/// <list type="bullet">
/// <item>Time column: the first whose name contains <c>utc</c> (an ISO instant; a time without offset is read as UTC),
/// else one of <c>interval_start</c>, <c>time</c>, <c>datetime</c>, <c>timestamp</c>, <c>hour_beginning</c>: an ISO
/// instant with <c>Z</c> or an offset, or a Central Prevailing Time interval start <c>yyyy-MM-dd HH:mm[:ss]</c>.
/// A local time in the spring-forward gap is an error; the repeated fall-back hour takes CDT on its first occurrence
/// and CST on its second.</item>
/// <item>Load column: <c>load_mw</c>, <c>system_load_mw</c>, <c>ercot_load</c>, <c>mw</c> or <c>load</c>, else the one
/// column whose name contains <c>load</c>. Values in MW, non-negative; a quoted value may have thousands separators (<c>"71,234.5"</c>).</item>
/// <item>Lines starting with <c>#</c> are comments. Rows may come in any order; a time given twice is an error.</item>
/// <item>A folder: every <c>*.csv</c> in it, merged (e.g. the <c>load/</c> folder of <c>fetch</c>, one file per range
/// fetched). A time in two files must have the same load in both (kept once); different loads are an error naming
/// both files and lines.</item>
/// </list>
/// </summary>
public static class SystemLoadCsvLoader
{
    private static readonly string[] TimeNames = ["interval_start", "time", "datetime", "timestamp", "hour_beginning", "date_time"];
    private static readonly string[] LoadNames = ["load_mw", "system_load_mw", "ercot_load", "mw", "load"];
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    /// <exception cref="DataFormatException">Missing columns, bad time or value, duplicate time; names file, line, column and value.</exception>
    /// <exception cref="FileNotFoundException">The file (or folder) does not exist, or the folder holds no CSV.</exception>
    public static CoreSystemLoad Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path)) return LoadFolder(path);
        var (rows, column) = ReadRows(path);
        rows.Sort((a, b) => a.T.CompareTo(b.T));
        for (int i = 1; i < rows.Count; i++)
            if (rows[i].T == rows[i - 1].T)
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"the interval starting {rows[i].T:yyyy-MM-dd HH:mm}Z is given twice (lines {rows[i - 1].Line} and {rows[i].Line})"), path, rows[i].Line);
        return new CoreSystemLoad(rows.Select(r => r.T).ToArray(), rows.Select(r => r.Mw).ToArray(),
            $"{Path.GetFileName(path)} ({column})");
    }

    /// <summary>Every CSV of <paramref name="folder"/>, merged; a time in two files must carry the same load.</summary>
    private static CoreSystemLoad LoadFolder(string folder)
    {
        var files = Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"System load folder {folder} holds no CSV file.", folder);
        var all = new List<(DateTime T, double Mw, int Line, string File)>();
        foreach (var f in files)
        {
            var (rows, _) = ReadRows(f);
            all.AddRange(rows.Select(r => (r.T, r.Mw, r.Line, f)));
        }
        all.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : string.CompareOrdinal(a.File, b.File));
        var kept = new List<(DateTime T, double Mw)>(all.Count);
        for (int i = 0; i < all.Count; i++)
        {
            var r = all[i];
            if (i > 0 && all[i - 1].T == r.T)
            {
                var prev = all[i - 1];
                if (prev.File == r.File)
                    throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"the interval starting {r.T:yyyy-MM-dd HH:mm}Z is given twice (lines {prev.Line} and {r.Line})"), r.File, r.Line);
                if (prev.Mw != r.Mw)
                    throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                        $"the interval starting {r.T:yyyy-MM-dd HH:mm}Z is {r.Mw:0.###} MW here but {prev.Mw:0.###} MW in {prev.File} line {prev.Line}; overlapping files must agree"), r.File, r.Line);
                continue;
            }
            kept.Add((r.T, r.Mw));
        }
        return new CoreSystemLoad(kept.Select(r => r.T).ToArray(), kept.Select(r => r.Mw).ToArray(),
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(Path.TrimEndingDirectorySeparator(folder))}/ ({files.Count} file(s))"));
    }

    /// <summary>The rows of one file, unsorted, and the name of its load column.</summary>
    private static (List<(DateTime T, double Mw, int Line)> Rows, string LoadColumn) ReadRows(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"System load CSV not found: {path}", path);
        List<string>? names = null;
        int timeCol = -1, loadCol = -1;
        bool utcColumn = false;
        var rows = new List<(DateTime T, double Mw, int Line)>();
        var seenAmbiguous = new HashSet<DateTime>();
        foreach (var (lineNo, f) in CsvFields.ReadLines(path))
        {
            if (names is null)
            {
                names = f.Select(n => n.Trim().ToLowerInvariant()).ToList();
                timeCol = names.FindIndex(n => n.Contains("utc", StringComparison.Ordinal));
                utcColumn = timeCol >= 0;
                if (timeCol < 0) timeCol = FirstOf(names, TimeNames);
                loadCol = FirstOf(names, LoadNames);
                if (loadCol < 0)
                {
                    var withLoad = names.Select((n, i) => (n, i)).Where(x => x.n.Contains("load", StringComparison.Ordinal) && x.i != timeCol).ToList();
                    if (withLoad.Count == 1) loadCol = withLoad[0].i;
                }
                if (timeCol < 0)
                    throw new DataFormatException($"no time column found (expected a column with 'utc' in its name or one of {string.Join(", ", TimeNames)}); header: {string.Join(",", names)}", path, lineNo);
                if (loadCol < 0)
                    throw new DataFormatException($"no load column found (expected one of {string.Join(", ", LoadNames)} or one column containing 'load'); header: {string.Join(",", names)}", path, lineNo);
                continue;
            }
            if (f.Count != names.Count)
                throw new DataFormatException($"expected {names.Count} fields as in the header, found {f.Count}", path, lineNo);
            string rawTime = f[timeCol], rawLoad = f[loadCol];
            DateTime t = ParseTime(rawTime, utcColumn, seenAmbiguous, path, lineNo, names[timeCol]);
            if (!FieldParsers.TryParsePrice(rawLoad, decimalComma: false, out double mw))
                throw new DataFormatException("not a number of MW", path, lineNo, names[loadCol], rawLoad);
            if (mw < 0) throw new DataFormatException("system load must not be negative", path, lineNo, names[loadCol], rawLoad);
            rows.Add((t, mw, lineNo));
        }
        if (names is null) throw new DataFormatException("the file is empty (no header line)", path);
        if (rows.Count == 0) throw new DataFormatException("the file has a header but no rows", path);
        return (rows, names[loadCol]);
    }

    private static int FirstOf(List<string> names, string[] wanted)
    {
        foreach (var w in wanted)
        {
            int i = names.IndexOf(w);
            if (i >= 0) return i;
        }
        return -1;
    }

    private static DateTime ParseTime(string raw, bool utcColumn, HashSet<DateTime> seenAmbiguous, string path, int line, string column)
    {
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto) && HasOffset(raw))
            return dto.UtcDateTime;
        if (!DateTime.TryParseExact(raw, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
            throw new DataFormatException("not a time (expected yyyy-MM-dd HH:mm, or an ISO instant with Z or an offset)", path, line, column, raw);
        if (utcColumn) return DateTime.SpecifyKind(wall, DateTimeKind.Utc);
        if (Central.IsInvalidTime(wall))
            throw new DataFormatException("this Central Prevailing Time does not exist (spring-forward gap)", path, line, column, raw);
        TimeSpan offset;
        if (Central.IsAmbiguousTime(wall))
        {
            var offsets = Central.GetAmbiguousTimeOffsets(wall);
            bool second = !seenAmbiguous.Add(wall);
            offset = second ? offsets.Min() : offsets.Max(); // first occurrence CDT (-5), second CST (-6)
        }
        else offset = Central.GetUtcOffset(wall);
        return DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc);
    }

    private static bool HasOffset(string raw)
    {
        string s = raw.Trim();
        if (s.EndsWith('Z') || s.EndsWith('z')) return true;
        int t = s.IndexOf('T');
        if (t < 0) t = s.IndexOf(' ');
        if (t < 0) return false;
        string time = s[(t + 1)..];
        return time.Contains('+') || time.Contains('-');
    }
}
