using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using MiningDispatch.Core.Economics;
using MiningDispatch.Data.Http;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// Client for Hashrate Index <c>GET {BaseUrl}/hashprice</c> (doc hashprice-api.md §1.2): header <c>X-Hi-Api-Key</c>,
/// <c>Accept: application/json</c>, query <c>span</c>, <c>bucket</c>, <c>currency=USD</c>, <c>hashunit=THS|PHS</c>.
/// <list type="bullet">
/// <item>span/bucket must be a documented pair, checked before any call (<see cref="ArgumentException"/>).</item>
/// <item>Retries 429 (honouring Retry-After seconds or HTTP-date, capped at <see cref="HashrateIndexOptions.MaxDelay"/>),
/// 408, 5xx, per-attempt timeouts and network errors with exponential backoff and jitter, up to
/// <see cref="HashrateIndexOptions.MaxAttempts"/>; 401, 403, 422 and other 4xx fail at once. Requests are also
/// paced by a token bucket (20, then 1 per 15 s) per client.</item>
/// <item>Failures throw <see cref="HashrateIndexException"/> with the status, the request path and query, and the
/// API's detail. The API key is never written into a message, progress report or the cache; redirects are not
/// followed (they would carry the key header to another host).</item>
/// <item>PHS prices are divided by 1000; the series is always USD/TH/day.</item>
/// <item>An answer larger than <see cref="HashrateIndexOptions.MaxResponseBytes"/> as sent or once decompressed (gzip,
/// deflate, br, decoded here rather than by the handler so the inflated size is counted) fails at once; the key is
/// redacted from every message (as sent, in any letter case and URL-encoded) before any excerpt is cut.</item>
/// </list>
/// </summary>
public sealed class HashrateIndexClient : IDisposable
{
    private const string Endpoint = "/hashprice";
    private const string Currency = "USD";
    private readonly HashrateIndexOptions _o;
    private readonly HttpClient _http;
    private readonly HttpRetry _retry;
    private readonly TimeProvider _clock;
    private readonly RequestThrottle _throttle = new(20, TimeSpan.FromSeconds(15));
    private readonly Lazy<HashpriceCache> _cache;

    /// <param name="o">Options (key, base URL, retries, cache).</param>
    /// <param name="handler">HTTP handler (tests pass one; it is not disposed). Default: no redirects, decompression on.</param>
    /// <param name="delay">Wait used between attempts and for throttling (tests pass a recorder). Default Task.Delay.</param>
    /// <param name="clock">"Now" for span choice, Retry-After dates and cache freshness. Default system clock.</param>
    public HashrateIndexClient(HashrateIndexOptions o, HttpMessageHandler? handler = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(o.BaseUrl);
        if (HashrateIndexOptions.BaseUrlProblem(o.BaseUrl.OriginalString) is { } urlProblem)
            throw new ArgumentException("BaseUrl: " + urlProblem + ".", nameof(o));
        if (HashrateIndexOptions.ApiKeyProblem(o.ApiKey) is { } keyProblem)
            throw new ArgumentException("ApiKey: " + keyProblem + ".", nameof(o));
        var policy = new RetryPolicy(o.MaxAttempts, o.PerAttemptTimeout, o.BaseDelay, o.MaxDelay, o.MaxResponseBytes).Checked(nameof(o));
        if (o.FreshFor < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(o), o.FreshFor, "FreshFor must not be negative.");
        _o = o;
        _clock = clock ?? TimeProvider.System;
        _http = HttpRetry.NewHttpClient(handler);
        _retry = new HttpRetry(_http, policy, _clock,
            delay ?? ((t, ct) => Task.Delay(t, _clock, ct)), "Hashrate Index", "check HASHRATEINDEX_BASE_URL points at the Hashrate Index API");
        _cache = new Lazy<HashpriceCache>(() => new HashpriceCache(o.CacheDirectory ?? HashpriceCache.DefaultDirectory(), _clock));
    }

    /// <summary>
    /// Receives what the user must see about the cache: an entry with implausible values discarded, a damaged file
    /// moved aside and rebuilt, a failed write, an unusable cache. (Progress goes to the progress callback.)
    /// </summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>Path of the SQLite cache file this client uses.</summary>
    public string CacheFilePath => _cache.Value.FilePath;

    /// <summary>
    /// Hashprice (USD/TH/day) for the UTC days <paramref name="from"/>..<paramref name="to"/> (both inclusive), through the
    /// cache. On a miss it requests the smallest documented span that reaches back to <paramref name="from"/> (with
    /// two buckets of lead-in so the first hour can use a published point, see <see cref="HashpriceAligner"/>) with
    /// that span's default bucket and <c>hashunit=THS</c>, keeps the points stamped in
    /// [from − 2 buckets, to + 1 day) and stores them. If the returned spacing is coarser than the requested bucket
    /// the series uses the observed spacing (never a shorter bucket than the data has: no look-ahead).
    /// A cached entry is reused when historical or younger than <see cref="HashrateIndexOptions.FreshFor"/>
    /// (see <see cref="HashpriceCache"/>), whatever span it was fetched with.
    /// </summary>
    public async Task<HashpriceSeries> GetHashpriceAsync(DateOnly from, DateOnly to, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        if (to < from) throw new ArgumentException($"The range {Day(from)}..{Day(to)} ends before it starts.", nameof(to));
        var now = _clock.GetUtcNow();
        DateTime fromStart = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        DateTime toEnd = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        if (fromStart >= now.UtcDateTime)
            throw new ArgumentException($"The range {Day(from)}..{Day(to)} starts in the future (now {Iso(now.UtcDateTime)}).", nameof(from));

        Action<string> log = m => progress?.Report(Redact(m));
        Action<string> warn = m => OnWarning?.Invoke(Redact(m));
        var cache = _cache.Value;
        if (cache.TryGet(Endpoint, Currency, "THS", from, to, _o.FreshFor, log, warn) is { } hit)
        {
            log($"hashprice {Day(from)}..{Day(to)}: cache hit ({hit.Points.Count} points, span {hit.Key.Span}, fetched {Iso(hit.FetchedAt.UtcDateTime)})");
            string src = $"Hashrate Index /hashprice span={hit.Key.Span} bucket={hit.Key.Bucket} currency=USD hashunit=THS, fetched {Iso(hit.FetchedAt.UtcDateTime)} (cached in {cache.FilePath})";
            var rows = hit.Points.Select(p => new HashpriceRow(p.TimestampUtc, p.UsdPerThDay, "cache")).ToList();
            return Build(rows, hit.RowsRead, src, hit.Bucket, [$"range {Day(from)}..{Day(to)} served from the cache"], "cache");
        }

        var (span, bucket) = HashrateIndexSpans.Choose(fromStart, now);
        log($"hashprice {Day(from)}..{Day(to)}: requesting span {span}, bucket {bucket} from Hashrate Index");
        var answer = await FetchAsync(span, bucket, "THS", log, ct).ConfigureAwait(false);
        if (answer.Points.Count == 0)
            throw new HashrateIndexException(
                $"Hashrate Index: no hashprice points returned for GET {answer.Path} (needed {Day(from)}..{Day(to)}).", 200, answer.Path);
        var (b, notes) = EffectiveBucket(answer.Points, bucket);
        var keep = answer.Points.Where(p => p.T >= fromStart - 2 * b && p.T < toEnd)
            .Select(p => new HashpriceRow(p.T, p.Price, "response")).ToList();
        if (keep.Count == 0)
        {
            var first = answer.Points.Min(p => p.T);
            var last = answer.Points.Max(p => p.T);
            throw new HashrateIndexException(
                $"Hashrate Index: no hashprice points returned for {Day(from)}..{Day(to)}: GET {answer.Path} held {answer.Points.Count} " +
                $"point(s) from {Iso(first)} to {Iso(last)}.", 200, answer.Path);
        }
        CheckUnits(keep.Select(r => (r.TimestampUtc, r.UsdPerThDay)).ToList(), answer.Path, "THS");
        if (keep.Min(r => r.TimestampUtc) > fromStart)
            notes.Add($"the API's data starts at {Iso(keep.Min(r => r.TimestampUtc))}, after the requested start {Day(from)}");
        notes.Add($"span {span} chosen as the smallest documented span reaching back to {Day(from)}; {keep.Count} of {answer.Points.Count} points kept");
        string source = $"Hashrate Index /hashprice span={span} bucket={bucket} currency=USD hashunit=THS, fetched {Iso(now.UtcDateTime)}";
        var series = Build(keep, answer.Points.Count, source, b, notes, answer.Path);
        var key = new HashpriceCacheKey(Endpoint, Currency, "THS", span, bucket, from, to);
        cache.Store(new HashpriceCacheEntry(key, now, series.Bucket, answer.Points.Count, series.Points), log, warn);
        return series;
    }

    /// <summary>
    /// One uncached request for a documented span/bucket pair; the whole answer as USD/TH/day (PHS ÷ 1000).
    /// Throws <see cref="ArgumentException"/> for an undocumented pair or a hashunit other than THS/PHS, and
    /// <see cref="HashrateIndexException"/> when the answer is an error or holds no points.
    /// </summary>
    public async Task<HashpriceSeries> GetHashpriceAsync(string span, string bucket, string hashunit = "THS", CancellationToken ct = default)
    {
        (span, bucket) = HashrateIndexSpans.Validate(span, bucket);
        string hu = (hashunit ?? "").Trim().ToUpperInvariant();
        if (hu is not ("THS" or "PHS"))
            throw new ArgumentException($"hashunit must be THS or PHS, got '{hashunit}'.", nameof(hashunit));
        var answer = await FetchAsync(span, bucket, hu, null, ct).ConfigureAwait(false);
        if (answer.Points.Count == 0)
            throw new HashrateIndexException($"Hashrate Index: no hashprice points returned for GET {answer.Path}.", 200, answer.Path);
        bool perPh = hu == "PHS";
        var rows = answer.Points.Select(p => new HashpriceRow(p.T, perPh ? MiningEconomics.PerPhDayToPerThDay(p.Price) : p.Price, "response")).ToList();
        CheckUnits(rows.Select(r => (r.TimestampUtc, r.UsdPerThDay)).ToList(), answer.Path, hu);
        var (b, notes) = EffectiveBucket(answer.Points, bucket);
        if (hu == "PHS") notes.Add("prices were USD/PH/day, divided by 1000");
        string source = $"Hashrate Index /hashprice span={span} bucket={bucket} currency=USD hashunit={hu}, fetched {Iso(answer.FetchedAt.UtcDateTime)}";
        return Build(rows, answer.Points.Count, source, b, notes, answer.Path);
    }

    public void Dispose() => _http.Dispose();

    private sealed record Answer(List<(DateTime T, double Price)> Points, string Path, DateTimeOffset FetchedAt);

    private HashpriceSeries Build(List<HashpriceRow> rows, int rowsRead, string source, TimeSpan bucket, List<string> notes, string path)
    {
        try { return HashpriceSeriesBuilder.Build(rows, rowsRead, source, "hashprice from the Hashrate Index API", bucket, notes); }
        catch (FormatException e) { throw new HashrateIndexException(Redact($"Hashrate Index answer to GET {path} is inconsistent: {e.Message}"), 200, path, null, e); }
    }

    /// <summary>Throws when the answer's prices are not plausible USD/TH/day (see <see cref="HashpriceSanity"/>).</summary>
    private static void CheckUnits(List<(DateTime T, double UsdPerThDay)> points, string path, string hashunit)
    {
        if (HashpriceSanity.Problem(points) is { } problem)
            throw new HashrateIndexException(
                $"Hashrate Index answer to GET {path} has implausible values for currency=USD hashunit={hashunit}: {problem}. " +
                "Nothing was cached; check the API's units before using these numbers.", 200, path);
    }

    /// <summary>The requested bucket, or the observed median spacing when that is clearly coarser (with a note).</summary>
    private static (TimeSpan Bucket, List<string> Notes) EffectiveBucket(List<(DateTime T, double Price)> points, string bucket)
    {
        var requested = HashrateIndexSpans.BucketLength(bucket);
        var notes = new List<string>();
        var times = points.Select(p => p.T).Distinct().Order().ToList();
        if (HashpriceSeries.InferBucket(times) is { } seen && seen > requested * 1.5)
        {
            notes.Add($"bucket {bucket} was requested but the points are {HashpriceSeriesBuilder.FormatSpan(seen)} apart; using {HashpriceSeriesBuilder.FormatSpan(seen)}");
            return (seen, notes);
        }
        return (requested, notes);
    }

    private async Task<Answer> FetchAsync(string span, string bucket, string hashunit, Action<string>? log, CancellationToken ct)
    {
        string baseUrl = _o.BaseUrl.AbsoluteUri.TrimEnd('/');
        var uri = new Uri($"{baseUrl}{Endpoint}?span={span}&bucket={bucket}&currency={Currency}&hashunit={hashunit}");
        string path = uri.PathAndQuery;
        if (string.IsNullOrWhiteSpace(_o.ApiKey))
            throw new HashrateIndexException(
                $"Hashrate Index API key missing or invalid: set {HashrateIndexOptions.ApiKeyEnvironmentVariable} (no key configured; nothing was sent for GET {path}).",
                null, path);

        var answer = await _retry.SendAsync(() =>
            {
                var req = new HttpRequestMessage(HttpMethod.Get, uri);
                req.Headers.TryAddWithoutValidation("X-Hi-Api-Key", _o.ApiKey);
                req.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return req;
            }, "GET " + path, _throttle, "Hashrate Index allows 20 requests, then 1 per 15 s",
            body => HashrateIndexResponse.ErrorDetail(body, Redact),
            (message, status, detail, inner) => new HashrateIndexException(Redact(message), status, path, detail, inner), log, ct).ConfigureAwait(false);
        if (!answer.IsSuccess)
            throw Fatal(answer.Status, answer.Reason, path, span, bucket, HashrateIndexResponse.ErrorDetail(answer.Body, Redact));
        try { return new Answer(HashrateIndexResponse.ParsePoints(answer.Body, Redact), path, _clock.GetUtcNow()); }
        catch (FormatException e)
        {
            throw new HashrateIndexException(Redact($"Hashrate Index answer to GET {path} (HTTP {answer.Status}) is unusable: {e.Message}"), answer.Status, path, null, e);
        }
    }

    private HashrateIndexException Fatal(int status, string? reason, string path, string span, string bucket, string? detail)
    {
        string api = detail is null ? "" : $"; API says: {detail}";
        string msg = status switch
        {
            401 => $"Hashrate Index API key missing or invalid: set {HashrateIndexOptions.ApiKeyEnvironmentVariable} (HTTP 401 for GET {path}{api}).",
            403 => $"HTTP 403 for GET {path}: your Hashrate Index plan does not allow this span/bucket (span {span}, bucket {bucket}){api}. " +
                   "Try a coarser bucket or shorter span, or derive hashprice from public chain data.",
            422 => $"Hashrate Index rejected the request as invalid (HTTP 422) for GET {path}{api}.",
            >= 300 and < 400 => $"Hashrate Index answered with a redirect (HTTP {status}) for GET {path}; redirects are not followed (the API key header would go along). Check BaseUrl.",
            _ => $"Hashrate Index answered HTTP {status} {reason} for GET {path}{api}.",
        };
        return new HashrateIndexException(Redact(msg), status, path, detail);
    }

    /// <summary>
    /// <paramref name="s"/> with every form of the API key the server could echo replaced by <c>***</c>: as sent, in
    /// any letter case, and URL-encoded (%XX in either case, or + for a space). Called on whole texts, before any
    /// excerpt is cut, so no part of the key survives a truncation.
    /// </summary>
    internal string Redact(string s) => RedactKey(s, _o.ApiKey);

    internal static string RedactKey(string s, string? key)
    {
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(s)) return s;
        foreach (var form in new[] { key, Uri.EscapeDataString(key), WebUtility.UrlEncode(key) }.Distinct().OrderByDescending(f => f.Length))
            s = s.Replace(form, "***", StringComparison.OrdinalIgnoreCase);
        return s;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Iso(DateTime t) => HashpriceSeries.Fmt(t);
}
