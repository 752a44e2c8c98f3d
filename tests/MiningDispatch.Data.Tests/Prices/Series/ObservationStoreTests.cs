using System.Buffers;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Prices.Series;

/// <summary>
/// The compact store keeps prices on each market's interval grid and everything else beside it: what it gives back
/// must be exactly the observations added (checked against a plain list kept by the test), in any order of adding.
/// </summary>
public class ObservationStoreTests
{
    private static readonly long Quarter = TimeSpan.FromMinutes(15).Ticks;
    private static readonly long T0 = new DateTime(2024, 1, 10, 6, 0, 0, DateTimeKind.Utc).Ticks;

    private static List<(long, int, double, int, int)> Key(IEnumerable<Observation> o) =>
        [.. o.Select(x => (x.Ticks, x.Minutes, x.Price, x.Source, x.Line)).Order()];

    [Fact]
    public void Materialize_GivesBackEveryObservation_DuplicatesOffGridOutOfOrderUnknownLengths()
    {
        var rng = new Random(7);
        using var memory = new GridMemory();
        var store = new ObservationStore(null, null, memory);
        var plain = new List<Observation>();
        void Add(long ticks, int minutes, double price, int source, int line)
        {
            store.Add(PriceMarket.RealTime, ticks, minutes, price, source, line);
            plain.Add(new Observation { Ticks = ticks, Minutes = minutes, Price = price, Source = source, Line = line });
        }
        // a file in time order, lines 1,000 apart (1,000 points), with a gap
        for (int i = 0; i < 3000; i++)
            if (i is < 1200 or > 1210) Add(T0 + i * Quarter, 15, Math.Round(rng.NextDouble() * 100, 2), 0, 2 + i * 1000);
        // a second file, earlier in time (the grid grows to the front), lines 1 apart
        for (int i = 1; i <= 2500; i++) Add(T0 - i * Quarter, 15, i / 100.0, 1, 1 + i);
        // an exact duplicate, a conflicting price, an hourly price, an off-phase one and deferred fall-back rows out of order
        Add(T0 + 5 * Quarter, 15, plain[5].Price, 2, 9);
        Add(T0 + 6 * Quarter, 15, 999.99, 2, 10);
        Add(T0, 60, 42.0, 2, 11);
        Add(T0 + 7 * Quarter + 1, 15, 1.5, 2, 12);
        Add(T0 + 1205 * Quarter, 15, 3.25, 2, 13);
        Add(T0 + 1201 * Quarter, 15, 3.5, 2, 14);

        Assert.Equal(plain.Count, store.Count);
        Assert.Equal(plain.Count, store.CountOf(PriceMarket.RealTime));
        Assert.Equal(Key(plain), Key(store.Materialize([0, 2])));
        Assert.Equal(-1, store.SortedUnique([0, 2], out var none)); // duplicates and off-grid prices: sorted and de-duplicated by the aggregator
        Assert.Null(none);

        Assert.True(store.FirstOtherThan(15, [0, 2], out var other));
        Assert.Equal((T0, 60, 11), (other.Ticks, other.Minutes, other.Line));
    }

    [Fact]
    public void OneMarketOnItsGrid_IsAlreadySortedAndUnique_AndTakesEightBytesAPrice()
    {
        using var memory = new GridMemory();
        var store = new ObservationStore(null, null, memory);
        var plain = new List<Observation>();
        // 100 points' worth of lines, 20 days of 15-minute prices, written in two files in reverse time order
        for (int file = 1; file >= 0; file--)
        {
            for (int i = 0; i < 960; i++)
            {
                long ticks = T0 + (file * 960 + i) * Quarter;
                double price = (file * 960 + i) % 97 - 20.5;
                store.Add(PriceMarket.DayAhead, ticks, 15, price, file, 2 + 100 * i);
                plain.Add(new Observation { Ticks = ticks, Minutes = 15, Price = price, Source = file, Line = 2 + 100 * i });
            }
        }
        int n = store.SortedUnique([1, 2], out var buffer);
        Assert.Equal(1920, n);
        var sorted = buffer.AsSpan(0, n).ToArray();
        var expected = plain.OrderBy(o => o.Ticks).ToList();
        Assert.Equal(Key(expected), Key(sorted));
        for (int i = 1; i < sorted.Length; i++) Assert.Equal(sorted[i - 1].Ticks + Quarter, sorted[i].Ticks);
        Assert.False(store.FirstOtherThan(15, [1, 2], out _));
        // 1,920 prices fill 1,920 x 8 = 15,360 bytes; two runs of line steps (one per file) of 20 bytes each
        Assert.Equal(1920 * 8 + 2 * 20, store.BytesUsed);
        ArrayPool<Observation>.Shared.Return(buffer!);

        // the grid is two chunks of 1,024 intervals (slots -960..959 around the first price added), in one block
        Assert.Equal(1, memory.Blocks);
        store.Release();
        Assert.Equal(1, memory.Blocks); // the block is still being carved
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AReleasedSeries_RefusesToBeRead_InsteadOfReadingFreedMemory()
    {
        using var memory = new GridMemory();
        var series = new IntervalSeries(memory);
        for (int i = 0; i < 10; i++) series.Add(T0 + i * Quarter, 15, i, 0, 2 + i);
        var into = new Observation[10];
        series.GridInOrder(into);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9], into.Select(o => o.Price));
        series.Release();
        Assert.Throws<ObjectDisposedException>(() => series.GridInOrder(into));
    }

    [Fact]
    public void UnknownLengths_ArePatchedFromTheMark_AndTheRangeIsApplied()
    {
        using var memory = new GridMemory();
        var store = new ObservationStore(new DateTime(2024, 1, 10, 7, 0, 0, DateTimeKind.Utc), null, memory);
        store.Add(null, T0, 0, 1.0, 0, 2);                       // before the range: dropped
        var mark = store.Mark();
        store.Add(null, T0 + 4 * Quarter, 0, 2.0, 0, 3);
        store.Add(null, T0 + 8 * Quarter, 0, 3.0, 0, 4);
        store.SetUnknownMinutes(mark, 60);
        Assert.Equal(1, store.OutOfRange);
        Assert.Equal(T0, store.MinSeenTicks);
        var all = store.Materialize([2]);
        Assert.Equal([60, 60], all.Select(o => o.Minutes));
        Assert.Equal([2.0, 3.0], all.OrderBy(o => o.Ticks).Select(o => o.Price));
    }
}
