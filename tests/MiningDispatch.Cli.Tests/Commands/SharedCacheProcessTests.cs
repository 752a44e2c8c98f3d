using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using MiningDispatch.Cli.Tests.Security;
using MiningDispatch.Cli.Tests.Support;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Several real processes of the built CLI start at once on one empty cache folder: the hashprice cache (issue 12: two
/// of them used to mark each other's valid file corrupt and move it aside; three or four crashed with "disk I/O error")
/// and the ERCOT API cache of <c>fetch</c> (issue 14: the same guarantees).
/// </summary>
public sealed class SharedCacheProcessTests : IDisposable
{
    private const string Key = "hi.SHAREDCACHE-0f1e2d3c4b5a";
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task FourProcesses_OnOneEmptyCacheFolder_AllSucceed_AndShareOneHealthyFile()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        string cache = Path.Combine(_dir, "cache"); // does not exist yet: every process races to create it
        const int n = 4;
        var runs = Enumerable.Range(0, n).Select(i => RunCli(
            ["backtest", "--no-prompt", "--no-report", "--hashprice-source", "hashrateindex",
             "--prices", SampleMarket.Path(SampleMarket.RtFile), "--start", "2023-08-01", "--end", "2023-08-07",
             "--out", Path.Combine(_dir, "out" + i)],
            new Dictionary<string, string>
            {
                ["HASHRATEINDEX_API_KEY"] = Key,
                ["HASHRATEINDEX_BASE_URL"] = server.BaseUrl,
                ["MINING_DISPATCH_CACHE_DIR"] = cache,
            })).ToArray();
        var results = await Task.WhenAll(runs);

        foreach (var (code, stdout, stderr) in results)
        {
            Assert.True(code == 0, $"exit {code}\nstderr: {stderr}\nstdout: {stdout}");
            Assert.DoesNotContain("corrupt", stdout + stderr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("unusable", stdout + stderr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("not updated", stdout + stderr, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("disk I/O", stdout + stderr, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(Directory.GetFiles(cache, "*.corrupt-*"));
        // Every process either fetched and stored or found another's entry; the server saw at most one request each.
        Assert.InRange(server.KeysReceived.Count, 1, n);
        using var c = new SqliteConnection($"Data Source={Path.Combine(cache, "hashprice.sqlite")};Pooling=False");
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", q.ExecuteScalar());
        q.CommandText = "SELECT count(*) FROM response";
        Assert.Equal(1L, q.ExecuteScalar()); // one range, stored once (a later store replaces the same key)
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task FourFetchProcesses_OnOneEmptyCacheFolder_StoreEveryDownload_InOneHealthyFile()
    {
        // Each process downloads its own point and HB_WEST (which all four want), so four processes create the file,
        // write and read it at the same time; then a fifth run must find every download in the cache.
        using var api = new FakeErcotApi((r, _) =>
        {
            string point = r.Query["settlementPoint"];
            var rows = Enumerable.Range(0, 96).Select(i => new object[]
            {
                "2024-07-01", i / 4 + 1, i % 4 + 1, point, "HU", Price(point, i), false,
            }).ToList();
            return new ErcotReply(200, FakeErcotApi.ReportJson(FakeErcotApi.DocumentedFields("NP6-905-CD"), rows,
                int.Parse(r.Query["page"], CultureInfo.InvariantCulture), int.Parse(r.Query["size"], CultureInfo.InvariantCulture)));
        });
        string cache = Path.Combine(_dir, "cache"); // does not exist yet
        string[] own = ["HB_NORTH", "HB_SOUTH", "HB_HOUSTON", "LZ_WEST"];
        Dictionary<string, string> Env() => new()
        {
            ["ERCOT_API_SUBSCRIPTION_KEY"] = FakeErcotApi.Key,
            ["ERCOT_API_USERNAME"] = FakeErcotApi.User,
            ["ERCOT_API_PASSWORD"] = FakeErcotApi.Password,
            ["ERCOT_API_BASE_URL"] = api.BaseUrl.AbsoluteUri,
            ["ERCOT_API_TOKEN_URL"] = api.TokenUrl.AbsoluteUri,
            ["MINING_DISPATCH_CACHE_DIR"] = cache,
        };
        string[] Args(string outDir, params string[] points) =>
            ["fetch", "--report", "rt", "--start", "2024-07-01", "--end", "2024-07-01", "--out", outDir, "--sp", .. points];

        var results = await Task.WhenAll(own.Select((p, i) => RunCli(Args(Path.Combine(_dir, "out" + i), p, "HB_WEST"), Env())));

        foreach (var (code, stdout, stderr) in results)
        {
            Assert.True(code == 0, $"exit {code}\nstderr: {stderr}\nstdout: {stdout}");
            foreach (var bad in new[] { "corrupt", "unusable", "not updated", "cannot be used", "disk I/O" })
                Assert.DoesNotContain(bad, stdout + stderr, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(Directory.GetFiles(cache, "*.corrupt-*"));
        for (int i = 0; i < own.Length; i++)
            foreach (var point in new[] { own[i], "HB_WEST" })
            {
                var lines = File.ReadAllLines(Path.Combine(_dir, "out" + i, $"ercot-api_rt_np6-905-cd_{point}_2024-07-01_2024-07-01.csv"));
                Assert.Equal(97, lines.Length);
                Assert.Equal(Price(point, 37).ToString("R", CultureInfo.InvariantCulture), lines[38].Split(',')[5]);
            }
        using (var c = new SqliteConnection($"Data Source={Path.Combine(cache, "ercot-api.sqlite")};Pooling=False"))
        {
            c.Open();
            using var q = c.CreateCommand();
            q.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", q.ExecuteScalar());
            q.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", q.ExecuteScalar());
            q.CommandText = "SELECT count(*) FROM download";
            Assert.Equal(5L, q.ExecuteScalar()); // four own points and HB_WEST (a later store replaces the same key)
        }

        // Nothing lost: every download is served from the cache, no request at all.
        int before = api.ReportRequests.Count;
        var again = await RunCli(Args(Path.Combine(_dir, "again"), [.. own, "HB_WEST"]), Env());
        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(before, api.ReportRequests.Count);
    }

    /// <summary>The price of interval <paramref name="i"/> the fake serves for <paramref name="point"/>.</summary>
    private static double Price(string point, int i) => Math.Round(15 + point.Length + i * 0.25, 2);

    /// <summary>Runs the built CLI as its own OS process with <paramref name="env"/> added to its environment.</summary>
    private async Task<(int Code, string Out, string Err)> RunCli(string[] args, Dictionary<string, string> env)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "mining-dispatch.dll");
        Assert.True(File.Exists(dll), dll);
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _dir,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        psi.Environment["CI"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
