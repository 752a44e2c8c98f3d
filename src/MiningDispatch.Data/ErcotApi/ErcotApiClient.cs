using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Http;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// Client of ERCOT's Public Data API (<c>https://api.ercot.com/api/public-reports</c>) for the reports of
/// <see cref="ErcotReportSpec.All"/>, modelled on <see cref="HashrateIndexClient"/>:
/// <list type="bullet">
/// <item>Both credentials on every call: the <c>Ocp-Apim-Subscription-Key</c> header and <c>Authorization: Bearer</c>
/// with an Azure AD B2C ID token obtained from the username and password (resource-owner-password flow, form fields in
/// the POST body, never in a URL). The token is renewed <see cref="ErcotApiOptions.TokenRenewBefore"/> before it
/// expires (<c>expires_in</c>, else one hour) and once more when the API answers 401.</item>
/// <item>Pages through the <c>Report</c> answer (<c>page</c>, <c>size</c>) until <c>_meta.totalPages</c>, checking
/// each page (<see cref="ErcotReportParser"/>) and that the row count equals <c>_meta.totalRecords</c>.</item>
/// <item>At most one API request every 2 s (the documented 30 requests per minute). Retries 429 (honouring
/// Retry-After seconds or HTTP-date, capped at <see cref="ErcotApiOptions.MaxDelay"/>), 408, 5xx, per-attempt timeouts
/// and network errors with exponential backoff and jitter; 401 (after one re-sign-in), 403 and other 4xx fail at once
/// with a message naming the credential to check.</item>
/// <item>Answers above <see cref="ErcotApiOptions.MaxResponseBytes"/> (as sent or decompressed) fail; redirects are not
/// followed (they would carry the credentials to another host).</item>
/// <item>No credential or token ever appears in a message, progress line, warning or the cache: every text is
/// redacted (each secret as sent, in any letter case and URL-encoded) before it leaves the client.</item>
/// <item>Downloads go through <see cref="ErcotApiCache"/>: a cached range is served without any request.</item>
/// </list>
/// </summary>
public sealed class ErcotApiClient : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly ErcotApiOptions _o;
    private readonly HttpClient _http;
    private readonly HttpRetry _retry;
    private readonly TimeProvider _clock;
    private readonly RequestThrottle _throttle = new(1, TimeSpan.FromMinutes(1) / ErcotApiOptions.RequestsPerMinute);
    private readonly Lazy<ErcotApiCache> _cache;
    private readonly List<string> _tokensSeen = [];
    private string? _token;
    private DateTimeOffset _tokenRenewAt;

    /// <param name="o">Options (credentials, URLs, retries, paging, cache).</param>
    /// <param name="handler">HTTP handler (tests pass one; it is not disposed). Default: no redirects, no automatic decompression.</param>
    /// <param name="delay">Wait used between attempts and for throttling (tests pass a recorder). Default Task.Delay.</param>
    /// <param name="clock">"Now" for token expiry, throttling, Retry-After dates and cache freshness.</param>
    public ErcotApiClient(ErcotApiOptions o, HttpMessageHandler? handler = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (ErcotApiOptions.UrlProblem(o.BaseUrl?.OriginalString, ErcotApiOptions.DefaultBaseUrl) is { } b) throw new ArgumentException("BaseUrl " + b + ".", nameof(o));
        if (ErcotApiOptions.UrlProblem(o.TokenUrl?.OriginalString, ErcotApiOptions.DefaultTokenUrl) is { } t) throw new ArgumentException("TokenUrl " + t + ".", nameof(o));
        if (ErcotApiOptions.SubscriptionKeyProblem(o.SubscriptionKey) is { } k) throw new ArgumentException(k + ".", nameof(o));
        if (o.PageSize < 1) throw new ArgumentOutOfRangeException(nameof(o), o.PageSize, "PageSize must be positive.");
        var policy = new RetryPolicy(o.MaxAttempts, o.PerAttemptTimeout, o.BaseDelay, o.MaxDelay, o.MaxResponseBytes).Checked(nameof(o));
        _o = o;
        _clock = clock ?? TimeProvider.System;
        _http = HttpRetry.NewHttpClient(handler);
        _retry = new HttpRetry(_http, policy, _clock,
            delay ?? ((w, ct) => Task.Delay(w, _clock, ct)), "ERCOT API", $"check {ErcotApiOptions.BaseUrlVariable} points at the ERCOT Public API");
        _cache = new Lazy<ErcotApiCache>(() => new ErcotApiCache(o.CacheDirectory ?? HashpriceCache.DefaultDirectory(), _clock));
    }

    /// <summary>Receives what the user must see about the cache (discarded entries, rebuilds, failed writes), redacted.</summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>Path of the SQLite cache file.</summary>
    public string CacheFilePath => _cache.Value.FilePath;

    /// <summary>
    /// The rows of <paramref name="report"/> for the market days <paramref name="from"/>..<paramref name="to"/> (both
    /// inclusive, Central Prevailing Time) and, for the price reports, the settlement point <paramref name="point"/>;
    /// from the cache when it holds the range, else downloaded page by page and cached.
    /// </summary>
    /// <exception cref="ArgumentException">The range is reversed or starts after today, or a point is missing or not wanted.</exception>
    /// <exception cref="ErcotApiException">Missing or refused credentials, an API error after retries, an unusable page, or no rows.</exception>
    public async Task<ErcotReportRows> GetAsync(ErcotReport report, DateOnly from, DateOnly to, string? point,
        IProgress<string>? progress = null, CancellationToken ct = default)
    {
        var spec = ErcotReportSpec.Of(report);
        if (to < from) throw new ArgumentException(string.Create(Ci, $"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} ends before it starts."), nameof(to));
        var today = MarketClock.Ercot.MarketDay(_clock.GetUtcNow().UtcDateTime);
        if (from > today) throw new ArgumentException(string.Create(Ci, $"The range {from:yyyy-MM-dd}..{to:yyyy-MM-dd} starts after today ({today:yyyy-MM-dd} in Texas)."), nameof(from));
        if (spec.PerPoint && string.IsNullOrWhiteSpace(point)) throw new ArgumentException($"{spec.Emil} needs a settlement point.", nameof(point));
        if (!spec.PerPoint) point = null;
        point = point?.Trim();
        string what = spec.Describe(point, from, to);
        Action<string> log = m => progress?.Report(Redact(m));
        Action<string> warn = m =>
        {
            log(m);
            OnWarning?.Invoke(Redact(m));
        };

        if (_cache.Value.TryGet(spec, point, from, to, _o.FreshFor, warn) is { } hit)
        {
            log(string.Create(Ci, $"{what}: cache hit ({hit.Rows.Count:#,0} rows, fetched {hit.FetchedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'})"));
            return new ErcotReportRows(spec, point, from, to, hit.Rows, hit.FetchedAt, true, 0);
        }

        var missing = _o.MissingCredentials();
        if (missing.Count > 0)
            throw new ErcotApiException($"ERCOT API credentials missing: set {string.Join(", ", missing)} (nothing was sent for {what}). " +
                                        "See the README, \"Prices downloaded for you\", for how to register and get a subscription key.", null, spec.Endpoint);

        var rows = new List<string[]>();
        int totalPages = 1, requests = 0;
        long totalRecords = 0;
        string? firstPath = null;
        for (int page = 1; page <= totalPages; page++)
        {
            var uri = PageUri(spec, point, from, to, page);
            string path = Redact(uri.PathAndQuery);
            firstPath ??= path;
            log(string.Create(Ci, $"{what}: GET page {page}{(page > 1 ? $" of {totalPages}" : "")}"));
            string body = await GetPageAsync(uri, path, log, ct).ConfigureAwait(false);
            requests++;
            ErcotReportPage p;
            try { p = ErcotReportParser.Parse(body, spec, page); }
            catch (FormatException e)
            {
                throw new ErcotApiException(Redact($"ERCOT API answer to GET {path} (page {page}) is unusable: {e.Message}. Nothing was cached or written."), 200, path, e);
            }
            if (page == 1)
            {
                totalPages = p.TotalPages;
                totalRecords = p.TotalRecords;
            }
            else if (p.TotalPages != totalPages || p.TotalRecords != totalRecords)
            {
                throw new ErcotApiException(Redact(string.Create(Ci,
                    $"ERCOT API paging changed during the download of {what}: page 1 said {totalRecords:#,0} rows in {totalPages} page(s), page {page} says {p.TotalRecords:#,0} in {p.TotalPages}. Nothing was cached or written; fetch again.")), 200, path);
            }
            if (p.Rows.Count > _o.PageSize)
                throw new ErcotApiException(Redact(string.Create(Ci, $"ERCOT API answer to GET {path} holds {p.Rows.Count:#,0} rows, more than the {_o.PageSize:#,0} asked for.")), 200, path);
            rows.AddRange(p.Rows);
        }
        if (totalRecords == 0)
            throw new ErcotApiException(Redact($"ERCOT API: no {spec.Description} for {what}: the report holds no rows for that range. " +
                                               "The API keeps a limited history per report and a day not yet published has none; try a more recent range. Nothing was written."), 200, firstPath!);
        if (rows.Count != totalRecords)
            throw new ErcotApiException(Redact(string.Create(Ci,
                $"ERCOT API sent {rows.Count:#,0} rows for {what} but _meta.totalRecords says {totalRecords:#,0}: a page is missing or truncated. Nothing was cached or written; fetch again.")), 200, firstPath!);
        if (ErcotReportParser.Problem(spec, rows, from, to) is { } problem)
            throw new ErcotApiException(Redact($"ERCOT API answer for {what} has an implausible value: {problem}. Nothing was cached or written."), 200, firstPath!);
        var now = _clock.GetUtcNow();
        _cache.Value.Store(spec, point, from, to, rows, now, warn);
        log(string.Create(Ci, $"{what}: {rows.Count:#,0} rows in {requests} request(s), cached in {_cache.Value.FilePath}"));
        return new ErcotReportRows(spec, point, from, to, rows, now, false, requests);
    }

    public void Dispose() => _http.Dispose();

    private Uri PageUri(ErcotReportSpec spec, string? point, DateOnly from, DateOnly to, int page)
    {
        string baseUrl = _o.BaseUrl.AbsoluteUri.TrimEnd('/');
        string q = string.Create(Ci, $"{spec.DateFromParameter}={from:yyyy-MM-dd}&{spec.DateToParameter}={to:yyyy-MM-dd}");
        if (point is not null) q += "&settlementPoint=" + Uri.EscapeDataString(point);
        return new Uri(string.Create(Ci, $"{baseUrl}{spec.Endpoint}?{q}&page={page}&size={_o.PageSize}"));
    }

    /// <summary>One page's body: signs in when needed, re-signs in once on a 401, retries transient failures.</summary>
    private async Task<string> GetPageAsync(Uri uri, string path, Action<string> log, CancellationToken ct)
    {
        bool signedInAgain = false;
        while (true)
        {
            string token = await TokenAsync(log, ct).ConfigureAwait(false);
            var (status, reason, body) = await ExchangeAsync(() =>
            {
                var req = new HttpRequestMessage(HttpMethod.Get, uri);
                req.Headers.TryAddWithoutValidation("Ocp-Apim-Subscription-Key", _o.SubscriptionKey);
                req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return req;
            }, "GET " + path, throttled: true, log, ct).ConfigureAwait(false);
            if (status is >= 200 and < 300) return body;
            string api = ApiMessage(body) is { } m ? "; API says: " + m : "";
            if (status == 401 && !signedInAgain)
            {
                signedInAgain = true;
                _token = null;
                log($"GET {path}: HTTP 401, the ID token was refused (expired?); signing in again");
                continue;
            }
            string msg = status switch
            {
                401 => $"ERCOT API refused the credentials (HTTP 401) for GET {path} even with a freshly issued ID token: check the subscription key " +
                       $"{ErcotApiOptions.SubscriptionKeyVariable} (the sign-in with {ErcotApiOptions.UsernameVariable}/{ErcotApiOptions.PasswordVariable} succeeded){api}.",
                403 => $"ERCOT API forbids GET {path} (HTTP 403): the subscription key {ErcotApiOptions.SubscriptionKeyVariable} is not subscribed to the " +
                       $"Public API product, or the account has no access to this report{api}.",
                404 => $"ERCOT API has no such report (HTTP 404) for GET {path}; check {ErcotApiOptions.BaseUrlVariable}{api}.",
                >= 300 and < 400 => $"ERCOT API answered with a redirect (HTTP {status}) for GET {path}; redirects are not followed (the credentials would go along). Check {ErcotApiOptions.BaseUrlVariable}.",
                _ => $"ERCOT API answered HTTP {status} {reason} for GET {path}{api}.",
            };
            throw new ErcotApiException(Redact(msg), status, path);
        }
    }

    /// <summary>The current ID token, signing in (again) when there is none or it expires within <see cref="ErcotApiOptions.TokenRenewBefore"/>.</summary>
    private async Task<string> TokenAsync(Action<string> log, CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        if (_token is { } t && now < _tokenRenewAt) return t;
        string path = _o.TokenUrl.AbsolutePath;
        log(_token is null && _tokensSeen.Count == 0 ? "signing in to ERCOT (Azure B2C ID token)" : "renewing the ERCOT ID token");
        var (status, reason, body) = await ExchangeAsync(() => new HttpRequestMessage(HttpMethod.Post, _o.TokenUrl)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["username"] = _o.Username,
                ["password"] = _o.Password,
                ["client_id"] = ErcotApiOptions.ClientId,
                ["scope"] = $"openid {ErcotApiOptions.ClientId} offline_access",
                ["response_type"] = "id_token",
            }),
        }, "POST " + path + " (sign-in)", throttled: false, log, ct).ConfigureAwait(false);
        string detail = SignInMessage(body) is { } d ? "; the sign-in service says: " + d : "";
        if (status is 400 or 401 or 403)
            throw new ErcotApiException(Redact($"ERCOT sign-in refused the username or password (HTTP {status}): check {ErcotApiOptions.UsernameVariable} and " +
                                               $"{ErcotApiOptions.PasswordVariable} (your ERCOT API Explorer account){detail}."), status, path);
        if (status is < 200 or >= 300)
            throw new ErcotApiException(Redact($"ERCOT sign-in answered HTTP {status} {reason} for POST {path}{detail}."), status, path);
        string? token = null;
        double seconds = 3600;
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in new[] { "id_token", "access_token" })
                    if (token is null && root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s) token = s;
                if (root.TryGetProperty("expires_in", out var e))
                {
                    if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out double n)) seconds = n;
                    else if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, Ci, out double n2)) seconds = n2;
                }
            }
        }
        catch (JsonException) { token = null; }
        if (token is null || token.Any(c => c is <= ' ' or > '~'))
            throw new ErcotApiException($"ERCOT sign-in answered without a usable id_token for POST {path}; check {ErcotApiOptions.TokenUrlVariable}.", status, path);
        lock (_tokensSeen) _tokensSeen.Add(token);
        _token = token;
        var life = TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 86400));
        _tokenRenewAt = _clock.GetUtcNow() + (life > _o.TokenRenewBefore ? life - _o.TokenRenewBefore : life / 2);
        return token;
    }

    /// <summary>
    /// Sends the request built by <paramref name="make"/> through the shared retry loop (<see cref="HttpRetry"/>; paced by
    /// the 30-a-minute throttle for API calls), retrying 408, 429, 5xx, timeouts and network errors; returns the first
    /// other answer (status, reason, body).
    /// </summary>
    private async Task<(int Status, string? Reason, string Body)> ExchangeAsync(Func<HttpRequestMessage> make, string label, bool throttled, Action<string> log, CancellationToken ct)
    {
        var a = await _retry.SendAsync(make, label, throttled ? _throttle : null, $"ERCOT allows {ErcotApiOptions.RequestsPerMinute} requests per minute",
            body => ApiMessage(body) ?? SignInMessage(body),
            (message, status, _, inner) => new ErcotApiException(Redact(message), status, label, inner), log, ct).ConfigureAwait(false);
        return (a.Status, a.Reason, a.Body);
    }

    /// <summary>The <c>message</c> of the API's <c>Exception</c> body (or APIM's <c>{"statusCode","message"}</c>), redacted; null when none.</summary>
    private string? ApiMessage(string body) => JsonText(body, "message");

    /// <summary>B2C's <c>error_description</c> (or <c>error</c>), first line, redacted; null when none.</summary>
    private string? SignInMessage(string body) => JsonText(body, "error_description") ?? JsonText(body, "error");

    private string? JsonText(string body, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
            {
                string s = Redact(v.GetString() ?? "").ReplaceLineEndings(" ").Trim();
                return s.Length == 0 ? null : s.Length <= 300 ? s : s[..300] + "…";
            }
        }
        catch (JsonException) { }
        return null;
    }

    /// <summary>
    /// <paramref name="s"/> with every secret (subscription key, username, password, each ID token seen) replaced by
    /// <c>***</c>, as sent, in any letter case and URL-encoded.
    /// </summary>
    internal string Redact(string s)
    {
        string[] tokens;
        lock (_tokensSeen) tokens = [.. _tokensSeen];
        foreach (var secret in new[] { _o.SubscriptionKey, _o.Password, _o.Username }.Concat(tokens).Where(x => x.Length > 0).OrderByDescending(x => x.Length))
            s = HashrateIndexClient.RedactKey(s, secret);
        return s;
    }

}
