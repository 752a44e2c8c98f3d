using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Community long layouts: one row per (time, point) with a point column and one or more price columns.
/// Time comes from, in order of preference: a UTC column (<c>interval_start_utc</c>); a date plus an hour-ending
/// column (<c>delivery_date,hour_ending</c>; a column named just <c>Hour</c> uses 0 for hour ending 24, as the
/// kmundey files do); a local hour-beginning timestamp (<c>Date</c> = <c>1/1/2023 12:00:00 AM</c>); or an
/// hour-ending timestamp (<c>hour_ending_central</c>). Files with both a real-time and a day-ahead column
/// (<c>dam_lmp,rtm_lmp</c>) give the market the query asks for, real-time by default.
/// </summary>
internal sealed class LongLayout : PriceLayout
{
    private enum TimeMode { Utc, DateHour, Timestamp, HourEndingTimestamp }

    private readonly int _point, _price, _time, _hour, _interval;
    private readonly TimeMode _mode;
    private readonly bool _hourZeroIs24;
    private readonly StepTracker _steps = new();
    private bool _unknownMinutes;

    private LongLayout(TableContext table, HeaderMap h, int point, int price, PriceMarket? market, TimeMode mode, int time, int hour, int interval, string priceNote)
        : base(table, h)
    {
        (_point, _price, _mode, _time, _hour, _interval) = (point, price, mode, time, hour, interval);
        Market = market;
        _hourZeroIs24 = hour >= 0 && h.Keys[hour] == "hour";
        string timeText = mode switch
        {
            TimeMode.Utc => $"UTC start '{h.Name(time)}'",
            TimeMode.DateHour => $"'{h.Name(time)}' + hour ending '{h.Name(hour)}'{(_hourZeroIs24 ? " (0 = HE24 of the same date)" : "")}",
            TimeMode.Timestamp => $"local hour-beginning '{h.Name(time)}'",
            _ => $"local hour-ending '{h.Name(time)}'",
        };
        Name = $"long layout: point '{h.Name(point)}', price '{h.Name(price)}'{priceNote}, time {timeText}";
    }

    public override string Name { get; }
    public override PriceMarket? Market { get; }
    public override int PointNameColumn => _point;

    private static readonly string[] PointKeys = ["settlementpoint", "settlementpointname", "location", "zone", "loadzone", "node", "hub", "point"];

    public static LongLayout? TryCreate(TableContext table, HeaderMap h, PriceMarket? wanted)
    {
        int point = h.Find(PointKeys);
        if (point < 0) return null;

        TimeMode mode;
        int time, hour = -1, interval = -1;
        int utc = h.Find("intervalstartutc", "timestamputc", "datetimeutc", "timeutc", "startutc");
        int date = h.Find("deliverydate", "operday", "operatingday", "tradedate", "date");
        int he = h.Find("hourending", "deliveryhour", "he", "hour");
        int stamp = h.Find("intervalstart", "intervalstartlocal", "datetime", "timestamp", "time", "hourbeginning", "date");
        int stampEnd = -1;
        for (int i = 0; i < h.Keys.Length && stampEnd < 0; i++)
            if (h.Keys[i].StartsWith("hourending", StringComparison.Ordinal) && h.Keys[i] != "hourending") stampEnd = i;
        if (utc >= 0) { mode = TimeMode.Utc; time = utc; }
        else if (date >= 0 && he >= 0) { mode = TimeMode.DateHour; time = date; hour = he; interval = h.Find("deliveryinterval", "interval"); }
        else if (stamp >= 0) { mode = TimeMode.Timestamp; time = stamp; }
        else if (stampEnd >= 0) { mode = TimeMode.HourEndingTimestamp; time = stampEnd; }
        else return null;

        // price columns
        var rt = new List<int>();
        var da = new List<int>();
        var unknown = new List<int>();
        var ignored = new List<string>();
        for (int i = 0; i < h.Keys.Length; i++)
        {
            var k = h.Keys[i];
            if (i == point || i == time || i == hour || i == interval) continue;
            if (!(k.Contains("price", StringComparison.Ordinal) || k.Contains("lmp", StringComparison.Ordinal) || k.Contains("spp", StringComparison.Ordinal))) continue;
            if (k.StartsWith("node", StringComparison.Ordinal)) { ignored.Add(h.Names[i]); continue; }
            if (k.StartsWith("rt", StringComparison.Ordinal) || k.Contains("realtime", StringComparison.Ordinal)) rt.Add(i);
            else if (k.StartsWith("da", StringComparison.Ordinal) || k.Contains("dayahead", StringComparison.Ordinal)) da.Add(i);
            else unknown.Add(i);
        }
        if (rt.Count + da.Count + unknown.Count == 0) return null;
        string note = ignored.Count > 0 ? $" (ignored {string.Join(", ", ignored)}: another point)" : "";
        if (ignored.Count > 0)
            table.Session.Notes.Add($"{table.Display}: column(s) {string.Join(", ", ignored)} ignored (prices of another node, not of the row's settlement point).");

        int price;
        PriceMarket? market;
        if (rt.Count + da.Count == 0)
        {
            if (unknown.Count > 1)
                throw new DataFormatException(
                    $"several price columns ({string.Join(", ", unknown.Select(i => h.Names[i]))}) and none says which market it is",
                    table.Display);
            price = unknown[0];
            market = null;
        }
        else if (wanted == PriceMarket.DayAhead)
        {
            if (da.Count == 0) return new LongLayout(table, h, point, rt[0], PriceMarket.RealTime, mode, time, hour, interval, note);
            price = da[0];
            market = PriceMarket.DayAhead;
        }
        else if (wanted == PriceMarket.RealTime || rt.Count > 0)
        {
            if (rt.Count == 0) return new LongLayout(table, h, point, da[0], PriceMarket.DayAhead, mode, time, hour, interval, note);
            price = rt[0];
            market = PriceMarket.RealTime;
            if (wanted is null && da.Count > 0)
            {
                table.Session.Notes.Add(
                    $"{table.Display} holds both markets ({h.Names[rt[0]]}, {h.Names[da[0]]}) and no market was given: real-time ({h.Names[rt[0]]}) used; ask for day-ahead to use {h.Names[da[0]]}.");
            }
        }
        else
        {
            price = da[0];
            market = PriceMarket.DayAhead;
        }
        return new LongLayout(table, h, point, price, market, mode, time, hour, interval, note);
    }

    public override void OnRow(TableRow row)
    {
        var name = row[_point];
        if (!Session.Selector.Matches(name, default))
        {
            if (Session.CollectPoints) Session.Points.Add(name, default);
            NotThePoint(row);
            return;
        }
        Matched(row);
        if (row[_time].IsEmpty || (_hour >= 0 && row[_hour].IsEmpty))
        {
            Session.PartialRow(Table, row.Line);
            return;
        }
        if (!TryPrice(row, _price, out double price)) return;
        switch (_mode)
        {
            case TimeMode.Utc:
            {
                var kind = ParseTimestamp(row, _time, out var wall, out var utc);
                if (kind == TimestampKind.Invalid) throw Table.Error("not a timestamp", row.Line, Header.Name(_time), row[_time]);
                long ticks = kind == TimestampKind.Instant ? utc.Ticks : wall.Ticks; // naive value in a UTC column is UTC
                _unknownMinutes = true;
                _steps.Add(ticks);
                Store(Market, ticks, 0, price, row.Line);
                break;
            }
            case TimeMode.DateHour:
                StoreDateHour(row, _time, _hour, _interval, _hourZeroIs24, price);
                break;
            case TimeMode.Timestamp:
            {
                var kind = ParseTimestamp(row, _time, out var wall, out var utc);
                if (kind == TimestampKind.Invalid) throw Table.Error("not a timestamp", row.Line, Header.Name(_time), row[_time]);
                _unknownMinutes = true;
                _steps.Add(kind == TimestampKind.Instant ? utc.Ticks : wall.Ticks);
                if (kind == TimestampKind.Instant) Store(Market, utc.Ticks, 0, price, row.Line);
                else StoreWall(wall, 0, price, row, _time, Market);
                break;
            }
            default:
            {
                var kind = ParseTimestamp(row, _time, out var wall, out var utc);
                if (kind == TimestampKind.Invalid) throw Table.Error("not a timestamp", row.Line, Header.Name(_time), row[_time]);
                if (kind == TimestampKind.Instant) Store(Market, utc.Ticks - TimeSpan.TicksPerHour, 60, price, row.Line);
                else
                {
                    // hour-ending clock time (00:00 = hour ending 24 of the previous day): resolve the END, which is
                    // unambiguous except at 01:00 of the fall-back day, then step back one hour in UTC
                    StoreWall(wall, 60, price, row, _time, Market, -TimeSpan.TicksPerHour);
                }
                break;
            }
        }
    }

    public override void Complete()
    {
        base.Complete();
        if (_unknownMinutes) Session.Store.SetUnknownMinutes(Mark, _steps.Minutes(Table));
        if (Market is null && Table.MarketHint is null && Table.Matched > 0)
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
