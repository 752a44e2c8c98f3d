namespace MiningDispatch.Data.Prices;

/// <summary>
/// Receives the rows of one table, finds the header row (the first of the first 30 non-blank rows whose names
/// match a known layout), then hands data rows to that layout. Blank rows are skipped.
/// </summary>
internal sealed class TableConsumer
{
    private const int MaxRowsBeforeHeader = 30;
    private readonly TableContext _table;
    private readonly bool _required;
    private PriceLayout? _layout;
    private bool _skipped;
    private int _rowsBeforeHeader;
    private string[]? _firstRow;

    /// <param name="required">True for CSV/JSON tables the user named (no header is an error); false for worksheets and for
    /// CSV files found in a folder (the table is skipped with a note).</param>
    public TableConsumer(TableContext table, bool required)
    {
        _table = table;
        _required = required;
    }

    public TableContext Table => _table;

    /// <summary>True once the header row has been recognised.</summary>
    public bool HasLayout => _layout is not null;

    /// <summary>False once the table is known to be of no use (other market, no header): the source may stop reading it.</summary>
    public bool WantsRows => !_skipped;

    /// <summary>
    /// The requested point's name as upper-case ASCII bytes when rows of other points may be passed over unread (their
    /// only effect would be the row count): the layout rejects such rows on the point column alone, the table is
    /// being read and the available points are no longer collected. Null otherwise.
    /// </summary>
    public byte[]? OtherPointsNeedle =>
        _layout is { RejectsOtherPointsByNameOnly: true } && !_skipped && !_table.Session.CollectPoints
            ? _table.Session.Selector.AsciiName
            : null;

    /// <summary>
    /// The reader of every point when it can take this table's ordinary rows from their bytes
    /// (<see cref="AllPointsCollector.TryFastRow"/>); null otherwise.
    /// </summary>
    public AllPointsCollector? FastRows =>
        _layout is not null && !_skipped && _table.Session.AllPoints is { FastRows: true } all ? all : null;

    /// <summary>Counts <paramref name="count"/> non-blank data rows of other points passed over by the reader.</summary>
    public void OnRowsOfOtherPoints(int count)
    {
        var session = _table.Session;
        session.RowsRead += count;
        session.Tick(_table.BytesRead, count);
    }

    /// <summary>Handles one row: header detection until a layout is recognised, then data.</summary>
    public void OnRow(TableRow row)
    {
        if (_skipped) return;
        var session = _table.Session;
        if (_layout is not null)
        {
            if (row.IsBlank) return;
            session.RowsRead++;
            session.Tick(_table.BytesRead);
            if (session.AllPoints is { } all) all.OnRow(row);
            else _layout.OnRow(row);
            return;
        }
        if (row.IsBlank) return;
        _firstRow ??= row.ToArray();
        var header = new HeaderMap(row.ToArray());
        _layout = LayoutDetector.TryCreate(_table, header);
        if (_layout is null)
        {
            if (++_rowsBeforeHeader >= MaxRowsBeforeHeader) Unrecognised();
            return;
        }
        session.Layouts.Add($"{_table.Display}: {_layout.Name}");
        var wanted = session.Query?.Market;
        if (!session.ListMode && wanted is not null && _layout.Market is not null && _layout.Market != wanted)
        {
            _skipped = true;
            session.SkippedForMarket.Add($"{_table.Display} ({Describe(_layout.Market.Value)})");
            session.Notes.Add($"{_table.Display}: holds {Describe(_layout.Market.Value)} prices; skipped because {Describe(wanted.Value)} was requested.");
        }
        else
        {
            session.AllPoints?.BeginTable(_table, header, _layout);
        }
    }

    /// <summary>End of table.</summary>
    public void Complete()
    {
        if (_skipped) return;
        if (_layout is null)
        {
            if (_firstRow is null)
            {
                if (_required) throw new DataFormatException("the file holds no data (no header row found)", _table.Display);
                return;
            }
            Unrecognised();
            return;
        }
        _layout.Complete();
        if (_table.Session.AllPoints is { } all)
        {
            all.CompleteTable();
            return;
        }
        if (!_table.Session.ListMode && _table.Matched == 0 && _table.Session.RowsMatched > 0)
        {
            _table.Session.Notes.Add($"{_table.Display}: no rows for {_table.Session.Selector.Canonical}.");
        }
    }

    private void Unrecognised()
    {
        if (!_required)
        {
            _skipped = true;
            _table.Session.Notes.Add($"{_table.Display}: skipped, not a price table (no price header recognised; first row '{Shorten(string.Join(",", _firstRow ?? []))}').");
            return;
        }
        throw new DataFormatException(
            "layout not recognised. First row: '" + Shorten(string.Join(",", _firstRow ?? [])) + "'. Expected an ERCOT header (Delivery Date/DeliveryDate, " +
            "Delivery Hour/Hour Ending, [Delivery Interval], Settlement Point [Name], Settlement Point Price), a gridstatus header " +
            "(Interval Start/interval_start_utc, Location, SPP), a long layout (time, point/zone/location, price columns) or a wide " +
            "layout (time column plus HB_*/LZ_*/Price_* columns)",
            _table.Display, 1);
    }

    private static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";

    public static string Describe(PriceMarket m) => m == PriceMarket.RealTime ? "real-time" : "day-ahead";
}

/// <summary>Chooses the layout for a header row (see ercot-data-formats.md §5, header signatures).</summary>
internal static class LayoutDetector
{
    public static PriceLayout? TryCreate(TableContext table, HeaderMap header) =>
        (PriceLayout?)ErcotLayout.TryCreate(table, header)
        ?? (PriceLayout?)GridstatusLayout.TryCreate(table, header)
        ?? (PriceLayout?)LongLayout.TryCreate(table, header, table.Session.ListMode ? null : table.Session.Query?.Market)
        ?? WideLayout.TryCreate(table, header);
}
