using System.Globalization;
using System.Text.Json;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>One page of a <c>Report</c> answer: its kept rows and the paging metadata.</summary>
internal sealed record ErcotReportPage(IReadOnlyList<string[]> Rows, int TotalPages, long TotalRecords, int CurrentPage, string FieldNames);

/// <summary>
/// Reads the documented <c>Report</c> JSON (<c>_meta</c>, <c>fields</c>, <c>data</c> as arrays in field order) and checks
/// it: the metadata is there and agrees with the page asked for, every kept field is present, every row has one value
/// per field, and <see cref="Problem"/> holds for the rows. A malformed or truncated answer is a
/// <see cref="FormatException"/> whose message says what is wrong (never quoting more than a short excerpt).
/// </summary>
internal static class ErcotReportParser
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static ErcotReportPage Parse(string body, ErcotReportSpec spec, int page)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e)
        {
            throw new FormatException(string.Create(Ci,
                $"not a complete JSON document ({body.Length:#,0} characters; {e.Message.Split(" Path:", 2)[0].TrimEnd('.')}); the page is truncated or damaged"));
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"expected a Report object, got a JSON {root.ValueKind}");
            if (!root.TryGetProperty("_meta", out var meta) || meta.ValueKind != JsonValueKind.Object)
                throw new FormatException("the answer has no _meta object (paging metadata)");
            long totalRecords = Long(meta, "totalRecords");
            int totalPages = (int)Long(meta, "totalPages");
            int current = meta.TryGetProperty("currentPage", out var cp) && cp.ValueKind == JsonValueKind.Number ? cp.GetInt32() : page;
            if (current != page) throw new FormatException(string.Create(Ci, $"page {page} was asked for but _meta.currentPage is {current}"));
            if (totalRecords < 0 || totalPages < 0) throw new FormatException("_meta.totalRecords or totalPages is negative");
            if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
                throw new FormatException("the answer has no fields array");
            var names = fields.EnumerateArray()
                .Select(f => f.ValueKind == JsonValueKind.Object && f.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "")
                .ToList();
            var index = new int[spec.KeptFields.Count];
            for (int k = 0; k < index.Length; k++)
            {
                index[k] = names.FindIndex(n => string.Equals(n, spec.KeptFields[k], StringComparison.OrdinalIgnoreCase));
                if (index[k] < 0 && totalRecords > 0)
                    throw new FormatException($"the answer has no field '{spec.KeptFields[k]}' (fields: {string.Join(", ", names)})");
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind is not (JsonValueKind.Array or JsonValueKind.Null))
            {
                if (totalRecords == 0) return new ErcotReportPage([], totalPages, 0, current, string.Join(",", names));
                throw new FormatException("the answer has no data array");
            }
            var rows = new List<string[]>();
            int r = 0;
            if (data.ValueKind == JsonValueKind.Array)
            {
                foreach (var row in data.EnumerateArray())
                {
                    r++;
                    if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != names.Count)
                        throw new FormatException(string.Create(Ci,
                            $"data row {r} has {(row.ValueKind == JsonValueKind.Array ? row.GetArrayLength() + " value(s)" : "no array")} but there are {names.Count} fields"));
                    var kept = new string[index.Length];
                    for (int k = 0; k < index.Length; k++) kept[k] = Text(row[index[k]]);
                    rows.Add(kept);
                }
            }
            return new ErcotReportPage(rows, totalPages, totalRecords, current, string.Join(",", names));
        }
    }

    /// <summary>
    /// Null when every row has a date <c>yyyy-MM-dd</c> in [<paramref name="from"/>, <paramref name="to"/>] and a finite,
    /// non-negative value (prices may be negative), else the first problem with its row number and value.
    /// </summary>
    public static string? Problem(ErcotReportSpec spec, IReadOnlyList<string[]> rows, DateOnly from, DateOnly to)
    {
        int date = IndexOf(spec, spec.DateField), value = IndexOf(spec, spec.ValueField);
        bool mayBeNegative = spec.Report is ErcotReport.RealTimePrices or ErcotReport.DayAheadPrices;
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Length != spec.KeptFields.Count)
                return string.Create(Ci, $"row {i + 1} has {row.Length} value(s), expected {spec.KeptFields.Count}");
            if (!DateOnly.TryParseExact(DatePart(row[date]), "yyyy-MM-dd", Ci, DateTimeStyles.None, out var d))
                return string.Create(Ci, $"row {i + 1}: {spec.DateField} '{Excerpt(row[date])}' is not a date yyyy-MM-dd");
            if (d < from || d > to)
                return string.Create(Ci, $"row {i + 1}: {spec.DateField} {d:yyyy-MM-dd} is outside the requested {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
            if (!double.TryParse(row[value], NumberStyles.Float, Ci, out double v) || !double.IsFinite(v))
                return string.Create(Ci, $"row {i + 1}: {spec.ValueField} '{Excerpt(row[value])}' is not a number");
            if (v < 0 && !mayBeNegative)
                return string.Create(Ci, $"row {i + 1}: {spec.ValueField} {row[value]} is negative");
        }
        return null;
    }

    /// <summary>The date of a <c>yyyy-MM-dd</c> or <c>yyyy-MM-ddTHH:mm:ss</c> text.</summary>
    public static string DatePart(string s) => s.Length > 10 && s[10] == 'T' ? s[..10] : s;

    public static int IndexOf(ErcotReportSpec spec, string field) =>
        spec.KeptFields.ToList().FindIndex(f => string.Equals(f, field, StringComparison.Ordinal));

    private static string Excerpt(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static long Long(JsonElement meta, string name)
    {
        if (!meta.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n))
            throw new FormatException($"_meta.{name} is missing or not a whole number");
        return n;
    }

    private static string Text(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => e.GetRawText(),
    };
}
