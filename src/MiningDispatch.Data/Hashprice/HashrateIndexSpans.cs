namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// The documented span/bucket pairs of <c>GET /hashprice</c> (docs.luxor.tech, doc §1.2) and the choice of the
/// smallest span that covers a date range. A span always ends "now"; there are no start/end parameters.
/// </summary>
public static class HashrateIndexSpans
{
    /// <summary>Spans from shortest to longest, each with its valid buckets; the first bucket listed is the default.</summary>
    public static IReadOnlyList<(string Span, IReadOnlyList<string> Buckets)> Pairs { get; } =
    [
        ("1D", ["5m", "15s", "15m"]),
        ("7D", ["1H"]),
        ("1M", ["1H", "2H"]),
        ("3M", ["1H", "6H"]),
        ("1Y", ["6H"]),
        ("5Y", ["6H", "1D"]),
        ("ALL", ["7D"]),
    ];

    /// <summary>
    /// Shortest history each span is guaranteed to hold, used to pick a span: calendar months and years are taken
    /// at their shortest (1M = 28 d, 3M = 89 d, 1Y = 365 d, 5Y = 1826 d), so a chosen span never falls short.
    /// </summary>
    public static TimeSpan? MinimumLength(string span) => Canonical(span) switch
    {
        "1D" => TimeSpan.FromDays(1),
        "7D" => TimeSpan.FromDays(7),
        "1M" => TimeSpan.FromDays(28),
        "3M" => TimeSpan.FromDays(89),
        "1Y" => TimeSpan.FromDays(365),
        "5Y" => TimeSpan.FromDays(1826),
        "ALL" => null,
        _ => throw new ArgumentException($"Unknown Hashrate Index span '{span}'; valid spans: {string.Join(", ", Pairs.Select(p => p.Span))}.", nameof(span)),
    };

    /// <summary>Throws <see cref="ArgumentException"/> unless (span, bucket) is a documented pair; returns the canonical spelling.</summary>
    public static (string Span, string Bucket) Validate(string span, string bucket)
    {
        ArgumentNullException.ThrowIfNull(span);
        ArgumentNullException.ThrowIfNull(bucket);
        string s = Canonical(span);
        var entry = Pairs.FirstOrDefault(p => p.Span == s);
        if (entry.Span is null)
            throw new ArgumentException($"Unknown Hashrate Index span '{span}'; valid spans: {string.Join(", ", Pairs.Select(p => p.Span))}.", nameof(span));
        string? b = entry.Buckets.FirstOrDefault(x => string.Equals(x, bucket.Trim(), StringComparison.OrdinalIgnoreCase));
        if (b is null)
            throw new ArgumentException(
                $"Bucket '{bucket}' is not valid for span {s}; valid buckets for {s}: {string.Join(", ", entry.Buckets)} " +
                "(documented pairs: " + string.Join("; ", Pairs.Select(p => $"{p.Span}: {string.Join("/", p.Buckets)}")) + ").",
                nameof(bucket));
        return (s, b);
    }

    /// <summary>Length of a bucket such as "15s", "5m", "1H", "6H", "1D", "7D".</summary>
    public static TimeSpan BucketLength(string bucket) => bucket switch
    {
        "15s" => TimeSpan.FromSeconds(15),
        "5m" => TimeSpan.FromMinutes(5),
        "15m" => TimeSpan.FromMinutes(15),
        "1H" => TimeSpan.FromHours(1),
        "2H" => TimeSpan.FromHours(2),
        "6H" => TimeSpan.FromHours(6),
        "1D" => TimeSpan.FromDays(1),
        "7D" => TimeSpan.FromDays(7),
        _ => throw new ArgumentException($"Unknown Hashrate Index bucket '{bucket}'.", nameof(bucket)),
    };

    /// <summary>
    /// Smallest documented span (with its default bucket) whose history, ending at <paramref name="nowUtc"/>, reaches
    /// back to <paramref name="fromUtc"/> minus two buckets (the lead-in that lets the first requested hour use a
    /// published point). ALL (weekly buckets) when even 5Y is too short. The 1D span's default bucket (5m) is used,
    /// never the Diamond-tier 15s.
    /// </summary>
    public static (string Span, string Bucket) Choose(DateTime fromUtc, DateTimeOffset nowUtc)
    {
        foreach (var (span, buckets) in Pairs)
        {
            var min = MinimumLength(span);
            if (min is null) return (span, buckets[0]);
            var needFrom = fromUtc - 2 * BucketLength(buckets[0]);
            if (nowUtc.UtcDateTime - min.Value <= needFrom) return (span, buckets[0]);
        }
        throw new InvalidOperationException("unreachable: ALL always covers");
    }

    private static string Canonical(string span) => span.Trim().ToUpperInvariant();
}
