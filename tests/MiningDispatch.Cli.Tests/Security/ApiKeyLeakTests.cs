using System.Text;
using MiningDispatch.Cli.Tests.Support;

namespace MiningDispatch.Cli.Tests.Security;

/// <summary>
/// The Hashrate Index API key reaches the server (X-Hi-Api-Key) and nothing else: not stdout, stderr, the report,
/// hourly CSV, JSON files, charts, nor any byte of the cache folder (SQLite file and its journals), also when the
/// server rejects it and echoes it back, and also when it comes from the config file.
/// </summary>
public sealed class ApiKeyLeakTests : IDisposable
{
    private const string Key = "hi.MDLEAKTEST-5b7e1c0d9a3f4e26b8d1-q9Zx";
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    private static string[] Args(string outDir, string json, params string[] extra) =>
    [
        "backtest", "--no-prompt", "--hashprice-source", "hashrateindex", "--prices", SampleMarket.Path(SampleMarket.RtFile),
        "--start", "2023-08-01", "--end", "2023-08-07", "--out", outDir, "--json", json, .. extra,
    ];

    /// <summary>Fails naming the place when the key (or its distinctive middle) is in <paramref name="text"/>.</summary>
    private static void AssertNoKey(string text, string where)
    {
        Assert.False(text.Contains(Key, StringComparison.Ordinal), $"API key found in {where}");
        Assert.False(text.Contains("5b7e1c0d9a3f4e26b8d1", StringComparison.Ordinal), $"part of the API key found in {where}");
    }

    /// <summary>Searches every file under <paramref name="dir"/> byte by byte (UTF-8 and UTF-16 forms); returns the number of files searched.</summary>
    private static int AssertNoKeyInFiles(string dir)
    {
        var needles = new[] { Key, "5b7e1c0d9a3f4e26b8d1" }.SelectMany(k => new[] { Encoding.UTF8.GetBytes(k), Encoding.Unicode.GetBytes(k), Encoding.BigEndianUnicode.GetBytes(k) }).ToList();
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(f);
            foreach (var needle in needles)
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"API key found in {f}");
            n++;
        }
        return n;
    }

    [Fact]
    public void Key_from_the_environment_is_sent_to_the_server_and_written_nowhere()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        string outDir = Path.Combine(_dir, "out"), json = Path.Combine(_dir, "summary-copy.json"), cache = Path.Combine(_dir, "cache");
        var env = new Dictionary<string, string?>
        {
            ["HASHRATEINDEX_API_KEY"] = Key,
            ["HASHRATEINDEX_BASE_URL"] = server.BaseUrl,
            ["MINING_DISPATCH_CACHE_DIR"] = cache,
        };
        var (code, stdout, stderr) = CliHarness.Run(env, Args(outDir, json));

        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        Assert.Contains(Key, server.KeysReceived); // the key did travel, so the searches below can find it if it leaked
        Assert.Contains("Hashrate Index", stdout);
        AssertNoKey(stdout, "stdout");
        AssertNoKey(stderr, "stderr");
        int outFiles = AssertNoKeyInFiles(outDir);
        Assert.True(outFiles >= 5, $"only {outFiles} output files"); // report.html, hourly.csv, result.json, summary.json, charts
        Assert.True(File.Exists(Path.Combine(outDir, "report.html")));
        AssertNoKey(File.ReadAllText(json), "--json file");
        Assert.True(AssertNoKeyInFiles(cache) >= 1, "the cache folder is empty: nothing was cached");
        Assert.Contains(Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories), f => f.EndsWith(".sqlite", StringComparison.Ordinal));

        // the hashprice really came from the fake server: the fixture's value stamped 2023-07-31 is the one in force at
        // 2023-08-01 05:00Z (00:00 CDT, published alignment)
        using var fixture = System.Text.Json.JsonDocument.Parse(FakeHashrateIndex.Fixture("GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-THS.json"));
        double jul31 = fixture.RootElement.GetProperty("data").EnumerateArray()
            .Single(p => p.GetProperty("timestamp").GetString() == "2023-07-31T00:00:00Z").GetProperty("price").GetDouble();
        var row = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv")).First(r => r["interval_start_utc"] == "2023-08-01T05:00:00Z");
        Assert.Equal(jul31 * 1000, row.D("hashprice_usd_per_ph_day"), 9);

        // a second run answers from the cache: still nothing written anywhere
        var again = CliHarness.Run(env, Args(Path.Combine(_dir, "out2"), Path.Combine(_dir, "s2.json")));
        Assert.Equal(0, again.Code);
        AssertNoKey(again.Out + again.Err, "the cached run's output");
        AssertNoKeyInFiles(Path.Combine(_dir, "out2"));
        AssertNoKeyInFiles(cache);
    }

    [Fact]
    public void Rejected_key_echoed_by_the_server_is_not_in_the_error_and_exit_is_3()
    {
        // a hostile or careless server that puts the key it got into its error detail
        using var server = new FakeHashrateIndex(k => (401, $$"""{"title":"Unauthorized","status":401,"detail":"API key '{{k}}' is not valid"}"""));
        string outDir = Path.Combine(_dir, "out"), cache = Path.Combine(_dir, "cache");
        var env = new Dictionary<string, string?>
        {
            ["HASHRATEINDEX_API_KEY"] = Key,
            ["HASHRATEINDEX_BASE_URL"] = server.BaseUrl,
            ["MINING_DISPATCH_CACHE_DIR"] = cache,
        };
        var (code, stdout, stderr) = CliHarness.Run(env, Args(outDir, Path.Combine(_dir, "s.json")));

        Assert.Equal(3, code);
        Assert.Equal([Key], server.KeysReceived); // sent once: a 401 is not retried
        Assert.Contains("401", stderr);
        Assert.Contains("HASHRATEINDEX_API_KEY", stderr);
        AssertNoKey(stderr, "stderr");
        AssertNoKey(stdout, "stdout");
        if (Directory.Exists(cache)) AssertNoKeyInFiles(cache);
        Assert.False(File.Exists(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void Key_from_the_config_file_is_sent_and_written_nowhere()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        string cfgDir = Path.Combine(_dir, "cfg");
        Directory.CreateDirectory(cfgDir);
        string cfg = Path.Combine(cfgDir, "settings.json");
        File.WriteAllText(cfg, $$"""{ "hashrateIndexApiKey": "{{Key}}", "hashrateIndexBaseUrl": "{{server.BaseUrl}}" }""");
        string outDir = Path.Combine(_dir, "out"), json = Path.Combine(_dir, "s.json"), cache = Path.Combine(_dir, "cache");

        var (code, stdout, stderr) = CliHarness.Run(null, Args(outDir, json, "--config", cfg, "--cache-dir", cache));

        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        Assert.Equal([Key], server.KeysReceived);
        AssertNoKey(stdout, "stdout");
        AssertNoKey(stderr, "stderr");
        AssertNoKeyInFiles(outDir);
        AssertNoKey(File.ReadAllText(json), "--json file");
        Assert.True(AssertNoKeyInFiles(cache) >= 1);
    }
}
