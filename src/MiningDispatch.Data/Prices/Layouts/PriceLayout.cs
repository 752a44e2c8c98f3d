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

    /// <summary>The column holding each row's settlement point (long layouts); -1 when points are columns (wide).</summary>
    public virtual int PointNameColumn => -1;

    /// <summary>The column holding each row's settlement point type; -1 when there is none.</summary>
    public virtual int TypeColumn => -1;

    /// <summary>The points that are columns of a wide table (canonical names, first column of each); empty otherwise.</summary>
    public virtual IReadOnlyList<string> ColumnPoints => [];

    /// <summary>End of table: resolves deferred fall-back-day rows and unknown interval lengths.</summary>
    public virtual void Complete()
    {
        CheckDateOrder();
        Resolver.Flush((ticks, minutes, price, line, market) => Store(market, ticks, minutes, price, line), Session.Notes, Table.Display);
    }

    protected void Store(PriceMarket? market, long utcTicks, int minutes, double price, int line) =>
        Session.Store.Add(market ?? Table.MarketHint, utcTicks, minutes, price, Table.SourceId, line);

    /// <summary>
    /// What <see cref="OnRow"/> does with an ordinary row of the point, its fields already parsed by the all-points
    /// reader (<see cref="AllPointsCollector.TryFastRow"/>): counted, its price's decimals tracked, stored. The reader
    /// gives only rows whose shape is the header's, with a price of <paramref name="decimals"/> decimals inside the
    /// plausible range and a time on a day without a clock change.
    /// </summary>
    public void StoreOrdinary(long utcTicks, int minutes, double price, int decimals, int line)
    {
        Table.Matched++;
        Session.RowsMatched++;
        if (decimals < _minDecimals) _minDecimals = decimals;
        Store(Market, utcTicks, minutes, price, line);
    }

    /// <summary>Counts a row of the requested point and checks its shape (<see cref="CheckShape"/>).</summary>
    protected void Matched(TableRow row)
    {
        Table.Matched++;
        Session.RowsMatched++;
        CheckShape(row);
    }

    /// <summary>
    /// A row whose point column does not hold the requested point: when the row's field count is off and one of its
    /// fields mentions the point (a row of the point with a field missing or added, its point shifted out of place),
    /// the shape error is raised. Rows that do not mention the point are not checked; the fast reader passes over the
    /// same rows unread, so both readers agree.
    /// </summary>
    protected void NotThePoint(TableRow row)
    {
        if (!Table.DelimitedText || (row.Count == Header.Names.Length && row.UnbalancedQuote < 0)) return;
        if (row.Unterminated)
        {
            // the file's last line, cut off: its point cannot be told, so it is an error whichever point is read
            CheckShape(row);
            return;
        }
        var name = Session.Selector.BaseName;
        if (name.Length == 0 || name[0] == '\0') return;
        for (int i = 0; i < row.Count; i++)
        {
            if (row[i].Contains(name, StringComparison.Ordinal))
            {
                CheckShape(row);
                return;
            }
        }
    }

    /// <summary>A wall-clock or zoned timestamp, its slash date put month-first (<see cref="MonthFirst"/>).</summary>
    protected TimestampKind ParseTimestamp(TableRow row, int col, out DateTime wall, out DateTime utc)
    {
        Span<char> scratch = stackalloc char[64];
        return FieldParsers.ParseTimestamp(MonthFirst(row, col, scratch), out wall, out utc);
    }

    /// <summary>
    /// Parses the price; false (row skipped and counted) when it is empty. A comma that cannot be a thousands
    /// separator (<c>17,97</c>) is an error in a comma-delimited file, never read as thousands; a price outside
    /// <see cref="PriceReadRules"/>' range is an error unless extreme prices are allowed.
    /// </summary>
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
        {
            if (!Table.DecimalComma && text.Contains(',') && !FieldParsers.IsThousandsGrouped(text))
                throw Table.Error(
                    "the price has a comma that is not a thousands separator (a decimal comma?). It is not read as thousands; " +
                    "write prices with a decimal point, or save the file semicolon-delimited (';'), where a comma is the decimal mark",
                    row.Line, Header.Name(col), text);
            throw Table.Error("the price is not a number", row.Line, Header.Name(col), text);
        }
        if (row.Unterminated) CheckNotCut(row, col, text);
        else TrackDecimals(text);
        var rules = Session.Rules;
        if (price < rules.MinPrice || price > rules.MaxPrice)
        {
            if (!rules.AllowExtremePrices)
                throw Table.Error(
                    string.Create(CultureInfo.InvariantCulture,
                        $"the price {price:#,0.####} $/MWh is outside the plausible range {rules.RangeText} (ERCOT's offer floor is about -$251, its caps $5,000 and, until 2021, $9,000). If the value is real, pass --allow-extreme-prices or widen the range with --price-bounds MIN,MAX"),
                    row.Line, Header.Name(col), text);
            Session.ExtremePrice(Table, row.Line, price);
        }
        return true;
    }

    protected DateOnly ParseDate(TableRow row, int col)
    {
        Span<char> scratch = stackalloc char[64];
        var text = MonthFirst(row, col, scratch);
        if (!FieldParsers.TryParseDate(text, out var day))
            throw Table.Error("not a date (expected MM/dd/yyyy or yyyy-MM-dd)", row.Line, Header.Name(col), row[col]);
        return day;
    }

    private int _minDecimals = int.MaxValue;

    private void TrackDecimals(ReadOnlySpan<char> text)
    {
        int d = FieldParsers.Decimals(text, Table.DecimalComma);
        if (d < _minDecimals) _minDecimals = d;
    }

    /// <summary>
    /// The last line of a file without a final line break may have been cut off (an interrupted download or copy): its
    /// price must have at least as many decimals as every other price of the column, or the line is an error.
    /// </summary>
    private void CheckNotCut(TableRow row, int col, ReadOnlySpan<char> text)
    {
        int d = FieldParsers.Decimals(text, Table.DecimalComma);
        if (_minDecimals != int.MaxValue && _minDecimals > 0 && d < _minDecimals)
            throw Table.Error(
                string.Create(CultureInfo.InvariantCulture,
                    $"the file ends without a line break and its last line looks cut off: the price has {d} decimal(s) where every other price of the column has at least {_minDecimals}. Check the file is complete; if the line is, end the file with a line break"),
                row.Line, Header.Name(col), text);
    }

    /// <summary>
    /// In delimited text, a row of the point must have the header's fields: a missing field, an extra non-empty field
    /// or an unbalanced quote is an error naming the line and the field (empty fields after the header's are allowed,
    /// as a trailing delimiter writes them).
    /// </summary>
    protected void CheckShape(TableRow row)
    {
        if (!Table.DelimitedText) return;
        if (row.UnbalancedQuote >= 0)
            throw Table.Error(Cut(row, "a quoted field is not closed (unbalanced '\"')"), row.Line, FieldName(row.UnbalancedQuote), row[row.UnbalancedQuote]);
        int named = NamedFieldCount;
        if (row.Count < named)
            throw new DataFormatException(
                Cut(row, string.Create(CultureInfo.InvariantCulture, $"the row has {row.Count} field(s) where the header has {named}: field(s) missing")),
                Table.Display, row.Line, FieldName(row.Count));
        for (int i = Header.Names.Length; i < row.Count; i++)
        {
            if (!row[i].IsEmpty)
                throw Table.Error(
                    string.Create(CultureInfo.InvariantCulture, $"the row has an extra field: {row.Count} fields where the header has {Header.Names.Length}"),
                    row.Line, FieldName(i), row[i]);
        }
    }

    /// <summary>
    /// A table's last line without a line break whose fields are missing or whose quote is not closed was cut off (an
    /// interrupted download or copy): an error of the file, whichever point it names (its name may be cut too, so it
    /// must not become a point of its own). Rows of a complete shape pass.
    /// </summary>
    public void CheckCutLine(TableRow row)
    {
        if (row.Unterminated && Table.DelimitedText && (row.UnbalancedQuote >= 0 || row.Count < NamedFieldCount)) CheckShape(row);
    }

    private static string Cut(TableRow row, string problem) =>
        row.Unterminated
            ? $"the file ends without a line break and its last line looks cut off: {problem}. Check the file is complete"
            : problem;

    /// <summary>Fields the header names (empty names after the last named one are a trailing delimiter's).</summary>
    private int NamedFieldCount => _named ??= NamedFields();

    private int? _named;

    private int NamedFields()
    {
        int named = Header.Names.Length;
        while (named > 0 && Header.Names[named - 1].Length == 0) named--;
        return named;
    }

    private string FieldName(int index) =>
        index < Header.Names.Length && Header.Names[index].Length > 0
            ? Header.Names[index]
            : string.Create(CultureInfo.InvariantCulture, $"#{index + 1} (none in the header)");

    private DateOrder? _fileOrder;
    private (int Line, string Column, string Value)? _ambiguous;
    private (int Line, string Value)? _monthFirstEvidence;

    /// <summary>True for layouts whose slash dates are month-first by definition (ERCOT's own files).</summary>
    protected virtual bool MonthFirstByDefinition => false;

    /// <summary>
    /// The text of a date or timestamp field with a leading slash date (<c>a/b/yyyy</c>) put month-first: swapped when
    /// the dates are day-first (<c>--date-order dmy</c>). In automatic order, a date only one reading allows decides
    /// the file; a date both readings allow is remembered, and an error at the end of the table when nothing decided.
    /// </summary>
    protected ReadOnlySpan<char> MonthFirst(TableRow row, int col, Span<char> scratch)
    {
        var text = row[col];
        int s1 = text.IndexOf('/');
        if (s1 <= 0 || s1 > 2) return text;
        int s2 = text[(s1 + 1)..].IndexOf('/');
        if (s2 <= 0 || s2 > 2) return text;
        s2 += s1 + 1;
        if (!FieldParsers.TryInt(text[..s1], out int a) || !FieldParsers.TryInt(text[(s1 + 1)..s2], out int b)) return text;
        var order = MonthFirstByDefinition ? DateOrder.MonthFirst : Session.Rules.DateOrder;
        if (order == DateOrder.Auto)
        {
            if (a > 12 && b <= 12)
                throw Table.Error(
                    "the date is day-first (its first number is above 12) while dates are read month-first unless told: pass --date-order dmy",
                    row.Line, Header.Name(col), text);
            if (b > 12 && a <= 12) _monthFirstEvidence ??= (row.Line, text.ToString());
            else if (a != b && _ambiguous is null) _ambiguous = (row.Line, Header.Name(col), text.ToString());
            _fileOrder = DateOrder.MonthFirst;
            return text;
        }
        if (order == DateOrder.MonthFirst || text.Length > scratch.Length) return text;
        // day-first: write month/day/rest
        text.CopyTo(scratch);
        int n = 0;
        foreach (char c in text[(s1 + 1)..s2]) scratch[n++] = c;
        scratch[n++] = '/';
        foreach (char c in text[..s1]) scratch[n++] = c;
        text[s2..].CopyTo(scratch[n..]);
        n += text.Length - s2;
        return scratch[..n];
    }

    /// <summary>End of table: an unresolved day/month ambiguity is an error; a resolved one is noted.</summary>
    private void CheckDateOrder()
    {
        if (_fileOrder is null || _ambiguous is not { } amb) return;
        if (_monthFirstEvidence is { } ev)
        {
            Session.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Table.Display}: slash dates read month-first ({Table.LineLabel} {ev.Line}: '{ev.Value}' has a day above 12); pass --date-order to say otherwise."));
            return;
        }
        throw Table.Error(
            "ambiguous date: no date in the file has a day above 12, so it could be month-first or day-first. Pass --date-order mdy or --date-order dmy",
            amb.Line, amb.Column, amb.Value);
    }

    /// <summary>
    /// Converts a local slot (day + minutes since midnight, hour-ending arithmetic already applied) and stores it.
    /// With a flag column the flag decides the repeated hour; without, the fall-back day is resolved at the end.
    /// </summary>
    /// <summary>
    /// Stores a row timed by a market date and an hour ending (1..24, 25 on a fall-back day; 0 for HE24 when
    /// <paramref name="hourZeroIs24"/>), optionally with a 15-minute interval number (1..4) in <paramref name="intervalCol"/>.
    /// </summary>
    protected void StoreDateHour(TableRow row, int dateCol, int hourCol, int intervalCol, bool hourZeroIs24, double price)
    {
        var day = ParseDate(row, dateCol);
        if (!FieldParsers.TryParseHour(row[hourCol], out int he) || he > 25 || (he == 0 && !hourZeroIs24))
            throw Table.Error("not an hour ending (expected 1..24)", row.Line, Header.Name(hourCol), row[hourCol]);
        if (he == 0) he = 24;
        int interval = 1, minutes = 60;
        if (intervalCol >= 0)
        {
            if (!FieldParsers.TryInt(row[intervalCol], out interval) || interval < 1 || interval > 4)
                throw Table.Error("not a 15-minute interval number (expected 1..4)", row.Line, Header.Name(intervalCol), row[intervalCol]);
            minutes = 15;
        }
        StoreLocal(day, (he - 1) * 60 + (interval - 1) * 15, false, null, minutes, price, row, hourCol, Market);
    }

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
