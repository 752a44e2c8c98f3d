using System.Diagnostics;
using Microsoft.Data.Sqlite;
using MiningDispatch.Cli.Tests.Security;
using MiningDispatch.Cli.Tests.Support;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Several real processes of the built CLI start at once on one empty hashprice cache folder (issue 12: two of them used
/// to mark each other's valid file corrupt and move it aside; three or four crashed with "disk I/O error").
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
        string dll = Path.Combine(AppContext.BaseDirectory, "mining-dispatch.dll");
        Assert.True(File.Exists(dll), dll);
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

        const int n = 4;
        var runs = Enumerable.Range(0, n).Select(i => Task.Run(async () =>
        {
            var psi = new ProcessStartInfo(dotnet)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = _dir,
            };
            foreach (var a in new[]
            {
                "exec", dll, "backtest", "--no-prompt", "--no-report", "--hashprice-source", "hashrateindex",
                "--prices", SampleMarket.Path(SampleMarket.RtFile), "--start", "2023-08-01", "--end", "2023-08-07",
                "--out", Path.Combine(_dir, "out" + i),
            }) psi.ArgumentList.Add(a);
            psi.Environment["HASHRATEINDEX_API_KEY"] = Key;
            psi.Environment["HASHRATEINDEX_BASE_URL"] = server.BaseUrl;
            psi.Environment["MINING_DISPATCH_CACHE_DIR"] = cache;
            psi.Environment["CI"] = "1";
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await p.WaitForExitAsync(timeout.Token);
            return (p.ExitCode, Out: await stdout, Err: await stderr);
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
}
