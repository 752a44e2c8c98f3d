using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Quality;

/// <summary>How missing hours inside an hourly price series are filled. Nothing is filled unless the user asks.</summary>
public enum GapFillRule
{
    /// <summary>Gaps stay gaps: hours without a price are not backtested (the default).</summary>
    None,

    /// <summary>Each missing hour gets the price of the last hour before the gap (carry forward).</summary>
    Previous,

    /// <summary>Missing hours get prices on the straight line between the hour before and the hour after the gap.</summary>
    Linear,
}

/// <summary>
/// A gap-filling request: the rule and the longest gap (in hours) it may fill. A gap longer than
/// <see cref="MaxGapHours"/> is left entirely unfilled (never partly) and reported.
/// </summary>
/// <param name="Rule">The fill rule.</param>
/// <param name="MaxGapHours">Longest gap that is filled, in missing hours (1..8784).</param>
public sealed record GapFillOptions(GapFillRule Rule, int MaxGapHours = GapFillOptions.DefaultMaxGapHours)
{
    /// <summary>Default longest gap filled: 3 hours.</summary>
    public const int DefaultMaxGapHours = 3;

    /// <summary>No filling (the default everywhere).</summary>
    public static GapFillOptions None { get; } = new(GapFillRule.None);

    /// <summary>
    /// Parses a rule name as typed on the command line: <c>none</c>, <c>previous</c> (also <c>ffill</c>,
    /// <c>carry-forward</c>) or <c>linear</c>; case-insensitive. Throws <see cref="ArgumentException"/> naming the
    /// accepted values.
    /// </summary>
    public static GapFillRule ParseRule(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToLowerInvariant() switch
        {
            "none" or "no" or "off" => GapFillRule.None,
            "previous" or "prev" or "ffill" or "forward" or "carry-forward" => GapFillRule.Previous,
            "linear" or "interpolate" => GapFillRule.Linear,
            _ => throw new ArgumentException($"Gap fill rule must be none, previous or linear (got '{text}')."),
        };
    }

    /// <summary>The rule in words, for the data-quality report.</summary>
    public string Describe() => Rule switch
    {
        GapFillRule.None => "none: gaps are left as gaps (hours without a price are not backtested)",
        GapFillRule.Previous => string.Create(CultureInfo.InvariantCulture,
            $"previous: each missing hour takes the price of the last hour before the gap; gaps of at most {MaxGapHours} hour(s) are filled, longer ones are left as gaps"),
        _ => string.Create(CultureInfo.InvariantCulture,
            $"linear: missing hours are interpolated on a straight line between the hour before and the hour after the gap; gaps of at most {MaxGapHours} hour(s) are filled, longer ones are left as gaps"),
    };
}

/// <summary>The outcome of <see cref="GapFiller.Fill"/>: the (possibly) filled series and what was done.</summary>
public sealed class GapFillResult
{
    internal GapFillResult(DateTime[] hoursUtc, double[] prices, bool[] filled, IReadOnlyList<DataGap> filledGaps,
        IReadOnlyList<DataGap> unfilledGaps, GapFillOptions options, double intervalHours)
    {
        IntervalHours = intervalHours;
        HoursUtc = hoursUtc;
        PriceUsdPerMWh = prices;
        IsFilled = filled;
        FilledGaps = filledGaps;
        UnfilledGaps = unfilledGaps;
        Options = options;
        FilledCount = filledGaps.Sum(g => g.MissingIntervals);
    }

    /// <summary>Length of each interval in hours (1, or 0.25 for a 15-minute series).</summary>
    public double IntervalHours { get; }

    /// <summary>Interval (hour) starts, UTC, strictly increasing (original intervals plus the filled ones).</summary>
    public DateTime[] HoursUtc { get; }

    /// <summary>Price of each hour in USD/MWh.</summary>
    public double[] PriceUsdPerMWh { get; }

    /// <summary>True for the hours the filler made up.</summary>
    public bool[] IsFilled { get; }

    /// <summary>Number of intervals (hours in an hourly series) filled.</summary>
    public int FilledCount { get; }

    /// <summary>Gaps that were filled.</summary>
    public IReadOnlyList<DataGap> FilledGaps { get; }

    /// <summary>Gaps left as gaps (rule none, or longer than the maximum).</summary>
    public IReadOnlyList<DataGap> UnfilledGaps { get; }

    /// <summary>The request.</summary>
    public GapFillOptions Options { get; }

    /// <summary>The rule in words, for the data-quality report.</summary>
    public string RuleText => Options.Describe();

    /// <summary>
    /// <paramref name="quality"/> with <see cref="DataQualityReport.FilledIntervals"/> and <see cref="DataQualityReport.FilledGaps"/> set and a note stating the rule
    /// and what was (and was not) filled. The gaps of the input stay listed: they were gaps in the data.
    /// </summary>
    public DataQualityReport ApplyTo(DataQualityReport quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        var notes = quality.Notes.ToList();
        notes.Add("Gap filling: " + RuleText + ".");
        if (Options.Rule != GapFillRule.None)
        {
            int unfilled = UnfilledGaps.Sum(g => g.MissingIntervals);
            notes.Add(IntervalHours == 1.0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"{FilledCount} hour(s) in {FilledGaps.Count} gap(s) filled{Example(FilledGaps)}; {UnfilledGaps.Count} gap(s) ({unfilled} hour(s)) left unfilled{Example(UnfilledGaps)}.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"{FilledCount} {Minutes}-minute interval(s) ({FilledCount * IntervalHours:0.##} h) in {FilledGaps.Count} gap(s) filled{Example(FilledGaps)}; {UnfilledGaps.Count} gap(s) ({unfilled} interval(s), {unfilled * IntervalHours:0.##} h) left unfilled{Example(UnfilledGaps)}."));
        }
        return quality with { FilledIntervals = quality.FilledIntervals + FilledCount, Notes = notes, FilledGaps = [.. quality.FilledGaps, .. FilledGaps] };
    }

    private string Minutes => (IntervalHours * 60).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Example(IReadOnlyList<DataGap> gaps)
    {
        if (gaps.Count == 0) return "";
        var shown = gaps.Take(3).Select(g => string.Create(CultureInfo.InvariantCulture,
            $"{g.FromUtc:yyyy-MM-dd HH:mm}Z..{g.ToUtc:yyyy-MM-dd HH:mm}Z"));
        return " (" + string.Join(", ", shown) + (gaps.Count > 3 ? ", ..." : "") + ")";
    }
}

/// <summary>
/// Fills missing hours inside an hourly UTC price series, only when asked, by a stated rule (see
/// <see cref="GapFillRule"/>). Pure: no IO, the inputs are not modified. Only gaps between two known hours are
/// filled; hours before the first or after the last price are never invented.
/// </summary>
/// <example>
/// <code>
/// var r = GapFiller.Fill(prices.HoursUtc, prices.PriceUsdPerMWh, new GapFillOptions(GapFillRule.Linear, MaxGapHours: 2));
/// var quality = r.ApplyTo(prices.Quality);   // FilledIntervals and a note with the rule
/// </code>
/// </example>
public static class GapFiller
{
    /// <summary>Largest accepted <see cref="GapFillOptions.MaxGapHours"/>: one leap year.</summary>
    public const int MaxGapHoursLimit = 8784;

    /// <summary>
    /// Fills the gaps of <paramref name="hoursUtc"/>/<paramref name="prices"/> by <paramref name="options"/>.
    /// Throws <see cref="ArgumentException"/> when the hours are not strictly increasing whole UTC hours, the arrays
    /// differ in length, a price is not finite, or the maximum gap is out of range.
    /// </summary>
    public static GapFillResult Fill(IReadOnlyList<DateTime> hoursUtc, IReadOnlyList<double> prices, GapFillOptions options)
        => Fill(hoursUtc, prices, options, 1.0);

    /// <summary>
    /// Fills the gaps of a series of <paramref name="intervalHours"/>-long intervals (1 = hourly, 0.25 = 15-minute).
    /// <see cref="GapFillOptions.MaxGapHours"/> stays in hours: at 15 minutes, a gap of at most MaxGapHours × 4
    /// missing intervals is filled. Linear interpolation runs over the missing intervals. Throws
    /// <see cref="ArgumentException"/> as <see cref="Fill(IReadOnlyList{DateTime}, IReadOnlyList{double}, GapFillOptions)"/>
    /// does, for starts off the interval grid, and for an interval length other than 1 or 0.25 h.
    /// </summary>
    public static GapFillResult Fill(IReadOnlyList<DateTime> hoursUtc, IReadOnlyList<double> prices, GapFillOptions options, double intervalHours)
    {
        if (intervalHours is not (1.0 or 0.25))
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The interval length must be 1 h or 0.25 h (got {intervalHours})."), nameof(intervalHours));
        ArgumentNullException.ThrowIfNull(hoursUtc);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(options);
        if (hoursUtc.Count != prices.Count)
            throw new ArgumentException($"{hoursUtc.Count} hours but {prices.Count} prices.", nameof(prices));
        if (options.MaxGapHours < 1 || options.MaxGapHours > MaxGapHoursLimit)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The longest gap to fill must be between 1 and {MaxGapHoursLimit} hours (got {options.MaxGapHours})."), nameof(options));
        long step = TimeSpan.FromHours(intervalHours).Ticks;
        long maxMissing = (long)Math.Round(options.MaxGapHours / intervalHours);
        for (int i = 0; i < hoursUtc.Count; i++)
        {
            var t = hoursUtc[i];
            if (t.Kind != DateTimeKind.Utc || t.Ticks % step != 0)
                throw new ArgumentException(intervalHours == 1.0
                    ? string.Create(CultureInfo.InvariantCulture, $"Hour {i} ({t:O}) is not a whole UTC hour.")
                    : string.Create(CultureInfo.InvariantCulture, $"Interval {i} ({t:O}) does not start on a UTC quarter hour."), nameof(hoursUtc));
            if (i > 0 && t <= hoursUtc[i - 1])
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Hours must be strictly increasing: {hoursUtc[i - 1]:O} then {t:O}."), nameof(hoursUtc));
            if (!double.IsFinite(prices[i]))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The price at {t:O} is not a finite number."), nameof(prices));
        }

        var hours = new List<DateTime>(hoursUtc.Count);
        var values = new List<double>(prices.Count);
        var filled = new List<bool>(prices.Count);
        var filledGaps = new List<DataGap>();
        var unfilledGaps = new List<DataGap>();
        for (int i = 0; i < hoursUtc.Count; i++)
        {
            if (i > 0)
            {
                var before = hoursUtc[i - 1];
                long missing = (hoursUtc[i] - before).Ticks / step - 1;
                if (missing > 0)
                {
                    var gap = new DataGap(before.AddTicks(step), hoursUtc[i], (int)Math.Min(int.MaxValue, missing));
                    if (options.Rule == GapFillRule.None || missing > maxMissing)
                    {
                        unfilledGaps.Add(gap);
                    }
                    else
                    {
                        filledGaps.Add(gap);
                        double a = prices[i - 1], b = prices[i];
                        for (int k = 1; k <= missing; k++)
                        {
                            hours.Add(before.AddTicks(step * k));
                            values.Add(options.Rule == GapFillRule.Previous ? a : a + (b - a) * k / (missing + 1));
                            filled.Add(true);
                        }
                    }
                }
            }
            hours.Add(hoursUtc[i]);
            values.Add(prices[i]);
            filled.Add(false);
        }
        return new GapFillResult([.. hours], [.. values], [.. filled], filledGaps, unfilledGaps, options, intervalHours);
    }
}
