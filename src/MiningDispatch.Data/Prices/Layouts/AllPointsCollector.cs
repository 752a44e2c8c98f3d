using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
internal sealed class AllPointsCollector : IDisposable
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
        _pipeline?.Drain();
        _version++;
        _table++;
        _masterTable = masterTable;
        _header = header;
        _layout = layout;
        _pointColumn = layout.PointNameColumn;
        _typeColumn = layout.TypeColumn;
        _columnSinks = [.. layout.ColumnPoints.Select(Sink)];
        _last = null;
        _lastLength = -1;
        _fieldCount = header.Names.Length;
        FastRows = layout is ErcotLayout && masterTable.DelimitedText && !masterTable.DecimalComma && _fieldCount <= 64;
        if (FastRows)
        {
            (_dateColumn, _hourColumn, _intervalColumn, _priceColumn, _flagColumn) = ((ErcotLayout)layout).Columns;
            _timeLast = _hourColumn == _dateColumn + 1 && (_intervalColumn < 0 || _intervalColumn == _hourColumn + 1)
                ? (_intervalColumn >= 0 ? _intervalColumn : _hourColumn)
                : -1;
            _timeLength = -1;
            if (_fieldStart.Length < _fieldCount) (_fieldStart, _fieldEnd) = (new int[_fieldCount], new int[_fieldCount]);
            if (_pipeline is null && !_query.OneThread && StorePipeline.Useful)
                _pipeline = new StorePipeline(CheckMemory, _master.Cancellation);
        }
        _lastEntry = null;
        _dateLength = 0;
    }

    /// <summary>True while the table's ordinary rows can be taken from their bytes (<see cref="TryFastRow"/>): an ERCOT layout in comma-delimited text.</summary>
    public bool FastRows { get; private set; }

    private int _fieldCount, _dateColumn, _hourColumn, _intervalColumn, _priceColumn, _flagColumn;
    private int[] _fieldStart = new int[16], _fieldEnd = new int[16];
    private readonly Dictionary<string, FastEntry> _fastEntries = new(StringComparer.Ordinal);
    private FastEntry? _lastEntry;

    /// <summary>The storing thread of the fast rows (two or more cores); null on one thread.</summary>
    private StorePipeline? _pipeline;
    private readonly byte[] _dateBytes = new byte[16];

    /// <summary>The last time column when the date, hour (and interval) columns are side by side, else -1: their bytes then identify the interval.</summary>
    private int _timeLast = -1;
    private readonly byte[] _timeBytes = new byte[48];
    private int _timeLength = -1;
    private long _timeTicks;
    private int _timeMinutes;
    private int _dateLength;
    private bool _dateOrdinary;
    private long _dateMidnightUtc;

    /// <summary>
    /// On a day with a clock change (the date cached by <see cref="TryDay"/>), the UTC ticks of each quarter-hour's
    /// start as the general path converts it for a row whose repeated-hour flag is not set, or
    /// <see cref="long.MinValue"/> where that conversion is not an ordinary one (an hour that does not exist).
    /// </summary>
    private readonly long[] _transitionTicks = new long[96];
    private DateOnly _dateDay;
    private bool _transitionFilled;

    /// <summary>
    /// A point name and type as raw bytes, its sink, and the entry of the row that followed it last time; and what the
    /// fast path needs of the sink, as of <see cref="Version"/> (the reading thread touches only its own entries while
    /// the storing thread writes the points' state).
    /// </summary>
    private sealed class FastEntry(byte[] name, byte[] type, PointSink sink, bool selectorMatches, int slot)
    {
        public byte[] Name { get; } = name;
        public byte[] Type { get; } = type;
        public PointSink Sink { get; } = sink;

        /// <summary>False when the point's own layout would not take the row as its point's (an odd name/type pair): such rows go the general way.</summary>
        public bool SelectorMatches { get; } = selectorMatches;
        public FastEntry? Next { get; set; }

        /// <summary>This entry's slot in the pipeline's layouts (<see cref="StorePipeline.Layouts"/>).</summary>
        public int Slot { get; } = slot;

        /// <summary>The collector's <see cref="_version"/> when <see cref="Deliver"/>, <see cref="Usable"/> and <see cref="Layout"/> were read from the sink; -1 never.</summary>
        public int Version { get; set; } = -1;

        /// <summary>The point is kept (its rows are stored).</summary>
        public bool Deliver { get; set; }

        /// <summary>Its ordinary rows can be taken from their bytes: not kept, or kept with a layout for this table and a selector that takes the name.</summary>
        public bool Usable { get; set; }

        /// <summary>The point's layout for this table when <see cref="Deliver"/> and <see cref="Usable"/>.</summary>
        public PriceLayout? Layout { get; set; }

        public bool Is(ReadOnlySpan<byte> name, ReadOnlySpan<byte> type) => name.SequenceEqual(Name) && type.SequenceEqual(Type);
    }

    /// <summary>
    /// Takes the next line of an ERCOT table from <paramref name="pending"/> (the bytes not read yet) when it is
    /// complete and ordinary: ASCII, comma-delimited with the header's number of fields (each quoted without inner quotes
    /// or delimiters, or unquoted), no blank around a field, an <c>M/d/yyyy</c> or <c>yyyy-MM-dd</c> date on a day
    /// without a clock change, hour ending 1..24, interval 1..4, no repeated-hour flag set, and a plain decimal price
    /// inside the plausible range. The row then has exactly the effect <see cref="OnRow"/> would give it (counted, and
    /// stored by its point's own layout, <see cref="PriceLayout.StoreOrdinary"/>). Returns the bytes of the line with its
    /// line break; 0, with nothing changed, for a line to be read, split and handled the general way; -1 when
    /// <paramref name="pending"/> holds no complete line.
    /// </summary>
    public int TryFastRow(ReadOnlySpan<byte> pending, int lineNumber)
    {
        int nl = SplitOrdinary(pending);
        if (nl <= 0) return nl;
        var line = pending[..nl];
        var name = Field(line, _pointColumn);
        if (name.IsEmpty) return 0;
        var type = _typeColumn >= 0 ? Field(line, _typeColumn) : default;
        var entry = _lastEntry?.Next;
        if (entry is null || !entry.Is(name, type))
        {
            entry = FindEntry(name, type);
            if (entry is null) return 0;
        }
        if (entry.Version != _version) Refresh(entry);
        if (!entry.Usable) return 0;
        bool deliver = entry.Deliver;
        long ticks = 0;
        int minutes = 0, decimals = 0;
        double price = 0;
        if (deliver && !TryOrdinaryValues(line, out ticks, out minutes, out price, out decimals)) return 0;
        if (_lastEntry is not null) _lastEntry.Next = entry;
        _lastEntry = entry;
        _master.RowsRead++;
        _master.Tick(_masterTable!.BytesRead);
        if (deliver)
        {
            if (_pipeline is { } pipeline) pipeline.Add(entry.Slot, ticks, minutes, price, decimals, lineNumber);
            else entry.Layout!.StoreOrdinary(ticks, minutes, price, decimals, lineNumber);
        }
        return nl + 1;
    }

    /// <summary>
    /// Bumped whenever a sink's session, table or layout may change (a row read the general way, a table begun or
    /// completed): the entries read their sink again (<see cref="Refresh"/>). The storing thread is idle then.
    /// </summary>
    private int _version;

    private void Refresh(FastEntry entry)
    {
        var sink = entry.Sink;
        entry.Deliver = sink.Session is not null;
        entry.Usable = !entry.Deliver || (entry.SelectorMatches && sink.Table == _table && sink.Layout is not null);
        entry.Layout = entry.Deliver && entry.Usable ? sink.Layout : null;
        entry.Version = _version;
        if (_pipeline is { } pipeline)
        {
            // no row of this slot is pending: the slot was never used, or the version changed at a drain
            var layouts = pipeline.Layouts;
            if (entry.Slot >= layouts.Length)
            {
                Array.Resize(ref layouts, Math.Max(entry.Slot + 1, layouts.Length * 2));
                pipeline.Layouts = layouts;
            }
            layouts[entry.Slot] = entry.Layout;
        }
    }

    private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> line, int index) => line[_fieldStart[index].._fieldEnd[index]];

    /// <summary>
    /// Splits the first line of <paramref name="pending"/> into the header's number of fields (a trailing CR is not
    /// part of the last); returns the line's length without its line break, 0 for a line the general splitter must
    /// see, -1 when there is no complete line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SplitOrdinary(ReadOnlySpan<byte> pending)
    {
        if (Vector256.IsHardwareAccelerated && pending.Length >= 64)
        {
            // the first 64 bytes at once: where the commas, quotes and the line break are, and any non-ASCII byte
            ref byte at = ref MemoryMarshal.GetReference(pending);
            var v0 = Vector256.LoadUnsafe(ref at);
            var v1 = Vector256.LoadUnsafe(ref at, 32);
            ulong nls = Mask(v0, v1, (byte)'\n');
            if (nls != 0)
            {
                int nl = BitOperations.TrailingZeroCount(nls);
                ulong within = (1UL << nl) - 1;
                ulong high = (Vector256.ExtractMostSignificantBits(v0) | ((ulong)Vector256.ExtractMostSignificantBits(v1) << 32)) & within;
                if (high != 0) return 0;
                int length = nl > 0 && pending[nl - 1] == (byte)'\r' ? nl - 1 : nl;
                ulong commas = Mask(v0, v1, (byte)',') & within;
                ulong quotes = Mask(v0, v1, (byte)'"') & within;
                if (TryRegularFields(length, commas, quotes, v0, v1)) return nl;
                return FieldsFromMasks(pending[..length], commas, quotes) ? nl : 0;
            }
        }
        int end = pending.IndexOf((byte)'\n');
        if (end < 0) return -1;
        var line = pending[..end];
        if (!line.IsEmpty && line[^1] == (byte)'\r') line = line[..^1];
        return SplitLine(line) ? end : 0;
    }

    /// <summary>
    /// The fields of a line of fewer than 64 bytes written the regular way: no field quoted, or every field quoted
    /// (a quote on each side of every comma, one first and one last, no other), and no blank or control character at the
    /// start or end of any field's text. False for any other line (<see cref="FieldsFromMasks"/> then decides).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool TryRegularFields(int length, ulong commas, ulong quotes, Vector256<byte> v0, Vector256<byte> v1)
    {
        if (length < 2 || BitOperations.PopCount(commas) != _fieldCount - 1) return false;
        ulong last = 1UL << (length - 1);
        int skip;
        ulong starts, ends;
        if (quotes == 0)
        {
            skip = 1;
            starts = (commas << 1) | 1;
            ends = (commas >> 1) | last;
        }
        else
        {
            // two distinct quotes per field: no field shorter than its two quotes, no quote shared by two fields
            if (quotes != ((commas >> 1) | (commas << 1) | 1 | last) || BitOperations.PopCount(quotes) != 2 * _fieldCount) return false;
            skip = 2;
            starts = (commas << 2) | 2;
            ends = (commas >> 2) | (last >> 1);
        }
        ulong blanks = Vector256.ExtractMostSignificantBits(Vector256.LessThanOrEqual(v0, Vector256.Create((byte)' ')))
            | ((ulong)Vector256.ExtractMostSignificantBits(Vector256.LessThanOrEqual(v1, Vector256.Create((byte)' '))) << 32);
        // a blank first or last in a field is one the general splitter trims (an empty field's start is its delimiter)
        if ((blanks & (starts | ends) & ((1UL << length) - 1)) != 0) return false;
        int start = skip - 1;
        for (int f = 0; f < _fieldCount - 1; f++)
        {
            int comma = BitOperations.TrailingZeroCount(commas);
            commas &= commas - 1;
            _fieldStart[f] = start;
            _fieldEnd[f] = comma - skip + 1;
            start = comma + skip;
        }
        _fieldStart[_fieldCount - 1] = start;
        _fieldEnd[_fieldCount - 1] = length - skip + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong Mask(Vector256<byte> v0, Vector256<byte> v1, byte value) =>
        Vector256.ExtractMostSignificantBits(Vector256.Equals(v0, Vector256.Create(value)))
        | ((ulong)Vector256.ExtractMostSignificantBits(Vector256.Equals(v1, Vector256.Create(value))) << 32);

    /// <summary>Fields of a line of at most 64 bytes from the positions of its commas and quotes.</summary>
    private bool FieldsFromMasks(ReadOnlySpan<byte> line, ulong commas, ulong quotes)
    {
        commas &= line.Length >= 64 ? ulong.MaxValue : (1UL << line.Length) - 1;
        quotes &= line.Length >= 64 ? ulong.MaxValue : (1UL << line.Length) - 1;
        if (BitOperations.PopCount(commas) != _fieldCount - 1) return false;
        int start = 0;
        bool any = false;
        for (int f = 0; f < _fieldCount; f++)
        {
            int end = f == _fieldCount - 1 ? line.Length : BitOperations.TrailingZeroCount(commas);
            commas &= commas - 1;
            int s = start, e = end;
            if (quotes != 0)
            {
                ulong fieldBits = (end >= 64 ? ulong.MaxValue : (1UL << end) - 1) & ~((1UL << start) - 1);
                int inField = BitOperations.PopCount(quotes & fieldBits);
                if (inField != 0)
                {
                    // one quoted field: a quote first and last, none between (a quoted delimiter would split it here)
                    if (inField != 2 || e - s < 2 || line[s] != (byte)'"' || line[e - 1] != (byte)'"') return false;
                    s++;
                    e--;
                }
            }
            if (e > s)
            {
                if (line[s] <= (byte)' ' || line[e - 1] <= (byte)' ') return false; // blanks the general splitter trims
                any = true;
            }
            _fieldStart[f] = s;
            _fieldEnd[f] = e;
            start = end + 1;
        }
        return any;
    }

    /// <summary>Splits an ordinary line (any length) into the header's number of fields; false for anything the general splitter must see.</summary>
    private bool SplitLine(ReadOnlySpan<byte> line)
    {
        if (!System.Text.Ascii.IsValid(line)) return false;
        int pos = 0, f = 0;
        bool any = false;
        while (true)
        {
            if (f == _fieldCount) return false;
            int start, end;
            if (pos < line.Length && line[pos] == (byte)'"')
            {
                int q = line[(pos + 1)..].IndexOf((byte)'"');
                if (q < 0) return false;
                start = pos + 1;
                end = start + q;
                pos = end + 1;
                if (pos < line.Length && line[pos] != (byte)',') return false; // a doubled quote, or text after the closing one
            }
            else
            {
                int c = line[pos..].IndexOf((byte)',');
                start = pos;
                end = c < 0 ? line.Length : pos + c;
                if (line[start..end].Contains((byte)'"')) return false;
                pos = end;
            }
            if (end > start)
            {
                if (line[start] <= (byte)' ' || line[end - 1] <= (byte)' ') return false; // blanks the general splitter trims
                any = true;
            }
            _fieldStart[f] = start;
            _fieldEnd[f] = end;
            f++;
            if (pos >= line.Length) break;
            pos++; // past the comma
            if (pos == line.Length)
            {
                if (f == _fieldCount) return false;
                _fieldStart[f] = _fieldEnd[f] = pos;
                f++;
                break;
            }
        }
        return any && f == _fieldCount;
    }

    /// <summary>The entry of a name and type not met on the previous row's path; null when its rows must go the general way.</summary>
    private FastEntry? FindEntry(ReadOnlySpan<byte> name, ReadOnlySpan<byte> type)
    {
        int length = name.Length + 1 + type.Length;
        if (length > 256) return null;
        Span<char> key = stackalloc char[length];
        System.Text.Ascii.ToUtf16(name, key, out _);
        key[name.Length] = '\u0001';
        System.Text.Ascii.ToUtf16(type, key[(name.Length + 1)..], out _);
        var lookup = _fastEntries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(key, out var entry)) return entry;
        var nameChars = key[..name.Length];
        var typeChars = key[(name.Length + 1)..];
        Span<char> buffer = stackalloc char[Math.Min(name.Length + 8, 512)];
        var canonical = buffer[..PointSelector.Canonicalize(nameChars, typeChars, buffer)];
        if (!_lookup.TryGetValue(canonical, out var sink)) sink = Sink(canonical.ToString());
        bool matches = PointSelector.Parse(sink.Name).Matches(nameChars, typeChars);
        entry = new FastEntry(name.ToArray(), type.ToArray(), sink, matches, _fastEntries.Count);
        _fastEntries.Add(key.ToString(), entry);
        return entry;
    }

    /// <summary>The row's interval start (UTC), length, price and decimals when every field is ordinary.</summary>
    private bool TryOrdinaryValues(ReadOnlySpan<byte> line, out long ticks, out int minutes, out double price, out int decimals)
    {
        ticks = 0;
        minutes = 0;
        decimals = 0;
        if (!TryPlainPrice(Field(line, _priceColumn), out price, out decimals)) return false;
        var rules = _master.Rules;
        if (price < rules.MinPrice || price > rules.MaxPrice) return false;
        if (_flagColumn >= 0)
        {
            var flag = Field(line, _flagColumn);
            if (!(flag.IsEmpty || (flag.Length == 1 && (flag[0] | 0x20) == 'n'))) return false;
        }
        // the rows of one interval (every point's) follow each other: the same date, hour and interval bytes
        ReadOnlySpan<byte> time = default;
        if (_timeLast >= 0)
        {
            time = line[_fieldStart[_dateColumn].._fieldEnd[_timeLast]];
            if (time.Length == _timeLength && time.SequenceEqual(_timeBytes.AsSpan(0, _timeLength)))
            {
                ticks = _timeTicks;
                minutes = _timeMinutes;
                return true;
            }
        }
        if (!TryDay(Field(line, _dateColumn), out long midnight, out bool transition)) return false;
        var h = Field(line, _hourColumn);
        if (h.Length >= 4 && h[^3..].SequenceEqual(":00"u8)) h = h[..^3];
        if (!TrySmall(h, out int he) || he is < 1 or > 24) return false;
        int interval = 1;
        minutes = 60;
        if (_intervalColumn >= 0)
        {
            if (!TrySmall(Field(line, _intervalColumn), out interval) || interval is < 1 or > 4) return false;
            minutes = 15;
        }
        int minuteOfDay = (he - 1) * 60 + (interval - 1) * 15;
        if (transition)
        {
            // a day with a clock change: only in a table with a repeated-hour flag column (the flag, not set, was
            // checked above); a table without one resolves such a day from its rows (FlaglessDayResolver)
            if (_flagColumn < 0) return false;
            ticks = TransitionTicks(minuteOfDay);
            if (ticks == long.MinValue) return false;
        }
        else
        {
            ticks = midnight + minuteOfDay * TimeSpan.TicksPerMinute;
        }
        if (_timeLast >= 0 && time.Length <= _timeBytes.Length)
        {
            time.CopyTo(_timeBytes);
            _timeLength = time.Length;
            _timeTicks = ticks;
            _timeMinutes = minutes;
        }
        return true;
    }

    /// <summary>One or two digits.</summary>
    private static bool TrySmall(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        return s.Length is 1 or 2 && Digits(s, out value);
    }

    /// <summary>
    /// A plain decimal (<c>-?digits[.digits]</c>, at most 15 digits): exactly the double the invariant parser gives, as the
    /// digits are an integer below 2^53 and the power of ten is exact, so one division rounds once, correctly.
    /// </summary>
    private static bool TryPlainPrice(ReadOnlySpan<byte> s, out double value, out int decimals)
    {
        value = 0;
        decimals = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && s[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        long mantissa = 0;
        int digits = 0, dot = -1;
        for (; i < s.Length; i++)
        {
            byte b = s[i];
            if (b == (byte)'.')
            {
                if (dot >= 0) return false;
                dot = i;
                continue;
            }
            if (!char.IsAsciiDigit((char)b) || ++digits > 15) return false;
            mantissa = mantissa * 10 + (b - '0');
        }
        if (digits == 0) return false;
        decimals = dot < 0 ? 0 : s.Length - dot - 1;
        value = mantissa / Pow10[decimals];
        if (negative) value = -value;
        return true;
    }

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>
    /// A delivery date (<c>M/d/yyyy</c> or <c>yyyy-MM-dd</c>): the UTC ticks of its midnight, and whether the clocks
    /// change that day (<see cref="TransitionTicks"/> then gives each interval's start).
    /// </summary>
    private bool TryDay(ReadOnlySpan<byte> s, out long midnightUtc, out bool transition)
    {
        if (s.Length == _dateLength && s.SequenceEqual(_dateBytes.AsSpan(0, _dateLength)))
        {
            midnightUtc = _dateMidnightUtc;
            transition = !_dateOrdinary;
            return true;
        }
        midnightUtc = 0;
        transition = false;
        int y, m, d;
        if (s.Length == 10 && s[4] == (byte)'-' && s[7] == (byte)'-')
        {
            if (!Digits(s[..4], out y) || !Digits(s[5..7], out m) || !Digits(s[8..], out d)) return false;
        }
        else
        {
            int a = s.IndexOf((byte)'/');
            if (a is < 1 or > 2) return false;
            int b = s[(a + 1)..].IndexOf((byte)'/');
            if (b is < 1 or > 2 || s.Length - (a + 1 + b + 1) != 4) return false;
            if (!Digits(s[..a], out m) || !Digits(s.Slice(a + 1, b), out d) || !Digits(s[(a + b + 2)..], out y)) return false;
        }
        if (y < 1000 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        bool ordinary = _master.Time.IsOrdinaryDay(new DateOnly(y, m, d), out long midnight);
        if (s.Length > _dateBytes.Length) return false;
        s.CopyTo(_dateBytes);
        _dateLength = s.Length;
        _dateOrdinary = ordinary;
        _dateMidnightUtc = midnight;
        _dateDay = new DateOnly(y, m, d);
        _transitionFilled = false;
        midnightUtc = midnight;
        transition = !ordinary;
        return true;
    }

    /// <summary>The UTC start of the quarter-hour at <paramref name="minuteOfDay"/> on the cached day with a clock change (see <see cref="_transitionTicks"/>).</summary>
    private long TransitionTicks(int minuteOfDay)
    {
        if (!_transitionFilled)
        {
            for (int q = 0; q < 96; q++)
                _transitionTicks[q] = _master.Time.ToUtc(_dateDay, q * 15, repeated: false, out long t) == LocalConversion.Ok ? t : long.MinValue;
            _transitionFilled = true;
        }
        return _transitionTicks[minuteOfDay / 15];
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (byte b in s)
        {
            if (!char.IsAsciiDigit((char)b)) return false;
            value = value * 10 + (b - '0');
        }
        return true;
    }

    /// <summary>A non-blank data row: to the sink of its point (a long table) or of every point column (a wide one).</summary>
    public void OnRow(TableRow row)
    {
        _pipeline?.Drain();
        _version++;
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
        _pipeline?.Drain();
        _version++;
        // the table's layouts hold their points' prices: nothing but the sinks may keep them (each is freed as its point is built)
        foreach (var entry in _fastEntries.Values) entry.Layout = null;
        _pipeline?.Layouts.AsSpan().Clear();
        FastRows = false;
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

    /// <summary>Prices kept so far by <paramref name="sinks"/>, the bytes they hold (as allocated) and the bytes they fill.</summary>
    private static (long Prices, long BytesHeld, long BytesUsed, int Points) Kept(IReadOnlyList<PointSink> sinks)
    {
        long n = 0, held = 0, used = 0;
        int points = 0;
        foreach (var s in sinks)
        {
            if (s.Session is not { } session) continue;
            var store = session.Store;
            n += store.Count;
            held += store.BytesHeld;
            used += store.BytesUsed;
            points++;
        }
        return (n, held, used, points);
    }

    /// <summary>
    /// The memory check every <see cref="LoadSession.MemoryCheckRows"/> rows read (<see cref="LoadSession.Tick(Func{long})"/>): with a storing thread it
    /// runs there, after the rows handed over before it (a row read the general way waits for it: <see cref="OnRow"/>
    /// drains first); otherwise here.
    /// </summary>
    public void CheckMemoryWhileReading(long bytesDone, long totalBytes)
    {
        if (_pipeline is { } pipeline) pipeline.RequestCheck([.. _order], bytesDone, totalBytes);
        else CheckMemory(_order, bytesDone, totalBytes);
    }

    /// <summary>Stops the storing thread, if one was started.</summary>
    public void Dispose()
    {
        _pipeline?.Dispose();
        _pipeline = null;
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
    public void CheckMemory(long bytesDone, long totalBytes) => CheckMemory(_order, bytesDone, totalBytes);

    /// <summary>As <see cref="CheckMemory(long, long)"/> over the points in <paramref name="sinks"/>.</summary>
    public void CheckMemory(IReadOnlyList<PointSink> sinks, long bytesDone, long totalBytes)
    {
        var (prices, held, used, points) = Kept(sinks);
        long limit = _query.MemoryLimitBytes;
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
            ? new LoadSession(_query.ForPoint(canonical), listMode: false, 0, null, _master.Grids, _master.Cancellation)
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
        Session?.Store.Release(); // its observations are freed (the storing thread is idle: every caller drained it)
        Session = null;
        Layout = null;
        Context = null;
    }
}
