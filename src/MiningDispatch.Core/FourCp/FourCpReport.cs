using System.Globalization;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>One 4CP month: the site's demand at the peak without and with avoidance.</summary>
/// <param name="PeakStartUtc">Peak interval start; null for the calendar basis (no load data).</param>
/// <param name="SystemLoadMw">System load at the peak when known.</param>
/// <param name="SiteMwWithoutAvoidance">Site MW in the market interval holding the peak, base schedule.</param>
/// <param name="SiteMwWithAvoidance">Same with the avoidance schedule.</param>
public sealed record FourCpMonth(int Year, int Month, DateTime? PeakStartUtc, double? SystemLoadMw, double SiteMwWithoutAvoidance, double SiteMwWithAvoidance);

/// <summary>
/// One summer's 4CP tag and the transmission charge it sets for the following calendar year:
/// tag MW = average of the site MW over the months found; charge USD = tag MW × 1000 × $/kW-yr.
/// <see cref="IsComplete"/> is false when fewer than four months were covered (then the average is over fewer months).
/// </summary>
public sealed record FourCpYear(int Year, int MonthsFound, double TagMwWithoutAvoidance, double TagMwWithAvoidance, double ChargeWithoutAvoidanceUsd, double ChargeWithAvoidanceUsd)
{
    public bool IsComplete => MonthsFound == 4;
    public double AvoidedChargeUsd => ChargeWithoutAvoidanceUsd - ChargeWithAvoidanceUsd;
}

/// <summary>
/// 4CP transmission charge with and without avoidance, and what avoidance cost in mining profit.
/// All money in USD; charges are summed over the summers in the data.
/// </summary>
/// <param name="RateUsdPerKwYear">Transmission rate, $/kW-yr of 4CP tag.</param>
/// <param name="PeakBasis">How the peaks were set: "system load", "known intervals" or "calendar worst case".</param>
/// <param name="ChargeWithoutAvoidanceUsd">Charge from the base schedule.</param>
/// <param name="ChargeWithAvoidanceUsd">Charge from the avoidance schedule.</param>
/// <param name="EnergyProfitGivenUpUsd">Σ (net profit of the base schedule − net profit of the avoidance schedule) at the all-in price: mining profit lost by curtailing (negative if curtailing avoided losses).</param>
/// <param name="CurtailedIntervals">Intervals where the avoidance schedule consumes fewer MW than the base schedule.</param>
/// <param name="CurtailedMWh">Σ (base MW − avoidance MW)⁺ × Δt.</param>
public sealed record FourCpResult(
    double RateUsdPerKwYear,
    string PeakBasis,
    IReadOnlyList<FourCpMonth> Months,
    IReadOnlyList<FourCpYear> Years,
    double ChargeWithoutAvoidanceUsd,
    double ChargeWithAvoidanceUsd,
    double EnergyProfitGivenUpUsd,
    int CurtailedIntervals,
    double CurtailedMWh)
{
    /// <summary>Charge without − charge with avoidance.</summary>
    public double AvoidedChargeUsd => ChargeWithoutAvoidanceUsd - ChargeWithAvoidanceUsd;
    /// <summary>Peak months where the avoidance schedule drew fewer MW than the base schedule (the rule curtailed at the peak).</summary>
    public int PeaksAvoided { get; init; }
    /// <summary>Peak months where the base schedule already drew 0 MW (nothing to avoid).</summary>
    public int PeaksAlreadyOff { get; init; }
    /// <summary>Hours where the avoidance schedule consumes fewer MW than the base schedule (<see cref="CurtailedIntervals"/> × interval length).</summary>
    public double CurtailedHours { get; init; }
    /// <summary>The avoidance rule run on every summer of the system-load file (peaks caught, hours curtailed); null without the load rule.</summary>
    public FourCpRuleBacktest? RuleBacktest { get; init; }
    /// <summary>What the user must know about the peaks (hourly load, official intervals on hourly data, months missing, blind intervals).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Avoided charge − energy profit given up.</summary>
    public double NetBenefitUsd => AvoidedChargeUsd - EnergyProfitGivenUpUsd;
}

/// <summary>
/// Computes <see cref="FourCpResult"/> (docs/mining-economics.md §2.7, ercot-data-formats.md §7). The site MW at a
/// peak is the MW consumed (run × capacity for a single-model site, <see cref="SiteLoadProfile.MwConsumed"/> in general) in the market interval containing the peak instant (a 15-minute peak inside an hourly
/// market interval takes that hour's MW). Without load data or published peaks, the calendar worst case applies:
/// each month's site MW is its highest MW over the window's candidate intervals (the tag if the peak fell in the
/// worst candidate interval).
/// </summary>
public static class FourCpReport
{
    /// <summary>Runs <see cref="FourCpStrategy.Inner"/> (base) and <paramref name="strategy"/> (with avoidance) and compares them at the given peaks.</summary>
    public static FourCpResult Evaluate(DispatchProblem problem, FourCpStrategy strategy, IReadOnlyList<CoincidentPeak> peaks, double rateUsdPerKwYear, string peakBasis = "system load")
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var (b, a) = Runs(problem, strategy);
        return AtPeaks(problem, b, a, peaks, rateUsdPerKwYear, strategy.Clock, peakBasis);
    }

    /// <summary>Calendar worst case for <paramref name="strategy"/>: no load data, peaks may be in any window interval.</summary>
    public static FourCpResult EvaluateCalendar(DispatchProblem problem, FourCpStrategy strategy, FourCpWindowRule window, double rateUsdPerKwYear)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var (b, a) = Runs(problem, strategy);
        return CalendarWorstCase(problem, b, a, window, rateUsdPerKwYear, strategy.Clock);
    }

    /// <summary>Compares two given run schedules at the given peaks.</summary>
    public static FourCpResult AtPeaks(
        DispatchProblem problem, ReadOnlySpan<double> baseRun, ReadOnlySpan<double> avoidRun,
        IReadOnlyList<CoincidentPeak> peaks, double rateUsdPerKwYear, MarketClock clock, string peakBasis = "system load")
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(peaks);
        ArgumentNullException.ThrowIfNull(clock);
        Check(problem, baseRun, avoidRun, rateUsdPerKwYear);
        return AtPeaks(SiteLoadProfile.FromRun(problem, baseRun), SiteLoadProfile.FromRun(problem, avoidRun), peaks, rateUsdPerKwYear, clock, peakBasis);
    }

    /// <summary>
    /// Compares two load profiles of any site (e.g. a mixed fleet without and with avoidance) at the given peaks:
    /// the site MW at a peak is <see cref="SiteLoadProfile.MwConsumed"/> in the market interval holding it. A peak
    /// found in load data coarser than the market intervals (<see cref="CoincidentPeak.Length"/>: hourly ERCOT load with
    /// 15-minute prices) lies in an unknown quarter of its hour, so the site MW is the highest over the market
    /// intervals of that hour (to avoid it, curtail the whole hour).
    /// </summary>
    public static FourCpResult AtPeaks(
        SiteLoadProfile baseProfile, SiteLoadProfile avoidProfile,
        IReadOnlyList<CoincidentPeak> peaks, double rateUsdPerKwYear, MarketClock clock, string peakBasis = "system load")
    {
        ArgumentNullException.ThrowIfNull(peaks);
        ArgumentNullException.ThrowIfNull(clock);
        Check(baseProfile, avoidProfile, rateUsdPerKwYear);
        var m = baseProfile.Market;
        var span = TimeSpan.FromHours(m.IntervalHours);
        DateTime first = m.StartsUtc[0], end = m.StartsUtc[^1] + span;
        var months = new List<FourCpMonth>();
        foreach (var p in peaks)
        {
            if (p.StartUtc < first || p.StartUtc >= end) continue; // outside the period: month not covered
            int i = Array.BinarySearch(m.StartsUtc, p.StartUtc);
            if (i < 0) i = ~i - 1; // the interval starting at or before the peak
            if (i < 0 || p.StartUtc >= m.StartsUtc[i] + span)
                throw new ArgumentException(Msg($"The 4CP peak at {p.StartUtc:O} ({p.Year}-{p.Month:00}) falls in a gap of the market data; the site's demand there is unknown."));
            // A peak found in load data coarser than the market intervals (hourly load, 15-minute prices) lies in one
            // of the market intervals of its load sample, and which one is unknown: the site's demand at the peak is
            // its highest MW over them (worst case). With equal lengths this is the one interval holding the peak.
            DateTime peakEnd = p.Length is { } len && len > span ? p.StartUtc + len : p.StartUtc;
            double b = baseProfile.MwConsumed[i], a = avoidProfile.MwConsumed[i];
            DateTime expect = m.StartsUtc[i] + span;
            for (int k = i + 1; k < m.Count && m.StartsUtc[k] < peakEnd; k++)
            {
                if (m.StartsUtc[k] != expect)
                    throw new ArgumentException(Msg($"The 4CP peak interval {p.StartUtc:O}..{peakEnd:O} ({p.Year}-{p.Month:00}) has a gap in the market data at {expect:O}; the site's demand there is unknown."));
                b = Math.Max(b, baseProfile.MwConsumed[k]);
                a = Math.Max(a, avoidProfile.MwConsumed[k]);
                expect += span;
            }
            if (expect < peakEnd && expect < end)
                throw new ArgumentException(Msg($"The 4CP peak interval {p.StartUtc:O}..{peakEnd:O} ({p.Year}-{p.Month:00}) has a gap in the market data at {expect:O}; the site's demand there is unknown."));
            months.Add(new FourCpMonth(p.Year, p.Month, p.StartUtc, p.SystemLoadMw, b, a));
        }
        return Build(baseProfile, avoidProfile, months, rateUsdPerKwYear, peakBasis);
    }

    /// <summary>Compares two run schedules under the calendar worst case (see the class summary).</summary>
    public static FourCpResult CalendarWorstCase(
        DispatchProblem problem, ReadOnlySpan<double> baseRun, ReadOnlySpan<double> avoidRun,
        FourCpWindowRule window, double rateUsdPerKwYear, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(clock);
        window.Validate();
        Check(problem, baseRun, avoidRun, rateUsdPerKwYear);
        return CalendarWorstCase(SiteLoadProfile.FromRun(problem, baseRun), SiteLoadProfile.FromRun(problem, avoidRun), window, rateUsdPerKwYear, clock);
    }

    /// <summary>Compares two load profiles of any site under the calendar worst case (see the class summary).</summary>
    public static FourCpResult CalendarWorstCase(
        SiteLoadProfile baseProfile, SiteLoadProfile avoidProfile,
        FourCpWindowRule window, double rateUsdPerKwYear, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(clock);
        window.Validate();
        Check(baseProfile, avoidProfile, rateUsdPerKwYear);
        var m = baseProfile.Market;
        var months = new List<FourCpMonth>();
        for (int t = 0; t < m.Count; t++)
        {
            var local = clock.ToLocal(m.StartsUtc[t]);
            if (!window.Contains(local, m.IntervalHours)) continue;
            double b = baseProfile.MwConsumed[t], a = avoidProfile.MwConsumed[t];
            int k = months.FindIndex(x => x.Year == local.Year && x.Month == local.Month);
            if (k < 0) months.Add(new FourCpMonth(local.Year, local.Month, null, null, b, a));
            else months[k] = months[k] with
            {
                SiteMwWithoutAvoidance = Math.Max(months[k].SiteMwWithoutAvoidance, b),
                SiteMwWithAvoidance = Math.Max(months[k].SiteMwWithAvoidance, a),
            };
        }
        return Build(baseProfile, avoidProfile, months, rateUsdPerKwYear, "calendar worst case");
    }

    private static FourCpResult Build(SiteLoadProfile baseProfile, SiteLoadProfile avoidProfile, List<FourCpMonth> months, double rate, string basis)
    {
        var years = months.GroupBy(x => x.Year).OrderBy(g => g.Key).Select(g =>
        {
            int count = g.Count();
            double tagB = g.Sum(x => x.SiteMwWithoutAvoidance) / count, tagA = g.Sum(x => x.SiteMwWithAvoidance) / count;
            return new FourCpYear(g.Key, count, tagB, tagA, tagB * 1000.0 * rate, tagA * 1000.0 * rate);
        }).ToList();
        double dt = baseProfile.IntervalHours, givenUp = 0, curtailedMwh = 0;
        int curtailed = 0;
        for (int t = 0; t < baseProfile.Count; t++)
        {
            givenUp += baseProfile.NetProfitUsd(t) - avoidProfile.NetProfitUsd(t);
            double d = baseProfile.MwConsumed[t] - avoidProfile.MwConsumed[t];
            if (d > 0) { curtailed++; curtailedMwh += d * dt; }
        }
        return new FourCpResult(rate, basis, months, years,
            years.Sum(y => y.ChargeWithoutAvoidanceUsd), years.Sum(y => y.ChargeWithAvoidanceUsd), givenUp, curtailed, curtailedMwh)
        {
            PeaksAvoided = months.Count(x => x.SiteMwWithAvoidance < x.SiteMwWithoutAvoidance),
            PeaksAlreadyOff = months.Count(x => x.SiteMwWithoutAvoidance == 0),
            CurtailedHours = curtailed * dt,
        };
    }

    private static (double[] Base, double[] Avoid) Runs(DispatchProblem problem, FourCpStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var b = new double[problem.Count];
        var a = new double[problem.Count];
        strategy.Inner.Dispatch(problem, b);
        strategy.Dispatch(problem, a);
        return (b, a);
    }

    private static void Check(DispatchProblem problem, ReadOnlySpan<double> baseRun, ReadOnlySpan<double> avoidRun, double rate)
    {
        int n = problem.Count;
        if (n == 0) throw new ArgumentException("No market intervals to evaluate 4CP on.");
        if (baseRun.Length != n || avoidRun.Length != n)
            throw new ArgumentException(Msg($"Base run ({baseRun.Length}) and avoidance run ({avoidRun.Length}) must have one value per interval ({n})."));
        if (!double.IsFinite(rate) || rate < 0)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The 4CP rate must be a non-negative number of $/kW-yr.");
        for (int t = 0; t < n; t++)
        {
            if (!(baseRun[t] >= 0 && baseRun[t] <= 1) || !(avoidRun[t] >= 0 && avoidRun[t] <= 1))
                throw new ArgumentException(Msg($"Run fraction at {problem.Market.StartsUtc[t]:O} is outside [0, 1] (base {baseRun[t]}, avoidance {avoidRun[t]})."));
        }
    }

    private static void Check(SiteLoadProfile baseProfile, SiteLoadProfile avoidProfile, double rate)
    {
        ArgumentNullException.ThrowIfNull(baseProfile);
        ArgumentNullException.ThrowIfNull(avoidProfile);
        int n = baseProfile.Count;
        if (n == 0) throw new ArgumentException("No market intervals to evaluate 4CP on.");
        if (avoidProfile.Count != n || avoidProfile.IntervalHours != baseProfile.IntervalHours)
            throw new ArgumentException(Msg($"Base profile ({n} intervals) and avoidance profile ({avoidProfile.Count}) must be on the same market intervals."));
        if (!double.IsFinite(rate) || rate < 0)
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The 4CP rate must be a non-negative number of $/kW-yr.");
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
