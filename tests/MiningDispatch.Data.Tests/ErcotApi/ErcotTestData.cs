using System.Globalization;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Tests.Hashprice;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Data.Tests.ErcotApi;

/// <summary>Rows the fake server serves, in the real reports' field order, and a client pointed at the fake.</summary>
internal static class ErcotTestData
{
    public static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>"Now" of the tests: well after the July 2025 ranges, so they are historical.</summary>
    public static readonly DateTimeOffset Now = new(2025, 8, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] RtFields = ["deliveryDate", "deliveryHour", "deliveryInterval", "settlementPoint", "settlementPointType", "settlementPointPrice", "DSTFlag"];
    public static readonly string[] DaFields = ["deliveryDate", "hourEnding", "settlementPoint", "settlementPointPrice", "DSTFlag"];
    public static readonly string[] AsFields = ["deliveryDate", "hourEnding", "ancillaryType", "MCPC", "DSTFlag"];
    public static readonly string[] LoadFields = ["operatingDay", "hourEnding", "north", "south", "west", "houston", "total", "DSTFlag"];

    /// <summary>15-minute HB_WEST prices for <paramref name="days"/> days from 2025-07-01: 10 + 1.5·he + 0.37·interval + day.</summary>
    public static List<object[]> RtRows(int days = 2, string point = "HB_WEST")
    {
        var rows = new List<object[]>();
        for (int d = 0; d < days; d++)
            for (int he = 1; he <= 24; he++)
                for (int i = 1; i <= 4; i++)
                    rows.Add([$"2025-07-{1 + d:00}", he, i, point, "HU", Math.Round(10 + 1.5 * he + 0.37 * i + d, 2), false]);
        return rows;
    }

    public static List<object[]> DaRows(string point = "HB_WEST") =>
        Enumerable.Range(1, 24).Select(he => new object[] { "2025-07-01", $"{he:00}:00", point, Math.Round(20 + he * 0.5, 2), false }).ToList();

    public static List<object[]> AsRows()
    {
        var rows = new List<object[]>();
        string[] types = ["REGUP", "REGDN", "RRS", "NSPIN", "ECRS"];
        for (int he = 1; he <= 24; he++)
            for (int t = 0; t < types.Length; t++)
                rows.Add(["2025-07-01", $"{he:00}:00", types[t], Math.Round(1 + t + he * 0.1, 2), false]);
        return rows;
    }

    public static List<object[]> LoadRows() =>
        Enumerable.Range(1, 24).Select(he => new object[] { "2025-07-01", $"{he:00}:00", 20000.5, 15000.25, 9000, 18000, 62000.75 + he * 100, false }).ToList();

    /// <summary>A row as the API's JSON renders it (what the written CSV must hold).</summary>
    public static string Csv(object[] row) => string.Join(",", row.Select(v => v switch
    {
        bool b => b ? "true" : "false",
        double x => x.ToString("R", Ci),
        int n => n.ToString(Ci),
        _ => Convert.ToString(v, Ci),
    }));

    public static ErcotApiOptions Options(FakeErcotApi api, string cacheDir, int pageSize = 50, int maxAttempts = 3) => new()
    {
        SubscriptionKey = FakeErcotApi.Key,
        Username = FakeErcotApi.User,
        Password = FakeErcotApi.Password,
        BaseUrl = api.BaseUrl,
        TokenUrl = api.TokenUrl,
        PageSize = pageSize,
        MaxAttempts = maxAttempts,
        BaseDelay = TimeSpan.FromSeconds(1),
        CacheDirectory = cacheDir,
    };

    public static ErcotApiClient Client(FakeErcotApi api, string cacheDir, DelayRecorder? delay = null, TimeProvider? clock = null,
        int pageSize = 50, int maxAttempts = 3, List<string>? warnings = null) =>
        new(Options(api, cacheDir, pageSize, maxAttempts), delay: (delay ?? new DelayRecorder()).Delay, clock: clock ?? new ManualClock(Now))
        {
            OnWarning = w => warnings?.Add(w),
        };

    /// <summary>Every secret the tests use: the three credentials and each token the fake issued.</summary>
    public static IEnumerable<string> Secrets(FakeErcotApi api) => new[] { FakeErcotApi.Key, FakeErcotApi.User, FakeErcotApi.Password }.Concat(api.IssuedTokens);

    public static void AssertNoSecret(FakeErcotApi api, string text)
    {
        foreach (var s in Secrets(api))
        {
            Assert.DoesNotContain(s, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Uri.EscapeDataString(s), text, StringComparison.OrdinalIgnoreCase);
        }
    }
}

/// <summary>Collects progress lines synchronously.</summary>
internal sealed class Lines : IProgress<string>
{
    private readonly List<string> _lines = [];
    public IReadOnlyList<string> All { get { lock (_lines) return [.. _lines]; } }
    public void Report(string value) { lock (_lines) _lines.Add(value); }
}
