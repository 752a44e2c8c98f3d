using System.Runtime.InteropServices;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// The memory of one load's interval grids (<see cref="IntervalSeries"/>): chunks of <see cref="ChunkBytes"/> carved
/// from blocks of <see cref="BlockBytes"/> outside the garbage-collected heap, each block given back as soon as the
/// last of its chunks is (<see cref="Return"/>), and all of them when the load ends (<see cref="Dispose"/>).
/// <para>
/// Why not arrays: the grids are most of what a load of every point keeps (8 bytes per price), and memory used for
/// the first time costs a page fault per 4 KiB. On Linux each block is aligned to 2 MiB and marked for transparent huge
/// pages (<c>madvise(MADV_HUGEPAGE)</c>), so it faults once instead of 512 times where the system allows huge pages
/// (<c>/sys/kernel/mm/transparent_hugepage/enabled</c> set to <c>always</c> or <c>madvise</c>, the usual default).
/// Measured on a 2-core VM: the grids of 1,000 points × 137 days of 15-minute prices (105 MB) took about 27,000 of a
/// run's 44,000 page faults as arrays, and almost none here. Elsewhere, and where huge pages are not allowed, the blocks
/// are ordinary memory and nothing else changes.
/// </para>
/// <para>Thread-safe: the storing thread takes chunks while the series of built points give theirs back.</para>
/// </summary>
internal sealed unsafe partial class GridMemory : IDisposable
{
    /// <summary>Bytes of one chunk: <see cref="IntervalSeries.ChunkSize"/> prices.</summary>
    public const int ChunkBytes = IntervalSeries.ChunkSize * sizeof(double);

    /// <summary>Bytes of one block: a huge page on x64 and arm64 Linux.</summary>
    public const int BlockBytes = 2 << 20;

    private const int ChunksPerBlock = BlockBytes / ChunkBytes;

    private readonly object _gate = new();
    private readonly Dictionary<nint, int> _live = [];
    private nint _current;
    private int _carved = ChunksPerBlock;
    private bool _disposed;

    /// <summary>Blocks held now.</summary>
    public int Blocks
    {
        get
        {
            lock (_gate) return _live.Count;
        }
    }

    /// <summary>A chunk of <see cref="ChunkBytes"/>, its contents undefined, valid until <see cref="Return"/> or <see cref="Dispose"/>.</summary>
    public nint Rent()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_carved == ChunksPerBlock)
            {
                _current = AllocateBlock();
                _live.Add(_current, 0);
                _carved = 0;
            }
            _live[_current]++;
            return _current + (nint)(_carved++ * (long)ChunkBytes);
        }
    }

    /// <summary>Gives back a chunk from <see cref="Rent"/>; its block is freed when none of its chunks is in use and no more will be carved from it.</summary>
    public void Return(nint chunk)
    {
        lock (_gate)
        {
            if (_disposed) return;
            nint block = chunk & ~(nint)(BlockBytes - 1);
            int left = --CollectionsMarshal.GetValueRefOrNullRef(_live, block);
            if (left > 0 || (block == _current && _carved < ChunksPerBlock)) return;
            _live.Remove(block);
            if (block == _current) _carved = ChunksPerBlock;
            FreeBlock(block);
        }
    }

    /// <summary>Frees every block: no chunk may be used after this.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var block in _live.Keys) FreeBlock(block);
            _live.Clear();
        }
        GC.SuppressFinalize(this);
    }

    ~GridMemory()
    {
        // a load that never reached its finally (the process is ending): give the blocks back all the same
        foreach (var block in _live.Keys) FreeBlock(block);
    }

    /// <summary>Linux, with its C library's mmap, munmap and madvise at hand; otherwise blocks come from the portable allocator.</summary>
    private static readonly bool s_mapped = OperatingSystem.IsLinux() && CanMap();

    private static bool CanMap()
    {
        try
        {
            nint page = Mmap(0, 4096, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (page == -1) return false;
            _ = Madvise(page, 4096, MadvHugePage);
            return Munmap(page, 4096) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static nint AllocateBlock()
    {
        if (s_mapped)
        {
            // twice the size, then the unaligned ends unmapped: a block aligned to its size (a huge page's)
            nint raw = Mmap(0, 2 * (nuint)BlockBytes, ProtRead | ProtWrite, MapPrivate | MapAnonymous, -1, 0);
            if (raw == -1) throw new InsufficientMemoryException($"No memory for another {BlockBytes >> 20} MiB block of price grids.");
            nint block = (raw + BlockBytes - 1) & ~(nint)(BlockBytes - 1);
            if (block > raw) _ = Munmap(raw, (nuint)(block - raw));
            nint end = raw + 2 * BlockBytes;
            if (end > block + BlockBytes) _ = Munmap(block + BlockBytes, (nuint)(end - (block + BlockBytes)));
            _ = Madvise(block, BlockBytes, MadvHugePage); // a hint: refused where huge pages are off
            return block;
        }
        return (nint)NativeMemory.AlignedAlloc(BlockBytes, BlockBytes);
    }

    private static void FreeBlock(nint block)
    {
        if (s_mapped) _ = Munmap(block, BlockBytes);
        else NativeMemory.AlignedFree((void*)block);
    }

    private const int ProtRead = 1, ProtWrite = 2, MapPrivate = 0x02, MapAnonymous = 0x20, MadvHugePage = 14;

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint addr, nuint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint addr, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(nint addr, nuint length, int advice);
}
