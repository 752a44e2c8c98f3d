using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>State shared by every table read in one <see cref="PriceLoader"/> call.</summary>
internal sealed class LoadSession
{
    private readonly List<string> _sources = [];
    private readonly IProgress<LoadProgress>? _progress;
    private long _lastReported = -1;
    private int _rowTick;

    /// <summary>
    /// A session of its own; <paramref name="grids"/> is the memory its prices' grids take, owned by the caller (the load,
    /// which frees it when done).
    /// </summary>
    public LoadSession(PriceQuery? query, bool listMode, long totalBytes, IProgress<LoadProgress>? progress, GridMemory grids, CancellationToken ct)
    {
        Query = query;
        ListMode = listMode;
        Selector = listMode || query is null ? PointSelector.None : PointSelector.Parse(query.SettlementPoint);
        Grids = grids;
        Store = new ObservationStore(query?.FromUtc, query?.ToUtc, grids);
        TotalBytes = totalBytes;
        _progress = progress;
        Cancellation = ct;
        Rules = query?.Rules ?? PriceReadRules.Default;
    }

    /// <summary>
    /// The master session of an all-points load: its tables find each row's point and hand the row to that point's own
    /// session (<see cref="AllPoints"/>); <paramref name="query"/> gives the market, range, resolution and rules.
    /// </summary>
    public LoadSession(AllPointsQuery query, long totalBytes, IProgress<LoadProgress>? progress, GridMemory grids, CancellationToken ct)
    {
        Query = query.ForPoint("*");
        ListMode = false;
        Selector = PointSelector.None;
        Grids = grids;
        AllPoints = new AllPointsCollector(this, query);
        Store = new ObservationStore(null, null, grids);
        TotalBytes = totalBytes;
        _progress = progress;
        Cancellation = ct;
        Rules = query.Rules ?? PriceReadRules.Default;
    }

    /// <summary>Price bounds and date order.</summary>
    public PriceReadRules Rules { get; }

    public PriceQuery? Query { get; }

    /// <summary>The points of an all-points load; null when one point (or the list of points) is read.</summary>
    public AllPointsCollector? AllPoints { get; }
    public bool ListMode { get; }
    public PointSelector Selector { get; }
    public ObservationStore Store { get; }

    /// <summary>The memory of the load's grids: the points' sessions of an all-points load share the master's.</summary>
    public GridMemory Grids { get; }
    public CentralTime Time { get; } = new();
    public PointCollector Points { get; } = new();
    public CancellationToken Cancellation { get; }
    public List<string> Notes { get; } = [];
    public List<string> Layouts { get; } = [];
    public List<string> SkippedForMarket { get; } = [];

    /// <summary>Data rows read in all tables (every point).</summary>
    public long RowsRead { get; set; }

    /// <summary>Rows of the requested point found (before the range filter and de-duplication).</summary>
    public long RowsMatched { get; set; }

    /// <summary>Points are only collected until the requested point is found (they only serve the error message).</summary>
    public bool CollectPoints => ListMode || RowsMatched == 0;

    public int BlankPriceRows { get; private set; }
    public int PartialRows { get; private set; }
    private readonly List<string> _blankAt = [];
    private readonly List<string> _partialAt = [];

    public long TotalBytes { get; }
    public long CompletedBytes { get; set; }
    public string CurrentFile { get; set; } = "";

    /// <summary>
    /// True while reading a CSV found in a folder rather than named by the user: a table without a price header (a
    /// hashprice, load or curve CSV beside the prices) is skipped with a note instead of failing the run.
    /// </summary>
    public bool CurrentFileOptional { get; set; }

    public int RegisterSource(string display)
    {
        _sources.Add(display);
        return _sources.Count - 1;
    }

    public string SourceName(int id) => _sources[id];

    public void BlankPrice(TableContext t, int line)
    {
        BlankPriceRows++;
        if (_blankAt.Count < 5) _blankAt.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Display} {t.LineLabel} {line}"));
    }

    public void PartialRow(TableContext t, int line)
    {
        PartialRows++;
        if (_partialAt.Count < 5) _partialAt.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Display} {t.LineLabel} {line}"));
    }

    public int ExtremePriceRows { get; private set; }
    private readonly List<string> _extremeAt = [];

    /// <summary>A price outside the plausible range kept because extreme prices are allowed.</summary>
    public void ExtremePrice(TableContext t, int line, double price)
    {
        ExtremePriceRows++;
        if (_extremeAt.Count < 5) _extremeAt.Add(string.Create(CultureInfo.InvariantCulture, $"{t.Display} {t.LineLabel} {line}: {price:#,0.####}"));
    }

    /// <summary>Notes about skipped rows, for the quality report.</summary>
    public IEnumerable<string> SkippedRowNotes()
    {
        if (ExtremePriceRows > 0)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{ExtremePriceRows} price(s) {PriceReadRules.ExtremeNoteMarker} {Rules.RangeText} kept because extreme prices are allowed (e.g. {string.Join("; ", _extremeAt)}).");
        if (BlankPriceRows > 0)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{BlankPriceRows} row(s) of the point with an empty price skipped (e.g. {string.Join("; ", _blankAt)}).");
        if (PartialRows > 0)
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{PartialRows} partial row(s) (date, hour or point missing) skipped (e.g. {string.Join("; ", _partialAt)}).");
    }

    /// <summary>Called once per row: cancellation check and throttled progress.</summary>
    /// <summary>
    /// Rows read between two memory checks of an all-points load: the sum over every point's store is not free, and
    /// 65,536 prices are half a megabyte. A power of two (<see cref="Tick(Func{long})"/> masks the row count).
    /// </summary>
    internal const int MemoryCheckRows = 1 << 16;

    public void Tick(Func<long> bytesInFile)
    {
        if ((++_rowTick & 0xFFF) != 0) return;
        Cancellation.ThrowIfCancellationRequested();
        long bytes = bytesInFile();
        if ((_rowTick & (MemoryCheckRows - 1)) == 0) AllPoints?.CheckMemoryWhileReading(Math.Min(TotalBytes, CompletedBytes + bytes), TotalBytes);
        ReportProgress(bytes);
    }

    /// <summary>As <see cref="Tick(Func{long})"/> for <paramref name="rows"/> rows at once.</summary>
    public void Tick(Func<long> bytesInFile, int rows)
    {
        int before = _rowTick;
        _rowTick += rows;
        if ((before >> 12) == (_rowTick >> 12)) return;
        Cancellation.ThrowIfCancellationRequested();
        ReportProgress(bytesInFile());
    }

    public void ReportProgress(long bytesInFile)
    {
        if (_progress is null) return;
        long done = Math.Min(TotalBytes, CompletedBytes + bytesInFile);
        if (done == _lastReported) return;
        _lastReported = done;
        _progress.Report(new LoadProgress(CurrentFile, done, TotalBytes));
    }
}

/// <summary>One table being read: a CSV file, a worksheet, a JSON array or report page.</summary>
internal sealed class TableContext
{
    public TableContext(LoadSession session, string display, string fileName, string lineLabel, Func<long> bytesRead)
    {
        Session = session;
        Display = display;
        FileName = fileName;
        LineLabel = lineLabel;
        BytesRead = bytesRead;
        SourceId = session.RegisterSource(display);
        MarketHint = MarketHints.FromFileName(fileName);
    }

    public LoadSession Session { get; }

    /// <summary>File name plus sheet or zip entry, for messages.</summary>
    public string Display { get; }
    public string FileName { get; }

    /// <summary>"line", "row" or "record".</summary>
    public string LineLabel { get; }
    public Func<long> BytesRead { get; }
    public int SourceId { get; }
    public PriceMarket? MarketHint { get; }

    /// <summary>Semicolon-delimited text: a comma may be the decimal mark.</summary>
    public bool DecimalComma { get; set; }

    /// <summary>Delimited text (CSV): every data row of the point must have the header's fields, no more, no fewer.</summary>
    public bool DelimitedText { get; set; }

    /// <summary>Rows of the requested point found in this table.</summary>
    public long Matched { get; set; }

    public DataFormatException Error(string problem, int line, string? column, ReadOnlySpan<char> value) =>
        new(problem, Display, line, column, value.ToString());
}

/// <summary>Guesses the market from a file name ("…Real-time…", "…DAM…").</summary>
internal static class MarketHints
{
    public static PriceMarket? FromFileName(string fileName)
    {
        var tokens = Path.GetFileNameWithoutExtension(fileName).ToUpperInvariant()
            .Split(['_', '-', ' ', '.', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        bool rt = false, da = false;
        for (int i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            string next = i + 1 < tokens.Length ? tokens[i + 1] : "";
            if (t is "RT" or "RTM" or "REALTIME" || (t == "REAL" && next == "TIME") || t.StartsWith("RTM", StringComparison.Ordinal)) rt = true;
            if (t is "DA" or "DAM" or "DAYAHEAD" || (t == "DAY" && next == "AHEAD") || t.StartsWith("DAM", StringComparison.Ordinal)) da = true;
        }
        return rt == da ? null : rt ? PriceMarket.RealTime : PriceMarket.DayAhead;
    }
}
