using System.Globalization;

namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// Catches hashprice values in the wrong unit before they reach the economics. Since 2016 hashprice has stayed
/// roughly between 0.03 and 3 USD/TH/day (about 30 to 3,000 USD/PH/day; BTC/TH/day is around 1e-6). Over the
/// points stamped from 2016 on:
/// <list type="bullet">
/// <item>a median above <see cref="MaxMedianUsdPerThDay"/> is read as USD/PH/day (1000 times too large);</item>
/// <item>a median below <see cref="MinMedianUsdPerThDay"/> as a BTC price or a per-PH value divided twice;</item>
/// <item>a single point more than <see cref="MaxJumpFactor"/> times above or below the median as a unit switch
/// inside the series.</item>
/// </list>
/// Points before 2016 (when hashprice was far higher) are not checked.
/// </summary>
internal static class HashpriceSanity
{
    public const double MaxMedianUsdPerThDay = 20;
    public const double MinMedianUsdPerThDay = 0.002;
    public const double MaxJumpFactor = 100;
    private static readonly DateTime CheckedFrom = new(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Null when the values look like USD/TH/day, else the reason (for an exception message).</summary>
    public static string? Problem(IReadOnlyList<(DateTime T, double UsdPerThDay)> points)
    {
        var recent = points.Where(p => p.T >= CheckedFrom).ToList();
        if (recent.Count == 0) return null;
        var sorted = recent.Select(p => p.UsdPerThDay).Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        if (median > MaxMedianUsdPerThDay)
            return string.Create(CultureInfo.InvariantCulture,
                $"the median hashprice is {median:G6} USD/TH/day; since 2016 it has stayed below about 3 USD/TH/day. The values look like USD/PH/day (1000 times larger)");
        if (median < MinMedianUsdPerThDay)
            return string.Create(CultureInfo.InvariantCulture,
                $"the median hashprice is {median:G6} USD/TH/day; since 2016 it has stayed above about 0.03 USD/TH/day. The values look like BTC, not USD, or are divided by 1000 twice");
        foreach (var (t, v) in recent)
        {
            if (v > median * MaxJumpFactor || v < median / MaxJumpFactor)
                return string.Create(CultureInfo.InvariantCulture,
                    $"the hashprice at {HashpriceSeries.Fmt(t)} is {v:G6} USD/TH/day while the median is {median:G6}: more than {MaxJumpFactor:0} times apart, which looks like a change of unit inside the series");
        }
        return null;
    }
}
