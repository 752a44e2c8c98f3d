namespace MiningDispatch.Data.Prices;

/// <summary>A settlement point found in the files whose series could not be built, and why (as <see cref="PriceLoader.Load"/> would throw it).</summary>
public sealed record PointLoadFailure(string SettlementPoint, DataFormatException Error);

/// <summary>
/// Every settlement point of price files, read in one pass (<see cref="PriceLoader.LoadAll"/>). Points whose series
/// cover the same intervals share one <see cref="PriceLoadResult.HoursUtc"/> array.
/// </summary>
public sealed class AllPointsLoadResult
{
    /// <summary>Creates a result (the loader does).</summary>
    public AllPointsLoadResult(
        IReadOnlyList<PriceLoadResult> points,
        IReadOnlyList<PointLoadFailure> failures,
        IReadOnlyList<string> files,
        IReadOnlyList<string> layouts,
        IReadOnlyList<string> notes)
    {
        Points = points;
        Failures = failures;
        Files = files;
        Layouts = layouts;
        Notes = notes;
    }

    /// <summary>One series per point, sorted by name (ordinal), each with its own quality report exactly as <see cref="PriceLoader.Load"/> gives it.</summary>
    public IReadOnlyList<PriceLoadResult> Points { get; }

    /// <summary>Points found whose series could not be built (a malformed row, no usable price, nothing in the range), sorted by name.</summary>
    public IReadOnlyList<PointLoadFailure> Failures { get; }

    /// <summary>The files read, in reading order (folders expanded).</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>One entry per table read: "file [sheet] : layout".</summary>
    public IReadOnlyList<string> Layouts { get; }

    /// <summary>Notes about the files as a whole (skipped files and tables, points left out by the filter).</summary>
    public IReadOnlyList<string> Notes { get; }
}
