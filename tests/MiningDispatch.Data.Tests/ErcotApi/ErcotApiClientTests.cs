using MiningDispatch.Data.Ancillary;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.SystemLoad;
using MiningDispatch.Data.Tests.Hashprice;
using MiningDispatch.Data.Tests.Prices;
using MiningDispatch.Tests.Shared;
using static MiningDispatch.Data.Tests.ErcotApi.ErcotTestData;

namespace MiningDispatch.Data.Tests.ErcotApi;

public class ErcotApiClientTests
{
    private static readonly DateOnly Jul1 = new(2025, 7, 1), Jul2 = new(2025, 7, 2);

    private static string WriteCsv(ErcotReportRows rows, string dir)
    {
        string path = Path.Combine(dir, ErcotCsvFiles.RelativePath(rows.Spec, rows.Point, rows.From, rows.To));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var w = new StreamWriter(path)) ErcotCsvFiles.Write(rows, w);
        return path;
    }

    [Fact]
    public async Task Pages_through_the_report_with_both_credentials_and_the_csv_equals_the_served_rows()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), pageSize: 50);

        var got = await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST");

        // 192 rows in pages of 50: 4 requests, pages 1..4, each with the key and the one token issued.
        Assert.Equal(192, got.Rows.Count);
        Assert.Equal(4, got.Requests);
        var reports = api.ReportRequests;
        Assert.Equal(["1", "2", "3", "4"], reports.Select(r => r.Query["page"]));
        Assert.All(reports, r =>
        {
            Assert.Equal(FakeErcotApi.Key, r.SubscriptionKey);
            Assert.Equal(api.IssuedTokens.Single(), r.Bearer);
            Assert.StartsWith("/api/public-reports/np6-905-cd/spp_node_zone_hub?", r.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal("2025-07-01", r.Query["deliveryDateFrom"]);
            Assert.Equal("2025-07-02", r.Query["deliveryDateTo"]);
            Assert.Equal("HB_WEST", r.Query["settlementPoint"]);
            Assert.Equal("50", r.Query["size"]);
        });
        Assert.Single(api.SignIns);

        string csv = WriteCsv(got, tmp.Path);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(string.Join(",", RtFields), lines[0]);
        Assert.Equal(RtRows().Select(Csv), lines.Skip(1));

        // The loader reads the folder as it reads any ERCOT file: HE1 of 1 July (CDT) starts 05:00Z; the hourly price
        // is the mean of its four intervals, computed here from the served rows.
        var prices = PriceLoader.Load([tmp.Path], new PriceQuery("HB_WEST"));
        double he1 = RtRows().Where(r => (string)r[0] == "2025-07-01" && (int)r[1] == 1).Average(r => (double)r[5]);
        Assert.Equal(he1, prices.PriceAt(new DateTime(2025, 7, 1, 5, 0, 0, DateTimeKind.Utc)), 10);
        Assert.Equal(48, prices.Count);
        Assert.Equal(PriceMarket.RealTime, prices.Market);
    }

    [Fact]
    public async Task A_cached_range_is_served_without_any_request()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        string cache = Path.Combine(tmp.Path, "cache");
        ErcotReportRows first;
        using (var c1 = Client(api, cache)) first = await c1.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST");
        int seen = api.Seen.Count;

        using var c2 = Client(api, cache);
        var progress = new Lines();
        var again = await c2.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST", progress);

        Assert.Equal(seen, api.Seen.Count); // no sign-in, no report request
        Assert.True(again.FromCache);
        Assert.Equal(0, again.Requests);
        Assert.Equal(first.Rows.Select(r => string.Join(",", r)), again.Rows.Select(r => string.Join(",", r)));
        Assert.Contains(progress.All, l => l.Contains("cache hit", StringComparison.Ordinal));

        // Another point is another key: it is fetched.
        api.Rows = RtRows(2, "HB_NORTH");
        await c2.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_NORTH");
        Assert.True(api.Seen.Count > seen);
    }

    [Fact]
    public async Task An_expired_token_is_renewed_once_on_401_and_the_download_goes_on()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        api.OnReport = r => { if (r.Query.GetValueOrDefault("page") == "3" && api.SignIns.Count == 1) api.ExpireTokens(); };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"));
        var progress = new Lines();

        var got = await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST", progress);

        Assert.Equal(192, got.Rows.Count);
        Assert.Equal(2, api.SignIns.Count);
        // page 3 was refused once (401) and asked again with the new token
        Assert.Equal(["1", "2", "3", "3", "4"], api.ReportRequests.Select(r => r.Query["page"]));
        Assert.Equal(api.IssuedTokens[1], api.ReportRequests[^1].Bearer);
        Assert.Contains(progress.All, l => l.Contains("401", StringComparison.Ordinal) && l.Contains("signing in again", StringComparison.Ordinal));
        foreach (var l in progress.All) AssertNoSecret(api, l);
    }

    [Fact]
    public async Task A_token_is_renewed_before_it_expires_without_a_401()
    {
        using var tmp = new TempDir();
        var clock = new ManualClock(Now);
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(), TokenLifetimeSeconds = 600 };
        // Every report request takes 3 minutes of the test clock: with a 10-minute token renewed 5 minutes early,
        // the token is renewed after the second page, before any 401.
        api.OnReport = _ => clock.Now += TimeSpan.FromMinutes(3);
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), clock: clock);

        await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST");

        Assert.True(api.SignIns.Count >= 2);
        Assert.Equal(4, api.ReportRequests.Count); // no request was refused
        Assert.Equal(api.IssuedTokens[0], api.ReportRequests[0].Bearer);
        Assert.Equal(api.IssuedTokens[^1], api.ReportRequests[^1].Bearer);
    }

    [Fact]
    public async Task Requests_are_spaced_two_seconds_apart_by_the_throttle()
    {
        using var tmp = new TempDir();
        var clock = new ManualClock(Now);
        var arrivals = new List<DateTimeOffset>();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        api.OnReport = _ => { lock (arrivals) arrivals.Add(clock.Now); };
        var waits = new List<TimeSpan>();
        Task Delay(TimeSpan t, CancellationToken _)
        {
            waits.Add(t);
            clock.Now += t; // the wait passes on the test clock, no real sleep
            return Task.CompletedTask;
        }
        using var client = new ErcotApiClient(Options(api, Path.Combine(tmp.Path, "cache"), pageSize: 20), delay: Delay, clock: clock);

        await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST"); // 192 rows: 10 pages

        Assert.Equal(10, arrivals.Count);
        for (int i = 1; i < arrivals.Count; i++) Assert.True(arrivals[i] - arrivals[i - 1] >= TimeSpan.FromSeconds(2), $"request {i + 1} came {arrivals[i] - arrivals[i - 1]} after the one before");
        // 30 requests per minute: in any 60 s window at most 30 requests (here: 10 requests over 18 s of test clock).
        Assert.Equal(TimeSpan.FromSeconds(18), arrivals[^1] - arrivals[0]);
        Assert.Equal(9, waits.Count);
    }

    [Fact]
    public async Task A_429_is_retried_after_the_Retry_After_seconds()
    {
        using var tmp = new TempDir();
        var delays = new DelayRecorder();
        int n = 0;
        using var api = new FakeErcotApi((r, _) => Interlocked.Increment(ref n) == 1
            ? new ErcotReply(429, "{\"statusCode\":429,\"message\":\"Rate limit is exceeded. Try again in 7 seconds.\"}", new Dictionary<string, string> { ["Retry-After"] = "7" })
            : null)
        { Fields = RtFields, Rows = RtRows(1) };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), delays, pageSize: 1000);

        var got = await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST");

        Assert.Equal(96, got.Rows.Count);
        Assert.Contains(TimeSpan.FromSeconds(7), delays.Waits);
        Assert.Equal(2, api.ReportRequests.Count);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported_with_every_attempt()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi((_, _) => new ErcotReply(503, "{\"code\":503,\"status\":\"SERVICE_UNAVAILABLE\",\"message\":\"maintenance\"}")) { Fields = RtFields, Rows = RtRows(1) };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), maxAttempts: 3);
        var progress = new Lines();

        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST", progress));

        Assert.Equal(503, e.StatusCode);
        Assert.Contains("after 3 attempt(s)", e.Message, StringComparison.Ordinal);
        Assert.Contains("maintenance", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, api.ReportRequests.Count);
        Assert.Contains(progress.All, l => l.Contains("attempt 1/3 failed (HTTP 503 (maintenance))", StringComparison.Ordinal));
        Assert.Contains(progress.All, l => l.Contains("attempt 2/3 failed", StringComparison.Ordinal));
        AssertNoSecret(api, e.ToString());
    }

    [Fact]
    public async Task A_5xx_then_success_completes()
    {
        using var tmp = new TempDir();
        int n = 0;
        using var api = new FakeErcotApi((_, _) => Interlocked.Increment(ref n) <= 2 ? new ErcotReply(502, "bad gateway") : null) { Fields = RtFields, Rows = RtRows(1) };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), pageSize: 1000);
        var got = await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST");
        Assert.Equal(96, got.Rows.Count);
        Assert.Equal(3, api.ReportRequests.Count);
    }

    [Fact]
    public async Task A_refused_subscription_key_names_that_credential_and_no_secret()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(1) };
        var o = Options(api, Path.Combine(tmp.Path, "cache")) with { SubscriptionKey = "ffffffffffffffffffffffffffffffff" };
        using var client = new ErcotApiClient(o, delay: new DelayRecorder().Delay, clock: new ManualClock(Now));

        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));

        Assert.Equal(401, e.StatusCode);
        Assert.Contains("ERCOT_API_SUBSCRIPTION_KEY", e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid subscription key", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, api.SignIns.Count); // signed in again once, then gave up
        Assert.DoesNotContain("ffffffffffffffffffffffffffffffff", e.ToString(), StringComparison.Ordinal);
        AssertNoSecret(api, e.ToString());
    }

    [Fact]
    public async Task A_refused_password_names_username_and_password_and_never_prints_them()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(1) };
        var o = Options(api, Path.Combine(tmp.Path, "cache")) with { Password = "wrong-Pass-123" };
        using var client = new ErcotApiClient(o, delay: new DelayRecorder().Delay, clock: new ManualClock(Now));

        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));

        Assert.Equal(400, e.StatusCode);
        Assert.Contains("ERCOT_API_USERNAME", e.Message, StringComparison.Ordinal);
        Assert.Contains("ERCOT_API_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.Contains("AADB2C90225", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-Pass-123", e.ToString(), StringComparison.Ordinal);
        AssertNoSecret(api, e.ToString());
        Assert.Empty(api.ReportRequests);
    }

    [Fact]
    public async Task A_403_names_the_subscription_and_redacts_a_key_the_server_echoes()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi((_, _) => new ErcotReply(403,
            "{\"code\":403,\"status\":\"FORBIDDEN\",\"message\":\"Subscription " + FakeErcotApi.Key.ToUpperInvariant() + " has no access to this product\"}"))
        { Fields = RtFields, Rows = RtRows(1) };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"));

        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));

        Assert.Equal(403, e.StatusCode);
        Assert.Contains("ERCOT_API_SUBSCRIPTION_KEY", e.Message, StringComparison.Ordinal);
        Assert.Contains("Subscription *** has no access", e.Message, StringComparison.Ordinal);
        AssertNoSecret(api, e.ToString());
        Assert.Single(api.ReportRequests); // not retried
    }

    [Fact]
    public async Task A_truncated_page_is_an_error_and_nothing_is_cached()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        api.Handler = (r, a) =>
        {
            if (r.Query["page"] != "2") return null;
            string full = a.Page(r).Body;
            return new ErcotReply(200, full[..(full.Length / 2)]);
        };
        string cache = Path.Combine(tmp.Path, "cache");
        using (var client = Client(api, cache))
        {
            var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST"));
            Assert.Contains("page 2", e.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was cached", e.Message, StringComparison.Ordinal);
        }
        api.Handler = null;
        int before = api.ReportRequests.Count;
        using (var client = Client(api, cache))
        {
            var got = await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST");
            Assert.False(got.FromCache);
            Assert.Equal(192, got.Rows.Count);
        }
        Assert.Equal(before + 4, api.ReportRequests.Count);
    }

    [Fact]
    public async Task A_page_with_fewer_rows_than_totalRecords_says_so()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(1) };
        // The server claims 96 rows but page 1 carries only 90.
        api.Handler = (r, a) => new ErcotReply(200, a.Page(r).Body.Replace("\"totalRecords\":96", "\"totalRecords\":102", StringComparison.Ordinal));
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), pageSize: 1000);
        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));
        Assert.Contains("96 rows", e.Message, StringComparison.Ordinal);
        Assert.Contains("102", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_range_is_a_clear_message()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = [] };
        using var client = Client(api, Path.Combine(tmp.Path, "cache"));
        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST"));
        Assert.Contains("no real-time settlement point prices for NP6-905-CD HB_WEST 2025-07-01..2025-07-02", e.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_outside_the_range_is_refused()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(2) }; // 2 July served for a 1 July request
        using var client = Client(api, Path.Combine(tmp.Path, "cache"), pageSize: 1000);
        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));
        Assert.Contains("row 97: deliveryDate 2025-07-02 is outside the requested 2025-07-01..2025-07-01", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cache_edited_to_hold_a_bad_value_is_discarded_with_a_warning_and_fetched_again()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(1) };
        string cache = Path.Combine(tmp.Path, "cache");
        using (var c1 = Client(api, cache, pageSize: 1000)) await c1.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST");
        using (var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(cache, ErcotApiCache.FileName)};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "UPDATE download SET rows_json = replace(rows_json, '\"11.87\"', '\"NaN\"')";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        int before = api.ReportRequests.Count;
        var warnings = new List<string>();
        using var c2 = Client(api, cache, pageSize: 1000, warnings: warnings);
        var got = await c2.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST");
        Assert.False(got.FromCache);
        Assert.Equal(before + 1, api.ReportRequests.Count);
        Assert.Contains(warnings, w => w.Contains("settlementPointPrice 'NaN' is not a number", StringComparison.Ordinal) && w.Contains("discarded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_secret_reaches_the_cache_file_or_progress()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        api.OnReport = r => { if (r.Query.GetValueOrDefault("page") == "2" && api.SignIns.Count == 1) api.ExpireTokens(); };
        string cache = Path.Combine(tmp.Path, "cache");
        var progress = new Lines();
        using (var client = Client(api, cache))
            await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST", progress);
        Assert.Equal(2, api.IssuedTokens.Count);
        foreach (var file in Directory.GetFiles(cache))
        {
            var bytes = File.ReadAllBytes(file);
            string latin = System.Text.Encoding.Latin1.GetString(bytes);
            AssertNoSecret(api, latin);
        }
        foreach (var l in progress.All) AssertNoSecret(api, l);
        Assert.DoesNotContain("***", string.Join("\n", progress.All), StringComparison.Ordinal); // nothing needed redacting: the secrets were never written
    }

    [Fact]
    public async Task Missing_credentials_send_nothing_and_name_the_variables()
    {
        using var tmp = new TempDir();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows(1) };
        var o = Options(api, Path.Combine(tmp.Path, "cache")) with { Password = "", SubscriptionKey = "" };
        using var client = new ErcotApiClient(o, delay: new DelayRecorder().Delay, clock: new ManualClock(Now));
        var e = await Assert.ThrowsAsync<ErcotApiException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul1, "HB_WEST"));
        Assert.Contains("ERCOT_API_SUBSCRIPTION_KEY, ERCOT_API_PASSWORD", e.Message, StringComparison.Ordinal);
        Assert.Empty(api.Seen);
    }

    [Fact]
    public async Task Cancellation_stops_the_download_and_caches_nothing()
    {
        using var tmp = new TempDir();
        using var cts = new CancellationTokenSource();
        using var api = new FakeErcotApi { Fields = RtFields, Rows = RtRows() };
        api.OnReport = r => { if (r.Query.GetValueOrDefault("page") == "2") cts.Cancel(); };
        string cache = Path.Combine(tmp.Path, "cache");
        Task Delay(TimeSpan t, CancellationToken ct) => ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask;
        using (var client = new ErcotApiClient(Options(api, cache), delay: Delay, clock: new ManualClock(Now)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST", null, cts.Token));
        int before = api.ReportRequests.Count;
        using (var client = Client(api, cache))
            Assert.False((await client.GetAsync(ErcotReport.RealTimePrices, Jul1, Jul2, "HB_WEST")).FromCache);
        Assert.True(api.ReportRequests.Count > before);
    }

    [Fact]
    public async Task Day_ahead_AS_and_load_files_are_read_by_the_existing_loaders()
    {
        using var tmp = new TempDir();
        string cache = Path.Combine(tmp.Path, "cache");
        using var api = new FakeErcotApi();
        using var client = Client(api, cache, pageSize: 1000);

        api.Fields = DaFields;
        api.Rows = DaRows();
        var da = await client.GetAsync(ErcotReport.DayAheadPrices, Jul1, Jul1, "HB_WEST");
        Assert.Contains(api.ReportRequests, r => r.PathAndQuery.StartsWith("/api/public-reports/np4-190-cd/dam_stlmnt_pnt_prices?deliveryDateFrom=2025-07-01&deliveryDateTo=2025-07-01&settlementPoint=HB_WEST", StringComparison.Ordinal));
        api.Fields = AsFields;
        api.Rows = AsRows();
        var asRows = await client.GetAsync(ErcotReport.AncillaryPrices, Jul1, Jul1, null);
        api.Fields = LoadFields;
        api.Rows = LoadRows();
        var load = await client.GetAsync(ErcotReport.SystemLoad, Jul1, Jul1, null);
        Assert.Contains(api.ReportRequests, r => r.PathAndQuery.StartsWith("/api/public-reports/np6-346-cd/act_sys_load_by_fzn?operatingDayFrom=2025-07-01&operatingDayTo=2025-07-01&page=1", StringComparison.Ordinal));

        string daCsv = WriteCsv(da, tmp.Path), asCsv = WriteCsv(asRows, tmp.Path), loadCsv = WriteCsv(load, tmp.Path);
        Assert.Equal(DaRows().Select(Csv), File.ReadAllLines(daCsv).Skip(1));
        Assert.Equal(AsRows().Select(Csv), File.ReadAllLines(asCsv).Skip(1));

        var t0 = new DateTime(2025, 7, 1, 5, 0, 0, DateTimeKind.Utc); // HE1 of 1 July, CDT
        var daPrices = PriceLoader.Load([tmp.Path], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
        Assert.Equal(24, daPrices.Count);
        Assert.Equal(20 + 7 * 0.5, daPrices.PriceAt(t0.AddHours(6)), 10); // HE7

        var asLoaded = AncillaryPriceLoader.Load([asCsv]).Prices;
        Assert.Equal(24, asLoaded.HoursUtc.Length);
        Assert.Equal(t0, asLoaded.HoursUtc[0]);
        Assert.Equal(Math.Round(1 + 2 + 5 * 0.1, 2), asLoaded.Prices[Core.Ancillary.AncillaryProduct.Rrs][4], 10); // RRS HE5

        var sys = SystemLoadCsvLoader.Load(loadCsv);
        Assert.Equal(24, sys.Count);
        Assert.Equal(t0, sys.StartsUtc[0]);
        Assert.Equal(t0.AddHours(23), sys.StartsUtc[23]);
        Assert.Equal(62000.75 + 24 * 100, sys.LoadMw[23], 10);
    }

    [Fact]
    public void Load_hours_of_the_fall_back_day_take_the_DST_flag()
    {
        // 2 Nov 2025: HE02 twice; the flagged one (DSTFlag true) is the second, CST occurrence.
        var spec = ErcotReportSpec.Of(ErcotReport.SystemLoad);
        var day = new DateOnly(2025, 11, 2);
        var rows = new ErcotReportRows(spec, null, day, day,
            [["2025-11-02", "01:00", "50000", "false"], ["2025-11-02", "02:00", "51000", "false"], ["2025-11-02", "02:00", "52000", "true"], ["2025-11-02", "03:00", "53000", "false"]],
            Now, false, 1);
        var w = new StringWriter();
        ErcotCsvFiles.Write(rows, w);
        var lines = w.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // CDT (UTC-5) until 02:00 CDT = 07:00Z; then CST (UTC-6): 01:00 CST = 07:00Z, 02:00 CST = 08:00Z.
        Assert.StartsWith("2025-11-02T05:00Z,50000,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2025-11-02T06:00Z,51000,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("2025-11-02T07:00Z,52000,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("2025-11-02T08:00Z,53000,", lines[4], StringComparison.Ordinal);
    }
}
