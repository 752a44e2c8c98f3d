using System.Globalization;
using System.Net.Http.Headers;

namespace MiningDispatch.Data.Http;

/// <summary>How an API client retries: attempts, per-attempt timeout, backoff and the answer size cap.</summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan PerAttemptTimeout, TimeSpan BaseDelay, TimeSpan MaxDelay, long MaxResponseBytes)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (for the options <paramref name="paramName"/>) on a value no client can use.</summary>
    public RetryPolicy Checked(string paramName)
    {
        if (MaxResponseBytes < 1) throw new ArgumentOutOfRangeException(paramName, MaxResponseBytes, "MaxResponseBytes must be positive.");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(paramName, MaxAttempts, "MaxAttempts must be at least 1.");
        if (PerAttemptTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, PerAttemptTimeout, "PerAttemptTimeout must be positive.");
        if (BaseDelay < TimeSpan.Zero || MaxDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(paramName, "Delays must not be negative.");
        return this;
    }
}

/// <summary>The first answer that is not retried: status, reason phrase and body (UTF-8, within the size cap).</summary>
internal sealed record HttpAnswer(int Status, string? Reason, string Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// The retry loop of the product's API clients (Hashrate Index, ERCOT Public Data API), written once: each attempt is
/// paced by the client's <see cref="RequestThrottle"/> (when given), bounded by <see cref="RetryPolicy.PerAttemptTimeout"/>,
/// asks for gzip, deflate or br and reads the body with the size cap of <see cref="ResponseBody"/>. 408, 429 and 5xx
/// answers, timeouts and network errors are retried after Retry-After (seconds or an HTTP-date, 0 to
/// <see cref="RetryPolicy.MaxDelay"/>) or an exponential backoff BaseDelay × 2^(attempt−1) with jitter in [50 %, 100 %],
/// capped at MaxDelay; any other answer is returned for the client to judge. Failures become the client's own exception
/// through <c>fail</c> (message, status, API detail, inner exception), which also redacts the client's secrets.
/// </summary>
/// <param name="http">The client's HttpClient (no redirects, no automatic decompression).</param>
/// <param name="policy">Attempts, timeout, backoff, size cap.</param>
/// <param name="clock">"Now" for the throttle and Retry-After dates.</param>
/// <param name="delay">Wait between attempts and for the throttle (tests record it).</param>
/// <param name="api">The service's name in messages: "Hashrate Index", "ERCOT API".</param>
/// <param name="sizeHint">What to check when an answer is too large, e.g. "check HASHRATEINDEX_BASE_URL points at the Hashrate Index API".</param>
internal sealed class HttpRetry(HttpClient http, RetryPolicy policy, TimeProvider clock, Func<TimeSpan, CancellationToken, Task> delay, string api, string sizeHint)
{
    /// <summary>
    /// The HttpClient of an API client: over <paramref name="handler"/> (tests pass one; not disposed), else one that
    /// follows no redirect (it would carry the credentials to another host) and decompresses nothing itself (so
    /// <see cref="ResponseBody"/> counts the inflated size); no overall timeout (each attempt has its own).
    /// </summary>
    public static HttpClient NewHttpClient(HttpMessageHandler? handler)
    {
        var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = System.Net.DecompressionMethods.None }, disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout.InfiniteTimeSpan;
        return http;
    }

    /// <summary>Retried statuses: 408, 429 and 5xx.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 || status >= 500;

    /// <summary>
    /// Sends the request <paramref name="make"/> builds (a new one each attempt) until an answer that is not retried.
    /// </summary>
    /// <param name="label">The request in messages, e.g. "GET /v1/hashrateindex/hashprice?span=1Y" (already redacted).</param>
    /// <param name="throttle">The client's pacing, or null for a request that is not paced (a sign-in).</param>
    /// <param name="throttleRule">The documented limit, said when the throttle makes the request wait.</param>
    /// <param name="errorDetail">The API's message in an error body (redacted), or null.</param>
    /// <param name="fail">The client's exception from a message, the status, the API's detail and the inner exception.</param>
    /// <param name="log">Progress: throttle waits and retries.</param>
    public async Task<HttpAnswer> SendAsync(Func<HttpRequestMessage> make, string label, RequestThrottle? throttle, string throttleRule,
        Func<string, string?> errorDetail, Func<string, int?, string?, Exception?, Exception> fail, Action<string>? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(errorDetail);
        ArgumentNullException.ThrowIfNull(fail);
        var history = new List<string>();
        for (int attempt = 1; ; attempt++)
        {
            if (throttle is not null)
            {
                var wait = throttle.Reserve(clock.GetUtcNow());
                if (wait > TimeSpan.Zero)
                {
                    log?.Invoke($"throttling: waiting {Secs(wait)} before {label} ({throttleRule})");
                    await delay(wait, ct).ConfigureAwait(false);
                }
            }
            string failure;
            int? status = null;
            string? detail = null;
            TimeSpan? retryAfter = null;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptCts.CancelAfter(policy.PerAttemptTimeout);
                try
                {
                    using var req = make();
                    foreach (var enc in new[] { "gzip", "deflate", "br" }) req.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(enc));
                    using var resp = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                    status = (int)resp.StatusCode;
                    string body = await ResponseBody.ReadAsync(resp.Content, policy.MaxResponseBytes, $"{label} (HTTP {status})", api, sizeHint, attemptCts.Token).ConfigureAwait(false);
                    if (!IsTransient(status.Value)) return new HttpAnswer(status.Value, resp.ReasonPhrase, body);
                    detail = errorDetail(body);
                    retryAfter = RetryAfter(resp.Headers.RetryAfter);
                    failure = status == 429 ? $"HTTP 429 (rate limited{(detail is null ? "" : ": " + detail)})" : $"HTTP {status}{(detail is null ? "" : " (" + detail + ")")}";
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    failure = $"no answer within {Secs(policy.PerAttemptTimeout)}";
                    status = null;
                }
                catch (ResponseTooLargeException e)
                {
                    throw fail(e.Message, status, null, e);
                }
                catch (InvalidDataException e)
                {
                    throw fail($"{api} answer to {label} (HTTP {status}) could not be decompressed: {e.Message}", status, null, e);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    failure = $"network error: {e.Message}";
                    status = null;
                }
            }
            history.Add(failure);
            if (attempt >= policy.MaxAttempts)
            {
                string what = status switch
                {
                    429 => $"{api} kept rate-limiting the request (HTTP 429)",
                    >= 500 => $"{api} server error (HTTP {status})",
                    408 => $"{api} timed out (HTTP 408)",
                    _ when failure.StartsWith("no answer", StringComparison.Ordinal) => $"{api} did not answer in time",
                    _ => $"{api} could not be reached",
                };
                throw fail($"{what} for {label} after {attempt} attempt(s); last: {failure}. Attempts: {string.Join(" | ", history)}.", status, detail, null);
            }
            var pause = retryAfter ?? Backoff(attempt);
            log?.Invoke($"{label}: attempt {attempt}/{policy.MaxAttempts} failed ({failure}); retrying in {Secs(pause)}");
            await delay(pause, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential backoff BaseDelay × 2^(attempt−1) with jitter in [50 %, 100 %], capped at MaxDelay.</summary>
    private TimeSpan Backoff(int attempt)
    {
        double exp = policy.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        double capped = Math.Min(exp, policy.MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + 0.5 * Random.Shared.NextDouble()));
    }

    /// <summary>Retry-After as a delay (seconds, or an HTTP-date relative to the clock), between 0 and MaxDelay.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? h)
    {
        TimeSpan? d = h?.Delta ?? (h?.Date is { } date ? date - clock.GetUtcNow() : null);
        if (d is null) return null;
        if (d < TimeSpan.Zero) return TimeSpan.Zero;
        return d > policy.MaxDelay ? policy.MaxDelay : d;
    }

    /// <summary>"2.5 s".</summary>
    public static string Secs(TimeSpan t) => t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
