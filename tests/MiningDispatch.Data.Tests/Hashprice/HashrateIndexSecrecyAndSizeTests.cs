using System.IO.Compression;
using System.Text;
using MiningDispatch.Data.Hashprice;
using static MiningDispatch.Data.Tests.Hashprice.HashpriceTestData;

namespace MiningDispatch.Data.Tests.Hashprice;

/// <summary>
/// Fault injection against the local fake server (issue 12): the key is hidden before the server's message is cut,
/// in any case and URL-encoded; keys with control characters and base URLs that are not http(s) are refused before
/// anything is sent; answers larger than the cap, as sent or once inflated, fail with a clear message.
/// </summary>
public sealed class HashrateIndexSecrecyAndSizeTests : IDisposable
{
    private const string ThsFixture = "GET_hashprice__span-5Y_bucket-1D_currency-USD_hashunit-THS.json";
    private readonly TempDir _cacheDir = new();
    private readonly DelayRecorder _delays = new();

    public void Dispose() => _cacheDir.Dispose();

    private HashrateIndexClient Client(Uri baseUrl, string key = FakeHashrateIndexServer.Key, long maxBytes = HashrateIndexOptions.DefaultMaxResponseBytes) =>
        new(new HashrateIndexOptions
        {
            ApiKey = key,
            BaseUrl = baseUrl,
            MaxAttempts = 2,
            CacheDirectory = _cacheDir.Path,
            MaxResponseBytes = maxBytes,
        }, delay: _delays.Delay);

    private static void AssertNoPartOfKey(string key, string text)
    {
        // No run of 6 or more characters of the key (in any case) may survive.
        for (int i = 0; i + 6 <= key.Length; i++)
            Assert.False(text.Contains(key.Substring(i, 6), StringComparison.OrdinalIgnoreCase), $"key fragment '{key.Substring(i, 6)}' in: {text}");
    }

    [Fact]
    public async Task KeyEchoedNearTheTruncationPoint_IsHiddenCompletely()
    {
        // The 300-character excerpt used to be cut before redaction: a key starting at character 286 left 14 of its characters.
        const string key = "hi.Q7w9E2r4T6y8U1i3O5p";
        string detail = new string('x', 286) + key + " is not a valid key";
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(401, $"{{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"{detail}\"}}"));
        using var client = Client(server.BaseUrl, key);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("1Y", "6H"));
        Assert.Contains("HTTP 401", ex.Message);
        Assert.Contains(new string('x', 50), ex.Message); // the detail is there, cut, with the key replaced
        AssertNoPartOfKey(key, ex.ToString());
        AssertNoPartOfKey(key, ex.ApiDetail ?? "");
    }

    [Theory]
    [InlineData("lower")]
    [InlineData("upper")]
    [InlineData("escaped")]
    [InlineData("escapedLowerHex")]
    [InlineData("formEncoded")]
    public async Task KeyEchoedInAnotherForm_IsHidden(string form)
    {
        const string key = "hi.Ab/Cd+Ef=Gh Ij_0123"; // '/', '+', '=' and a space change when URL-encoded
        string echoed = form switch
        {
            "lower" => "hi.ab/cd+ef=gh ij_0123",
            "upper" => "HI.AB/CD+EF=GH IJ_0123",
            "escaped" => "hi.Ab%2FCd%2BEf%3DGh%20Ij_0123",
            "escapedLowerHex" => "hi.Ab%2fCd%2bEf%3dGh%20Ij_0123",
            "formEncoded" => "hi.Ab%2FCd%2BEf%3DGh+Ij_0123",
            _ => throw new ArgumentOutOfRangeException(nameof(form)),
        };
        // A space is refused by the client (see below), so the redaction is checked on the text directly ...
        string text = $"invalid key {echoed} (sent as header)";
        string redacted = HashrateIndexClient.RedactKey(text, key);
        Assert.Equal("invalid key *** (sent as header)", redacted);

        // ... and end to end with a key the client accepts, echoed lower-case and URL-encoded.
        const string sendable = "hi.Ab/Cd+Ef=Gh_0123";
        string echo = form is "lower" ? sendable.ToLowerInvariant() : form is "upper" ? sendable.ToUpperInvariant() : "hi.Ab%2fCd%2BEf%3dGh_0123";
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(401, $"{{\"detail\":\"key {echo} unknown\"}}"));
        using var client = Client(server.BaseUrl, sendable);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("1Y", "6H"));
        Assert.Contains("key *** unknown", ex.Message);
        AssertNoPartOfKey("Ab/Cd+Ef=Gh_0123", ex.Message);
    }

    [Theory]
    [InlineData("hi.key\r\nX-Injected: 1")]
    [InlineData("hi.key\nmore")]
    [InlineData("hi.key\tx")]
    [InlineData("hi.key\u0000")]
    public void KeyWithControlCharacters_IsRefused_BeforeAnythingIsSent(string key)
    {
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(200, "{\"data\":[]}"));
        var ex = Assert.Throws<ArgumentException>(() => Client(server.BaseUrl, key));
        Assert.Contains("control character", ex.Message);
        Assert.DoesNotContain("hi.key", ex.Message);
        Assert.Equal(0, server.RequestCount);
        Assert.NotNull(HashrateIndexOptions.ApiKeyProblem(key));
        Assert.Null(HashrateIndexOptions.ApiKeyProblem(FakeHashrateIndexServer.Key));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/v1")]
    [InlineData("/v1/hashrateindex")]
    [InlineData("example.com/v1")]
    public void BaseUrl_MustBeAbsoluteHttpOrHttps(string url)
    {
        string? problem = HashrateIndexOptions.BaseUrlProblem(url);
        Assert.NotNull(problem);
        Assert.Contains(url, problem);
        Assert.Null(HashrateIndexOptions.BaseUrlProblem("https://api.hashrateindex.com/v1/hashrateindex"));
        Assert.Null(HashrateIndexOptions.BaseUrlProblem("http://127.0.0.1:8080/v1"));
        if (Uri.TryCreate(url, UriKind.Absolute, out var u))
            Assert.Throws<ArgumentException>(() => Client(u));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize)) gz.Write(data);
        return ms.ToArray();
    }

    private static readonly Dictionary<string, string> GzipHeader = new() { ["Content-Encoding"] = "gzip" };

    [Fact]
    public async Task GzipAnswer_IsDecoded_ToTheSameValues()
    {
        byte[] json = File.ReadAllBytes(PathOf(ThsFixture));
        using var server = new FakeHashrateIndexServer((r, _) => FakeHashrateIndexServer.Documented(r, _ => new FakeReply(200, Headers: GzipHeader) { Raw = Gzip(json) }));
        using var client = Client(server.BaseUrl);
        var s = await client.GetHashpriceAsync("5Y", "1D");
        Assert.Equal(0.077512, s.Points.Single(p => p.TimestampUtc == Utc(2023, 7, 6)).UsdPerThDay, 15);
    }

    [Fact]
    public async Task GzipBomb_StopsAtTheDecompressedCap()
    {
        // 64 MiB of spaces compress to about 64 KB; with a 1 MiB cap the client must stop after inflating 1 MiB.
        byte[] bomb = Gzip(Encoding.ASCII.GetBytes(new string(' ', 64 * 1024 * 1024)));
        Assert.True(bomb.Length < 1024 * 1024, $"compressed {bomb.Length} bytes");
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(200, Headers: GzipHeader) { Raw = bomb });
        using var client = Client(server.BaseUrl, maxBytes: 1024 * 1024);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("inflates to more than 1 MiB decompressed", ex.Message);
        Assert.Contains("the limit is 1 MiB", ex.Message);
        Assert.Equal(1, server.RequestCount); // not retried
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HugeAnswer_StopsAtTheCap_WithOrWithoutContentLength(bool chunked)
    {
        byte[] big = Encoding.ASCII.GetBytes("{\"data\":[" + new string(' ', 3 * 1024 * 1024) + "]}");
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(200) { Raw = big, Chunked = chunked });
        using var client = Client(server.BaseUrl, maxBytes: 1024 * 1024);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains(chunked ? "is more than 1 MiB as sent" : "is 3 MiB as sent", ex.Message);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task CorruptGzip_IsAClearApiError()
    {
        using var server = new FakeHashrateIndexServer((_, _) => new FakeReply(200, Headers: GzipHeader) { Raw = Encoding.ASCII.GetBytes("this is not gzip at all") });
        using var client = Client(server.BaseUrl);
        var ex = await Assert.ThrowsAsync<HashrateIndexException>(() => client.GetHashpriceAsync("5Y", "1D"));
        Assert.Contains("could not be decompressed", ex.Message);
    }
}
