namespace MiningDispatch.Benchmarks.Figures;

/// <summary>Locations in the repository the benchmarks read and write.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the nearest folder above the working directory or the executable holding MiningDispatch.slnx.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>bench/data: generated inputs and result tables (gitignored).</summary>
    public static string Data => Path.Combine(Root, "bench", "data");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MiningDispatch.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find the repository root (MiningDispatch.slnx) above the working directory or the executable.");
    }
}
