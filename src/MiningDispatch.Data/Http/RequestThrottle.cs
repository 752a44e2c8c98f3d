namespace MiningDispatch.Data.Http;

/// <summary>
/// Client-side token bucket matching the documented rate limit: a burst of 20 requests, then one more every 15 s.
/// <see cref="Reserve"/> takes a token and returns how long to wait before sending (zero while tokens are left).
/// </summary>
internal sealed class RequestThrottle(int capacity, TimeSpan refillEvery)
{
    private readonly object _gate = new();
    private double _tokens = capacity;
    private DateTimeOffset? _last;

    public TimeSpan Reserve(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_last is { } last && now > last)
                _tokens = Math.Min(capacity, _tokens + (now - last) / refillEvery);
            if (_last is null || now > _last) _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : -_tokens * refillEvery;
        }
    }
}
