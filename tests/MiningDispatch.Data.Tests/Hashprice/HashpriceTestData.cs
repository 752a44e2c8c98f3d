namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>Locates tests/MiningDispatch.Data.Tests/TestData/hashprice from the test binary's folder.</summary>
internal static class HashpriceTestData
{
    private static readonly Lazy<string> Dir = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "TestData", "hashprice");
            if (File.Exists(Path.Combine(d.FullName, "MiningDispatch.Data.Tests.csproj")) && Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("TestData/hashprice not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(params string[] parts) => Path.Combine([Dir.Value, .. parts]);

    public static DateTime Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);
}
