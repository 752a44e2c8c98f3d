using System.Globalization;
using System.Text;
using MiningDispatch.Cli;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// <c>mining-dispatch fetch</c> end to end against a local fake ERCOT API (real socket), then <c>backtest</c> on what it
/// wrote: exit codes, files equal to the served rows, the cache, the <c>ercot-api</c> alias, and no secret anywhere.
/// </summary>
public sealed class FetchCommandTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = CliHarness.NewTempDir();
    private readonly List<TimeSpan> _waits = [];

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>HB_WEST 15-minute prices for 1-2 July 2024 (inside the sample hashprice), 10 + 1.5·he + 0.37·interval + day.</summary>
    private static List<object[]> RtRows()
    {
        var rows = new List<object[]>();
        for (int d = 0; d < 2; d++)
            for (int he = 1; he <= 24; he++)
                for (int i = 1; i <= 4; i++)
                    rows.Add([$"2024-07-{1 + d:00}", he, i, "HB_WEST", "HU", Math.Round(10 + 1.5 * he + 0.37 * i + d, 2), false]);
        return rows;
    }

    private static List<object[]> LoadRows() =>
        [.. Enumerable.Range(1, 24).SelectMany(he => new[] { 1, 2 }.Select(d => new object[] { $"2024-07-{d:00}", $"{he:00}:00", 1.0, 2.0, 3.0, 4.0, 60000.5 + he, false }))];

    private static FakeErcotApi Server() => new((r, api) =>
    {
        IReadOnlyList<string> fields;
        List<object[]> rows;
        if (r.PathAndQuery.Contains("/np6-905-cd/", StringComparison.Ordinal))
            (fields, rows) = (FakeErcotApi.DocumentedFields("NP6-905-CD"), RtRows());
        else if (r.PathAndQuery.Contains("/np6-346-cd/", StringComparison.Ordinal))
            (fields, rows) = (FakeErcotApi.DocumentedFields("NP6-346-CD"), LoadRows());
        else return new ErcotReply(404, "{\"message\":\"no such report\"}");
        int page = int.Parse(r.Query["page"], Ci), size = int.Parse(r.Query["size"], Ci);
        return new ErcotReply(200, FakeErcotApi.ReportJson(fields, rows, page, size));
    });

    private Dictionary<string, string?> Env(FakeErcotApi api, string? password = FakeErcotApi.Password) => new()
    {
        ["ERCOT_API_SUBSCRIPTION_KEY"] = FakeErcotApi.Key,
        ["ERCOT_API_USERNAME"] = FakeErcotApi.User,
        ["ERCOT_API_PASSWORD"] = password,
        ["ERCOT_API_BASE_URL"] = api.BaseUrl.AbsoluteUri,
        ["ERCOT_API_TOKEN_URL"] = api.TokenUrl.AbsoluteUri,
        ["MINING_DISPATCH_CACHE_DIR"] = Path.Combine(_dir, "cache"),
    };

    private (int Code, string Out, string Err) Run(Dictionary<string, string?> env, params string[] args) =>
        CliHarness.RunWith(new CliEnvironment(name => env.TryGetValue(name, out var v) ? v : null, Interactive: false)
        {
            ApiDelay = (t, _) =>
            {
                lock (_waits) _waits.Add(t); // no real sleeps
                return Task.CompletedTask;
            },
        }, args);

    private static void AssertNoSecret(FakeErcotApi api, string text, string where)
    {
        foreach (var s in new[] { FakeErcotApi.Key, FakeErcotApi.User, FakeErcotApi.Password }.Concat(api.IssuedTokens))
            Assert.False(text.Contains(s, StringComparison.OrdinalIgnoreCase), $"a secret ({s[..4]}…) found in {where}");
    }

    [Fact]
    public void Fetch_writes_the_served_rows_then_backtest_reads_them_through_the_alias()
    {
        using var api = Server();
        var env = Env(api);
        string cacheDir = Path.Combine(_dir, "cache");

        var (code, stdout, stderr) = Run(env, "fetch", "--report", "rt", "load", "--start", "2024-07-01", "--end", "2024-07-02", "--sp", "HB_WEST");

        Assert.True(code == ExitCodes.Ok, stderr);
        string folder = Path.Combine(cacheDir, "ercot-api");
        string rt = Path.Combine(folder, "ercot-api_rt_np6-905-cd_HB_WEST_2024-07-01_2024-07-02.csv");
        string load = Path.Combine(folder, "load", "ercot-api_load_np6-346-cd_2024-07-01_2024-07-02.csv");
        var rtLines = File.ReadAllLines(rt);
        Assert.Equal("deliveryDate,deliveryHour,deliveryInterval,settlementPoint,settlementPointType,settlementPointPrice,DSTFlag", rtLines[0]);
        Assert.Equal(RtRows().Select(r => string.Create(Ci, $"{r[0]},{r[1]},{r[2]},{r[3]},{r[4]},{(double)r[5]:R},false")), rtLines.Skip(1));
        Assert.Equal(49, File.ReadAllLines(load).Length);
        Assert.Contains("2024-07-01T05:00Z,60001.5,2024-07-01,01:00,false", File.ReadAllLines(load));
        Assert.Contains("ercot-api_rt_np6-905-cd_HB_WEST_2024-07-01_2024-07-02.csv", stdout, StringComparison.Ordinal);
        Assert.Contains("NP6-905-CD HB_WEST 2024-07-01..2024-07-02", stderr, StringComparison.Ordinal); // progress on stderr
        Assert.Empty(Directory.GetDirectories(folder, ".fetch-staging-*"));
        int requests = api.ReportRequests.Count;
        Assert.Equal(2, requests);

        // Again: from the cache, no request at all.
        var again = Run(env, "fetch", "--report", "rt", "load", "--start", "2024-07-01", "--end", "2024-07-02", "--sp", "HB_WEST");
        Assert.Equal(ExitCodes.Ok, again.Code);
        Assert.Equal(requests, api.ReportRequests.Count);
        Assert.Single(api.SignIns);
        Assert.Contains("cache", again.Out, StringComparison.Ordinal);

        // backtest --prices ercot-api reads that folder: its 15-minute intervals of HE1 (00:00-01:00 CDT = 05:00Z)
        // carry the served prices.
        string outDir = Path.Combine(_dir, "run");
        var bt = Run(env, "backtest", "--no-prompt", "--prices", "ercot-api", "--sp", "HB_WEST",
            "--hashprice", Path.Combine(CliHarness.SampleDir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv"),
            "--start", "2024-07-01", "--end", "2024-07-02", "--out", outDir);
        Assert.True(bt.Code == ExitCodes.Ok, bt.Err + bt.Out);
        var hourly = File.ReadAllLines(Path.Combine(outDir, "hourly.csv"));
        int priceCol = Array.IndexOf(hourly[0].Split(','), "price_usd_per_mwh");
        for (int i = 1; i <= 4; i++)
        {
            var row = hourly.Skip(1).Single(l => l.StartsWith(string.Create(Ci, $"2024-07-01T05:{(i - 1) * 15:00}"), StringComparison.Ordinal)).Split(',');
            double served = RtRows().Single(r => (string)r[0] == "2024-07-01" && (int)r[1] == 1 && (int)r[2] == i)[5] is double p ? p : double.NaN;
            Assert.Equal(served, double.Parse(row[priceCol], Ci), 6);
        }

        foreach (var (text, where) in new[] { (stdout, "stdout"), (stderr, "stderr"), (again.Out, "stdout 2"), (again.Err, "stderr 2"), (bt.Out, "backtest stdout") })
            AssertNoSecret(api, text, where);
        foreach (var f in Directory.EnumerateFiles(_dir, "*", SearchOption.AllDirectories))
            AssertNoSecret(api, Encoding.Latin1.GetString(File.ReadAllBytes(f)), f);
    }

    [Fact]
    public void A_refused_password_exits_3_naming_the_variables_and_writes_nothing()
    {
        using var api = Server();
        var (code, stdout, stderr) = Run(Env(api, password: "not-the-Password-42"), "fetch", "--start", "2024-07-01", "--end", "2024-07-02", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Contains("ERCOT_API_USERNAME", stderr, StringComparison.Ordinal);
        Assert.Contains("ERCOT_API_PASSWORD", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-Password-42", stderr + stdout, StringComparison.Ordinal);
        AssertNoSecret(api, stderr + stdout, "output");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dir, "out"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Missing_credentials_and_bad_flags_exit_2_before_any_request()
    {
        using var api = Server();
        var env = Env(api);
        env["ERCOT_API_SUBSCRIPTION_KEY"] = null;
        var (code, _, stderr) = Run(env, "fetch", "--report", "rt", "xx", "--start", "2024-07-02", "--end", "2024-07-01");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("ERCOT_API_SUBSCRIPTION_KEY", stderr, StringComparison.Ordinal);
        Assert.Contains("--report 'xx' is not a report: use rt, da, as or load.", stderr, StringComparison.Ordinal);
        Assert.Contains("--end 2024-07-01 is before --start 2024-07-02.", stderr, StringComparison.Ordinal);
        Assert.Empty(api.Seen);
    }

    [Fact]
    public void Backtest_with_the_alias_before_any_fetch_says_which_command_to_run()
    {
        var env = new Dictionary<string, string?> { ["MINING_DISPATCH_CACHE_DIR"] = Path.Combine(_dir, "empty-cache") };
        var (code, _, stderr) = Run(env, "backtest", "--no-prompt", "--prices", "ercot-api", "--hashprice",
            Path.Combine(CliHarness.SampleDir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv"), "--no-report");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("--prices ercot-api: nothing has been fetched yet", stderr, StringComparison.Ordinal);
        Assert.Contains("mining-dispatch fetch --report rt", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_range_exits_3_with_a_clear_message()
    {
        using var api = new FakeErcotApi { Rows = [] };
        var (code, _, stderr) = Run(Env(api), "fetch", "--start", "2024-07-01", "--end", "2024-07-01", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(ExitCodes.ApiError, code);
        Assert.Contains("no real-time settlement point prices for NP6-905-CD HB_WEST 2024-07-01..2024-07-01", stderr, StringComparison.Ordinal);
    }
}
