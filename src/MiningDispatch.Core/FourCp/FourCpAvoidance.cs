using System.Globalization;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>Which intervals a 4CP avoidance rule curtails, and where it had no load to decide on.</summary>
/// <param name="Curtail">One flag per interval: true = curtail.</param>
/// <param name="BlindIntervals">Intervals in the rule's window where a sample of the month has ended but the latest one
/// ended more than one load interval before the decision (a gap or the end of the load file): the rule did not curtail
/// there.</param>
/// <param name="FirstBlindUtc">Start of the first such interval; null when there is none.</param>
public sealed record FourCpDecisions(bool[] Curtail, int BlindIntervals, DateTime? FirstBlindUtc);

/// <summary>
/// When to curtail to avoid a 4CP peak. Two rules:
/// <list type="bullet">
/// <item><see cref="Calendar"/>: every interval matching a <see cref="FourCpWindowRule"/> (no load data).</item>
/// <item><see cref="LoadThreshold"/>: the load rule. It decides the interval starting at s from the load samples that
/// have ended by s (their start + the load interval ≤ s) and nothing later (non-anticipative):
/// <c>L</c> = the latest of them, <c>P</c> = the sample just before it, <c>M</c> = the highest of them in the same
/// local (CPT) month as s. It curtails when the interval lies in the window (by default any day, any hour,
/// June–September), <c>L ≥ fraction × M</c>, <c>L &gt; P</c> (load still rising) and <c>L ≥</c> the floor. No
/// curtailment when no sample of the month has ended yet (M unknown), when P is missing (the sample before L is not
/// contiguous) or when L ended more than one load interval before s (then the interval counts as blind).
/// With hourly load and 15-minute intervals each quarter of an hour reads the hour before it.</item>
/// </list>
/// </summary>
public sealed class FourCpAvoidance
{
    private FourCpAvoidance(FourCpWindowRule window, SystemLoad? load, double fraction, double floorMw)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        Window = window;
        Load = load;
        Fraction = fraction;
        FloorMw = floorMw;
    }

    /// <summary>Curtail in every interval of the window.</summary>
    public static FourCpAvoidance Calendar(FourCpWindowRule? window = null) => new(window ?? FourCpWindowRule.Default, null, 0, 0);

    /// <summary>
    /// The load rule (see the class summary): curtail window intervals where the last known system load is rising and
    /// ≥ <paramref name="fractionOfMonthToDateMax"/> × the month-to-date max known so far, and ≥
    /// <paramref name="minimumLoadMw"/>. Use <see cref="FourCpWindowRule.AllDay"/> for any day and hour.
    /// </summary>
    public static FourCpAvoidance LoadThreshold(SystemLoad load, double fractionOfMonthToDateMax, FourCpWindowRule window, double minimumLoadMw = 0)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (!(fractionOfMonthToDateMax > 0 && fractionOfMonthToDateMax <= 1))
            throw new ArgumentOutOfRangeException(nameof(fractionOfMonthToDateMax), fractionOfMonthToDateMax, "The load fraction must be in (0, 1], e.g. 0.95.");
        if (!double.IsFinite(minimumLoadMw) || minimumLoadMw < 0)
            throw new ArgumentOutOfRangeException(nameof(minimumLoadMw), minimumLoadMw, "The load floor must be a non-negative number of MW.");
        return new(window, load, fractionOfMonthToDateMax, minimumLoadMw);
    }

    public FourCpWindowRule Window { get; }
    /// <summary>The load series for the threshold rule; null for the calendar rule.</summary>
    public SystemLoad? Load { get; }
    /// <summary>Fraction of the month-to-date max (threshold rule only).</summary>
    public double Fraction { get; }
    /// <summary>Minimum system load in MW (threshold rule only).</summary>
    public double FloorMw { get; }

    /// <summary>Short description for reports, e.g. "calendar window" or "last known load rising and >= 95% of ...".</summary>
    public string Describe() => Load is null
        ? "calendar window"
        : string.Create(CultureInfo.InvariantCulture, $"the last known system load is rising and >= {Fraction * 100:0.#}% of the month-to-date max known so far") +
          (FloorMw > 0 ? string.Create(CultureInfo.InvariantCulture, $" and >= {FloorMw:0} MW") : "");

    /// <summary>Which market intervals to curtail (<see cref="Decide"/> on the market's intervals).</summary>
    public bool[] Flags(MarketSeries market, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Decide(market.StartsUtc, market.IntervalHours, clock).Curtail;
    }

    /// <summary>
    /// The rule's decision for each interval [startsUtc[t], startsUtc[t] + intervalHours) (starts ascending), and the
    /// intervals where the load rule was blind (see <see cref="FourCpDecisions"/>).
    /// </summary>
    public FourCpDecisions Decide(IReadOnlyList<DateTime> startsUtc, double intervalHours, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(startsUtc);
        ArgumentNullException.ThrowIfNull(clock);
        int n = startsUtc.Count;
        var flags = new bool[n];
        if (Load is null)
        {
            for (int t = 0; t < n; t++) flags[t] = Window.Contains(startsUtc[t], intervalHours, clock);
            return new FourCpDecisions(flags, 0, null);
        }
        var ls = Load.StartsUtc;
        var lv = Load.LoadMw;
        var len = Load.Interval;
        int j = 0; // samples [0, j) have ended by the current start
        int monthKey = -1;
        double mtdMax = double.NegativeInfinity;
        int blind = 0;
        DateTime? firstBlind = null;
        for (int t = 0; t < n; t++)
        {
            DateTime s = startsUtc[t];
            if (t > 0 && s <= startsUtc[t - 1]) throw new ArgumentException(Msg($"Interval starts must increase ({startsUtc[t - 1]:O} then {s:O})."));
            while (j < ls.Length && ls[j] + len <= s)
            {
                var sampleLocal = clock.ToLocal(ls[j]);
                int key = sampleLocal.Year * 12 + sampleLocal.Month;
                if (key != monthKey) { monthKey = key; mtdMax = double.NegativeInfinity; }
                mtdMax = Math.Max(mtdMax, lv[j]);
                j++;
            }
            var local = clock.ToLocal(s);
            if (!Window.Contains(local, intervalHours)) continue;
            if (monthKey != local.Year * 12 + local.Month) continue; // no sample of this month has ended yet: M unknown
            int k = j - 1;
            if (s - (ls[k] + len) >= len)
            {
                blind++;
                firstBlind ??= s;
                continue;
            }
            bool rising = k > 0 && ls[k - 1] + len == ls[k] && lv[k] > lv[k - 1];
            flags[t] = rising && lv[k] >= Fraction * mtdMax && lv[k] >= FloorMw;
        }
        return new FourCpDecisions(flags, blind, firstBlind);
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
