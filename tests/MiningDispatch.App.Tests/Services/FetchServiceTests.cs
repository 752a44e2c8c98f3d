using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.App.Tests.Services;

/// <summary>
/// <see cref="FetchService"/> publishes a run's files together: a failure or a cancellation in a later report leaves
/// no file of the run (and none half written); problems of the request are listed at once, naming their flags.
/// </summary>
public sealed class FetchServiceTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly DateOnly Day = new(2025, 7, 1);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "md-fetch-" + Guid.NewGuid().ToString("N"));

    public FetchServiceTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static readonly IReadOnlyList<string> RtFields = FakeErcotApi.DocumentedFields("NP6-905-CD");

    private static List<object[]> Rt(string point) =>
        [.. Enumerable.Range(0, 96).Select(k => new object[] { "2025-07-01", k / 4 + 1, k % 4 + 1, point, "HU", 20.5 + k, false })];

    private FetchRequest Request(FakeErcotApi api, params string[] points) => new(
        [ErcotReport.RealTimePrices], Day, Day, points, Path.Combine(_dir, "out"),
        new ErcotApiOptions
        {
            SubscriptionKey = FakeErcotApi.Key, Username = FakeErcotApi.User, Password = FakeErcotApi.Password,
            BaseUrl = api.BaseUrl, TokenUrl = api.TokenUrl, MaxAttempts = 1, CacheDirectory = Path.Combine(_dir, "cache"),
        });

    private static FakeErcotApi Server(Func<string, ErcotReply?>? byPoint = null) => new((r, _) =>
        byPoint?.Invoke(r.Query["settlementPoint"]) ?? new ErcotReply(200, FakeErcotApi.ReportJson(RtFields, Rt(r.Query["settlementPoint"]), int.Parse(r.Query["page"], Ci), int.Parse(r.Query["size"], Ci))));

    private static FetchService Service() => new(delay: (_, ct) => ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask);

    [Fact]
    public async Task Writes_one_file_per_point_with_every_served_row()
    {
        using var api = Server();
        var result = await Service().RunAsync(Request(api, "HB_WEST", "LZ_WEST"), SilentObserver.Instance);
        Assert.Equal(2, result.Files.Count);
        foreach (var f in result.Files)
        {
            var lines = File.ReadAllLines(f.Path);
            Assert.Equal(97, lines.Length);
            Assert.Equal(string.Create(Ci, $"2025-07-01,1,1,{f.Point},HU,20.5,false"), lines[1]);
            Assert.Equal(string.Create(Ci, $"2025-07-01,24,4,{f.Point},HU,115.5,false"), lines[96]); // 20.5 + 95
        }
        Assert.Equal(2, result.Requests);
        Assert.Empty(Directory.GetDirectories(result.OutDirectory));
    }

    [Fact]
    public async Task A_failure_in_a_later_point_publishes_nothing()
    {
        using var api = Server(p => p == "LZ_WEST" ? new ErcotReply(500, "{\"message\":\"boom\"}") : null);
        var e = await Assert.ThrowsAsync<ErcotApiException>(() => Service().RunAsync(Request(api, "HB_WEST", "LZ_WEST"), SilentObserver.Instance));
        Assert.Contains("HTTP 500", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task Cancelling_publishes_nothing()
    {
        using var cts = new CancellationTokenSource();
        using var api = Server(p =>
        {
            if (p == "LZ_WEST") cts.Cancel();
            return null;
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service().RunAsync(Request(api, "HB_WEST", "LZ_WEST"), SilentObserver.Instance, cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "out")));
    }

    [Fact]
    public async Task Problems_are_listed_together_naming_their_flags()
    {
        using var api = Server();
        var bad = Request(api, "HB WEST") with { Start = Day, End = Day.AddDays(-1), Api = new ErcotApiOptions { CacheDirectory = _dir } };
        var e = await Assert.ThrowsAsync<SettingsException>(() => Service().RunAsync(bad, SilentObserver.Instance));
        Assert.Contains("--end 2025-06-30 is before --start 2025-07-01.", e.Message, StringComparison.Ordinal);
        Assert.Contains("--sp 'HB WEST' is not a settlement point name", e.Message, StringComparison.Ordinal);
        Assert.Contains("ERCOT_API_SUBSCRIPTION_KEY, ERCOT_API_USERNAME, ERCOT_API_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.Empty(api.Seen);
    }

    [Fact]
    public void The_alias_resolves_to_the_default_fetch_folder_only_when_something_was_fetched()
    {
        string cache = Path.Combine(_dir, "c");
        var e = Assert.Throws<SettingsException>(() => FetchRequest.ResolveAlias(["ercot-api"], "--prices", cache));
        Assert.Contains(Path.Combine(cache, "ercot-api"), e.Message, StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(cache, "ercot-api"));
        File.WriteAllText(Path.Combine(cache, "ercot-api", "ercot-api_rt_np6-905-cd_HB_WEST_2025-07-01_2025-07-01.csv"), "x");
        Assert.Equal([Path.Combine(cache, "ercot-api"), "other.csv"], FetchRequest.ResolveAlias(["ercot-api", "other.csv"], "--prices", cache));
        Assert.Equal(["a.csv"], FetchRequest.ResolveAlias(["a.csv"], "--prices", Path.Combine(_dir, "none")));
    }
}
