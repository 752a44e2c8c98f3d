using System.Text;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>Locates the committed test data and makes throw-away files for a test.</summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The repository root: the folder holding MiningDispatch.slnx, found by walking up from the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>tests/MiningDispatch.Data.Tests/TestData/ercot/<paramref name="name"/>.</summary>
    public static string Ercot(string name)
    {
        var path = Path.Combine(RepoRoot, "tests", "MiningDispatch.Data.Tests", "TestData", "ercot", name);
        if (!File.Exists(path)) throw new FileNotFoundException("Test data missing", path);
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MiningDispatch.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MiningDispatch.slnx not found above " + AppContext.BaseDirectory);
    }

    public static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    /// <summary>Index of <paramref name="hour"/> in the series (asserts it is present).</summary>
    public static int IndexOf(this MiningDispatch.Data.Prices.PriceLoadResult r, DateTime hour)
    {
        int i = Array.IndexOf(r.HoursUtc, hour);
        Assert.True(i >= 0, $"hour {hour:O} missing from the series");
        return i;
    }

    public static double PriceAt(this MiningDispatch.Data.Prices.PriceLoadResult r, DateTime hour) => r.PriceUsdPerMWh[r.IndexOf(hour)];
}
