using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>What the fake server saw.</summary>
internal sealed record FakeRequest(string PathAndQuery, string? ApiKey, string? Accept, IReadOnlyDictionary<string, string> Query);

/// <summary>What the fake server answers; <see cref="Hang"/> = never answer (until disposed).</summary>
/// <summary><see cref="Raw"/> replaces <see cref="Body"/> as the bytes sent (e.g. gzip); <see cref="Chunked"/> sends no Content-Length.</summary>
internal sealed record FakeReply(int Status, string Body = "", IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public byte[]? Raw { get; init; }
    public bool Chunked { get; init; }

    public static FakeReply Fixture(int status, string file, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, File.ReadAllText(HashpriceTestData.PathOf(file)), headers);
}

/// <summary>
/// A local Hashrate Index stand-in on 127.0.0.1 (System.Net.HttpListener on a free port). The handler gets each
/// request and its 1-based arrival number. <see cref="Documented"/> routes like the real API (doc §10.5).
/// </summary>
internal sealed class FakeHashrateIndexServer : IDisposable
{
    public const string Key = "hi.0123456789abcdef0123456789abcdef";
    private readonly HttpListener _listener;
    private readonly Func<FakeRequest, int, FakeReply> _handler;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentBag<HttpListenerContext> _hung = [];
    private int _count;

    public FakeHashrateIndexServer(Func<FakeRequest, int, FakeReply> handler)
    {
        _handler = handler;
        _listener = LoopbackListener.Start(out int port);
        Port = port;
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }
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

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Handle(ctx));
        }
    }

    private void Handle(HttpListenerContext ctx)
    {
        try
        {
            var q = ctx.Request.QueryString;
            var query = q.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => q[k] ?? "");
            var req = new FakeRequest(ctx.Request.RawUrl ?? "", ctx.Request.Headers["X-Hi-Api-Key"], ctx.Request.Headers["Accept"], query);
            _requests.Enqueue(req);
            int n = Interlocked.Increment(ref _count);
            var reply = _handler(req, n);
            if (reply.Hang) { _hung.Add(ctx); return; }
            var bytes = reply.Raw ?? Encoding.UTF8.GetBytes(reply.Body);
            ctx.Response.StatusCode = reply.Status;
            ctx.Response.ContentType = reply.Status < 300 ? "application/json" : "application/problem+json";
            foreach (var (k, v) in reply.Headers ?? new Dictionary<string, string>()) ctx.Response.AddHeader(k, v);
            if (reply.Chunked) ctx.Response.SendChunked = true;
            else ctx.Response.ContentLength64 = bytes.Length;
            ctx.Response.OutputStream.Write(bytes);
            ctx.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // client went away (timeout tests)
        }
    }

    public void Dispose()
    {
        foreach (var c in _hung)
        {
            try { c.Response.Abort(); } catch (ObjectDisposedException) { }
        }
        try { _listener.Stop(); _listener.Close(); } catch (ObjectDisposedException) { }
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
