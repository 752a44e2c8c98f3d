using System.Text;
using MiningDispatch.Data.Hashprice;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// Settings of <see cref="ErcotApiClient"/>: both credentials of ERCOT's Public Data API (the subscription key and the
/// username/password that obtain the Azure AD B2C ID token), endpoints, retries, paging and the cache.
/// <see cref="ToString"/> never prints a secret.
/// </summary>
public sealed record ErcotApiOptions
{
    /// <summary>Environment variable of the subscription key (sent as <c>Ocp-Apim-Subscription-Key</c>).</summary>
    public const string SubscriptionKeyVariable = "ERCOT_API_SUBSCRIPTION_KEY";

    /// <summary>Environment variable of the ERCOT API Explorer username (an e-mail address).</summary>
    public const string UsernameVariable = "ERCOT_API_USERNAME";

    /// <summary>Environment variable of the ERCOT API Explorer password.</summary>
    public const string PasswordVariable = "ERCOT_API_PASSWORD";

    /// <summary>Environment variable that replaces <see cref="DefaultBaseUrl"/> (tests, proxies).</summary>
    public const string BaseUrlVariable = "ERCOT_API_BASE_URL";

    /// <summary>Environment variable that replaces <see cref="DefaultTokenUrl"/> (tests, proxies).</summary>
    public const string TokenUrlVariable = "ERCOT_API_TOKEN_URL";

    /// <summary>https://api.ercot.com/api/public-reports</summary>
    public static Uri DefaultBaseUrl { get; } = new("https://api.ercot.com/api/public-reports");

    /// <summary>ERCOT's Azure AD B2C resource-owner-password token endpoint.</summary>
    public static Uri DefaultTokenUrl { get; } =
        new("https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token");

    /// <summary>The public client id of ERCOT's ROPC flow (documented, not a secret).</summary>
    public const string ClientId = "fec253ea-0d06-4272-a5e6-b478baeecd70";

    /// <summary>Documented limit: about 30 requests per minute per subscription; the client sends one every 2 s at most.</summary>
    public const int RequestsPerMinute = 30;

    /// <summary>Subscription key (never logged, cached or put in messages).</summary>
    public string SubscriptionKey { get; init; } = "";

    /// <summary>ERCOT API Explorer username (treated as a secret like the password).</summary>
    public string Username { get; init; } = "";

    /// <summary>ERCOT API Explorer password.</summary>
    public string Password { get; init; } = "";

    /// <summary>API base; requests go to {BaseUrl}/np6-905-cd/spp_node_zone_hub etc.</summary>
    public Uri BaseUrl { get; init; } = DefaultBaseUrl;

    /// <summary>Where the ID token is requested.</summary>
    public Uri TokenUrl { get; init; } = DefaultTokenUrl;

    /// <summary>Rows asked for per page (<c>size</c>).</summary>
    public int PageSize { get; init; } = 50_000;

    /// <summary>Attempts per request, including the first (retries on 429, 408, 5xx, timeouts and network errors).</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Time allowed for one attempt (headers and body).</summary>
    public TimeSpan PerAttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Backoff before retry n is BaseDelay × 2^(n−1), with jitter (50–100 %), capped at <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cap on any single wait, including a server's Retry-After.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>An ID token is renewed this long before it expires.</summary>
    public TimeSpan TokenRenewBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest page accepted, as sent and decompressed: 64 MiB.</summary>
    public long MaxResponseBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Folder of ercot-api.sqlite; null = <see cref="HashpriceCache.DefaultDirectory"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How long a cached range that reaches the last two market days stays fresh; older ranges never expire.</summary>
    public TimeSpan FreshFor { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Which credentials are missing, as the variables to set; empty when all three are given.</summary>
    public IReadOnlyList<string> MissingCredentials()
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(SubscriptionKey)) missing.Add(SubscriptionKeyVariable);
        if (string.IsNullOrWhiteSpace(Username)) missing.Add(UsernameVariable);
        if (string.IsNullOrEmpty(Password)) missing.Add(PasswordVariable);
        return missing;
    }

    /// <summary>Null when the subscription key can go in an HTTP header, else why not (without the key).</summary>
    public static string? SubscriptionKeyProblem(string? key) =>
        HashrateIndexOptions.ApiKeyProblem(key)?.Replace("the API key", "the subscription key", StringComparison.Ordinal)
            .Replace("a key is", "the key is", StringComparison.Ordinal);

    /// <summary>Null when <paramref name="url"/> is an absolute http or https URL, else why not.</summary>
    public static string? UrlProblem(string? url, Uri example)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != Uri.UriSchemeHttps && u.Scheme != Uri.UriSchemeHttp) || u.Host.Length == 0)
            return $"must be an absolute http:// or https:// URL such as {example}, got '{url}'";
        return null;
    }

    /// <summary>Options with the credentials and URLs from the environment (empty or default when unset).</summary>
    public static ErcotApiOptions FromEnvironment(Func<string, string?>? getEnvironmentVariable = null)
    {
        var get = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        var o = new ErcotApiOptions
        {
            SubscriptionKey = get(SubscriptionKeyVariable)?.Trim() ?? "",
            Username = get(UsernameVariable)?.Trim() ?? "",
            Password = get(PasswordVariable) ?? "",
        };
        if (get(BaseUrlVariable) is { Length: > 0 } b && UrlProblem(b, DefaultBaseUrl) is null) o = o with { BaseUrl = new Uri(b) };
        if (get(TokenUrlVariable) is { Length: > 0 } t && UrlProblem(t, DefaultTokenUrl) is null) o = o with { TokenUrl = new Uri(t) };
        return o;
    }

    private bool PrintMembers(StringBuilder b)
    {
        static string Hidden(string s) => s.Length == 0 ? "(none)" : "***";
        b.Append("SubscriptionKey = ").Append(Hidden(SubscriptionKey))
         .Append(", Username = ").Append(Hidden(Username))
         .Append(", Password = ").Append(Hidden(Password))
         .Append(", BaseUrl = ").Append(BaseUrl)
         .Append(", TokenUrl = ").Append(TokenUrl)
         .Append(", PageSize = ").Append(PageSize)
         .Append(", MaxAttempts = ").Append(MaxAttempts)
         .Append(", CacheDirectory = ").Append(CacheDirectory ?? "(default)");
        return true;
    }
}
