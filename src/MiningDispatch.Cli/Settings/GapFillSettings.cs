using MiningDispatch.Data.Quality;

namespace MiningDispatch.Cli.Settings;

/// <summary>Gap filling of the price series: <c>--fill-gaps</c> and <c>--max-fill-hours</c> (config keys fillGaps, maxFillHours).</summary>
public sealed partial record BacktestSettings
{
    /// <summary>none (default: hours without a price are not backtested), previous or linear.</summary>
    public string? FillGaps { get; init; }
    /// <summary>Longest gap filled, in missing hours [default: 3]; longer gaps stay gaps.</summary>
    public int? MaxFillHours { get; init; }

    /// <summary>The fill request (defaults: no filling, at most <see cref="GapFillOptions.DefaultMaxGapHours"/> hours).</summary>
    internal GapFillOptions GapFill() => new(
        FillGaps is null ? GapFillRule.None : GapFillOptions.ParseRule(FillGaps),
        MaxFillHours ?? GapFillOptions.DefaultMaxGapHours);

    private void GapFillProblems(List<string> p)
    {
        GapFillRule? rule = null;
        if (FillGaps is { } f)
        {
            try { rule = GapFillOptions.ParseRule(f); }
            catch (ArgumentException) { p.Add($"--fill-gaps must be none, previous or linear (got '{f}')."); }
        }
        if (MaxFillHours is { } m)
        {
            if (m < 1 || m > GapFiller.MaxGapHoursLimit)
                p.Add($"--max-fill-hours must be between 1 and {GapFiller.MaxGapHoursLimit} hours (got {m}).");
            else if (rule is null or GapFillRule.None)
                p.Add("--max-fill-hours applies only with --fill-gaps previous or linear.");
        }
    }
}
