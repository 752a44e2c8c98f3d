using System.Text;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// Settings of <see cref="HashrateIndexClient"/>. <see cref="ToString"/> never prints the API key.
/// </summary>
public sealed record HashrateIndexOptions
{
    /// <summary>Environment variable the CLI reads the key from.</summary>
    public const string ApiKeyEnvironmentVariable = "HASHRATEINDEX_API_KEY";

    /// <summary>https://api.hashrateindex.com/v1/hashrateindex</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.hashrateindex.com/v1/hashrateindex");

    /// <summary>Hashrate Index API key (sent as the X-Hi-Api-Key header; never logged, cached or put in messages).</summary>
    public string ApiKey { get; init; } = "";

    /// <summary>API base; requests go to {BaseUrl}/hashprice.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Attempts per request, including the first (retries on 429, 5xx, 408, timeouts and network errors).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Time allowed for one attempt (headers and body).</summary>
    public TimeSpan PerAttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Backoff before retry n is BaseDelay × 2^(n−1), with jitter (50–100 %), capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any single wait, including a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Folder of hashprice.sqlite; null = <see cref="HashpriceCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long a cached answer for a range that reaches "now" stays fresh. Fully historical ranges never expire.</summary>
    public TimeSpan FreshFor { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Largest answer accepted, counted both as sent (compressed) and decompressed: 64 MiB. A real 5-year
    /// hourly answer is about 4 MB.</summary>
    public const long DefaultMaxResponseBytes = 64L * 1024 * 1024;

    /// <summary>Cap on one answer's size, compressed and decompressed (<see cref="DefaultMaxResponseBytes"/>).</summary>
    public long MaxResponseBytes { get; init; } = DefaultMaxResponseBytes;

    /// <summary>
    /// Null when <paramref name="key"/> can be sent as an HTTP header value, else why not (without the key itself):
    /// a CR or LF would start a new header, so control characters, spaces and non-ASCII characters are refused.
    /// </summary>
    public static string? ApiKeyProblem(string? key)
    {
        if (string.IsNullOrEmpty(key)) return null;
        for (int i = 0; i < key.Length; i++)
        {
            char c = key[i];
            if (char.IsControl(c))
                return $"the API key contains a control character (U+{(int)c:X4}{(c == '\r' ? ", CR" : c == '\n' ? ", LF" : "")}) at position {i + 1}; " +
                       "a key is one line of printable characters (check for a pasted line break)";
            if (c is <= ' ' or > '~')
                return $"the API key contains a {(c == ' ' ? "space" : "non-ASCII character")} at position {i + 1}; a key is printable ASCII without spaces";
        }
        return null;
    }

    /// <summary>Null when <paramref name="baseUrl"/> is an absolute http or https URL, else why not.</summary>
    public static string? BaseUrlProblem(string? baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp) || u.Host.Length == 0)
            return $"the base URL must be an absolute http:// or https:// URL such as {DefaultBaseUrl}, got '{baseUrl}'";
        return null;
    }

    /// <summary>Options with the key from <see cref="ApiKeyEnvironmentVariable"/> (empty when unset).</summary>
    public static HashrateIndexOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var get = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        return new HashrateIndexOptions { ApiKey = get(ApiKeyEnvironmentVariable)?.Trim() ?? "" };
    }

    private bool PrintMembers(StringBuilder b)
    {
        b.Append("ApiKey = ").Append(ApiKey.Length == 0 ? "(none)" : "***")
         .Append(", BaseUrl = ").Append(BaseUrl)
         .Append(", MaxAttempts = ").Append(MaxAttempts)
         .Append(", PerAttemptTimeout = ").Append(PerAttemptTimeout)
         .Append(", BaseDelay = ").Append(BaseDelay)
         .Append(", MaxDelay = ").Append(MaxDelay)
         .Append(", CacheDirectory = ").Append(CacheDirectory ?? "(default)")
         .Append(", FreshFor = ").Append(FreshFor)
         .Append(", MaxResponseBytes = ").Append(MaxResponseBytes);
        return true;
    }
}
