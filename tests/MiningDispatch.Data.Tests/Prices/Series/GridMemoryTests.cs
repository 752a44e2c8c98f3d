using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Prices.Series;

/// <summary>
/// The grids' memory outside the GC heap: chunks that do not overlap, blocks given back when their last chunk is,
/// and everything given back at the end; checked by writing every chunk and reading each back.
/// </summary>
public class GridMemoryTests
{
    private const int PerBlock = GridMemory.BlockBytes / GridMemory.ChunkBytes;

    private static unsafe Span<long> Words(nint chunk) => new((void*)chunk, GridMemory.ChunkBytes / sizeof(long));

    [Fact]
    public void Chunks_AreDistinctWritableAndAligned_TwoHundredFiftySixToABlock()
    {
        Assert.Equal(256, PerBlock); // 8 KiB chunks (1,024 prices) in 2 MiB blocks
        using var memory = new GridMemory();
        var chunks = new List<nint>();
        for (int i = 0; i < PerBlock + 3; i++) chunks.Add(memory.Rent());
        Assert.Equal(2, memory.Blocks);
        for (int i = 0; i < chunks.Count; i++)
        {
            Assert.Equal(0, chunks[i] % GridMemory.ChunkBytes);
            Words(chunks[i]).Fill(i * 1_000_003L);
        }
        // no chunk overlaps another: each still holds only its own pattern
        for (int i = 0; i < chunks.Count; i++) Assert.All(Words(chunks[i]).ToArray(), w => Assert.Equal(i * 1_000_003L, w));
        Assert.Equal(chunks.Count, chunks.Distinct().Count());
        // the first block's chunks are one aligned block
        nint block = chunks[0] & ~(nint)(GridMemory.BlockBytes - 1);
        Assert.All(chunks.Take(PerBlock), c => Assert.Equal(block, c & ~(nint)(GridMemory.BlockBytes - 1)));
    }

    [Fact]
    public void ABlock_IsFreedWithItsLastChunk_ButNotWhileItIsStillBeingCarved()
    {
        using var memory = new GridMemory();
        var first = Enumerable.Range(0, PerBlock).Select(_ => memory.Rent()).ToList();
        var second = Enumerable.Range(0, 5).Select(_ => memory.Rent()).ToList();
        Assert.Equal(2, memory.Blocks);
        foreach (var c in first.Skip(1)) memory.Return(c);
        Assert.Equal(2, memory.Blocks); // one chunk of the full block is still in use
        memory.Return(first[0]);
        Assert.Equal(1, memory.Blocks);
        foreach (var c in second) memory.Return(c);
        Assert.Equal(1, memory.Blocks); // the block being carved stays
        var again = memory.Rent();
        Words(again).Fill(7);
        Assert.Equal(7, Words(again)[^1]);
        Assert.Equal(1, memory.Blocks);
    }

    [Fact]
    public void Dispose_FreesEveryBlock_AndNoChunkIsHandedOutAfter()
    {
        var memory = new GridMemory();
        for (int i = 0; i < 3 * PerBlock; i++) memory.Rent();
        Assert.Equal(3, memory.Blocks);
        memory.Dispose();
        Assert.Equal(0, memory.Blocks);
        Assert.Throws<ObjectDisposedException>(() => memory.Rent());
        memory.Dispose(); // twice is harmless
    }

    [Fact]
    public void ManyThreads_RentingAndReturning_NeverShareAChunk()
    {
        using var memory = new GridMemory();
        var all = new System.Collections.Concurrent.ConcurrentBag<nint>();
        Parallel.For(0, 4, t =>
        {
            var mine = new List<nint>();
            for (int i = 0; i < 600; i++)
            {
                var c = memory.Rent();
                Words(c)[0] = t * 10_000 + i;
                mine.Add(c);
                if (i % 3 == 2)
                {
                    Assert.Equal(t * 10_000 + i - 2, Words(mine[^3])[0]);
                    memory.Return(mine[^3]);
                    mine.RemoveAt(mine.Count - 3);
                }
            }
            foreach (var c in mine) all.Add(c);
        });
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(4 * 400, all.Count);
    }

    [Fact]
    public void OnLinux_BlocksAreMarkedForHugePages()
    {
        // where the kernel has no transparent huge pages the advice is refused, and nothing else changes
        if (!OperatingSystem.IsLinux() || !File.Exists("/sys/kernel/mm/transparent_hugepage/enabled")) return;
        using var memory = new GridMemory();
        var chunk = memory.Rent();
        Words(chunk)[0] = 1;
        nint block = chunk & ~(nint)(GridMemory.BlockBytes - 1);
        // the block's mapping carries the "hg" flag (MADV_HUGEPAGE) in /proc/self/smaps
        string? flags = null;
        bool inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var range = line.Split(' ')[0].Split('-');
            if (range.Length == 2 && range.All(r => r.Length > 0 && r.All(char.IsAsciiHexDigit)))
            {
                long s = Convert.ToInt64(range[0], 16), e = Convert.ToInt64(range[1], 16);
                inside = s <= block && block < e;
            }
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
            {
                flags = line;
                break;
            }
        }
        Assert.NotNull(flags);
        Assert.Contains(" hg", flags, StringComparison.Ordinal);
    }
}
