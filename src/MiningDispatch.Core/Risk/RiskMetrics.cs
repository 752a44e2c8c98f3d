using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// Empirical risk measures of a sample of profits (USD), all on one quantile convention.
/// <para>
/// Convention:
/// <list type="bullet">
/// <item>Sub-cent values are zero: every observation whose magnitude is under one cent (<see cref="CentUsd"/>) counts as
/// exactly 0 before anything is measured (so floating-point noise of ±4e-8 is neither a loss nor a "−$0"), and so does
/// every result under one cent.</item>
/// <item>P-values: percentile q of profit by linear interpolation between order statistics (Hyndman–Fan type 7, the
/// Excel PERCENTILE.INC and NumPy default): with x(0) ≤ … ≤ x(n−1) sorted ascending and h = (n − 1)·q,
/// P = x(⌊h⌋) + (h − ⌊h⌋)·(x(⌊h⌋+1) − x(⌊h⌋)).</item>
/// <item>VaR_α is the loss at confidence α, on the same percentile: VaR_α = −P_{1−α} (VaR95 = −P5 exactly). Positive is
/// a loss; zero or negative means even the worst (1 − α) of outcomes are not losses (they earn at least −VaR).</item>
/// <item>CVaR_α is the mean loss of the tail beyond it: CVaR_α = −mean{ x : x ≤ P_{1−α} }, the outcomes at or below the
/// percentile (there is always at least one). CVaR ≥ VaR always.</item>
/// <item>Probability of loss: the share of observations strictly below zero (after the sub-cent rule).</item>
/// </list>
/// </para>
/// </summary>
public static class RiskMetrics
{
    /// <summary>Magnitudes under one cent are zero (observations and results).</summary>
    public const double CentUsd = 0.01;

    /// <summary>Fewest historical months for which a monthly VaR/CVaR is shown; fewer make a tail of one or two months.</summary>
    public const int MinMonthsForTail = 20;

    /// <summary>Value at risk (loss, −P_{1−α}) of <paramref name="profitsUsd"/> at <paramref name="level"/> (e.g. 0.95).</summary>
    public static double ValueAtRisk(ReadOnlySpan<double> profitsUsd, double level)
    {
        CheckLevel(level);
        var sorted = SortedCleaned(profitsUsd);
        return Cent(-PercentileSorted(sorted, TailQuantile(level)));
    }

    /// <summary>Conditional value at risk (expected shortfall): −mean of the profits at or below P_{1−α}.</summary>
    public static double ConditionalValueAtRisk(ReadOnlySpan<double> profitsUsd, double level)
    {
        CheckLevel(level);
        var sorted = SortedCleaned(profitsUsd);
        return Cent(-TailMean(sorted, PercentileSorted(sorted, TailQuantile(level))));
    }

    /// <summary>Percentile <paramref name="q"/> (0..1) of <paramref name="values"/> by linear interpolation (type 7), after the sub-cent rule.</summary>
    public static double Percentile(ReadOnlySpan<double> values, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "Percentile must be a fraction in [0, 1] (0.05 for P5).");
        return Cent(PercentileSorted(SortedCleaned(values), q));
    }

    /// <summary><paramref name="v"/>, or exactly 0 when its magnitude is under one cent.</summary>
    public static double Cent(double v) => Math.Abs(v) < CentUsd ? 0.0 : v;

    /// <summary>Full summary of a profit sample: mean, spread, P5/P50/P95, VaR/CVaR at 95 %, 99 % and <paramref name="extraLevels"/>, probability of loss.</summary>
    public static RiskSummary Summarize(ReadOnlySpan<double> profitsUsd, params double[] extraLevels)
    {
        var sorted = SortedCleaned(profitsUsd);
        int n = sorted.Length;
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
            double p = PercentileSorted(sorted, TailQuantile(l));
            tail.Add(new TailRisk(l, Cent(-p), Cent(-TailMean(sorted, p))));
        }
        var t95 = tail.First(t => t.Level == 0.95);
        var t99 = tail.First(t => t.Level == 0.99);
        return new RiskSummary(n, Cent(mean), Cent(sd), sorted[0], Cent(PercentileSorted(sorted, 0.05)), Cent(PercentileSorted(sorted, 0.5)),
            Cent(PercentileSorted(sorted, 0.95)), sorted[^1], t95.VaRUsd, t95.CVaRUsd, t99.VaRUsd, t99.CVaRUsd, (double)lossCount / n, tail);
    }

    /// <summary>
    /// Monthly profits (USD) of a backtest, in month order. With <paramref name="completeMonthsOnly"/> a month counts
    /// only when the backtest has every interval of that market month (a partial first or last month would understate
    /// its profit and fatten the loss tail).
    /// </summary>
    /// <param name="extraUsd">Income outside the dispatch profit to add to each month (year, month), e.g. AS income; null = none.</param>
    public static double[] MonthlyProfitsUsd(BacktestResult result, MarketClock? clock = null, bool completeMonthsOnly = true, Func<int, int, double>? extraUsd = null)
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
            list.Add(m.ProfitUsd + (extraUsd?.Invoke(m.Year, m.Month) ?? 0));
        }
        return list.ToArray();
    }

    /// <summary>
    /// Summary of historical monthly profits: <see cref="Summarize"/>, with VaR and CVaR withheld
    /// (<see cref="RiskSummary.WithoutTail"/>) when there are fewer than <see cref="MinMonthsForTail"/> months, where the
    /// 5 % tail is a single month and every VaR/CVaR column would show the same worst month.
    /// </summary>
    public static RiskSummary HistoricalMonthly(ReadOnlySpan<double> monthlyProfitsUsd, params double[] extraLevels)
    {
        var s = Summarize(monthlyProfitsUsd, extraLevels);
        return monthlyProfitsUsd.Length < MinMonthsForTail ? s.WithoutTail() : s;
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

    /// <summary>
    /// The percentile behind VaR at <paramref name="level"/>: 1 − level, rounded to 12 decimals so that 1 − 0.95 is the
    /// same double as 0.05 (and VaR95 is −P5 to the last bit).
    /// </summary>
    internal static double TailQuantile(double level) => Math.Round(1 - level, 12);

    /// <summary>Mean of the ascending values at or below <paramref name="cut"/> (at least the smallest one).</summary>
    private static double TailMean(double[] ascending, double cut)
    {
        double s = ascending[0];
        int k = 1;
        for (; k < ascending.Length && ascending[k] <= cut; k++) s += ascending[k];
        return s / k;
    }

    /// <summary>The values sorted ascending with sub-cent magnitudes set to 0.</summary>
    private static double[] SortedCleaned(ReadOnlySpan<double> values)
    {
        var a = Checked(values).ToArray();
        for (int i = 0; i < a.Length; i++) a[i] = Cent(a[i]);
        Array.Sort(a);
        return a;
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
