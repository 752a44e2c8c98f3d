using MiningDispatch.Data.ErcotApi;

namespace MiningDispatch.App.Results;

/// <summary>One CSV file written by <c>fetch</c>.</summary>
/// <param name="Report">The report.</param>
/// <param name="Point">Settlement point (null for AS prices and system load).</param>
/// <param name="Path">Full path of the file.</param>
/// <param name="Rows">Data rows written.</param>
/// <param name="FromCache">True when the rows came from the cache (no request sent).</param>
/// <param name="Requests">API requests sent for it (0 from the cache).</param>
public sealed record FetchedFile(ErcotReport Report, string? Point, string Path, int Rows, bool FromCache, int Requests);

/// <summary>What <c>fetch</c> did: the files written into <paramref name="OutDirectory"/> and the cache file used.</summary>
public sealed record FetchResult(string OutDirectory, IReadOnlyList<FetchedFile> Files, string CacheFile)
{
    /// <summary>API requests sent in all.</summary>
    public int Requests => Files.Sum(f => f.Requests);
}
