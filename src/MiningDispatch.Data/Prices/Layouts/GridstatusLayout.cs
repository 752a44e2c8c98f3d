namespace MiningDispatch.Data.Prices;

/// <summary>
/// gridstatus exports (<c>Time,Interval Start,Interval End,Location,Location Type,Market,SPP</c>, timestamps with UTC
/// offsets, optional unnamed pandas index column) and gridstatus.io (<c>interval_start_utc,…,location,location_type,
/// market,spp</c>). The offset (or UTC) fixes each instant, so DST needs no flag. Market is per row.
/// </summary>
internal sealed class GridstatusLayout : PriceLayout
{
    private readonly int _start, _end, _location, _type, _market, _price;
    private readonly bool _startIsUtc;
    private readonly StepTracker _steps = new();
    private bool _unknownMinutes;

    private GridstatusLayout(TableContext table, HeaderMap h, int start, int end, int location, int type, int market, int price, bool io)
        : base(table, h)
    {
        (_start, _end, _location, _type, _market, _price) = (start, end, location, type, market, price);
        _startIsUtc = h.Keys[start].EndsWith("utc", StringComparison.Ordinal);
        Name = io ? "gridstatus.io SPP export (interval_start_utc, location, market, spp)" : "gridstatus SPP DataFrame export (Interval Start with offset, Location, Market, SPP)";
    }

    public override string Name { get; }
    public override PriceMarket? Market => null;
    public override int PointNameColumn => _location;
    public override int TypeColumn => _type;

    public static GridstatusLayout? TryCreate(TableContext table, HeaderMap h)
    {
        int price = h.Find("spp");
        int location = h.Find("location");
        if (price < 0 || location < 0) return null;
        bool io = h.Has("intervalstartutc");
        int start = h.Find("intervalstartutc", "intervalstart", "intervalstartlocal", "time");
        if (start < 0) return null;
        int end = h.Find(io ? "intervalendutc" : "intervalend", "intervalend", "intervalendutc", "intervalendlocal");
        return new GridstatusLayout(table, h, start, end, location, h.Find("locationtype"), h.Find("market"), price, io);
    }

    public override void OnRow(TableRow row)
    {
        var name = row[_location];
        var type = _type >= 0 ? row[_type] : default;
        if (!Session.Selector.Matches(name, type))
        {
            if (Session.CollectPoints) Session.Points.Add(name, type);
            NotThePoint(row);
            return;
        }
        Matched(row);
        if (row[_start].IsEmpty)
        {
            Session.PartialRow(Table, row.Line);
            return;
        }
        PriceMarket? market = null;
        int minutes = 0;
        if (_market >= 0) ParseMarket(row[_market], out market, out minutes);
        if (!TryPrice(row, _price, out double price)) return;

        var kind = ParseTimestamp(row, _start, out var wall, out var utc);
        if (kind == TimestampKind.Invalid)
            throw Table.Error("not a timestamp", row.Line, Header.Name(_start), row[_start]);
        if (kind == TimestampKind.Wall && _startIsUtc)
        {
            utc = DateTime.SpecifyKind(wall, DateTimeKind.Utc);
            kind = TimestampKind.Instant;
        }
        if (_end >= 0 && !row[_end].IsEmpty)
        {
            var endKind = ParseTimestamp(row, _end, out var endWall, out var endUtc);
            if (endKind == TimestampKind.Invalid)
                throw Table.Error("not a timestamp", row.Line, Header.Name(_end), row[_end]);
            long d = endKind == TimestampKind.Instant && kind == TimestampKind.Instant ? (endUtc - utc).Ticks
                : endKind == TimestampKind.Wall && kind == TimestampKind.Wall ? (endWall - wall).Ticks : 0;
            long m = d / TimeSpan.TicksPerMinute;
            if (m is 5 or 15 or 30 or 60) minutes = (int)m;
        }
        if (minutes == 0)
        {
            _unknownMinutes = true;
            _steps.Add(kind == TimestampKind.Instant ? utc.Ticks : wall.Ticks);
        }
        if (kind == TimestampKind.Instant) Store(market, utc.Ticks, minutes, price, row.Line);
        else StoreWall(wall, minutes, price, row, _start, market);
    }

    /// <summary>gridstatus market names: REAL_TIME_15_MIN, REAL_TIME_5_MIN, DAY_AHEAD_HOURLY…</summary>
    private static void ParseMarket(ReadOnlySpan<char> s, out PriceMarket? market, out int minutes)
    {
        market = null;
        minutes = 0;
        if (s.StartsWith("REAL_TIME", StringComparison.OrdinalIgnoreCase) || s.StartsWith("RT", StringComparison.OrdinalIgnoreCase))
            market = PriceMarket.RealTime;
        else if (s.StartsWith("DAY_AHEAD", StringComparison.OrdinalIgnoreCase) || s.StartsWith("DA", StringComparison.OrdinalIgnoreCase))
            market = PriceMarket.DayAhead;
        if (s.EndsWith("HOURLY", StringComparison.OrdinalIgnoreCase)) minutes = 60;
        else if (s.EndsWith("15_MIN", StringComparison.OrdinalIgnoreCase)) minutes = 15;
        else if (s.EndsWith("5_MIN", StringComparison.OrdinalIgnoreCase)) minutes = 5;
    }

    public override void Complete()
    {
        base.Complete();
        if (_unknownMinutes) Session.Store.SetUnknownMinutes(Mark, _steps.Minutes(Table));
    }
}
