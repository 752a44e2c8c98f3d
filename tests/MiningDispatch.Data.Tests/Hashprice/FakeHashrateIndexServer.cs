using System.Collections.Concurrent;
using System.Net;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>What the fake server saw.</summary>
internal sealed record FakeRequest(string PathAndQuery, string? ApiKey, string? Accept, IReadOnlyDictionary<string, string> Query);

/// <summary>What the fake server answers (see <see cref="FakeHttpReply"/>: raw bytes, chunked, hang).</summary>
internal sealed record FakeReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
    : FakeHttpReply(Status, Body, Headers, Hang)
{
    public static FakeReply Fixture(int status, string file, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, File.ReadAllText(HashpriceTestData.PathOf(file)), headers);
}

/// <summary>
/// A local Hashrate Index stand-in on 127.0.0.1 (a real socket; the listener plumbing is <see cref="FakeHttpServer"/>'s).
/// The handler gets each request and its 1-based arrival number. <see cref="Documented"/> routes like the real API (doc §10.5).
/// </summary>
internal sealed class FakeHashrateIndexServer(Func<FakeRequest, int, FakeReply> handler) : FakeHttpServer
{
    public const string Key = "hi.0123456789abcdef0123456789abcdef";
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private int _count;
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/v1/hashrateindex");
    public int RequestCount => Volatile.Read(ref _count);
    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    /// <summary>Key required (401), documented span/bucket pairs and enums (422), fixture by hashunit.</summary>
    public static FakeReply Documented(FakeRequest r, Func<FakeRequest, FakeReply>? success = null)
    {
        if (!r.PathAndQuery.StartsWith("/v1/hashrateindex/hashprice?", StringComparison.Ordinal)) return new FakeReply(404, "{\"title\":\"Not Found\"}");
        if (r.ApiKey != Key) return FakeReply.Fixture(401, "ERR_401_missing_or_invalid_key.json");
        string hu = r.Query.GetValueOrDefault("hashunit", "");
        if (hu is not ("THS" or "PHS") || r.Query.GetValueOrDefault("currency") is not ("USD" or "BTC"))
            return FakeReply.Fixture(422, "ERR_422_invalid_enum.json");
        try { Data.Hashprice.HashrateIndexSpans.Validate(r.Query["span"], r.Query["bucket"]); }
        catch (Exception e) when (e is ArgumentException or KeyNotFoundException) { return new FakeReply(422, "{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"invalid span/bucket\"}"); }
        return success?.Invoke(r) ?? FakeReply.Fixture(200, $"GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-{hu}.json");
    }

    protected override string ContentType(int status) => status < 300 ? "application/json" : "application/problem+json";

    protected override FakeHttpReply Answer(HttpListenerContext ctx)
    {
        var q = ctx.Request.QueryString;
        var query = q.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => q[k] ?? "");
        var req = new FakeRequest(ctx.Request.RawUrl ?? "", ctx.Request.Headers["X-Hi-Api-Key"], ctx.Request.Headers["Accept"], query);
        _requests.Enqueue(req);
        int n = Interlocked.Increment(ref _count);
        return handler(req, n);
    }
}

/// <summary>A clock the test sets by hand.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Records requested waits and returns at once, so retry tests take no time.</summary>
internal sealed class DelayRecorder
{
    private readonly List<TimeSpan> _waits = [];
    public IReadOnlyList<TimeSpan> Waits { get { lock (_waits) return [.. _waits]; } }
    public Task Delay(TimeSpan t, CancellationToken ct)
    {
        lock (_waits) _waits.Add(t);
        return Task.CompletedTask;
    }
}
