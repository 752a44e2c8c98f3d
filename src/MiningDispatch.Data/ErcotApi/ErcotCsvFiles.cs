using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// Writes downloaded rows as CSV files in layouts the loaders already read, laid out so that the output folder itself
/// is a prices folder:
/// <list type="bullet">
/// <item><c>{out}/ercot-api_rt_np6-905-cd_{POINT}_{from}_{to}.csv</c>: the API's field names
/// (<c>deliveryDate,deliveryHour,deliveryInterval,settlementPoint,settlementPointType,settlementPointPrice,DSTFlag</c>),
/// read by <c>--prices {out}</c>;</item>
/// <item><c>{out}/ercot-api_dam_np4-190-cd_{POINT}_{from}_{to}.csv</c>: <c>deliveryDate,hourEnding,settlementPoint,settlementPointPrice,DSTFlag</c>,
/// read by <c>--da-prices {out}</c> or <c>--prices {out} --market dam</c>;</item>
/// <item><c>{out}/as/ercot-api_as_np4-188-cd_{from}_{to}.csv</c>: <c>deliveryDate,hourEnding,ancillaryType,MCPC,DSTFlag</c>
/// (NP4-188-CD long layout), for <c>--as-prices</c>;</item>
/// <item><c>{out}/load/ercot-api_load_np6-346-cd_{from}_{to}.csv</c>: <c>interval_start_utc,load_mw,operatingDay,hourEnding,DSTFlag</c>
/// (ERCOT-wide <c>total</c> as load_mw; the hour-ending CPT time with its DST flag converted to the UTC start of the
/// hour), for <c>--system-load</c>.</item>
/// </list>
/// Values are written as the API sent them; the AS and load files are in subfolders so a prices folder never holds them.
/// </summary>
public static class ErcotCsvFiles
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The file's path relative to the output folder.</summary>
    public static string RelativePath(ErcotReportSpec spec, string? point, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(spec);
        string range = string.Create(Ci, $"{from:yyyy-MM-dd}_{to:yyyy-MM-dd}");
        string name = spec.PerPoint ? $"{Prefix(spec)}{Safe(point)}_{range}.csv" : $"{Prefix(spec)}{range}.csv";
        return Subfolder(spec) is { } sub ? Path.Combine(sub, name) : name;
    }

    /// <summary>The subfolder of the output folder that holds <paramref name="spec"/>'s files (<c>as</c>, <c>load</c>), or null for the folder itself.</summary>
    public static string? Subfolder(ErcotReportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Report switch
        {
            ErcotReport.AncillaryPrices => "as",
            ErcotReport.SystemLoad => "load",
            _ => null,
        };
    }

    /// <summary>The file-name pattern of <paramref name="spec"/>'s files inside <see cref="Subfolder"/>, e.g. <c>ercot-api_rt_np6-905-cd_*.csv</c>.</summary>
    public static string SearchPattern(ErcotReportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Prefix(spec) + "*.csv";
    }

    private static string Prefix(ErcotReportSpec spec) =>
        $"ercot-api_{(spec.Report == ErcotReport.DayAheadPrices ? "dam" : spec.Code)}_{spec.Emil.ToLowerInvariant()}_";

    /// <summary>The CSV header of <paramref name="spec"/>'s file.</summary>
    public static string Header(ErcotReportSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Report == ErcotReport.SystemLoad ? "interval_start_utc,load_mw,operatingDay,hourEnding,DSTFlag" : string.Join(",", spec.KeptFields);
    }

    /// <summary>Writes the header and one line per row.</summary>
    /// <exception cref="FormatException">A load row's hour ending or DST flag does not name a Central Prevailing Time hour.</exception>
    public static void Write(ErcotReportRows rows, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(w);
        w.Write(Header(rows.Spec));
        w.Write('\n');
        var time = rows.Spec.Report == ErcotReport.SystemLoad ? new CentralTime() : null;
        int line = 0;
        foreach (var r in rows.Rows)
        {
            line++;
            if (time is not null)
            {
                // kept: operatingDay, hourEnding, total, DSTFlag
                w.Write(LoadStartUtc(time, r[0], r[1], r[3], line));
                w.Write(',');
                w.Write(Field(r[2]));
                w.Write(',');
                w.Write(string.Join(",", new[] { ErcotReportParser.DatePart(r[0]), r[1], r[3] }.Select(Field)));
            }
            else
            {
                w.Write(string.Join(",", r.Select((v, i) => Field(i == 0 ? ErcotReportParser.DatePart(v) : v))));
            }
            w.Write('\n');
        }
    }

    /// <summary>Hour ending <paramref name="hourEnding"/> ("01:00" or "1") of <paramref name="day"/> CPT as the UTC start of the hour.</summary>
    private static string LoadStartUtc(CentralTime time, string day, string hourEnding, string dstFlag, int row)
    {
        string h = hourEnding.Trim();
        int colon = h.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0) h = h[..colon];
        if (!DateOnly.TryParseExact(ErcotReportParser.DatePart(day), "yyyy-MM-dd", Ci, DateTimeStyles.None, out var d)
            || !int.TryParse(h, NumberStyles.None, Ci, out int he) || he is < 1 or > 24)
            throw new FormatException($"system load row {row}: operatingDay '{day}' hourEnding '{hourEnding}' is not a day and hour ending 1..24");
        bool repeated = string.Equals(dstFlag.Trim(), "true", StringComparison.OrdinalIgnoreCase) || string.Equals(dstFlag.Trim(), "Y", StringComparison.OrdinalIgnoreCase);
        var conv = time.ToUtc(d, (he - 1) * 60, time.IsFallBackDay(d) ? repeated : (repeated ? true : null), out long ticks);
        if (conv != LocalConversion.Ok)
            throw new FormatException($"system load row {row}: operatingDay {day} hourEnding {hourEnding} DSTFlag {dstFlag} is not an hour of Central Prevailing Time ({conv})");
        return new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm'Z'", Ci);
    }

    private static string Safe(string? point)
    {
        var sb = new StringBuilder();
        foreach (char c in point ?? "all") sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-');
        return sb.ToString();
    }

    private static string Field(string v) =>
        v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
}
