using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// The one-pass reader of every settlement point (<see cref="PriceLoader.LoadAll"/>). The table's own layout (on the
/// master session) only finds each row's point; the row then goes to that point's <see cref="PointSink"/>: a session
/// and, per table, a layout of its own, exactly those <see cref="PriceLoader.Load"/> would use for the point. So each
/// point gets the same observations, counts, notes and errors as a load of that point alone, in one read of the files.
/// <para>
/// Notes about the files as a whole (layouts, skipped tables, skipped files) are written to the master session and
/// copied into each point's session, in order, before the point's own notes (<see cref="Sync"/>).
/// </para>
/// </summary>
internal sealed class AllPointsCollector
{
    private readonly LoadSession _master;
    private readonly AllPointsQuery _query;
    private readonly Dictionary<string, PointSink> _sinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PointSink>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<PointSink> _order = [];
    private readonly List<string> _filteredOut = [];
    private int _table;
    private TableContext? _masterTable;
    private HeaderMap? _header;
    private int _pointColumn = -1, _typeColumn = -1;
    private PointSink[] _columnSinks = [];
    private PointSink? _last;
    private PriceLayout? _layout;
    private readonly char[] _lastName = new char[128];
    private int _lastLength = -1;

    public AllPointsCollector(LoadSession master, AllPointsQuery query)
    {
        _master = master;
        _query = query;
        _lookup = _sinks.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Every point seen, in order of appearance.</summary>
    public IReadOnlyList<PointSink> Sinks => _order;

    /// <summary>Points seen but left out by <see cref="AllPointsQuery.Points"/>, in order of appearance.</summary>
    public IReadOnlyList<string> FilteredOut => _filteredOut;

    /// <summary>A table's header was recognised: its rows go to the points from now on.</summary>
    public void BeginTable(TableContext masterTable, HeaderMap header, PriceLayout layout)
    {
        _table++;
        _masterTable = masterTable;
        _header = header;
        _layout = layout;
        _pointColumn = layout.PointNameColumn;
        _typeColumn = layout.TypeColumn;
        _columnSinks = [.. layout.ColumnPoints.Select(Sink)];
        _last = null;
        _lastLength = -1;
    }

    /// <summary>A non-blank data row: to the sink of its point (a long table) or of every point column (a wide one).</summary>
    public void OnRow(TableRow row)
    {
        // a cut last line is an error of the file, not a row of a point named by what is left of its name
        if (row.Unterminated) _layout!.CheckCutLine(row);
        if (_pointColumn < 0)
        {
            foreach (var s in _columnSinks) Deliver(s, row);
            return;
        }
        var name = row[_pointColumn];
        if (name.IsEmpty) return; // no point: a row no single-point load would take either
        var type = _typeColumn >= 0 ? row[_typeColumn] : default;
        PointSink sink;
        if (_last is not null && _typeColumn < 0 && name.SequenceEqual(_lastName.AsSpan(0, _lastLength)))
        {
            sink = _last;
        }
        else
        {
            Span<char> buffer = stackalloc char[Math.Min(name.Length + 8, 512)];
            var canonical = buffer[..PointSelector.Canonicalize(name, type, buffer)];
            if (!_lookup.TryGetValue(canonical, out sink!)) sink = Sink(canonical.ToString());
            if (_typeColumn < 0 && name.Length <= _lastName.Length)
            {
                name.CopyTo(_lastName);
                _lastLength = name.Length;
                _last = sink;
            }
        }
        Deliver(sink, row);
    }

    /// <summary>End of a table whose header was recognised: each point's layout completes, as its own load's would.</summary>
    public void CompleteTable()
    {
        CheckMemory(Math.Min(_master.TotalBytes, _master.CompletedBytes + _masterTable!.BytesRead()), _master.TotalBytes);
        foreach (var s in _order)
        {
            if (s.Session is not { } session) continue;
            try
            {
                Sync(s);
                if (s.Table == _table && s.Layout is { } layout && s.Context is { } context)
                {
                    layout.Complete();
                    if (context.Matched == 0 && session.RowsMatched > 0) session.Notes.Add($"{context.Display}: no rows for {s.Name}.");
                }
                else if (session.RowsMatched > 0)
                {
                    session.Notes.Add($"{_masterTable!.Display}: no rows for {s.Name}.");
                }
            }
            catch (DataFormatException e)
            {
                s.Fail(e);
            }
            s.Layout = null;
            s.Context = null;
        }
        _columnSinks = [];
        _last = null;
    }

    /// <summary>Prices kept so far by every point, the bytes they hold (as allocated) and the bytes they fill.</summary>
    public (long Prices, long BytesHeld, long BytesUsed) Kept()
    {
        long n = 0, held = 0, used = 0;
        foreach (var s in _order)
        {
            if (s.Session is not { } session) continue;
            var store = session.Store;
            n += store.Count;
            held += store.BytesHeld;
            used += store.BytesUsed;
        }
        return (n, held, used);
    }

    /// <summary>Brings the file-wide notes, layouts and skipped tables of the master session into the point's session.</summary>
    public void Sync(PointSink s)
    {
        var session = s.Session!;
        for (; s.NotesSynced < _master.Notes.Count; s.NotesSynced++) session.Notes.Add(_master.Notes[s.NotesSynced]);
        for (; s.LayoutsSynced < _master.Layouts.Count; s.LayoutsSynced++) session.Layouts.Add(_master.Layouts[s.LayoutsSynced]);
        for (; s.SkippedSynced < _master.SkippedForMarket.Count; s.SkippedSynced++) session.SkippedForMarket.Add(_master.SkippedForMarket[s.SkippedSynced]);
        session.RowsRead = _master.RowsRead;
    }

    /// <summary>
    /// Refuses, before it would not fit, a load whose kept prices exceed <see cref="AllPointsQuery.MemoryLimitBytes"/>:
    /// on the bytes the kept prices hold so far, and (when no time range filters rows) on a projection of the bytes
    /// they fill from the share of bytes read.
    /// </summary>
    public void CheckMemory(long bytesDone, long totalBytes)
    {
        var (prices, held, used) = Kept();
        long limit = _query.MemoryLimitBytes;
        int points = _order.Count(s => s.Session is not null);
        if (held > limit)
            throw Refuse(prices, held, points, projected: false, bytesDone, totalBytes);
        bool ranged = _query.FromUtc is not null || _query.ToUtc is not null;
        if (ranged || totalBytes <= 0 || bytesDone < Math.Max(1L << 20, totalBytes / 100)) return;
        double share = (double)totalBytes / bytesDone;
        if (used * share > limit)
            throw Refuse((long)(prices * share), (long)(used * share), points, projected: true, bytesDone, totalBytes);
    }

    private DataFormatException Refuse(long prices, long bytes, int points, bool projected, long bytesDone, long totalBytes)
    {
        static string Mb(double bytes) => (bytes / (1 << 20)).ToString("#,0.#", CultureInfo.InvariantCulture);
        string how = projected
            ? string.Create(CultureInfo.InvariantCulture, $"after {Mb(bytesDone)} of {Mb(totalBytes)} MB read, the files project to about {prices:#,0} prices")
            : string.Create(CultureInfo.InvariantCulture, $"{prices:#,0} prices are kept after {Mb(bytesDone)} of {Mb(totalBytes)} MB read");
        return new DataFormatException(
            string.Create(CultureInfo.InvariantCulture,
                $"loading every settlement point at once would not fit the memory limit: {how} for {points:#,0} point(s) so far, about {Mb(bytes)} MB ({AllPointsQuery.BytesPerPrice} bytes per price on each point's interval grid), over the limit of {Mb(_query.MemoryLimitBytes)} MB. Narrow the load: fewer days (--start/--end), fewer points (a point filter such as HB_*,LZ_*, or one point with --settlement-point), or raise the limit"),
            Path.GetFileName(_master.CurrentFile), column: "memory limit",
            value: string.Create(CultureInfo.InvariantCulture, $"{Mb(_query.MemoryLimitBytes)} MB"));
    }

    private PointSink Sink(string canonical)
    {
        if (_sinks.TryGetValue(canonical, out var sink)) return sink;
        bool keep = _query.Keeps(canonical);
        sink = new PointSink(canonical, keep
            ? new LoadSession(_query.ForPoint(canonical), listMode: false, 0, null, _master.Cancellation)
            : null);
        if (!keep) _filteredOut.Add(canonical);
        _sinks.Add(canonical, sink);
        _order.Add(sink);
        return sink;
    }

    private void Deliver(PointSink s, TableRow row)
    {
        if (s.Session is null) return;
        try
        {
            if (s.Table != _table) Begin(s);
            s.Layout!.OnRow(row);
        }
        catch (DataFormatException e)
        {
            s.Fail(e);
        }
    }

    /// <summary>The point's first row in this table: its own context and layout, as its own load would create them.</summary>
    private void Begin(PointSink s)
    {
        var session = s.Session!;
        Sync(s);
        var t = _masterTable!;
        var context = new TableContext(session, t.Display, t.FileName, t.LineLabel, t.BytesRead)
        {
            DecimalComma = t.DecimalComma,
            DelimitedText = t.DelimitedText,
        };
        int notes = session.Notes.Count;
        var layout = LayoutDetector.TryCreate(context, _header!)
            ?? throw new InvalidOperationException("The header recognised for the table is not recognised for one of its points.");
        // the layout's notes about the table are the master's, copied by Sync
        session.Notes.RemoveRange(notes, session.Notes.Count - notes);
        s.Context = context;
        s.Layout = layout;
        s.Table = _table;
    }
}

/// <summary>One settlement point of an all-points load: its own session, and its layout for the table being read.</summary>
internal sealed class PointSink(string name, LoadSession? session)
{
    /// <summary>Canonical name.</summary>
    public string Name { get; } = name;

    /// <summary>The point's session; null when the point is left out by the filter or has failed.</summary>
    public LoadSession? Session { get; private set; } = session;

    /// <summary>Why the point cannot be loaded (as <see cref="PriceLoader.Load"/> would throw it); null while it can.</summary>
    public DataFormatException? Error { get; private set; }

    /// <summary>True for a point the filter keeps.</summary>
    public bool Kept { get; } = session is not null;

    public int Table { get; set; } = -1;
    public TableContext? Context { get; set; }
    public PriceLayout? Layout { get; set; }
    public int NotesSynced { get; set; }
    public int LayoutsSynced { get; set; }
    public int SkippedSynced { get; set; }

    /// <summary>The point's series is built: its prices are freed.</summary>
    public void Release() => Session = null;

    public void Fail(DataFormatException e)
    {
        Error = e;
        Session = null; // its observations are freed
        Layout = null;
        Context = null;
    }
}
