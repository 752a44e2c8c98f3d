namespace MiningDispatch.App.Tests;

/// <summary>The repository root (the folder holding MiningDispatch.slnx) and the shipped sample data.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string SampleDir => Path.Combine(Root, "data", "sample");

    private static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MiningDispatch.slnx"))) return d.FullName;
        throw new InvalidOperationException("Repository root (MiningDispatch.slnx) not found above " + AppContext.BaseDirectory);
    }
}
