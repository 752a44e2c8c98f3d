namespace MiningDispatch.Core.Series;

/// <summary>A run of missing intervals: [FromUtc, ToUtc) has no data.</summary>
public sealed record DataGap(DateTime FromUtc, DateTime ToUtc, int MissingIntervals);

/// <summary>
/// What a loader found in one input (a price series or a hashprice series): rows read, rows rejected, duplicates,
/// gaps, partial hours and fills. Every report shows it so a user can see how clean the inputs were.
/// </summary>
public sealed record DataQualityReport(
    string Source,
    string Description,
    int RowsRead,
    int RowsUsed,
    int Duplicates,
    IReadOnlyList<DataGap> Gaps,
    int PartialIntervals,
    int FilledIntervals,
    IReadOnlyList<string> Notes)
{
    public int MissingIntervals => Gaps.Sum(g => g.MissingIntervals);

    /// <summary>
    /// The gaps (of <see cref="Gaps"/>) whose intervals were filled by a rule the user asked for; empty when nothing
    /// was filled. Reports mark the intervals inside them as filled.
    /// </summary>
    public IReadOnlyList<DataGap> FilledGaps { get; init; } = [];
}

/// <summary>Describes a run for reports: a title, the inputs used (label, value) and the data-quality summaries.</summary>
public sealed record RunInfo(
    string Title,
    IReadOnlyList<KeyValuePair<string, string>> Inputs,
    IReadOnlyList<DataQualityReport> DataQuality);
