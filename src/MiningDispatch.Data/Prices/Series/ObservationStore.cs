using System.Buffers;
using System.Runtime.InteropServices;

namespace MiningDispatch.Data.Prices;

/// <summary>One price observation of the requested point: an interval start (UTC ticks), its length and its source.</summary>
internal struct Observation
{
    public long Ticks;
    /// <summary>Interval length in minutes (60 hourly, 15 real-time); 0 while a layout has not inferred it yet.</summary>
    public int Minutes;
    public double Price;
    public int Source;
    public int Line;
}

/// <summary>
/// Observations of the requested point kept per market (real-time, day-ahead, not stated). Applies the time range on
/// the UTC hour an interval falls in, and remembers the span of everything seen for error messages.
/// <para>
/// Kept compactly: each market's prices go straight into an <see cref="IntervalSeries"/>, the point's interval grid
/// (8 bytes per interval, in chunks from <see cref="GridMemory"/>), with the file and line of every price kept as runs
/// (one per stretch of consecutive intervals whose lines step evenly, as they do in a file sorted by time). Only what does not fit that
/// grid (a second price for an interval, an interval of another length or off the grid, a length not known yet) is
/// kept as a full 32-byte <see cref="Observation"/> beside it. <see cref="Materialize"/> gives back exactly the
/// observations that were added, so the series built from them is the same as from a plain list.
/// </para>
/// </summary>
internal sealed class ObservationStore
{
    private readonly IntervalSeries?[] _series = new IntervalSeries?[3];
    private readonly GridMemory _memory;
    private readonly long _fromTicks;
    private readonly long _toTicks;

    /// <summary>A store whose grids take their memory from <paramref name="memory"/> (owned by the load, which frees it when done).</summary>
    public ObservationStore(DateTime? fromUtc, DateTime? toUtc, GridMemory memory)
    {
        _memory = memory;
        _fromTicks = fromUtc?.Ticks ?? long.MinValue;
        _toTicks = toUtc?.Ticks ?? long.MaxValue;
        _ranged = fromUtc is not null || toUtc is not null;
    }

    private readonly bool _ranged;

    /// <summary>Earliest interval start seen for the point (before the range filter), UTC ticks.</summary>
    public long MinSeenTicks { get; private set; } = long.MaxValue;

    /// <summary>Latest interval start seen for the point (before the range filter), UTC ticks.</summary>
    public long MaxSeenTicks { get; private set; } = long.MinValue;

    /// <summary>Observations dropped by the time range.</summary>
    public long OutOfRange { get; private set; }

    public static int Slot(PriceMarket? market) => market switch
    {
        PriceMarket.RealTime => 0,
        PriceMarket.DayAhead => 1,
        _ => 2,
    };

    /// <summary>The series of one market; null when nothing was kept for it.</summary>
    public IntervalSeries? Series(PriceMarket? market) => _series[Slot(market)];

    /// <summary>Observations kept for one market.</summary>
    public int CountOf(PriceMarket? market) => _series[Slot(market)]?.Count ?? 0;

    /// <summary>Observations kept, every market.</summary>
    public int Count => CountOf(PriceMarket.RealTime) + CountOf(PriceMarket.DayAhead) + CountOf(null);

    /// <summary>Bytes the kept observations hold now (arrays as allocated).</summary>
    public long BytesHeld => (_series[0]?.BytesHeld ?? 0) + (_series[1]?.BytesHeld ?? 0) + (_series[2]?.BytesHeld ?? 0);

    /// <summary>Bytes the kept observations need (arrays as filled): the basis of a projection.</summary>
    public long BytesUsed => (_series[0]?.BytesUsed ?? 0) + (_series[1]?.BytesUsed ?? 0) + (_series[2]?.BytesUsed ?? 0);

    public void Add(PriceMarket? market, long ticks, int minutes, double price, int source, int line)
    {
        if (ticks < MinSeenTicks) MinSeenTicks = ticks;
        if (ticks > MaxSeenTicks) MaxSeenTicks = ticks;
        if (_ranged)
        {
            long hour = ticks - ticks % TimeSpan.TicksPerHour;
            if (hour < _fromTicks || hour >= _toTicks)
            {
                OutOfRange++;
                return;
            }
        }
        int slot = Slot(market);
        (_series[slot] ??= new IntervalSeries(_memory)).Add(ticks, minutes, price, source, line);
    }

    /// <summary>Gives the grids' memory back: nothing may be read from the store after this.</summary>
    public void Release()
    {
        for (int s = 0; s < 3; s++)
        {
            _series[s]?.Release();
            _series[s] = null;
        }
    }

    /// <summary>Current numbers of off-grid observations, to patch later what a table adds.</summary>
    public int[] Mark() => [_series[0]?.SideCount ?? 0, _series[1]?.SideCount ?? 0, _series[2]?.SideCount ?? 0];

    /// <summary>Sets the interval length of the observations added since <paramref name="mark"/> whose length was not known.</summary>
    public void SetUnknownMinutes(int[] mark, int minutes)
    {
        for (int s = 0; s < 3; s++) _series[s]?.SetUnknownMinutes(mark[s], minutes);
    }

    /// <summary>
    /// The first observation, in the order they were added (market by market, in the order of <paramref name="markets"/>),
    /// whose interval is not <paramref name="minutes"/> long; false when every one is.
    /// </summary>
    public bool FirstOtherThan(int minutes, ReadOnlySpan<int> markets, out Observation other)
    {
        foreach (int m in markets)
        {
            if (_series[m] is { } s && s.FirstOtherThan(minutes, out other)) return true;
        }
        other = default;
        return false;
    }

    /// <summary>
    /// Writes the observations of <paramref name="markets"/> ordered by interval start, without two of the same
    /// interval, into <paramref name="buffer"/> (rented from <see cref="ArrayPool{T}.Shared"/>, to be returned by the
    /// caller) when one market holds them all on its grid (nothing to sort, nothing to de-duplicate); returns how many,
    /// or -1 (nothing rented) when they must be sorted.
    /// </summary>
    public int SortedUnique(ReadOnlySpan<int> markets, out Observation[]? buffer)
    {
        buffer = null;
        IntervalSeries? only = null;
        foreach (int m in markets)
        {
            if (_series[m] is not { Count: > 0 } s) continue;
            if (only is not null) return -1;
            only = s;
        }
        if (only is null) return 0;
        if (only.SideCount > 0) return -1;
        buffer = ArrayPool<Observation>.Shared.Rent(only.GridCount);
        only.GridInOrder(buffer);
        return only.GridCount;
    }

    /// <summary>Every observation of <paramref name="markets"/> (in no particular order).</summary>
    public List<Observation> Materialize(ReadOnlySpan<int> markets)
    {
        int n = 0;
        foreach (int m in markets) n += _series[m]?.Count ?? 0;
        var list = new List<Observation>(n);
        foreach (int m in markets) _series[m]?.AddTo(list);
        return list;
    }
}

/// <summary>
/// One market's observations of a point. Prices on the grid (every interval as long as the first one, starting on its
/// phase) are kept in chunks of <see cref="ChunkSize"/> intervals from <see cref="GridMemory"/>, NaN where there is
/// none; the file and line of each are kept as <see cref="Run"/>s. Everything else is a full observation in a side list.
/// </summary>
internal sealed unsafe class IntervalSeries(GridMemory memory)
{
    /// <summary>Intervals per chunk (8 KiB of prices).</summary>
    public const int ChunkSize = 1024;
    private const int ChunkShift = 10;
    private const int ChunkMask = ChunkSize - 1;


    /// <summary>Bytes of one run in its list.</summary>
    private const int RunBytes = 20;

    /// <summary>Bytes of one off-grid observation in its list.</summary>
    private const int SideBytes = 32;

    /// <summary>Consecutive intervals of the grid whose lines step evenly in one file.</summary>
    private struct Run
    {
        public int FirstSlot;
        public int Count;
        public int FirstLine;
        public int LineStep;
        public int Source;
    }

    private int _minutes;          // grid interval length; 0 until the first on-grid observation
    private long _step;            // ticks
    private long _phase;           // ticks of slot 0
    /// <summary>Addresses of the chunks (0 where none was needed), chunk number <see cref="_chunkBase"/> first.</summary>
    private nint[] _chunks = [];
    private int _chunkBase;        // chunk number of _chunks[0]
    private int _allocatedChunks;
    /// <summary>The runs before the last one (<see cref="_open"/>), which is kept here, beside the grid's state, while it grows.</summary>
    private readonly List<Run> _runs = [];
    private Run _open;
    private bool _hasOpen;

    /// <summary>The chunk last written (its number and address), so a price in the same chunk skips the chunk table.</summary>
    private int _lastChunk = int.MinValue;
    private double* _lastValues;
    private readonly List<Observation> _side = [];
    private int _sideBeforeGrid = -1; // side observations added before the first grid one
    private long _lastTicks = long.MinValue;
    private int _lastSlot;

    /// <summary>Observations kept.</summary>
    public int Count => GridCount + _side.Count;

    /// <summary>Observations on the grid.</summary>
    public int GridCount { get; private set; }

    /// <summary>Observations off the grid.</summary>
    public int SideCount => _side.Count;

    public long BytesHeld => (long)_allocatedChunks * GridMemory.ChunkBytes + (long)(_runs.Capacity + (_hasOpen ? 1 : 0)) * RunBytes + (long)_side.Capacity * SideBytes;

    public long BytesUsed => (long)GridCount * sizeof(double) + (long)(_runs.Count + (_hasOpen ? 1 : 0)) * RunBytes + (long)_side.Count * SideBytes;

    public void Add(long ticks, int minutes, double price, int source, int line)
    {
        if (!TrySlot(ticks, minutes, price, out int slot) || !TryPut(slot, price))
        {
            _side.Add(new Observation { Ticks = ticks, Minutes = minutes, Price = price, Source = source, Line = line });
            return;
        }
        if (GridCount++ == 0) _sideBeforeGrid = _side.Count;
        if (_hasOpen)
        {
            ref var r = ref _open;
            if (r.Source == source && slot == r.FirstSlot + r.Count)
            {
                if (r.Count == 1)
                {
                    r.LineStep = line - r.FirstLine;
                    r.Count = 2;
                    return;
                }
                if (r.FirstLine + (long)r.Count * r.LineStep == line)
                {
                    r.Count++;
                    return;
                }
            }
            _runs.Add(r);
        }
        _open = new Run { FirstSlot = slot, Count = 1, FirstLine = line, Source = source };
        _hasOpen = true;
    }

    /// <summary>Every run, in the order they began (the last one moved into the list: readers only, after the adding).</summary>
    private List<Run> Runs()
    {
        if (_hasOpen)
        {
            _runs.Add(_open);
            _hasOpen = false;
        }
        return _runs;
    }

    /// <summary>The grid slot of an observation; false when it does not fit the grid.</summary>
    private bool TrySlot(long ticks, int minutes, double price, out int slot)
    {
        slot = 0;
        if (minutes <= 0 || double.IsNaN(price)) return false;
        if (_minutes == 0)
        {
            _minutes = minutes;
            _step = minutes * TimeSpan.TicksPerMinute;
            _phase = ticks;
            _lastTicks = ticks;
            _lastSlot = 0;
            return true;
        }
        if (minutes != _minutes) return false;
        if (ticks == _lastTicks + _step && _lastSlot < int.MaxValue)
        {
            slot = ++_lastSlot;
            _lastTicks = ticks;
            return true;
        }
        long d = ticks - _phase;
        if (d % _step != 0) return false;
        long s = d / _step;
        if (s is < int.MinValue / 2 or > int.MaxValue / 2) return false;
        slot = (int)s;
        _lastSlot = slot;
        _lastTicks = ticks;
        return true;
    }

    /// <summary>Writes the price into its slot; false when the slot already holds one (the new one goes to the side).</summary>
    private bool TryPut(int slot, double price)
    {
        int chunk = slot >> ChunkShift;
        if (chunk == _lastChunk)
        {
            ref double last = ref _lastValues[slot & ChunkMask];
            if (!double.IsNaN(last)) return false;
            last = price;
            return true;
        }
        if (_allocatedChunks == 0)
        {
            _chunkBase = chunk;
            _chunks = new nint[4];
        }
        int index = chunk - _chunkBase;
        if (index < 0)
        {
            int grow = Math.Max(-index, _chunks.Length);
            var bigger = new nint[_chunks.Length + grow];
            Array.Copy(_chunks, 0, bigger, grow, _chunks.Length);
            _chunks = bigger;
            _chunkBase -= grow;
            index += grow;
        }
        else if (index >= _chunks.Length)
        {
            Array.Resize(ref _chunks, Math.Max(index + 1, _chunks.Length * 2));
        }
        var values = (double*)_chunks[index];
        if (values is null)
        {
            values = (double*)memory.Rent();
            new Span<double>(values, ChunkSize).Fill(double.NaN);
            _chunks[index] = (nint)values;
            _allocatedChunks++;
        }
        _lastChunk = chunk;
        _lastValues = values;
        ref double cell = ref values[slot & ChunkMask];
        if (!double.IsNaN(cell)) return false;
        cell = price;
        return true;
    }

    private long TicksOf(int slot) => _phase + slot * _step;

    private double PriceOf(int slot)
    {
        var values = (double*)_chunks[(slot >> ChunkShift) - _chunkBase];
        if (values is null) throw new ObjectDisposedException(nameof(IntervalSeries), "The series' grid was given back.");
        return values[slot & ChunkMask];
    }

    /// <summary>Gives the chunks back to <see cref="GridMemory"/>; the grid reads as given back from then on.</summary>
    public void Release()
    {
        for (int i = 0; i < _chunks.Length; i++)
        {
            if (_chunks[i] != 0) memory.Return(_chunks[i]);
            _chunks[i] = 0;
        }
        _allocatedChunks = 0;
        _lastChunk = int.MinValue;
        _lastValues = null;
    }

    public void SetUnknownMinutes(int mark, int minutes)
    {
        var side = CollectionsMarshal.AsSpan(_side);
        for (int i = mark; i < side.Length; i++)
        {
            if (side[i].Minutes == 0) side[i].Minutes = minutes;
        }
    }

    /// <summary>The first observation added whose length is not <paramref name="minutes"/>.</summary>
    public bool FirstOtherThan(int minutes, out Observation other)
    {
        int firstSide = _side.FindIndex(o => o.Minutes != minutes);
        bool gridOther = GridCount > 0 && _minutes != minutes;
        if (gridOther && (firstSide < 0 || firstSide >= _sideBeforeGrid))
        {
            var r = Runs()[0];
            other = new Observation { Ticks = TicksOf(r.FirstSlot), Minutes = _minutes, Price = PriceOf(r.FirstSlot), Source = r.Source, Line = r.FirstLine };
            return true;
        }
        if (firstSide >= 0)
        {
            other = _side[firstSide];
            return true;
        }
        other = default;
        return false;
    }

    /// <summary>Writes the grid's observations ordered by interval start into <paramref name="into"/>.</summary>
    public void GridInOrder(Span<Observation> into)
    {
        var runs = CollectionsMarshal.AsSpan(Runs());
        bool ordered = true;
        for (int i = 1; i < runs.Length && ordered; i++) ordered = runs[i - 1].FirstSlot < runs[i].FirstSlot;
        if (!ordered)
        {
            var copy = runs.ToArray();
            Array.Sort(copy, static (a, b) => a.FirstSlot.CompareTo(b.FirstSlot));
            runs = copy;
        }
        int n = 0;
        foreach (var r in runs) n = Write(r, into, n);
    }

    /// <summary>Appends every observation (grid, then side) to <paramref name="list"/>.</summary>
    public void AddTo(List<Observation> list)
    {
        int start = list.Count;
        CollectionsMarshal.SetCount(list, start + GridCount);
        var span = CollectionsMarshal.AsSpan(list);
        int n = start;
        foreach (var r in Runs()) n = Write(r, span, n);
        list.AddRange(_side);
    }

    private int Write(Run r, Span<Observation> into, int n)
    {
        for (int k = 0; k < r.Count; k++)
        {
            int slot = r.FirstSlot + k;
            into[n++] = new Observation
            {
                Ticks = TicksOf(slot),
                Minutes = _minutes,
                Price = PriceOf(slot),
                Source = r.Source,
                Line = (int)(r.FirstLine + (long)k * r.LineStep),
            };
        }
        return n;
    }
}
