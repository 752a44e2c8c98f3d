using System.Globalization;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Forward;

/// <summary>A hashprice on a UTC day, used as a knot of <see cref="HashpricePath.FromPoints"/>.</summary>
public sealed record HashpricePoint(DateOnly UtcDay, UsdPerThDay Hashprice);

/// <summary>How <see cref="HashpricePath.FromPoints"/> fills the days between knots.</summary>
public enum HashpriceInterpolation
{
    /// <summary>Linear in time between knots (by UTC day).</summary>
    Linear,

    /// <summary>Each knot's value holds until the next knot (e.g. a monthly NDF strip given on the first of each month).</summary>
    Step,
}

/// <summary>
/// Forward hashprice assumptions, evaluated for a list of forward hours. Hashprice is a UTC-day quantity (Luxor's
/// index and NDFs settle per UTC day, and the historical series are daily), so every path is constant within a UTC day.
/// Results are in USD per TH/s per day, the unit of <see cref="Series.MarketSeries.HashpriceUsdPerThDay"/>.
/// </summary>
public static class HashpricePath
{
    /// <summary>Average days per month used to turn a monthly growth rate into a daily one (365.25 / 12).</summary>
    public const double DaysPerMonth = 365.25 / 12.0;

    /// <summary>The same hashprice in every hour.</summary>
    public static double[] Flat(UsdPerThDay hashprice, DateTime[] hoursUtc)
    {
        CheckHours(hoursUtc);
        CheckLevel(hashprice.Value, "Hashprice");
        var r = new double[hoursUtc.Length];
        Array.Fill(r, hashprice.Value);
        return r;
    }

    /// <summary>
    /// Hashprice growing (or, when negative, decaying) by <paramref name="monthlyGrowthPct"/> percent per month,
    /// compounded daily: on the UTC day that is d days after <paramref name="anchorUtcDay"/> the value is
    /// start × (1 + g/100)^(d / <see cref="DaysPerMonth"/>). The anchor defaults to the UTC day of the first hour.
    /// Example: −3 %/month models difficulty growth outpacing the BTC price.
    /// </summary>
    public static double[] Growth(UsdPerThDay start, double monthlyGrowthPct, DateTime[] hoursUtc, DateOnly? anchorUtcDay = null)
    {
        CheckHours(hoursUtc);
        CheckLevel(start.Value, "Starting hashprice");
        if (!double.IsFinite(monthlyGrowthPct) || monthlyGrowthPct <= -100)
            throw new ArgumentOutOfRangeException(nameof(monthlyGrowthPct), monthlyGrowthPct,
                "Monthly growth is a percentage above −100 (e.g. −2.5 for −2.5 % per month).");
        var anchor = anchorUtcDay ?? DateOnly.FromDateTime(hoursUtc[0]);
        double logGrowthPerDay = Math.Log(1.0 + monthlyGrowthPct / 100.0) / DaysPerMonth;
        var r = new double[hoursUtc.Length];
        for (int i = 0; i < r.Length; i++)
        {
            int d = DateOnly.FromDateTime(hoursUtc[i]).DayNumber - anchor.DayNumber;
            r[i] = start.Value * Math.Exp(logGrowthPerDay * d);
        }
        return r;
    }

    /// <summary>
    /// Hashprice through knots given per UTC day (e.g. a hashprice NDF curve or an analyst's halving scenario).
    /// Before the first knot the first value holds; after the last, the last value holds.
    /// </summary>
    public static double[] FromPoints(IReadOnlyList<HashpricePoint> points, DateTime[] hoursUtc,
        HashpriceInterpolation interpolation = HashpriceInterpolation.Linear)
    {
        ArgumentNullException.ThrowIfNull(points);
        CheckHours(hoursUtc);
        if (points.Count == 0) throw new ArgumentException("A hashprice path needs at least one point.");
        for (int i = 0; i < points.Count; i++)
        {
            CheckLevel(points[i].Hashprice.Value, $"Hashprice point {i} ({points[i].UtcDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})");
            if (i > 0 && points[i].UtcDay <= points[i - 1].UtcDay)
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "Hashprice points must be in strictly increasing date order: {0:yyyy-MM-dd} then {1:yyyy-MM-dd}.",
                    points[i - 1].UtcDay, points[i].UtcDay));
        }
        var r = new double[hoursUtc.Length];
        int k = 0; // index of the last knot on or before the current day
        for (int i = 0; i < r.Length; i++)
        {
            int day = DateOnly.FromDateTime(hoursUtc[i]).DayNumber;
            while (k + 1 < points.Count && points[k + 1].UtcDay.DayNumber <= day) k++;
            var a = points[k];
            if (day <= points[0].UtcDay.DayNumber) { r[i] = points[0].Hashprice.Value; continue; }
            if (k == points.Count - 1 || interpolation == HashpriceInterpolation.Step) { r[i] = a.Hashprice.Value; continue; }
            var b = points[k + 1];
            double w = (double)(day - a.UtcDay.DayNumber) / (b.UtcDay.DayNumber - a.UtcDay.DayNumber);
            r[i] = a.Hashprice.Value + w * (b.Hashprice.Value - a.Hashprice.Value);
        }
        return r;
    }

    private static void CheckLevel(double v, string what)
    {
        if (!double.IsFinite(v) || v < 0)
            throw new ArgumentOutOfRangeException(what, v, $"{what} must be a finite, non-negative $/TH/day (got {v.ToString(CultureInfo.InvariantCulture)}).");
    }

    private static void CheckHours(DateTime[] hoursUtc)
    {
        ArgumentNullException.ThrowIfNull(hoursUtc);
        if (hoursUtc.Length == 0) throw new ArgumentException("No forward hours.");
        for (int i = 0; i < hoursUtc.Length; i++)
        {
            if (hoursUtc[i].Kind != DateTimeKind.Utc) throw new ArgumentException($"Forward hour {i} ({hoursUtc[i]:O}) is not UTC.");
            if (i > 0 && hoursUtc[i] <= hoursUtc[i - 1])
                throw new ArgumentException($"Forward hours must be strictly increasing: {hoursUtc[i - 1]:O} then {hoursUtc[i]:O}.");
        }
    }
}
