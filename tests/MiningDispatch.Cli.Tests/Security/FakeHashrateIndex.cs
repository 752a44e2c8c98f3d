using System.Collections.Concurrent;
using System.Net;
using MiningDispatch.Tests.Shared;

namespace MiningDispatch.Cli.Tests.Security;

/// <summary>
/// A Hashrate Index stand-in on 127.0.0.1 (the listener plumbing is <see cref="FakeHttpServer"/>'s) for CLI runs. It
/// records the <c>X-Hi-Api-Key</c> header of every request and answers with what <c>reply</c> returns for that key.
/// </summary>
internal sealed class FakeHashrateIndex(Func<string?, (int Status, string Body)> reply) : FakeHttpServer
{
    private readonly ConcurrentQueue<string?> _keys = new();

    public static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(CliHarness.RepoRoot, "tests", "MiningDispatch.Cli.Tests", "TestData", "hashprice", name));

    /// <summary>The daily USD/TH/day fixture (2023-04-30 .. 2024-04-27) for the right key, the documented 401 otherwise.</summary>
    public static FakeHashrateIndex Accepting(string key) => new(k => k == key
        ? (200, Fixture("GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-THS.json"))
        : (401, Fixture("ERR_401_missing_or_invalid_key.json")));

    /// <summary>What HASHRATEINDEX_BASE_URL should be.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/v1/hashrateindex";

    /// <summary>The X-Hi-Api-Key header of every request received, in order.</summary>
    public IReadOnlyList<string?> KeysReceived => [.. _keys];

    protected override string ContentType(int status) => status < 300 ? "application/json" : "application/problem+json";

    protected override FakeHttpReply Answer(HttpListenerContext ctx)
    {
        string? key = ctx.Request.Headers["X-Hi-Api-Key"];
        _keys.Enqueue(key);
        var (status, body) = ctx.Request.Url?.AbsolutePath == "/v1/hashrateindex/hashprice" ? reply(key) : (404, "{\"title\":\"Not Found\"}");
        return new FakeHttpReply(status, body);
    }
}
