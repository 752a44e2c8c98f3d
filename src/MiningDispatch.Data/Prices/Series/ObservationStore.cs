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
/// </summary>
internal sealed class ObservationStore
{
    private readonly List<Observation>[] _lists = [[], [], []];
    private readonly long _fromTicks;
    private readonly long _toTicks;

    public ObservationStore(DateTime? fromUtc, DateTime? toUtc)
    {
        _fromTicks = fromUtc?.Ticks ?? long.MinValue;
        _toTicks = toUtc?.Ticks ?? long.MaxValue;
    }

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

    public List<Observation> List(PriceMarket? market) => _lists[Slot(market)];

    /// <summary>Observations kept, every market.</summary>
    public int Count => _lists[0].Count + _lists[1].Count + _lists[2].Count;

    public void Add(PriceMarket? market, long ticks, int minutes, double price, int source, int line)
    {
        if (ticks < MinSeenTicks) MinSeenTicks = ticks;
        if (ticks > MaxSeenTicks) MaxSeenTicks = ticks;
        long hour = ticks - ticks % TimeSpan.TicksPerHour;
        if (hour < _fromTicks || hour >= _toTicks)
        {
            OutOfRange++;
            return;
        }
        _lists[Slot(market)].Add(new Observation { Ticks = ticks, Minutes = minutes, Price = price, Source = source, Line = line });
    }

    /// <summary>Current list lengths, to patch later what a table adds.</summary>
    public int[] Mark() => [_lists[0].Count, _lists[1].Count, _lists[2].Count];

    /// <summary>Sets the interval length of the observations added since <paramref name="mark"/> whose length was not known.</summary>
    public void SetUnknownMinutes(int[] mark, int minutes)
    {
        for (int s = 0; s < 3; s++)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_lists[s]);
            for (int i = mark[s]; i < span.Length; i++)
            {
                if (span[i].Minutes == 0) span[i].Minutes = minutes;
            }
        }
    }
}
