using System.Globalization;
using MiningDispatch.Core.Series;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.App.Pipeline;

/// <summary>The price hours of the backtest range: the data-quality report for them and, when there are gaps, a line for the terminal.</summary>
/// <param name="Report">Gaps inside the range (as the files have them), the filled ones, the rule and what the totals cover.</param>
/// <param name="Message">A warning (gaps left out of the totals) or a note (gaps filled) for the terminal; null when the range has no gap.</param>
/// <param name="IsWarning">True when hours without a price are left out of the totals.</param>
internal sealed record RangeQualityResult(DataQualityReport Report, string? Message, bool IsWarning);

/// <summary>
/// Looks at the price hours inside the backtest range [fromUtc, toUtc): which are missing from the files, which the
/// user's gap-fill rule filled, and how many hours the totals finally cover. The whole-file report of the loader says
/// what the files hold; this one says what the backtest used, so gaps outside the range do not alarm and gaps inside
/// it are never silent.
/// </summary>
internal static class RangeQuality
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <param name="prices">The series as loaded (before any filling).</param>
    /// <param name="label">"HB_WEST real-time".</param>
    /// <param name="start">First market day.</param>
    /// <param name="end">Last market day (inclusive).</param>
    /// <param name="fromUtc">Start of the first market day, UTC.</param>
    /// <param name="toUtc">Start of the day after the last, UTC.</param>
    /// <param name="filledHours">Hours in the range the fill rule made up (sorted).</param>
    /// <param name="fill">The fill request.</param>
    /// <param name="backtestedHours">Hours finally backtested (after companions dropped theirs).</param>
    public static RangeQualityResult Build(PriceLoadResult prices, string label, DateOnly start, DateOnly end, DateTime fromUtc, DateTime toUtc,
        IReadOnlyList<DateTime> filledHours, GapFillOptions fill, int backtestedHours)
        => Build(prices, label, start, end, fromUtc, toUtc, filledHours, fill, backtestedHours, TimeSpan.FromHours(1));

    /// <summary>As above for a series of <paramref name="step"/>-long intervals: counts are intervals, the text also gives hours.</summary>
    public static RangeQualityResult Build(PriceLoadResult prices, string label, DateOnly start, DateOnly end, DateTime fromUtc, DateTime toUtc,
        IReadOnlyList<DateTime> filledHours, GapFillOptions fill, int backtestedHours, TimeSpan step)
    {
        if (step != TimeSpan.FromHours(1)) return BuildIntervals(prices, label, start, end, fromUtc, toUtc, filledHours, fill, backtestedHours, step);
        var raw = prices.HoursUtc;
        var gaps = new List<DataGap>();
        int present = 0;
        DateTime expect = fromUtc;
        for (int i = MarketLoader.LowerBound(raw, fromUtc); i < raw.Length && raw[i] < toUtc; i++)
        {
            if (raw[i] > expect) gaps.Add(Gap(expect, raw[i]));
            expect = raw[i].AddHours(1);
            present++;
        }
        if (expect < toUtc) gaps.Add(Gap(expect, toUtc));

        var filledSet = filledHours.ToHashSet();
        var filled = gaps.Where(g => filledSet.Contains(g.FromUtc)).ToList();
        var unfilled = gaps.Where(g => !filledSet.Contains(g.FromUtc)).ToList();
        int expected = Hours(fromUtc, toUtc), missing = gaps.Sum(g => g.MissingIntervals);
        int filledCount = filledHours.Count, unfilledCount = unfilled.Sum(g => g.MissingIntervals);
        string range = $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd}";

        var notes = new List<string>
        {
            $"The range {range} holds {N(expected)} hour(s): {N(present)} with a price in the files, {N(missing)} missing in {N(gaps.Count)} gap(s).",
            "Gap filling: " + fill.Describe() + ".",
        };
        if (filledCount > 0)
            notes.Add($"{N(filledCount)} hour(s) in {N(filled.Count)} gap(s) filled{List(filled)}; they are backtested like the others and marked price_filled = true in hourly.csv.");
        if (unfilledCount > 0)
            notes.Add($"{N(unfilledCount)} hour(s) in {N(unfilled.Count)} gap(s) have no price{List(unfilled)} and are not backtested.");
        notes.Add($"The totals cover {N(backtestedHours)} hour(s){(filledCount > 0 ? $", {N(filledCount)} of them filled" : "")}.");

        var report = new DataQualityReport(
            $"{label} prices, backtest range {range}",
            $"Price hours in the backtest range {range} (market days, Central Prevailing Time)",
            present + filledCount, backtestedHours, 0, gaps, 0, filledCount, notes)
        { FilledGaps = filled };

        string? message = null;
        bool warning = unfilledCount > 0;
        if (warning)
        {
            message = $"Warning: {label} prices have {N(unfilled.Count)} gap(s) inside {range}: {N(unfilledCount)} hour(s) without a price{List(unfilled)}. " +
                      $"Those hours are not backtested: the totals cover the {N(backtestedHours)} hour(s) that have prices" +
                      (filledCount > 0 ? $" ({N(filledCount)} of them filled)" : "") + ". " +
                      (fill.Rule == GapFillRule.None
                          ? "To fill short gaps, pass --fill-gaps previous or linear (gaps of up to --max-fill-hours, default 3)."
                          : $"They are longer than --max-fill-hours {fill.MaxGapHours}.");
        }
        else if (filledCount > 0)
        {
            message = $"Filled {N(filledCount)} price hour(s) in {N(filled.Count)} gap(s) inside {range}{List(filled)} by rule {fill.Rule.ToString().ToLowerInvariant()}; " +
                      "they are counted in the totals and marked price_filled in hourly.csv.";
        }
        return new RangeQualityResult(report, message, warning);
    }

    private static RangeQualityResult BuildIntervals(PriceLoadResult prices, string label, DateOnly start, DateOnly end, DateTime fromUtc, DateTime toUtc,
        IReadOnlyList<DateTime> filledIntervals, GapFillOptions fill, int backtested, TimeSpan step)
    {
        var raw = prices.HoursUtc;
        var gaps = new List<DataGap>();
        int present = 0;
        DateTime expect = fromUtc;
        for (int i = MarketLoader.LowerBound(raw, fromUtc); i < raw.Length && raw[i] < toUtc; i++)
        {
            if (raw[i] > expect) gaps.Add(new DataGap(expect, raw[i], (int)((raw[i] - expect).Ticks / step.Ticks)));
            expect = raw[i] + step;
            present++;
        }
        if (expect < toUtc) gaps.Add(new DataGap(expect, toUtc, (int)((toUtc - expect).Ticks / step.Ticks)));

        var filledSet = filledIntervals.ToHashSet();
        var filled = gaps.Where(g => filledSet.Contains(g.FromUtc)).ToList();
        var unfilled = gaps.Where(g => !filledSet.Contains(g.FromUtc)).ToList();
        int expected = (int)((toUtc - fromUtc).Ticks / step.Ticks), missing = gaps.Sum(g => g.MissingIntervals);
        int filledCount = filledIntervals.Count, unfilledCount = unfilled.Sum(g => g.MissingIntervals);
        string range = $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd}";
        string I(int n) => string.Create(Ci, $"{N(n)} 15-minute interval(s) ({n * step.TotalHours:#,0.##} h)");

        var notes = new List<string>
        {
            $"The range {range} holds {I(expected)}: {N(present)} with a price in the files, {N(missing)} missing in {N(gaps.Count)} gap(s).",
            "Gap filling: " + fill.Describe() + ".",
        };
        if (filledCount > 0)
            notes.Add($"{I(filledCount)} in {N(filled.Count)} gap(s) filled{List(filled)}; they are backtested like the others and marked price_filled = true in hourly.csv.");
        if (unfilledCount > 0)
            notes.Add($"{I(unfilledCount)} in {N(unfilled.Count)} gap(s) have no price{List(unfilled)} and are not backtested.");
        notes.Add($"The totals cover {I(backtested)}{(filledCount > 0 ? $", {N(filledCount)} of them filled" : "")}.");

        var report = new DataQualityReport(
            $"{label} prices, backtest range {range}",
            $"Price 15-minute intervals in the backtest range {range} (market days, Central Prevailing Time)",
            present + filledCount, backtested, 0, gaps, 0, filledCount, notes)
        { FilledGaps = filled };

        string? message = null;
        bool warning = unfilledCount > 0;
        if (warning)
        {
            message = $"Warning: {label} prices have {N(unfilled.Count)} gap(s) inside {range}: {I(unfilledCount)} without a price{List(unfilled)}. " +
                      $"Those intervals are not backtested: the totals cover the {I(backtested)} that have prices" +
                      (filledCount > 0 ? $" ({N(filledCount)} of them filled)" : "") + ". " +
                      (fill.Rule == GapFillRule.None
                          ? "To fill short gaps, pass --fill-gaps previous or linear (gaps of up to --max-fill-hours, default 3)."
                          : $"They are longer than --max-fill-hours {fill.MaxGapHours}.");
        }
        else if (filledCount > 0)
        {
            message = $"Filled {I(filledCount)} in {N(filled.Count)} gap(s) inside {range}{List(filled)} by rule {fill.Rule.ToString().ToLowerInvariant()}; " +
                      "they are counted in the totals and marked price_filled in hourly.csv.";
        }
        return new RangeQualityResult(report, message, warning);
    }

    private static DataGap Gap(DateTime from, DateTime to) => new(from, to, Hours(from, to));

    private static int Hours(DateTime from, DateTime to) => (int)((to - from).Ticks / TimeSpan.TicksPerHour);

    private static string N(int v) => v.ToString("#,0", Ci);

    private static string List(List<DataGap> gaps)
    {
        if (gaps.Count == 0) return "";
        var shown = gaps.Take(3).Select(g => string.Create(Ci, $"{g.FromUtc:yyyy-MM-dd HH:mm}Z..{g.ToUtc:yyyy-MM-dd HH:mm}Z"));
        return " (" + string.Join(", ", shown) + (gaps.Count > 3 ? ", ..." : "") + ")";
    }
}
