using System.Globalization;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>
/// When to curtail to avoid a 4CP peak. Two rules:
/// <list type="bullet">
/// <item><see cref="Calendar"/>: every interval matching a <see cref="FourCpWindowRule"/>.</item>
/// <item><see cref="LoadThreshold"/>: intervals matching the window whose system load L_t is at least
/// <c>fraction</c> × the month-to-date maximum M_t (and at least a floor in MW). M_t is the highest load sample in
/// the same local month from its start up to the end of interval t, and L_t is the highest sample inside interval t,
/// so a decision never reads load after its own interval (non-anticipative, like reacting to the interval's price).
/// When the load is coarser than the market intervals (hourly load, 15-minute prices), an interval without a sample
/// of its own reads the sample whose interval holds it (each quarter reads its hour's load, the information an
/// hourly run uses for the whole hour).
/// The first sample of a month is its own maximum, so use a floor or a window to avoid flagging every early-month
/// interval.</item>
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
    /// Curtail in window intervals where system load ≥ <paramref name="fractionOfMonthToDateMax"/> × month-to-date max and
    /// ≥ <paramref name="minimumLoadMw"/>. Use <see cref="FourCpWindowRule.AllDay"/> for a load-only rule.
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

    /// <summary>Short description for reports, e.g. "calendar" or "load ≥ 95% of MTD max".</summary>
    public string Describe() => Load is null
        ? "calendar window"
        : string.Create(CultureInfo.InvariantCulture, $"load >= {Fraction * 100:0.#}% of month-to-date max") + (FloorMw > 0 ? string.Create(CultureInfo.InvariantCulture, $" and >= {FloorMw:0} MW") : "");

    /// <summary>
    /// Which market intervals to curtail. Throws when the threshold rule needs a load value for a window interval and
    /// the load series has no sample inside it.
    /// </summary>
    public bool[] Flags(MarketSeries market, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(clock);
        int n = market.Count;
        var flags = new bool[n];
        double dt = market.IntervalHours;
        var span = TimeSpan.FromHours(dt);
        if (Load is null)
        {
            for (int t = 0; t < n; t++) flags[t] = Window.Contains(market.StartsUtc[t], dt, clock);
            return flags;
        }
        var ls = Load.StartsUtc;
        var lv = Load.LoadMw;
        int j = 0;
        int monthKey = -1;
        double mtdMax = double.NegativeInfinity;
        for (int t = 0; t < n; t++)
        {
            DateTime s = market.StartsUtc[t], e = s + span;
            double inside = double.NegativeInfinity;
            while (j < ls.Length && ls[j] < e)
            {
                var local = clock.ToLocal(ls[j]);
                int key = local.Year * 12 + local.Month;
                if (key != monthKey) { monthKey = key; mtdMax = double.NegativeInfinity; }
                mtdMax = Math.Max(mtdMax, lv[j]);
                if (ls[j] >= s) inside = Math.Max(inside, lv[j]);
                j++;
            }
            if (!Window.Contains(s, dt, clock)) continue;
            // Load coarser than the market (hourly load, 15-minute prices): the sample whose interval holds s, so each
            // quarter of an hour reads that hour's load, as the hourly run does for the whole hour.
            if (double.IsNegativeInfinity(inside) && j > 0 && ls[j - 1] <= s && s < ls[j - 1] + Load.Interval) inside = lv[j - 1];
            if (double.IsNegativeInfinity(inside))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{Load.Source} has no value in the market interval starting {s:O}; the 4CP load rule needs one for every candidate interval."));
            flags[t] = inside >= Fraction * mtdMax && inside >= FloorMw;
        }
        return flags;
    }
}
