namespace MiningDispatch.Benchmarks.Data;

/// <summary>
/// A deterministic, ERCOT-like system price per 15-minute interval and a daily hashprice, over whole market days
/// (Central Prevailing Time). Shape: a daily profile (summer late-afternoon peak, winter morning and evening
/// peaks), autocorrelated noise, windy spring nights with negative prices and rare scarcity spikes up to the
/// $5,000 cap. The same model feeds the generated CSV files and the in-memory series of the compute figures.
/// </summary>
internal sealed class PriceModel
{
    public static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public PriceModel(DateOnly firstDay, int days, ulong seed = 20230101)
    {
        if (days < 1) throw new ArgumentOutOfRangeException(nameof(days), days, "Need at least one day.");
        FirstDay = firstDay;
        Days = days;
        Seed = seed;
        StartUtc = DayStartUtc(firstDay);
        EndUtc = DayStartUtc(firstDay.AddDays(days));
        int n = (int)((EndUtc - StartUtc).Ticks / Interval.Ticks);
        SystemPrice = new double[n];
        var rng = new Rng(seed);
        double ar = 0;
        int spikeLeft = 0;
        double spikeLevel = 0;
        int windyDay = -1;
        bool windy = false;
        for (int i = 0; i < n; i++)
        {
            var utc = StartUtc + Interval * i;
            var local = TimeZoneInfo.ConvertTimeFromUtc(utc, Central);
            double h = local.Hour + local.Minute / 60.0;
            int month = local.Month;
            bool summer = month is >= 6 and <= 9;
            double p = 28.0;
            p += summer ? 38.0 * Bump(h, 17.0, 2.5) + 10.0 * Bump(h, 13.0, 3.0) : 9.0 * Bump(h, 8.0, 1.5) + 14.0 * Bump(h, 19.5, 2.0);
            p -= 9.0 * Bump(h, 3.5, 2.5);
            ar = 0.97 * ar + 2.4 * rng.Normal();
            p += ar;
            if (local.DayOfYear != windyDay) { windyDay = local.DayOfYear; windy = rng.Uniform() < (month is >= 3 and <= 5 ? 0.35 : 0.08); }
            if (windy && h < 6.5) p -= 40.0 * Bump(h, 3.0, 2.0);
            if (spikeLeft == 0 && rng.Uniform() < 0.0012)
            {
                spikeLeft = 1 + (int)(rng.Uniform() * 8);
                spikeLevel = Math.Min(5000.0, 180.0 * Math.Exp(1.1 * Math.Abs(rng.Normal())));
            }
            if (spikeLeft > 0) { p += spikeLevel * (0.6 + 0.4 * rng.Uniform()); spikeLeft--; }
            SystemPrice[i] = Math.Max(-250.0, p);
        }
        HashpriceByDay = new double[days + 2];
        double hp = 0.055;
        var hr = new Rng(seed ^ 0x5151);
        for (int d = 0; d < HashpriceByDay.Length; d++)
        {
            hp = Math.Clamp(hp * Math.Exp(0.018 * hr.Normal()), 0.035, 0.09);
            HashpriceByDay[d] = Math.Round(hp, 6);
        }
    }

    public DateOnly FirstDay { get; }
    public int Days { get; }
    public ulong Seed { get; }
    public DateTime StartUtc { get; }
    public DateTime EndUtc { get; }

    /// <summary>System price per 15-minute interval from <see cref="StartUtc"/>, $/MWh.</summary>
    public double[] SystemPrice { get; }

    /// <summary>Hashprice per UTC day from the UTC date of <see cref="StartUtc"/>, USD/TH/day.</summary>
    public double[] HashpriceByDay { get; }

    public int IntervalCount => SystemPrice.Length;

    public static DateTime DayStartUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Central);

    public double HashpriceAt(DateTime utc) => HashpriceByDay[(utc.Date - StartUtc.Date).Days];

    private static double Bump(double h, double centre, double width)
    {
        double d = Math.Abs(h - centre);
        d = Math.Min(d, 24 - d);
        return Math.Exp(-0.5 * d * d / (width * width));
    }
}
