using System.Globalization;
using System.Text.RegularExpressions;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// Reads a local hashprice CSV (one row per point) into a <see cref="HashpriceSeries"/> in USD/TH/day.
/// <list type="bullet">
/// <item>Date column: <c>date</c>, <c>date_utc</c> or <c>timestamp</c> (first found in that order). A value is either a
/// date <c>yyyy-MM-dd</c> (meaning 00:00 UTC) or an ISO 8601 instant with <c>Z</c> or an offset; a time without an
/// offset is rejected rather than guessed.</item>
/// <item>Value column, unit from the name: <c>hashprice_usd_per_th_day</c>, <c>usd_per_th_day</c>,
/// <c>hashprice_usd_th_day</c> (USD/TH/day); <c>hashprice_usd_per_ph_day</c>, <c>usd_per_ph_day</c>,
/// <c>hashprice_usd_ph_day</c> (USD/PH/day, divided by 1000); failing those, the one column whose name ends in
/// <c>usd_per_th_day</c> or <c>usd_per_ph_day</c> (e.g. <c>subsidy_only_usd_per_ph_day</c>). A unit-less
/// <c>price</c>, <c>hashprice</c> or <c>value</c> column needs the <c>unit</c> argument.</item>
/// <item>When both a TH and a PH column exist: the one named by <c>unit</c> is used; without <c>unit</c> the PH
/// column is used and every row is checked to agree with the TH column (within 0.1 % or 1e-6 USD/TH/day).</item>
/// <item>A <c>unit</c> that contradicts the only unit-named column is an error. Blank values are skipped and
/// reported; anything unparsable, negative or zero is an error naming file, line, column and value.</item>
/// </list>
/// The bucket is inferred from the median spacing (1 day for daily files, 4 days for the 4-day files) unless given.
/// </summary>
public static partial class HashpriceCsvLoader
{
    private static readonly string[] DateColumns = ["date", "date_utc", "timestamp"];
    private static readonly string[] ThColumns = ["hashprice_usd_per_th_day", "usd_per_th_day", "hashprice_usd_th_day"];
    private static readonly string[] PhColumns = ["hashprice_usd_per_ph_day", "usd_per_ph_day", "hashprice_usd_ph_day"];
    private static readonly string[] UnitlessColumns = ["price", "hashprice", "value"];
    /// <summary>A time stamp that ends in a UTC offset or Z (source-generated: no regex is parsed and compiled at run time).</summary>
    [GeneratedRegex(@"(Z|[+-]\d{2}(:?\d{2})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();

    /// <summary>Loads <paramref name="path"/>; see the type remarks for columns and units.</summary>
    public static HashpriceSeries Load(string path, HashpriceUnit? unit = null) => Load(path, unit, null);

    /// <summary>Loads <paramref name="path"/> with an explicit bucket length (null = median spacing).</summary>
    public static HashpriceSeries Load(string path, HashpriceUnit? unit, TimeSpan? bucket)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Hashprice CSV not found: {path}", path);
        if (bucket is { } b && b <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(bucket), b, "Bucket must be positive.");

        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        int lineNo = 0;
        string? header = null;
        while (header is null && reader.ReadLine() is { } l)
        {
            lineNo++;
            if (l.Trim().Length > 0) header = l.TrimStart('\uFEFF');
        }
        if (header is null) throw new FormatException($"{path}: the file is empty (no header line).");
        var names = CsvFields.Split(header, path, lineNo).Select(n => n.Trim().ToLowerInvariant()).ToList();
        var plan = Plan(path, names, unit);

        var rows = new List<HashpriceRow>();
        var notes = new List<string> { plan.Note };
        var blankLines = new List<int>();
        int rowsRead = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Trim().Length == 0) continue;
            rowsRead++;
            var f = CsvFields.Split(line, path, lineNo);
            if (f.Count != names.Count)
                throw new FormatException($"{path} line {lineNo}: expected {names.Count} fields as in the header, found {f.Count}.");
            var t = ParseTime(path, lineNo, names[plan.DateIndex], f[plan.DateIndex]);
            string raw = f[plan.ValueIndex];
            if (raw.Length == 0) { blankLines.Add(lineNo); continue; }
            double v = ParseValue(path, lineNo, names[plan.ValueIndex], raw);
            double perTh = plan.ValueUnit == HashpriceUnit.UsdPerPhDay ? MiningEconomics.PerPhDayToPerThDay(v) : v;
            if (plan.CheckIndex >= 0 && f[plan.CheckIndex].Length > 0)
            {
                double other = ParseValue(path, lineNo, names[plan.CheckIndex], f[plan.CheckIndex]);
                if (Math.Abs(other - perTh) > Math.Max(1e-6, 1e-3 * Math.Abs(perTh)))
                    throw new FormatException(
                        $"{path} line {lineNo}: column '{names[plan.ValueIndex]}' = {raw} USD/PH/day and column " +
                        $"'{names[plan.CheckIndex]}' = {f[plan.CheckIndex]} USD/TH/day disagree (expected {HashpriceSeriesBuilder.Num(perTh)}); " +
                        "pass an explicit unit to choose one column.");
            }
            rows.Add(new HashpriceRow(t, perTh, $"{Path.GetFileName(path)} line {lineNo}"));
        }
        if (blankLines.Count > 0)
            notes.Add($"{blankLines.Count} row(s) with a blank '{names[plan.ValueIndex]}' skipped (lines {string.Join(", ", blankLines.Take(5))}{(blankLines.Count > 5 ? ", ..." : "")})");
        if (rows.Count == 0)
            throw new FormatException($"{path}: no hashprice values in column '{names[plan.ValueIndex]}' ({rowsRead} data row(s)).");

        if (HashpriceSanity.Problem(rows.Select(r => (r.TimestampUtc, r.UsdPerThDay)).ToList()) is { } problem)
            throw new FormatException(
                $"{path}, column '{names[plan.ValueIndex]}' read as {(plan.ValueUnit == HashpriceUnit.UsdPerPhDay ? "USD/PH/day" : "USD/TH/day")}: {problem}. " +
                "Check the column's unit (name it ..._usd_per_th_day or ..._usd_per_ph_day, or pass the unit explicitly).");
        string source = $"{Path.GetFileName(path)} (column {names[plan.ValueIndex]})";
        return HashpriceSeriesBuilder.Build(rows, rowsRead, source, $"hashprice CSV {Path.GetFileName(path)}", bucket, notes);
    }

    private sealed record ColumnPlan(int DateIndex, int ValueIndex, HashpriceUnit ValueUnit, int CheckIndex, string Note);

    private static ColumnPlan Plan(string path, List<string> names, HashpriceUnit? unit)
    {
        int Find(string[] candidates) => candidates.Select(c => names.IndexOf(c)).FirstOrDefault(i => i >= 0, -1);
        int date = Find(DateColumns), th = Find(ThColumns), ph = Find(PhColumns), plain = Find(UnitlessColumns);
        string header = string.Join(",", names);
        // Fallback: exactly one column whose name ends in the unit (e.g. subsidy_only_usd_per_ph_day).
        if (th < 0 && ph < 0)
        {
            int BySuffix(string suffix, string unitName)
            {
                var hits = names.Select((n, i) => (n, i)).Where(x => x.n.EndsWith(suffix, StringComparison.Ordinal)).ToList();
                if (hits.Count > 1)
                    throw new FormatException($"{path}: several {unitName} columns ({string.Join(", ", hits.Select(h => h.n))}) and none named as expected; rename the one to use.");
                return hits.Count == 1 ? hits[0].i : -1;
            }
            th = BySuffix("usd_per_th_day", "USD/TH/day");
            ph = BySuffix("usd_per_ph_day", "USD/PH/day");
        }
        if (date < 0)
            throw new FormatException($"{path}: no date column (expected one of {string.Join(", ", DateColumns)}); header is '{header}'.");

        switch (unit)
        {
            case HashpriceUnit.UsdPerThDay when th >= 0:
                return new(date, th, HashpriceUnit.UsdPerThDay, -1, $"column {names[th]} (USD/TH/day, chosen by the unit argument)");
            case HashpriceUnit.UsdPerPhDay when ph >= 0:
                return new(date, ph, HashpriceUnit.UsdPerPhDay, -1, $"column {names[ph]} (USD/PH/day ÷ 1000, chosen by the unit argument)");
            case HashpriceUnit.UsdPerThDay when ph >= 0:
            case HashpriceUnit.UsdPerPhDay when th >= 0:
                int only = ph >= 0 ? ph : th;
                throw new FormatException(
                    $"{path}: unit {unit} was requested but the only hashprice column is '{names[only]}', whose name says " +
                    $"{(ph >= 0 ? "USD/PH/day" : "USD/TH/day")}; drop the unit argument or fix the column name.");
            case { } u when plain >= 0:
                return new(date, plain, u, -1, $"column {names[plain]} in {(u == HashpriceUnit.UsdPerPhDay ? "USD/PH/day ÷ 1000" : "USD/TH/day")} (unit argument)");
            case { } u:
                throw new FormatException($"{path}: no hashprice column for unit {u}; header is '{header}'.");
        }

        if (ph >= 0 && th >= 0)
            return new(date, ph, HashpriceUnit.UsdPerPhDay, th, $"column {names[ph]} (USD/PH/day ÷ 1000), checked against {names[th]}");
        if (ph >= 0) return new(date, ph, HashpriceUnit.UsdPerPhDay, -1, $"column {names[ph]} (USD/PH/day ÷ 1000)");
        if (th >= 0) return new(date, th, HashpriceUnit.UsdPerThDay, -1, $"column {names[th]} (USD/TH/day)");
        if (plain >= 0)
            throw new FormatException(
                $"{path}: column '{names[plain]}' does not say its unit; pass the unit (USD/TH/day or USD/PH/day) explicitly.");
        throw new FormatException(
            $"{path}: no hashprice column (expected one of {string.Join(", ", ThColumns.Concat(PhColumns))}, or " +
            $"{string.Join("/", UnitlessColumns)} with a unit); header is '{header}'.");
    }

    private static DateTime ParseTime(string path, int lineNo, string column, string raw)
    {
        string s = raw.Trim();
        if (s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (s.Length > 10 && !HasOffset().IsMatch(s))
            throw new FormatException(
                $"{path} line {lineNo}, column '{column}': time '{raw}' has no UTC offset; write it as an instant such as 2023-07-06T00:00:00Z.");
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var dto) && s.Length > 10)
            return dto.UtcDateTime;
        throw new FormatException(
            $"{path} line {lineNo}, column '{column}': '{raw}' is not a date (yyyy-MM-dd) or an ISO 8601 instant.");
    }

    private static double ParseValue(string path, int lineNo, string column, string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new FormatException($"{path} line {lineNo}, column '{column}': '{raw}' is not a number.");
        if (v <= 0)
            throw new FormatException($"{path} line {lineNo}, column '{column}': hashprice {raw} must be positive.");
        return v;
    }
}
