using System.Globalization;
using System.Text.RegularExpressions;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Wide layouts, one column per settlement point: <c>interval_start_ct,LZ_HOUSTON,…</c> (ISO timestamps with offset),
/// kmundey's <c>Date,Hour,Price_Bus_Avg,…,Price_West,…</c> (Hour 1..23 then 0 = hour ending 24 of the same date;
/// <c>Price_West</c> = HB_WEST…), and ERCOT's real-time display (<c>Oper Day</c>, <c>Interval Ending</c>
/// "0015".."2400", one key per zone).
/// </summary>
internal sealed partial class WideLayout : PriceLayout
{
    private enum TimeMode { Display, DateHour, Timestamp }

    private static readonly Dictionary<string, string> KmundeyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Price_Bus_Avg"] = "HB_BUSAVG",
        ["Price_Houston"] = "HB_HOUSTON",
        ["Price_Hub_Avg"] = "HB_HUBAVG",
        ["Price_North"] = "HB_NORTH",
        ["Price_Panhandle"] = "HB_PAN",
        ["Price_Pan"] = "HB_PAN",
        ["Price_South"] = "HB_SOUTH",
        ["Price_West"] = "HB_WEST",
    };

    [GeneratedRegex("^(HB|LZ|DC)_[A-Z0-9_]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PointColumn();

    private readonly TimeMode _mode;
    private readonly int _time, _hour, _interval, _column;
    private readonly bool _hourZeroIs24;
    private readonly StepTracker _steps = new();
    private bool _unknownMinutes;

    private WideLayout(TableContext table, HeaderMap h, TimeMode mode, int time, int hour, int interval, int column, List<(int Index, string Point)> points)
        : base(table, h)
    {
        (_mode, _time, _hour, _interval, _column) = (mode, time, hour, interval, column);
        var canonical = new List<string>();
        Span<char> buffer = stackalloc char[256];
        foreach (var (_, point) in points)
        {
            var name = buffer[..PointSelector.Canonicalize(point, default, buffer)].ToString();
            if (!canonical.Contains(name)) canonical.Add(name);
        }
        ColumnPoints = canonical;
        _hourZeroIs24 = hour >= 0 && h.Keys[hour] == "hour";
        Market = mode == TimeMode.Display ? PriceMarket.RealTime : null;
        string pts = string.Join(",", points.Select(p => h.Names[p.Index] == p.Point ? p.Point : $"{h.Names[p.Index]}={p.Point}"));
        Name = mode switch
        {
            TimeMode.Display => $"ERCOT real-time SPP display (Oper Day, Interval Ending, one column per zone: {pts})",
            TimeMode.DateHour => $"wide hourly ('{h.Name(time)}' + hour '{h.Name(hour)}'{(_hourZeroIs24 ? ", 0 = HE24 of the same date" : "")}; columns {pts})",
            _ => $"wide ('{h.Name(time)}' timestamps; columns {pts})",
        };
    }

    public override string Name { get; }
    public override PriceMarket? Market { get; }
    public override IReadOnlyList<string> ColumnPoints { get; }

    public static WideLayout? TryCreate(TableContext table, HeaderMap h)
    {
        var points = new List<(int Index, string Point)>();
        for (int i = 0; i < h.Names.Length; i++)
        {
            var n = h.Names[i];
            if (KmundeyNames.TryGetValue(n, out var mapped)) points.Add((i, mapped));
            else if (PointColumn().IsMatch(n)) points.Add((i, n.ToUpperInvariant()));
        }
        if (points.Count == 0) return null;

        TimeMode mode;
        int time, hour = -1, interval = -1;
        int operDay = h.Find("operday");
        int ending = h.Find("intervalending");
        int date = h.Find("deliverydate", "operday", "date");
        int he = h.Find("hourending", "deliveryhour", "he", "hour");
        int stamp = h.Find("intervalstartutc", "intervalstartct", "intervalstart", "intervalstartlocal", "datetime", "timestamp", "time", "date");
        if (operDay >= 0 && ending >= 0) { mode = TimeMode.Display; time = operDay; hour = ending; }
        else if (date >= 0 && he >= 0) { mode = TimeMode.DateHour; time = date; hour = he; interval = h.Find("deliveryinterval", "interval"); }
        else if (stamp >= 0) { mode = TimeMode.Timestamp; time = stamp; }
        else return null;

        var session = table.Session;
        int column = -1;
        foreach (var (index, point) in points)
        {
            if (column < 0 && session.Selector.Matches(point, default)) column = index;
            if (session.CollectPoints) session.Points.Add(point, default);
        }
        return new WideLayout(table, h, mode, time, hour, interval, column, points);
    }

    /// <summary>ERCOT's real-time display writes its Oper Day MM/dd/yyyy.</summary>
    protected override bool MonthFirstByDefinition => _mode == TimeMode.Display;

    public override void OnRow(TableRow row)
    {
        if (_column < 0) return;
        Matched(row);
        if (row[_time].IsEmpty || (_hour >= 0 && row[_hour].IsEmpty))
        {
            Session.PartialRow(Table, row.Line);
            return;
        }
        if (!TryPrice(row, _column, out double price)) return;
        switch (_mode)
        {
            case TimeMode.Display:
            {
                var day = ParseDate(row, _time);
                var e = row[_hour];
                if (!FieldParsers.TryInt(e, out int hhmm) || e.Length != 4 || hhmm % 100 % 15 != 0 || hhmm % 100 >= 60 || hhmm < 15 || hhmm > 2500)
                    throw Table.Error("not an interval ending (expected \"0015\"..\"2400\")", row.Line, Header.Name(_hour), e);
                int endMinute = hhmm / 100 * 60 + hhmm % 100;
                StoreLocal(day, endMinute - 15, false, null, 15, price, row, _hour, Market);
                break;
            }
            case TimeMode.DateHour:
                StoreDateHour(row, _time, _hour, _interval, _hourZeroIs24, price);
                break;
            default:
            {
                var kind = ParseTimestamp(row, _time, out var wall, out var utc);
                if (kind == TimestampKind.Invalid) throw Table.Error("not a timestamp", row.Line, Header.Name(_time), row[_time]);
                if (kind == TimestampKind.Wall && Header.Keys[_time].EndsWith("utc", StringComparison.Ordinal))
                {
                    utc = DateTime.SpecifyKind(wall, DateTimeKind.Utc);
                    kind = TimestampKind.Instant;
                }
                _unknownMinutes = true;
                _steps.Add(kind == TimestampKind.Instant ? utc.Ticks : wall.Ticks);
                if (kind == TimestampKind.Instant) Store(Market, utc.Ticks, 0, price, row.Line);
                else StoreWall(wall, 0, price, row, _time, Market);
                break;
            }
        }
    }

    public override void Complete()
    {
        base.Complete();
        if (_unknownMinutes) Session.Store.SetUnknownMinutes(Mark, _steps.Minutes(Table));
        if (_column >= 0 && Market is null && Table.MarketHint is null && Table.Matched > 0)
        {
            Session.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Table.Display}: the file does not say which market its prices are from."));
        }
        else if (Market is null && Table.MarketHint is { } hint && Table.Matched > 0)
        {
            Session.Notes.Add($"{Table.Display}: market taken from the file name ({TableConsumer.Describe(hint)}).");
        }
    }
}
