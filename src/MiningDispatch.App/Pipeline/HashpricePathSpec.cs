using System.Globalization;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Hashprice;
using ForwardPoint = MiningDispatch.Core.Forward.HashpricePoint;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// <c>--hashprice-path</c>: <c>flat:45</c> (USD per PH/s per day), <c>growth:45:-2</c> (start 45 $/PH/day, −2 % per month,
/// compounded daily from the first forward day) or a hashprice CSV (values through its dates, linear between them,
/// the first and last values held outside).
/// </summary>
internal sealed record HashpricePathSpec(string Description, Func<DateTime[], double[]> Evaluate)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Lowest monthly growth accepted, % (hashprice halving in a month).</summary>
    public const double MinGrowthPctPerMonth = -50;

    /// <summary>Highest monthly growth accepted, % (hashprice doubling in a month).</summary>
    public const double MaxGrowthPctPerMonth = 100;

    /// <summary>Highest hashprice accepted, USD per PH/s per day (since 2016 it has stayed below about 3,000).</summary>
    public const double MaxUsdPerPhDay = 10_000;

    private static readonly string Range = string.Create(Ci,
        $"hashprice 0..{MaxUsdPerPhDay:#,0} $/PH/day, growth {MinGrowthPctPerMonth}..{MaxGrowthPctPerMonth} % per month");

    public static HashpricePathSpec Parse(string text, HashpriceUnit? unit)
    {
        string t = text.Trim();
        var parts = t.Split(':');
        string kind = parts[0].Trim().ToLowerInvariant();
        if (kind == "flat" && parts.Length == 2)
        {
            double v = Num(parts[1], t);
            if (!(v >= 0 && v <= MaxUsdPerPhDay)) throw new SettingsException($"--hashprice-path '{text}': the hashprice must be between 0 and {MaxUsdPerPhDay.ToString("#,0", Ci)} $/PH/day.");
            return new($"flat {v.ToString("0.##", Ci)} $/PH/day", h => HashpricePath.Flat(new UsdPerPhDay(v).ToPerThDay(), h));
        }
        if (kind == "growth" && parts.Length == 3)
        {
            double v = Num(parts[1], t), g = Num(parts[2], t);
            if (!(v >= 0 && v <= MaxUsdPerPhDay) || !(g >= MinGrowthPctPerMonth && g <= MaxGrowthPctPerMonth))
                throw new SettingsException($"--hashprice-path '{text}': outside the supported range ({Range}).");
            return new($"{v.ToString("0.##", Ci)} $/PH/day growing {g.ToString("+0.##;-0.##", Ci)} % per month (compounded daily)",
                h => HashpricePath.Growth(new UsdPerPhDay(v).ToPerThDay(), g, h));
        }
        if (File.Exists(t))
        {
            HashpriceSeries series;
            try { series = HashpriceCsvLoader.Load(t, unit); }
            catch (FormatException ex) { throw new SettingsException(ex.Message); }
            var points = series.Points.Select(p => new ForwardPoint(DateOnly.FromDateTime(p.TimestampUtc), new UsdPerThDay(p.UsdPerThDay))).ToList();
            return new($"{series.Source}: linear between its {points.Count} points, first/last value held outside",
                h => HashpricePath.FromPoints(points, h, HashpriceInterpolation.Linear));
        }
        throw new SettingsException($"--hashprice-path '{text}' is not flat:PRICE, growth:PRICE:PCT_PER_MONTH (USD per PH/s per day) or an existing hashprice CSV.");
    }

    private static double Num(string s, string whole)
    {
        if (double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new SettingsException($"--hashprice-path '{whole}': '{s}' is not a number.");
    }
}
