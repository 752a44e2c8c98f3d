using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// Empirical risk measures of a sample of profits (USD).
/// <para>
/// Sign convention: loss L = −profit. With the n losses sorted ascending, L(1) ≤ … ≤ L(n):
/// <list type="bullet">
/// <item>VaR_α = L(k) with k = ⌊α·n⌋ + 1 (capped at n): the smallest loss ℓ whose empirical CDF exceeds α, i.e. the
/// ⌈(1 − α)·n⌉-th worst loss when (1 − α)·n is not an integer and the (1 − α)·n-th worst when it is (with 500
/// scenarios the 99 % VaR is the 5th-worst loss, the historical-simulation convention).</item>
/// <item>CVaR_α = mean of L(k), …, L(n): the losses at or beyond the VaR by rank. When α·n is an integer this equals the
/// Rockafellar–Uryasev estimator min_ζ ζ + Σ(L − ζ)⁺ / ((1 − α)·n) of docs/mining-economics.md §2.9. CVaR ≥ VaR always.</item>
/// </list>
/// Percentiles of profit (P5, P50, P95) use linear interpolation between order statistics (Hyndman–Fan type 7, the
/// Excel PERCENTILE.INC and NumPy default). α·n is evaluated with a 1e-9 tolerance so 0.95 × 20 counts as 19.
/// </para>
/// </summary>
public static class RiskMetrics
{
    /// <summary>Value at risk of the losses −<paramref name="profitsUsd"/> at <paramref name="level"/> (e.g. 0.95).</summary>
    public static double ValueAtRisk(ReadOnlySpan<double> profitsUsd, double level)
    {
        var losses = SortedLosses(profitsUsd);
        return losses[TailStart(losses.Length, level)];
    }

    /// <summary>Conditional value at risk (expected shortfall) of the losses −<paramref name="profitsUsd"/> at <paramref name="level"/>.</summary>
    public static double ConditionalValueAtRisk(ReadOnlySpan<double> profitsUsd, double level)
    {
        var losses = SortedLosses(profitsUsd);
        return TailMean(losses, TailStart(losses.Length, level));
    }

    /// <summary>Percentile <paramref name="q"/> (0..1) of <paramref name="values"/> by linear interpolation (type 7).</summary>
    public static double Percentile(ReadOnlySpan<double> values, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "Percentile must be a fraction in [0, 1] (0.05 for P5).");
        var sorted = Checked(values).ToArray();
        Array.Sort(sorted);
        return PercentileSorted(sorted, q);
    }

    /// <summary>Full summary of a profit sample: mean, spread, P5/P50/P95, VaR/CVaR at 95 %, 99 % and <paramref name="extraLevels"/>, probability of loss.</summary>
    public static RiskSummary Summarize(ReadOnlySpan<double> profitsUsd, params double[] extraLevels)
    {
        var sorted = Checked(profitsUsd).ToArray();
        Array.Sort(sorted);
        int n = sorted.Length;
        var losses = new double[n];
        for (int i = 0; i < n; i++) losses[i] = -sorted[n - 1 - i];
        double mean = 0;
        foreach (double v in sorted) mean += v;
        mean /= n;
        double ss = 0;
        foreach (double v in sorted) ss += (v - mean) * (v - mean);
        double sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0.0;
        int lossCount = 0;
        foreach (double v in sorted) if (v < 0) lossCount++;

        var levels = new SortedSet<double> { 0.95, 0.99 };
        foreach (double l in extraLevels ?? []) { CheckLevel(l); levels.Add(l); }
        var tail = new List<TailRisk>(levels.Count);
        foreach (double l in levels)
        {
            int k = TailStart(n, l);
            tail.Add(new TailRisk(l, losses[k], TailMean(losses, k)));
        }
        var t95 = tail.First(t => t.Level == 0.95);
        var t99 = tail.First(t => t.Level == 0.99);
        return new RiskSummary(n, mean, sd, sorted[0], PercentileSorted(sorted, 0.05), PercentileSorted(sorted, 0.5),
            PercentileSorted(sorted, 0.95), sorted[^1], t95.VaRUsd, t95.CVaRUsd, t99.VaRUsd, t99.CVaRUsd, (double)lossCount / n, tail);
    }

    /// <summary>
    /// Monthly profits (USD) of a backtest, in month order. With <paramref name="completeMonthsOnly"/> a month counts
    /// only when the backtest has every interval of that market month (a partial first or last month would understate
    /// its profit and fatten the loss tail).
    /// </summary>
    public static double[] MonthlyProfitsUsd(BacktestResult result, MarketClock? clock = null, bool completeMonthsOnly = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        clock ??= MarketClock.Ercot;
        var list = new List<double>(result.Monthly.Count);
        foreach (var m in result.Monthly)
        {
            if (completeMonthsOnly)
            {
                var first = new DateOnly(m.Year, m.Month, 1);
                double hours = (clock.DayStartUtc(first.AddMonths(1)) - clock.DayStartUtc(first)).TotalHours;
                if (Math.Abs(m.Hours - hours) > 1e-9) continue;
            }
            list.Add(m.ProfitUsd);
        }
        return list.ToArray();
    }

    /// <summary>Risk summary of the monthly profits of a backtest (see <see cref="MonthlyProfitsUsd"/>).</summary>
    public static RiskSummary MonthlyRisk(BacktestResult result, MarketClock? clock = null, bool completeMonthsOnly = true, params double[] extraLevels)
    {
        var months = MonthlyProfitsUsd(result, clock, completeMonthsOnly);
        if (months.Length == 0)
            throw new ArgumentException(completeMonthsOnly
                ? $"The backtest ({result.Summary.FirstHourUtc:yyyy-MM-dd} .. {result.Summary.LastHourUtc:yyyy-MM-dd}) has no complete market month; pass completeMonthsOnly: false to use partial months."
                : "The backtest has no months.");
        return Summarize(months, extraLevels);
    }

    internal static double PercentileSorted(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>0-based index of the VaR order statistic among n ascending losses.</summary>
    internal static int TailStart(int n, double level)
    {
        CheckLevel(level);
        int k = (int)Math.Floor(level * n + 1e-9); // 1-based k = floor(α n) + 1  →  0-based floor(α n)
        return Math.Min(k, n - 1);
    }

    private static double TailMean(double[] ascendingLosses, int start)
    {
        double s = 0;
        for (int i = start; i < ascendingLosses.Length; i++) s += ascendingLosses[i];
        return s / (ascendingLosses.Length - start);
    }

    private static double[] SortedLosses(ReadOnlySpan<double> profits)
    {
        var l = Checked(profits).ToArray();
        for (int i = 0; i < l.Length; i++) l[i] = -l[i];
        Array.Sort(l);
        return l;
    }

    private static ReadOnlySpan<double> Checked(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) throw new ArgumentException("No profit observations to measure.");
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"Profit observation {i} is not a finite number ({values[i].ToString(CultureInfo.InvariantCulture)}).");
        return values;
    }

    private static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
            throw new ArgumentOutOfRangeException(nameof(level), level, "Confidence level must be strictly between 0 and 1 (0.95 for 95 %).");
    }
}
