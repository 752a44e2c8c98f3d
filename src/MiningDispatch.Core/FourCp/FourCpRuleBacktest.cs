using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>One month of the rule backtest: the month's peak and whether the rule curtailed in it.</summary>
/// <param name="PeakStartUtc">Start of the peak interval (the official 4CP interval when given, else the load file's highest sample).</param>
/// <param name="PeakLoadMw">System load at the peak; null for an official interval given without load.</param>
/// <param name="Official">True when the peak is an official 4CP interval from the intervals file.</param>
/// <param name="Caught">True when the rule curtailed the load sample holding the peak.</param>
/// <param name="HoursCurtailed">Hours the rule curtailed in the month (curtailed samples × the load interval).</param>
/// <param name="Complete">True when the load file covers the whole local month (else the peak found may not be the month's).</param>
public sealed record FourCpRuleMonth(int Year, int Month, DateTime PeakStartUtc, double? PeakLoadMw, bool Official, bool Caught, double HoursCurtailed, bool Complete);

/// <summary>One summer of the rule backtest.</summary>
/// <param name="Months">Summer months with load data.</param>
/// <param name="CompleteMonths">Of them, months the load file covers whole.</param>
/// <param name="PeaksCaught">Months whose peak the rule curtailed.</param>
/// <param name="HoursCurtailed">Hours the rule curtailed over the summer.</param>
public sealed record FourCpRuleSummer(int Year, int Months, int CompleteMonths, int PeaksCaught, double HoursCurtailed);

/// <summary>
/// The avoidance rule run on the whole system-load file, independent of the prices and the site: for every summer in
/// the file, how many monthly peaks it curtailed and how many hours it curtailed. A 1 MW load that obeys the rule
/// pays <c>(months − caught) / months</c> of the tag it would pay without it.
/// </summary>
/// <param name="Rule">The rule, described in words.</param>
/// <param name="LoadIntervalMinutes">Length of one load sample: 60 for hourly load (peaks are then peak hours, not
/// ERCOT's 15-minute settlement intervals), 15 for 15-minute load.</param>
public sealed record FourCpRuleBacktest(string Rule, double LoadIntervalMinutes, IReadOnlyList<FourCpRuleSummer> Summers, IReadOnlyList<FourCpRuleMonth> Months)
{
    /// <summary>Peaks caught over all summers.</summary>
    public int PeaksCaught => Summers.Sum(s => s.PeaksCaught);
    /// <summary>Monthly peaks over all summers.</summary>
    public int Peaks => Summers.Sum(s => s.Months);

    /// <summary>
    /// Runs the load rule of <paramref name="rule"/> on its own load file. The peak of a month is the official
    /// interval in <paramref name="official"/> when one is given for it (caught when the rule curtailed the load
    /// sample holding its start), else the month's highest load sample (<see cref="CoincidentPeaks.FromSystemLoad"/>).
    /// </summary>
    public static FourCpRuleBacktest Run(FourCpAvoidance rule, MarketClock clock, IReadOnlyList<CoincidentPeak>? official = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(clock);
        var load = rule.Load ?? throw new ArgumentException("The rule backtest needs the load rule (a system load file).");
        double hoursPerSample = load.Interval.TotalHours;
        var curtail = rule.Decide(load.StartsUtc, hoursPerSample, clock).Curtail;
        var months = new List<FourCpRuleMonth>();
        foreach (var p in CoincidentPeaks.FromSystemLoad(load, clock, rule.Window.Months))
        {
            var given = official?.FirstOrDefault(o => o.Year == p.Year && o.Month == p.Month);
            var peak = given ?? p;
            int i = Array.BinarySearch(load.StartsUtc, peak.StartUtc);
            if (i < 0) i = ~i - 1; // the sample starting at or before the peak
            bool holds = i >= 0 && peak.StartUtc < load.StartsUtc[i] + load.Interval;
            double? peakLoad = given is null ? p.SystemLoadMw : holds ? load.LoadMw[i] : null;
            months.Add(new FourCpRuleMonth(p.Year, p.Month, peak.StartUtc, peakLoad, given is not null, holds && curtail[i], 0, false));
        }
        // Hours curtailed and coverage per local month.
        var samples = new Dictionary<(int, int), int>();
        var flagged = new Dictionary<(int, int), int>();
        for (int t = 0; t < load.Count; t++)
        {
            var local = clock.ToLocal(load.StartsUtc[t]);
            var key = (local.Year, local.Month);
            samples[key] = samples.GetValueOrDefault(key) + 1;
            if (curtail[t]) flagged[key] = flagged.GetValueOrDefault(key) + 1;
        }
        for (int k = 0; k < months.Count; k++)
        {
            var m = months[k];
            var first = new DateOnly(m.Year, m.Month, 1);
            double monthHours = (clock.DayStartUtc(first.AddMonths(1)) - clock.DayStartUtc(first)).TotalHours;
            months[k] = m with
            {
                HoursCurtailed = flagged.GetValueOrDefault((m.Year, m.Month)) * hoursPerSample,
                Complete = samples[(m.Year, m.Month)] * hoursPerSample >= monthHours - 1e-9,
            };
        }
        var summers = months.GroupBy(m => m.Year).OrderBy(g => g.Key)
            .Select(g => new FourCpRuleSummer(g.Key, g.Count(), g.Count(m => m.Complete), g.Count(m => m.Caught), g.Sum(m => m.HoursCurtailed)))
            .ToList();
        return new FourCpRuleBacktest(rule.Describe(), load.Interval.TotalMinutes, summers, months);
    }

    /// <summary>"hourly" or "15-minute" (or the minutes).</summary>
    public string Resolution => LoadIntervalMinutes switch
    {
        60 => "hourly",
        15 => "15-minute",
        _ => LoadIntervalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + "-minute",
    };
}
