using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>The file layouts the generator writes (one per loader layout family and container).</summary>
public enum FuzzLayout
{
    /// <summary>ERCOT DAM (NP4-180-ER): Delivery Date, Hour Ending "01:00", Repeated Hour Flag, Settlement Point, Price.</summary>
    ErcotDam,
    /// <summary>ERCOT RTM (NP6-785-ER): 15-minute, Delivery Interval, Settlement Point Type (LZ and LZEW).</summary>
    ErcotRtm,
    /// <summary>ERCOT cdr without the DST flag: fall-back day resolved by order.</summary>
    ErcotNoFlag,
    /// <summary>gridstatus DataFrame export, local timestamps with offsets.</summary>
    Gridstatus,
    /// <summary>gridstatus.io export, UTC timestamps.</summary>
    GridstatusIo,
    /// <summary>Long: interval_start_utc, settlement_point, rt_lmp (interval length inferred).</summary>
    LongUtc,
    /// <summary>Long: delivery_date, hour_ending 1..24, settlement_point, dam_spp (no flag).</summary>
    LongDateHour,
    /// <summary>Wide: interval_start_utc plus one column per point.</summary>
    WideUtc,
    /// <summary>Wide: interval_start_ct with offsets plus one column per zone.</summary>
    WideCt,
    /// <summary>Wide kmundey: Date, Hour 1..23 then 0 = HE24, Price_West...</summary>
    WideKmundey,
    /// <summary>ERCOT public API Report JSON (fields + data arrays), RTM 15-minute with a boolean DSTFlag.</summary>
    JsonApi,
    /// <summary>ERCOT real-time display scraped to JSON: [{"Oper Day", "Interval Ending", LZ_*...}].</summary>
    JsonDisplay,
    /// <summary>ERCOT DAM workbook (.xlsx) with a title row above the header, prices as numbers.</summary>
    Xlsx,
    /// <summary>A .zip holding an ERCOT DAM CSV.</summary>
    Zip,
}

/// <summary>One interval of one point as written to the file: the truth the loaded series is checked against.</summary>
public readonly record struct TruthInterval(string Point, DateTime StartUtc, int Minutes, double Price);

/// <summary>A generated file and what it holds.</summary>
public sealed class GeneratedFile
{
    public required string Path { get; init; }
    public required FuzzLayout Layout { get; init; }
    public required IReadOnlyList<string> Points { get; init; }
    public required IReadOnlyList<TruthInterval> Truth { get; init; }
    public required string Description { get; init; }

    /// <summary>
    /// Hourly means per UTC hour of <paramref name="point"/>, computed here from the written intervals (not by the
    /// loader): the reference every loaded series must equal.
    /// </summary>
    public SortedDictionary<DateTime, double> ExpectedHourly(string point)
    {
        var sums = new SortedDictionary<DateTime, (double Sum, int N)>();
        foreach (var t in Truth)
        {
            if (t.Point != point) continue;
            var hour = new DateTime(t.StartUtc.Ticks - t.StartUtc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
            sums[hour] = sums.TryGetValue(hour, out var a) ? (a.Sum + t.Price, a.N + 1) : (t.Price, 1);
        }
        var result = new SortedDictionary<DateTime, double>();
        foreach (var (h, a) in sums) result[h] = a.Sum / a.N;
        return result;
    }
}

/// <summary>Text options of a generated CSV.</summary>
public sealed record TextStyle(Encoding Encoding, bool Crlf, bool TrailingNewline, bool QuoteThousands, bool BlankLines)
{
    public static TextStyle Plain { get; } = new(new UTF8Encoding(false), false, true, false, false);

    public static TextStyle Random(Random rng, bool allowUtf16)
    {
        Encoding enc = rng.Next(allowUtf16 ? 5 : 2) switch
        {
            0 => new UTF8Encoding(false),
            1 => new UTF8Encoding(true),
            2 => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            3 => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            _ => new UTF8Encoding(true),
        };
        return new TextStyle(enc, rng.Next(2) == 0, rng.Next(3) > 0, rng.Next(2) == 0, rng.Next(5) == 0);
    }

    public override string ToString() =>
        $"{Encoding.WebName}{(Encoding.GetPreamble().Length > 0 ? "+BOM" : "")}, {(Crlf ? "CRLF" : "LF")}, {(TrailingNewline ? "final newline" : "no final newline")}{(QuoteThousands ? ", quoted thousands" : "")}{(BlankLines ? ", blank lines" : "")}";
}

/// <summary>
/// Writes random but valid price files in every layout the loader reads. Times are converted with
/// <see cref="TimeZoneInfo"/> for America/Chicago here, independently of the loader's own conversion; DST days
/// (23-hour spring-forward, 25-hour fall-back) are chosen half of the time; prices include the ERCOT floor (-251),
/// values just above the $5,000 cap, 9,000, and values with thousands separators.
/// </summary>
public static class PriceFileGenerator
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    public static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static readonly string[] Hubs = ["HB_WEST", "HB_NORTH", "HB_HOUSTON", "HB_SOUTH", "HB_PAN", "HB_BUSAVG"];
    private static readonly string[] Zones = ["LZ_WEST", "LZ_NORTH", "LZ_HOUSTON", "LZ_SOUTH", "LZ_AEN", "LZ_CPS", "LZ_LCRA", "LZ_RAYBN"];
    private static readonly string[] Nodes = ["RN_ALPHA_1", "BRAZOS_U1", "SANDHILL_G2"];
    private static readonly (string Column, string Point)[] Kmundey =
        [("Price_West", "HB_WEST"), ("Price_North", "HB_NORTH"), ("Price_Houston", "HB_HOUSTON"), ("Price_South", "HB_SOUTH"), ("Price_Panhandle", "HB_PAN"), ("Price_Bus_Avg", "HB_BUSAVG")];
    private static readonly double[] Special = [-251, -250.99, -0.01, 0, 5000, 5000.01, 9000, 1286.9, 8765.43, -999.5];

    /// <summary>Writes one valid file of <paramref name="layout"/> into <paramref name="dir"/>.</summary>
    public static GeneratedFile Generate(Random rng, FuzzLayout layout, string dir, int maxDays = 3)
    {
        var (first, days) = PickDays(rng, maxDays);
        int minutes = layout switch
        {
            FuzzLayout.ErcotRtm or FuzzLayout.JsonApi or FuzzLayout.JsonDisplay => 15,
            FuzzLayout.ErcotDam or FuzzLayout.ErcotNoFlag or FuzzLayout.LongDateHour or FuzzLayout.WideKmundey or FuzzLayout.Xlsx or FuzzLayout.Zip => 60,
            _ => rng.Next(2) == 0 ? 15 : 60,
        };
        var points = PickPoints(rng, layout);
        var times = new List<DateTime>();
        for (var t = DayStartUtc(first); t < DayStartUtc(first.AddDays(days)); t = t.AddMinutes(minutes)) times.Add(t);
        var truth = new List<TruthInterval>();
        foreach (var t in times)
            foreach (var p in points)
                truth.Add(new TruthInterval(p, t, minutes, Price(rng)));

        bool json = layout is FuzzLayout.JsonApi or FuzzLayout.JsonDisplay;
        var style = layout is FuzzLayout.Xlsx or FuzzLayout.Zip ? TextStyle.Plain : TextStyle.Random(rng, allowUtf16: !json);
        string name = $"fuzz_{layout}_{first:yyyyMMdd}_{rng.Next(1_000_000):D6}";
        string path;
        switch (layout)
        {
            case FuzzLayout.JsonApi:
            case FuzzLayout.JsonDisplay:
                path = System.IO.Path.Combine(dir, name + ".json");
                File.WriteAllText(path, layout == FuzzLayout.JsonApi ? JsonApi(truth, points) : JsonDisplay(truth, points), style.Encoding);
                break;
            case FuzzLayout.Xlsx:
                path = System.IO.Path.Combine(dir, name + ".xlsx");
                WriteXlsx(path, truth);
                break;
            case FuzzLayout.Zip:
                path = System.IO.Path.Combine(dir, name + ".zip");
                using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
                {
                    var entry = zip.CreateEntry("inner/" + name + ".csv");
                    using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                    w.Write(Csv(rng, FuzzLayout.ErcotDam, truth, points, style));
                }
                break;
            default:
                path = System.IO.Path.Combine(dir, name + ".csv");
                File.WriteAllText(path, Csv(rng, layout, truth, points, style), style.Encoding);
                break;
        }
        return new GeneratedFile
        {
            Path = path,
            Layout = layout,
            Points = points.Select(Canonical).ToList(),
            Truth = truth.Select(t => t with { Point = Canonical(t.Point) }).ToList(),
            Description = $"{layout}, {first:yyyy-MM-dd} + {days} day(s), {minutes}-min, points {string.Join(" ", points)}, {style}",
        };
    }

    /// <summary>Points are written as "LZ_WEST|LZEW" for the energy-weighted zone; the loader names it LZ_WEST_EW.</summary>
    private static string Canonical(string p) => p.EndsWith("|LZEW", StringComparison.Ordinal) ? p[..^5] + "_EW" : p;
    private static string Name(string p) => p.Split('|')[0];

    private static (DateOnly First, int Days) PickDays(Random rng, int maxDays)
    {
        int year = rng.Next(2011, 2030);
        int days = rng.Next(1, maxDays + 1);
        DateOnly first;
        switch (rng.Next(4))
        {
            case 0: first = NthSunday(year, 3, 2).AddDays(-rng.Next(days)); break;   // spring forward inside
            case 1: first = NthSunday(year, 11, 1).AddDays(-rng.Next(days)); break;  // fall back inside
            default: first = new DateOnly(year, 1, 1).AddDays(rng.Next(360)); break;
        }
        return (first, days);
    }

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var d = new DateOnly(year, month, 1);
        while (d.DayOfWeek != DayOfWeek.Sunday) d = d.AddDays(1);
        return d.AddDays(7 * (n - 1));
    }

    private static List<string> PickPoints(Random rng, FuzzLayout layout)
    {
        string[] pool = layout switch
        {
            FuzzLayout.WideKmundey => Kmundey.Select(k => k.Point).ToArray(),
            FuzzLayout.WideUtc or FuzzLayout.WideCt or FuzzLayout.JsonDisplay => [.. Hubs, .. Zones],
            FuzzLayout.ErcotRtm or FuzzLayout.JsonApi => [.. Hubs, .. Zones, .. Zones.Select(z => z + "|LZEW")],
            _ => [.. Hubs, .. Zones, .. Nodes],
        };
        int n = rng.Next(1, 5);
        return pool.OrderBy(_ => rng.Next()).Take(n).OrderBy(p => p, StringComparer.Ordinal).ToList();
    }

    private static double Price(Random rng)
    {
        if (rng.Next(8) == 0) return Special[rng.Next(Special.Length)];
        return Math.Round(rng.NextDouble() * 180 - 20, 2);
    }

    public static DateTime DayStartUtc(DateOnly d) =>
        TimeZoneInfo.ConvertTimeToUtc(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Central);

    /// <summary>Local clock facts of an interval start: market day, hour ending, 15-minute interval, repeated-hour flag.</summary>
    private readonly record struct Local(DateTime Wall, DateOnly Day, int HourEnding, int Interval, bool Repeated, TimeSpan Offset);

    private static Local ToLocal(DateTime utc)
    {
        var wall = TimeZoneInfo.ConvertTimeFromUtc(utc, Central);
        bool repeated = Central.IsAmbiguousTime(wall) && !Central.IsDaylightSavingTime(utc);
        return new Local(wall, DateOnly.FromDateTime(wall), wall.Hour + 1, wall.Minute / 15 + 1, repeated, Central.GetUtcOffset(utc));
    }

    private static string Offset(TimeSpan o) => (o < TimeSpan.Zero ? "-" : "+") + o.Duration().ToString(@"hh\:mm", Ci);

    private static string Num(double v, bool quoteThousands, char delimiter = ',')
    {
        if (quoteThousands && Math.Abs(v) >= 1000) return "\"" + v.ToString("#,0.00", Ci) + "\"";
        string s = v.ToString("0.00", Ci);
        return s;
    }

    private static string Csv(Random rng, FuzzLayout layout, List<TruthInterval> truth, List<string> points, TextStyle style)
    {
        var lines = new List<string>();
        bool q = style.QuoteThousands;
        switch (layout)
        {
            case FuzzLayout.ErcotDam:
                lines.Add("Delivery Date,Hour Ending,Repeated Hour Flag,Settlement Point,Settlement Point Price");
                foreach (var t in truth)
                {
                    var l = ToLocal(t.StartUtc);
                    lines.Add($"{l.Day.ToString("MM/dd/yyyy", Ci)},{l.HourEnding:00}:00,{(l.Repeated ? "Y" : "N")},{t.Point},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.ErcotRtm:
                lines.Add("Delivery Date,Delivery Hour,Delivery Interval,Repeated Hour Flag,Settlement Point Name,Settlement Point Type,Settlement Point Price");
                foreach (var t in truth)
                {
                    var l = ToLocal(t.StartUtc);
                    string type = t.Point.EndsWith("|LZEW", StringComparison.Ordinal) ? "LZEW" : t.Point.StartsWith("LZ_", StringComparison.Ordinal) ? "LZ" : "HU";
                    lines.Add($"{l.Day.ToString("MM/dd/yyyy", Ci)},{l.HourEnding},{l.Interval},{(l.Repeated ? "Y" : "N")},{Name(t.Point)},{type},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.ErcotNoFlag:
                lines.Add("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice");
                foreach (var t in truth)
                {
                    var l = ToLocal(t.StartUtc);
                    lines.Add($"{l.Day.ToString("MM/dd/yyyy", Ci)},{l.HourEnding:00}:00,{t.Point},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.Gridstatus:
                lines.Add(",Time,Interval Start,Interval End,Location,Location Type,Market,SPP");
                for (int i = 0; i < truth.Count; i++)
                {
                    var t = truth[i];
                    string start = Stamp(t.StartUtc), end = Stamp(t.StartUtc.AddMinutes(t.Minutes));
                    string type = t.Point.StartsWith("HB_", StringComparison.Ordinal) ? "Trading Hub" : t.Point.StartsWith("LZ_", StringComparison.Ordinal) ? "Load Zone" : "Resource Node";
                    string market = t.Minutes == 15 ? "REAL_TIME_15_MIN" : "DAY_AHEAD_HOURLY";
                    lines.Add($"{i},{start},{start},{end},{t.Point},{type},{market},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.GridstatusIo:
                lines.Add("interval_start_local,interval_start_utc,interval_end_local,interval_end_utc,location,location_type,market,spp");
                foreach (var t in truth)
                {
                    var e = t.StartUtc.AddMinutes(t.Minutes);
                    string market = t.Minutes == 15 ? "REAL_TIME_15_MIN" : "DAY_AHEAD_HOURLY";
                    lines.Add($"{Stamp(t.StartUtc)},{t.StartUtc.ToString("yyyy-MM-dd HH:mm:ss", Ci)}+00:00,{Stamp(e)},{e.ToString("yyyy-MM-dd HH:mm:ss", Ci)}+00:00,{t.Point},Hub,{market},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.LongUtc:
                lines.Add("interval_start_utc,settlement_point,rt_lmp");
                foreach (var t in truth) lines.Add($"{t.StartUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Ci)},{t.Point},{Num(t.Price, q)}");
                break;
            case FuzzLayout.LongDateHour:
                lines.Add("delivery_date,hour_ending,settlement_point,dam_spp");
                foreach (var t in truth)
                {
                    var l = ToLocal(t.StartUtc);
                    lines.Add($"{l.Day.ToString("yyyy-MM-dd", Ci)},{l.HourEnding},{t.Point},{Num(t.Price, q)}");
                }
                break;
            case FuzzLayout.WideUtc:
            case FuzzLayout.WideCt:
            case FuzzLayout.WideKmundey:
                bool kmundey = layout == FuzzLayout.WideKmundey;
                var columns = kmundey ? points.Select(p => Kmundey.First(k => k.Point == p).Column).ToList() : points;
                lines.Add((layout switch { FuzzLayout.WideUtc => "interval_start_utc", FuzzLayout.WideCt => "interval_start_ct", _ => "Date,Hour" }) + "," + string.Join(",", columns));
                foreach (var g in truth.GroupBy(t => t.StartUtc))
                {
                    var l = ToLocal(g.Key);
                    string time = layout switch
                    {
                        FuzzLayout.WideUtc => rng.Next(2) == 0 ? g.Key.ToString("yyyy-MM-dd HH:mm:ss", Ci) : g.Key.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Ci),
                        FuzzLayout.WideCt => l.Wall.ToString("yyyy-MM-dd'T'HH:mm:ss", Ci) + Offset(l.Offset),
                        _ => $"{l.Day.ToString("yyyy-MM-dd", Ci)},{(l.HourEnding == 24 ? 0 : l.HourEnding)}",
                    };
                    lines.Add(time + "," + string.Join(",", points.Select(p => Num(g.Single(x => x.Point == p).Price, q))));
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(layout), layout, "not a CSV layout");
        }
        if (style.BlankLines)
        {
            for (int k = 0; k < 3; k++) lines.Insert(rng.Next(1, lines.Count + 1), rng.Next(2) == 0 ? "" : "   ");
        }
        string nl = style.Crlf ? "\r\n" : "\n";
        return string.Join(nl, lines) + (style.TrailingNewline ? nl : "");
    }

    private static string Stamp(DateTime utc)
    {
        var l = ToLocal(utc);
        return l.Wall.ToString("yyyy-MM-dd HH:mm:ss", Ci) + Offset(l.Offset);
    }

    private static string JsonApi(List<TruthInterval> truth, List<string> points)
    {
        var sb = new StringBuilder("{\"_meta\":{\"totalRecords\":").Append(truth.Count).Append("},\"fields\":[");
        string[] fields = ["deliveryDate", "deliveryHour", "deliveryInterval", "settlementPoint", "settlementPointType", "settlementPointPrice", "DSTFlag"];
        sb.Append(string.Join(",", fields.Select(f => $"{{\"name\":\"{f}\",\"label\":\"{f}\"}}"))).Append("],\"data\":[");
        for (int i = 0; i < truth.Count; i++)
        {
            var t = truth[i];
            var l = ToLocal(t.StartUtc);
            string type = t.Point.EndsWith("|LZEW", StringComparison.Ordinal) ? "LZEW" : t.Point.StartsWith("LZ_", StringComparison.Ordinal) ? "LZ" : "HU";
            if (i > 0) sb.Append(",\n");
            sb.Append(Ci, $"[\"{l.Day:yyyy-MM-dd}\",{l.HourEnding},{l.Interval},\"{Name(t.Point)}\",\"{type}\",{t.Price.ToString("R", Ci)},{(l.Repeated ? "true" : "false")}]");
        }
        return sb.Append("]}").ToString();
    }

    private static string JsonDisplay(List<TruthInterval> truth, List<string> points)
    {
        var sb = new StringBuilder("[\n");
        bool firstRow = true;
        foreach (var g in truth.GroupBy(t => t.StartUtc))
        {
            var l = ToLocal(g.Key);
            int end = l.Wall.Hour * 60 + l.Wall.Minute + 15;
            if (!firstRow) sb.Append(",\n");
            firstRow = false;
            sb.Append(Ci, $"  {{\"Oper Day\": \"{l.Day.ToString("MM/dd/yyyy", Ci)}\", \"Interval Ending\": \"{end / 60:00}{end % 60:00}\"");
            foreach (var p in points) sb.Append(Ci, $", \"{p}\": \"{g.Single(x => x.Point == p).Price.ToString("0.00", Ci)}\"");
            sb.Append('}');
        }
        return sb.Append("\n]").ToString();
    }

    private static void WriteXlsx(string path, List<TruthInterval> truth)
    {
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var ws = wb.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint r = 1;
        data.Append(TextRow(r++, "DAM Settlement Point Prices (generated)"));
        data.Append(TextRow(r++, "Delivery Date", "Hour Ending", "Repeated Hour Flag", "Settlement Point", "Settlement Point Price"));
        foreach (var t in truth)
        {
            var l = ToLocal(t.StartUtc);
            var row = TextRow(r++, l.Day.ToString("MM/dd/yyyy", Ci), $"{l.HourEnding:00}:00", l.Repeated ? "Y" : "N", t.Point);
            row.Append(new Cell { DataType = CellValues.Number, CellValue = new CellValue(t.Price.ToString("R", Ci)) });
            data.Append(row);
        }
        ws.Worksheet = new Worksheet(data);
        var sheets = wb.Workbook.AppendChild(new Sheets());
        sheets.Append(new Sheet { Id = wb.GetIdOfPart(ws), SheetId = 1, Name = "DAM" });
        wb.Workbook.Save();
    }

    private static Row TextRow(uint index, params string[] texts)
    {
        var row = new Row { RowIndex = index };
        foreach (var s in texts)
            row.Append(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) });
        return row;
    }
}
