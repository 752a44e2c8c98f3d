using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// The second thread of an all-points read (<see cref="AllPointsCollector"/>): the reading thread splits and parses
/// each ordinary row and hands it here, in batches, to be stored by its point's layout
/// (<see cref="PriceLayout.StoreOrdinary"/>) on this thread, in the order the rows were read. Storing (each point's
/// grid, runs and counts) is a third or more of the work of a row; on two cores a warm read of every point takes
/// 1.46-1.84x less time than on one (bench/run, 0.5-2.7 GB files). The result is the same as on one thread.
/// <para>
/// Nothing else touches a point's layout, session or store while rows are pending here: every other path of the
/// collector (a row read the general way, the end of a table, the end of the load) first calls <see cref="Drain"/>,
/// which waits until every row handed over is stored. A memory check asked for while rows are pending runs here, after
/// the rows read before it (<see cref="RequestCheck"/>), so it sees exactly what it would see on one thread. A failure
/// here (a memory refusal) stops the storing and is thrown on the reading thread at its next hand-over or drain.
/// </para>
/// </summary>
internal sealed class StorePipeline : IDisposable
{
    /// <summary>
    /// Rows per batch (4 MB of rows). More than the rows between two memory checks
    /// (<see cref="LoadSession.MemoryCheckRows"/>, 65,536), each of which hands the batch over (<see cref="RequestCheck"/>),
    /// so a stretch of ordinary rows is one hand-over per check; with 32,768 rows it was two, the second with the check
    /// alone. Measured on the 2.7 GB quoted file (1,000 points, 52 M rows), cold
    /// validate of every point, runs interleaved: 3.57-5.72 s (median 4.70) against 3.82-6.33 s (median 5.22) on a busy
    /// host, 3.61-3.80 s against 4.08-4.20 s on a quieter one; 65,536 rows gave no gain (4.03-4.08 s).
    /// </summary>
    internal const int BatchRows = 2 * LoadSession.MemoryCheckRows;

    /// <summary>Batches in flight: one being filled, the others queued or being stored.</summary>
    private const int Batches = 4;

    /// <summary>One row: the slot of its point's layout in <see cref="Layouts"/>, and its parsed values (32 bytes, no reference to mark).</summary>
    private struct Row
    {
        public long Ticks;
        public double Price;
        public int Slot;
        public int Minutes;
        public int Decimals;
        public int Line;
    }

    private sealed class Batch
    {
        public readonly Row[] Rows = new Row[BatchRows];
        public int Count;

        /// <summary>The layouts by slot when the batch was handed over (it holds every slot its rows name).</summary>
        public PriceLayout?[] Layouts = [];

        /// <summary>A memory check to run after the batch's rows are stored: the points to sum, the bytes read then.</summary>
        public PointSink[]? CheckSinks;
        public long CheckBytesDone, CheckTotalBytes;
    }

    private readonly Batch[] _ring = new Batch[Batches];
    private readonly Action<IReadOnlyList<PointSink>, long, long> _check;
    private readonly CancellationToken _ct;
    private readonly Thread _thread;

    // Batches handed over and batches stored, each written by one thread only. The threads wait for each other by
    // spinning and yielding (then sleeping, after a while): a blocking hand-over costs a wake-up per batch, which on a
    // virtual machine can take longer than storing the batch.
    private long _produced;
    private long _consumed;
    private volatile bool _stopping;
    private volatile ExceptionDispatchInfo? _failure;
    private bool _disposed;

    /// <param name="check">The memory check (<see cref="AllPointsCollector.CheckMemory(IReadOnlyList{PointSink}, long, long)"/>), run on the storing thread.</param>
    /// <param name="ct">Stops a reading thread waiting for a free batch.</param>
    public StorePipeline(Action<IReadOnlyList<PointSink>, long, long> check, CancellationToken ct)
    {
        _check = check;
        _ct = ct;
        for (int i = 0; i < Batches; i++) _ring[i] = new Batch();
        _thread = new Thread(Store) { IsBackground = true, Name = "price store" };
        _thread.Start();
    }

    private Batch Current => _ring[_produced % Batches];

    /// <summary>True when a second thread is worth starting: two or more cores.</summary>
    public static bool Useful => Environment.ProcessorCount >= 2;

    /// <summary>
    /// The layout each row's slot stands for, kept by the reading thread. A slot is (re)assigned only when no row of it
    /// is pending (after a <see cref="Drain"/>, or for a slot never used), so a batch sees the layouts its rows were read for.
    /// </summary>
    public PriceLayout?[] Layouts { get; set; } = new PriceLayout?[1024];

    /// <summary>Hands over one ordinary row of the point whose layout is in <paramref name="slot"/> of <see cref="Layouts"/> (see <see cref="PriceLayout.StoreOrdinary"/>).</summary>
    public void Add(int slot, long ticks, int minutes, double price, int decimals, int line)
    {
        var b = Current;
        ref var r = ref b.Rows[b.Count];
        r.Slot = slot;
        r.Ticks = ticks;
        r.Price = price;
        r.Minutes = minutes;
        r.Decimals = decimals;
        r.Line = line;
        if (++b.Count == BatchRows) Submit();
    }

    /// <summary>Runs the memory check on the storing thread once the rows handed over so far are stored.</summary>
    public void RequestCheck(PointSink[] sinks, long bytesDone, long totalBytes)
    {
        var b = Current;
        b.CheckSinks = sinks;
        b.CheckBytesDone = bytesDone;
        b.CheckTotalBytes = totalBytes;
        Submit();
    }

    /// <summary>Waits until every row handed over is stored (and every check asked for has run); throws a failure of the storing thread.</summary>
    public void Drain()
    {
        if (Current.Count > 0) Submit(); // a check asked for is handed over at once (RequestCheck)
        var wait = new Waiter();
        while (Volatile.Read(ref _consumed) < _produced) wait.Pause(_ct);
        _failure?.Throw();
    }

    private void Submit()
    {
        _failure?.Throw();
        Current.Layouts = Layouts;
        Volatile.Write(ref _produced, _produced + 1);
        // the next batch is free once the one handed over a ring ago is stored
        var wait = new Waiter();
        while (_produced - Volatile.Read(ref _consumed) >= Batches) wait.Pause(_ct);
    }

    // The storing thread's one call, looping for the whole read: compiled optimised at once rather than left in its
    // ReadyToRun code, which tiered compilation cannot replace in the middle of a loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Store()
    {
        var wait = new Waiter();
        while (true)
        {
            long next = _consumed;
            if (Volatile.Read(ref _produced) == next)
            {
                if (_stopping && Volatile.Read(ref _produced) == next) return;
                wait.Pause(CancellationToken.None);
                continue;
            }
            wait = new Waiter();
            var b = _ring[next % Batches];
            if (_failure is null)
            {
                try
                {
                    var rows = b.Rows;
                    var layouts = b.Layouts;
                    for (int i = 0; i < b.Count; i++)
                    {
                        ref var r = ref rows[i];
                        layouts[r.Slot]!.StoreOrdinary(r.Ticks, r.Minutes, r.Price, r.Decimals, r.Line);
                    }
                    if (b.CheckSinks is { } sinks) _check(sinks, b.CheckBytesDone, b.CheckTotalBytes);
                }
#pragma warning disable CA1031 // any failure here is the reading thread's to throw
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                }
            }
            b.Count = 0;
            b.CheckSinks = null;
            b.Layouts = [];
            Volatile.Write(ref _consumed, next + 1);
        }
    }

    /// <summary>Waits by spinning, then yielding the core, then (after about 2 ms) sleeping a millisecond at a time.</summary>
    private struct Waiter
    {
        private int _spins;
        private long _since;

        public void Pause(CancellationToken ct)
        {
            if (_spins < 64)
            {
                _spins++;
                Thread.SpinWait(20);
                return;
            }
            if (_since == 0) _since = Environment.TickCount64;
            ct.ThrowIfCancellationRequested();
            if (Environment.TickCount64 - _since < 2) Thread.Yield();
            else Thread.Sleep(1);
        }
    }

    /// <summary>Stops the storing thread (after the batches queued, unless a failure stopped it); the rows of the batch being filled are dropped.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _stopping = true;
        _thread.Join();
    }
}
