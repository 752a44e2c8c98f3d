using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

public sealed class HashrateIndexClientTests : IDisposable
{
    private const string Key = FakeHashrateIndexServer.Key;
    private const string Path5Y1D = "/v1/hashrateindex/hashprice?span=5Y&bucket=1D&currency=USD&hashunit=THS";
    private readonly TempDir _cacheDir = new();
    private readonly DelayRecorder _delays = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2024, 4, 28, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _cacheDir.Dispose();

    private HashrateIndexClient Client(FakeHashrateIndexServer server, string key = Key, int maxAttempts = 5, double timeoutSeconds = 30) =>
        Client(server.BaseUrl, key, maxAttempts, timeoutSeconds);

    private HashrateIndexClient Client(Uri baseUrl, string key = Key, int maxAttempts = 5, double timeoutSeconds = 30) =>
        new(new HashrateIndexOptions
        {
            ApiKey = key,
            BaseUrl = baseUrl,
            MaxAttempts = maxAttempts,
            PerAttemptTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            BaseDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(10),
            CacheDirectory = _cacheDir.Path,
        }, delay: _delays.Delay, clock: _clock);

    private static double At(HashpriceSeries s, DateTime t) => s.Points.Single(p => p.TimestampUtc == t).UsdPerThDay;

    [Fact]
    public async Task Success_Ths_ReturnsTheFixturePoints_AndSendsKeyHeaderAndDocumentedQuery()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var s = await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal(364, s.Points.Count); // TestData/hashprice/SOURCES.txt: 364 daily points 2023-04-30..2024-04-27
        // Values as written in the THS fixture file: 0.079658 (first), 0.077512, 0.051569 (last).
        Assert.Equal(0.079658, At(s, Utc(2023, 4, 30)), 15);
        Assert.Equal(0.077512, At(s, Utc(2023, 7, 6)), 15);
        Assert.Equal(0.051569, At(s, Utc(2024, 4, 27)), 15);
        Assert.Equal(TimeSpan.FromDays(1), s.Bucket);
        Assert.Contains("span=5Y", s.Source);
        var req = Assert.Single(server.Requests);
        Assert.Equal(Path5Y1D, req.PathAndQuery);
        Assert.Equal(Key, req.ApiKey);
        Assert.Equal("application/json", req.Accept);
    }

    [Fact]
    public async Task Success_Phs_IsDividedBy1000()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var s = await client.GetHashpriceAsync("5Y", "1D", "PHS");
        Assert.Equal("PHS", server.Requests[0].Query["hashunit"]);
        Assert.Equal(364, s.Points.Count);
        // Fixture: 77.512 and 77.671 USD/PH/day.
        Assert.Equal(77.512 / 1000, At(s, Utc(2023, 7, 6)), 15);
        Assert.Equal(0.077671, At(s, Utc(2023, 7, 5)), 12);
        Assert.Equal(0.051569, At(s, Utc(2024, 4, 27)), 12);
    }

    [Theory]
    [InlineData("5Y", "1H")]
    [InlineData("1D", "1D")]
    [InlineData("7D", "6H")]
    [InlineData("2Y", "1D")]
    [InlineData("ALL", "1D")]
    public async Task UndocumentedSpanBucketPair_IsRejectedBeforeAnyRequest(string span, string bucket)
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetHashpriceAsync(span, bucket));
        Assert.Contains(span == "2Y" ? "span" : "Bucket", ex.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetHashpriceAsync("5Y", "1D", "TH"));
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task EmptyData_ClearMessage()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeReply.Fixture(200, "GET_hashprice__empty_data.json"));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("no hashprice points returned for GET /v1/hashrateindex/hashprice?span=5Y", ex.Message);
        Assert.Equal(Path5Y1D, ex.RequestPath);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Unauthorized_FailsFast_NamesTheVariable_AndNeverEchoesTheKey()
    {
        // This server echoes the key it received in its error detail: the client must still never show it.
        using var server = new FakeHashrateIndexServer((r, _) =>
            new FakeReply(401, $"{{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"invalid key {r.ApiKey}\"}}"));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("API key missing or invalid: set HASHRATEINDEX_API_KEY", ex.Message);
        Assert.Equal(Path5Y1D, ex.RequestPath);
        Assert.Contains("invalid key ***", ex.Message);
        Assert.DoesNotContain(Key, ex.ToString());
        Assert.DoesNotContain(Key, ex.ApiDetail);
        Assert.Equal(1, server.RequestCount);
        Assert.Empty(_delays.Waits);
    }

    [Fact]
    public async Task WrongKey_AgainstDocumentedServer_Is401()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server, key: "hi.ffffffffffffffffffffffffffffffff");
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Equal(401, ex.StatusCode);
        Assert.DoesNotContain("hi.ffff", ex.ToString());
    }

    [Fact]
    public async Task MissingKey_FailsWithoutSending()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server, key: "");
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("set HASHRATEINDEX_API_KEY", ex.Message);
        Assert.Null(ex.StatusCode);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Forbidden_FailsFast_WithPlanMessage()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeReply.Fixture(403, "ERR_403_tier_not_allowed.json"));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("1D", "15s"));
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("your Hashrate Index plan does not allow this span/bucket", ex.Message);
        Assert.Contains("span 1D, bucket 15s", ex.Message);
        Assert.Equal("Forbidden", ex.ApiDetail);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Unprocessable_ShowsTheFieldMessages()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeReply.Fixture(422, "ERR_422_invalid_enum.json"));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Equal(422, ex.StatusCode);
        Assert.Contains("validation failed", ex.Message);
        Assert.Contains("query.hashunit: expected value to be one of \"PHS, THS\" (value TH)", ex.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task RateLimitedThenSuccess_HonoursRetryAfterSeconds()
    {
        using var server = new FakeHashrateIndexServer((r, n) => n == 1
            ? FakeReply.Fixture(429, "ERR_429_rate_limited.json", new Dictionary<string, string> { ["Retry-After"] = "1" })
            : FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var s = await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal(0.077512, At(s, Utc(2023, 7, 6)), 15);
        Assert.Equal(2, server.RequestCount);
        Assert.Equal([TimeSpan.FromSeconds(1)], _delays.Waits);
    }

    [Fact]
    public async Task RetryAfter_HttpDate_IsRelativeToTheClock_AndCapped()
    {
        string in3s = _clock.Now.AddSeconds(3).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        using var server = new FakeHashrateIndexServer((r, n) => n switch
        {
            1 => new FakeReply(429, "", new Dictionary<string, string> { ["Retry-After"] = in3s }),
            2 => new FakeReply(503, "", new Dictionary<string, string> { ["Retry-After"] = "3600" }),
            _ => FakeHashrateIndexServer.Documented(r),
        });
        using var client = Client(server);
        await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(10)], _delays.Waits); // 3600 s capped at MaxDelay 10 s
    }

    [Fact]
    public async Task ServerErrorThenSuccess_BacksOffWithJitter()
    {
        using var server = new FakeHashrateIndexServer((r, n) => n == 1 ? new FakeReply(500, "oops") : FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        var s = await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal(364, s.Points.Count);
        Assert.Equal(2, server.RequestCount);
        var w = Assert.Single(_delays.Waits);
        Assert.InRange(w.TotalSeconds, 0.5, 1.0); // BaseDelay 1 s × 2^0, jitter 50–100 %
    }

    [Fact]
    public async Task ServerErrors_Exhausted_ReportStatusAndAttempts()
    {
        using var server = new FakeHashrateIndexServer((r, _) => new FakeReply(503, "{\"title\":\"Service Unavailable\",\"detail\":\"maintenance\"}"));
        using var client = Client(server, maxAttempts: 4);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Equal(503, ex.StatusCode);
        Assert.Contains("server error (HTTP 503)", ex.Message);
        Assert.Contains("after 4 attempt(s)", ex.Message);
        Assert.Contains("maintenance", ex.Message);
        Assert.Equal(4, server.RequestCount);
        var w = _delays.Waits;
        Assert.Equal(3, w.Count);
        Assert.InRange(w[0].TotalSeconds, 0.5, 1.0);
        Assert.InRange(w[1].TotalSeconds, 1.0, 2.0);
        Assert.InRange(w[2].TotalSeconds, 2.0, 4.0);
    }

    [Fact]
    public async Task RateLimited_Exhausted()
    {
        using var server = new FakeHashrateIndexServer((r, _) =>
            FakeReply.Fixture(429, "ERR_429_rate_limited.json", new Dictionary<string, string> { ["Retry-After"] = "0" }));
        using var client = Client(server, maxAttempts: 3);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Equal(429, ex.StatusCode);
        Assert.Contains("rate-limiting", ex.Message);
        Assert.Contains("rate limit exceeded", ex.Message);
        Assert.Equal(3, server.RequestCount);
        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero], _delays.Waits);
    }

    [Fact]
    public async Task TruncatedJson_IsAClearError()
    {
        string full = File.ReadAllText(PathOf("GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-THS.json"));
        using var server = new FakeHashrateIndexServer((r, _) => new FakeReply(200, full[..(full.Length / 2)]));
        using var client = Client(server);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Equal(200, ex.StatusCode);
        Assert.Equal(Path5Y1D, ex.RequestPath);
        Assert.Equal(1, server.RequestCount);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public async Task ServerThatNeverAnswers_TimesOutPerAttempt()
    {
        // A server that accepts connections and never answers. Attempts are counted as accepted connections: the
        // kernel completes each connection whether or not the server gets to read the request before the client gives
        // up (an HTTP listener on a loaded machine may not, and then never reports that request).
        var blackHole = new TcpListener(IPAddress.Loopback, 0);
        blackHole.Start();
        var accepted = new ConcurrentQueue<Socket>();
        using var stop = new CancellationTokenSource();
        var acceptLoop = Task.Run(async () =>
        {
            try { while (true) accepted.Enqueue(await blackHole.AcceptSocketAsync(stop.Token)); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { }
        });
        try
        {
            using var client = Client(new Uri($"http://127.0.0.1:{((IPEndPoint)blackHole.LocalEndpoint).Port}/v1/hashrateindex"), maxAttempts: 3, timeoutSeconds: 2);
            var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
            Assert.Null(ex.StatusCode);
            Assert.Contains("did not answer in time", ex.Message);
            Assert.Contains("after 3 attempt(s)", ex.Message);
            Assert.Equal(2, _delays.Waits.Count); // 3 attempts, 2 backoffs
            Assert.True(SpinWait.SpinUntil(() => accepted.Count == 3, TimeSpan.FromSeconds(10)), $"server saw {accepted.Count} connection(s)");
        }
        finally
        {
            stop.Cancel();
            blackHole.Stop();
            await acceptLoop;
            foreach (var socket in accepted) socket.Dispose();
        }
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetried()
    {
        using var server = new FakeHashrateIndexServer((r, _) => new FakeReply(0, Hang: true));
        using var client = Client(server);
        using var cts = new CancellationTokenSource();
        var task = client.GetHashpriceAsync("5Y", "1D", ct: cts.Token);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Empty(_delays.Waits);
    }

    [Fact]
    public async Task ClientSideThrottle_AllowsABurstOf20_ThenOnePer15Seconds()
    {
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r));
        using var client = Client(server);
        for (int i = 0; i < 20; i++) await client.GetHashpriceAsync("5Y", "1D");
        Assert.Empty(_delays.Waits);
        await client.GetHashpriceAsync("5Y", "1D"); // clock has not moved: the 21st waits one refill
        Assert.Equal([TimeSpan.FromSeconds(15)], _delays.Waits);
        _clock.Now = _clock.Now.AddSeconds(30); // two tokens back: the next call needs one, no wait
        await client.GetHashpriceAsync("5Y", "1D");
        Assert.Single(_delays.Waits);
        Assert.Equal(22, server.RequestCount);
    }

    [Fact]
    public void Options_ToString_HidesTheKey()
    {
        var o = new HashrateIndexOptions { ApiKey = Key };
        Assert.DoesNotContain(Key, o.ToString());
        Assert.Contains("ApiKey = ***", o.ToString());
        Assert.Equal(Key, HashrateIndexOptions.FromEnvironment(n => n == "HASHRATEINDEX_API_KEY" ? " " + Key + " " : null).ApiKey);
    }
}
