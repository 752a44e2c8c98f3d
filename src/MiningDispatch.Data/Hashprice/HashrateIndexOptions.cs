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
         .Append(", FreshFor = ").Append(FreshFor);
        return true;
    }
}
