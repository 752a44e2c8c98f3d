namespace MiningDispatch.Data.Prices;

/// <summary>
/// ERCOT's own long layouts, hour-ending based: RTM NP6-905-CD cdr and NP6-785-ER historical (15-minute, with
/// Delivery Interval and Settlement Point Type), DAM NP4-190-CD cdr and NP4-180-ER historical (hourly), and the
/// public-API field names (<c>deliveryDate,deliveryHour,…</c>), whether dumped to CSV or JSON.
/// </summary>
internal sealed class ErcotLayout : PriceLayout
{
    private readonly int _date, _hour, _interval, _name, _type, _price, _flag;

    private ErcotLayout(TableContext table, HeaderMap h, int date, int hour, int interval, int name, int type, int price, int flag)
        : base(table, h)
    {
        (_date, _hour, _interval, _name, _type, _price, _flag) = (date, hour, interval, name, type, price, flag);
        Market = interval >= 0 ? PriceMarket.RealTime : PriceMarket.DayAhead;
        Name = Describe(h.Names[date], interval >= 0);
    }

    public override string Name { get; }
    public override PriceMarket? Market { get; }

    /// <summary>Rows of other points are rejected on the name (and type) column before anything else is read.</summary>
    public override bool RejectsOtherPointsByNameOnly => true;

    public override int PointNameColumn => _name;

    /// <summary>Columns of the delivery date, hour ending, 15-minute interval (-1: none), price and repeated-hour flag (-1: none).</summary>
    public (int Date, int Hour, int Interval, int Price, int Flag) Columns => (_date, _hour, _interval, _price, _flag);
    public override int TypeColumn => _type;

    /// <summary>ERCOT writes its dates MM/dd/yyyy.</summary>
    protected override bool MonthFirstByDefinition => true;

    public static ErcotLayout? TryCreate(TableContext table, HeaderMap h)
    {
        int date = h.Find("deliverydate");
        int price = h.Find("settlementpointprice");
        int hour = h.Find("deliveryhour", "hourending");
        int name = h.Find("settlementpointname", "settlementpoint");
        if (date < 0 || price < 0 || hour < 0 || name < 0) return null;
        return new ErcotLayout(table, h, date, hour, h.Find("deliveryinterval"), name, h.Find("settlementpointtype"), price,
            h.Find("dstflag", "repeatedhourflag"));
    }

    private static string Describe(string dateHeader, bool realTime)
    {
        bool api = dateHeader.StartsWith('d');              // deliveryDate: API field names
        bool historical = dateHeader.Contains(' ');        // Delivery Date: yearly workbook (or its CSV export)
        if (realTime)
        {
            return api ? "ERCOT API NP6-905-CD RTM SPP (15-min, API field names)"
                : historical ? "ERCOT NP6-785-ER historical RTM LZ/hub SPP (15-min)"
                : "ERCOT NP6-905-CD RTM SPP cdr (15-min)";
        }
        return api ? "ERCOT API NP4-190-CD DAM SPP (hourly, API field names)"
            : historical ? "ERCOT NP4-180-ER historical DAM LZ/hub SPP (hourly)"
            : "ERCOT NP4-190-CD DAM SPP cdr (hourly)";
    }

    public override void OnRow(TableRow row)
    {
        var name = row[_name];
        var type = _type >= 0 ? row[_type] : default;
        if (!Session.Selector.Matches(name, type))
        {
            if (Session.CollectPoints) Session.Points.Add(name, type);
            NotThePoint(row);
            return;
        }
        Matched(row);
        if (row[_date].IsEmpty || row[_hour].IsEmpty || (_interval >= 0 && row[_interval].IsEmpty))
        {
            Session.PartialRow(Table, row.Line);
            return;
        }
        if (!TryPrice(row, _price, out double price)) return;
        var day = ParseDate(row, _date);
        if (!FieldParsers.TryParseHour(row[_hour], out int he) || he < 1 || he > 25)
            throw Table.Error("not an hour ending (expected 1..24, \"01:00\"..\"24:00\", or 25 on a fall-back day)", row.Line, Header.Name(_hour), row[_hour]);
        int interval = 1, minutes = 60;
        if (_interval >= 0)
        {
            if (!FieldParsers.TryInt(row[_interval], out interval) || interval < 1 || interval > 4)
                throw Table.Error("not a 15-minute interval number (expected 1..4)", row.Line, Header.Name(_interval), row[_interval]);
            minutes = 15;
        }
        bool? flag = null;
        if (_flag >= 0 && !FieldParsers.TryParseFlag(row[_flag], out flag))
            throw Table.Error("not a repeated-hour flag (expected Y/N or true/false)", row.Line, Header.Name(_flag), row[_flag]);
        int minuteOfDay = (he - 1) * 60 + (interval - 1) * 15;
        bool hasFlag = _flag >= 0;
        StoreLocal(day, minuteOfDay, hasFlag, flag, minutes, price, row, _hour, Market);
    }
}
