using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Reads the data rows of one table in one recognised layout, keeping the rows of the requested point. Rows of other
/// points are rejected on the point column alone, before any other field is parsed.
/// </summary>
internal abstract class PriceLayout
{
    protected PriceLayout(TableContext table, HeaderMap header)
    {
        Table = table;
        Session = table.Session;
        Header = header;
        Resolver = new FlaglessDayResolver(Session.Time);
        Mark = Session.Store.Mark();
    }

    protected TableContext Table { get; }
    protected LoadSession Session { get; }
    protected HeaderMap Header { get; }
    protected FlaglessDayResolver Resolver { get; }
    protected int[] Mark { get; }

    /// <summary>Human-readable layout name for the quality report.</summary>
    public abstract string Name { get; }

    /// <summary>The market every row of the table belongs to, when the layout fixes it.</summary>
    public abstract PriceMarket? Market { get; }

    public abstract void OnRow(TableRow row);

    /// <summary>
    /// True when a row whose point column does not hold the requested point has no effect here other than being
    /// counted (and, while <see cref="LoadSession.CollectPoints"/>, listed): the CSV reader may then pass over such
    /// rows without splitting them.
    /// </summary>
    public virtual bool RejectsOtherPointsByNameOnly => false;

    /// <summary>End of table: resolves deferred fall-back-day rows and unknown interval lengths.</summary>
    public virtual void Complete()
    {
        Resolver.Flush((ticks, minutes, price, line, market) => Store(market, ticks, minutes, price, line), Session.Notes, Table.Display);
    }

    protected void Store(PriceMarket? market, long utcTicks, int minutes, double price, int line) =>
        Session.Store.Add(market ?? Table.MarketHint, utcTicks, minutes, price, Table.SourceId, line);

    /// <summary>Counts a row of the requested point.</summary>
    protected void Matched()
    {
        Table.Matched++;
        Session.RowsMatched++;
    }

    /// <summary>Parses the price; false (row skipped and counted) when it is empty.</summary>
    protected bool TryPrice(TableRow row, int col, out double price)
    {
        var text = row[col];
        if (text.IsEmpty)
        {
            Session.BlankPrice(Table, row.Line);
            price = 0;
            return false;
        }
        if (!FieldParsers.TryParsePrice(text, Table.DecimalComma, out price))
            throw Table.Error("the price is not a number", row.Line, Header.Name(col), text);
        return true;
    }

    protected DateOnly ParseDate(TableRow row, int col)
    {
        if (!FieldParsers.TryParseDate(row[col], out var day))
            throw Table.Error("not a date (expected MM/dd/yyyy or yyyy-MM-dd)", row.Line, Header.Name(col), row[col]);
        return day;
    }

    /// <summary>
    /// Converts a local slot (day + minutes since midnight, hour-ending arithmetic already applied) and stores it.
    /// With a flag column the flag decides the repeated hour; without, the fall-back day is resolved at the end.
    /// </summary>
    protected void StoreLocal(DateOnly day, int minuteOfDay, bool hasFlagColumn, bool? flag, int minutes, double price,
        TableRow row, int timeCol, PriceMarket? market, long shiftTicks = 0)
    {
        LocalConversion r;
        long ticks;
        if (hasFlagColumn)
        {
            r = Session.Time.ToUtc(day, minuteOfDay, flag ?? false, out ticks);
            ticks += shiftTicks;
        }
        else
        {
            r = Resolver.Add(day, minuteOfDay, minutes, price, row.Line, market, shiftTicks, out ticks);
        }
        switch (r)
        {
            case LocalConversion.Ok:
                Store(market, ticks, minutes, price, row.Line);
                return;
            case LocalConversion.Deferred:
                return;
            case LocalConversion.Invalid:
                throw Table.Error(
                    string.Create(CultureInfo.InvariantCulture,
                        $"local time {day:yyyy-MM-dd} {minuteOfDay / 60:00}:{minuteOfDay % 60:00} does not exist in Central Prevailing Time (spring-forward day: clocks go from 02:00 to 03:00, so hour ending 03 is skipped)"),
                    row.Line, Header.Name(timeCol), row[timeCol]);
            case LocalConversion.FlagOnUnrepeatedTime:
                throw Table.Error(
                    string.Create(CultureInfo.InvariantCulture,
                        $"the repeated-hour flag is set but {day:yyyy-MM-dd} {minuteOfDay / 60:00}:{minuteOfDay % 60:00} is not in the repeated fall-back hour"),
                    row.Line, Header.Name(timeCol), row[timeCol]);
            default:
                throw Table.Error(
                    string.Create(CultureInfo.InvariantCulture,
                        $"hour out of range for {day:yyyy-MM-dd} (hour 25 only exists on the fall-back day of files without a repeated-hour flag)"),
                    row.Line, Header.Name(timeCol), row[timeCol]);
        }
    }

    /// <summary>
    /// Stores a wall-clock timestamp (no offset) by resolving it in Central Prevailing Time; <paramref name="shiftTicks"/>
    /// moves the resolved instant (an hour-ending stamp is resolved as the end, then shifted back one hour).
    /// </summary>
    protected void StoreWall(DateTime wall, int minutes, double price, TableRow row, int timeCol, PriceMarket? market, long shiftTicks = 0)
    {
        var day = DateOnly.FromDateTime(wall);
        int minuteOfDay = (int)(wall.TimeOfDay.Ticks / TimeSpan.TicksPerMinute);
        StoreLocal(day, minuteOfDay, false, null, minutes, price, row, timeCol, market, shiftTicks);
    }

    /// <summary>Interval length from the smallest step between consecutive timestamps of the point.</summary>
    protected sealed class StepTracker
    {
        private long _previous = long.MinValue;
        public long MinStepTicks { get; private set; } = long.MaxValue;

        public void Add(long ticks)
        {
            if (_previous != long.MinValue)
            {
                long d = Math.Abs(ticks - _previous);
                if (d > 0 && d < MinStepTicks) MinStepTicks = d;
            }
            _previous = ticks;
        }

        /// <summary>5, 15, 30 or 60 minutes; 60 when nothing is known.</summary>
        public int Minutes(TableContext table)
        {
            if (MinStepTicks == long.MaxValue)
            {
                return 60;
            }
            long m = MinStepTicks / TimeSpan.TicksPerMinute;
            if (m == 60) return 60;
            if (m > 60)
                throw new DataFormatException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"the rows of the point are at least {TimeSpan.FromTicks(MinStepTicks)} apart; hourly or finer prices expected"),
                    table.Display);
            if (m > 0 && 60 % m == 0 && MinStepTicks % TimeSpan.TicksPerMinute == 0) return (int)m;
            throw new DataFormatException(
                string.Create(CultureInfo.InvariantCulture,
                    $"irregular time step of {TimeSpan.FromTicks(MinStepTicks)} between rows of the point; expected 5, 15, 30 or 60 minutes"),
                table.Display);
        }
    }
}
