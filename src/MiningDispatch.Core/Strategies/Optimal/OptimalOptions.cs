using System.Globalization;

namespace MiningDispatch.Core.Strategies.Optimal;

/// <summary>
/// Switching constraints for the perfect-foresight optimum (docs/mining-economics.md §2.4). Times are counted in
/// intervals of the series (4 intervals = 1 h at 15-minute resolution).
/// </summary>
/// <param name="MinUpIntervals">Once started, the site stays on for at least this many intervals (1 = no constraint).</param>
/// <param name="MinDownIntervals">Once stopped, the site stays off for at least this many intervals (1 = no constraint).</param>
/// <param name="RestartCostUsdPerMw">Cost of one start per MW of site capacity (wear, lost hashing while ramping), USD.</param>
/// <param name="InitiallyOn">State before the first interval.</param>
public sealed record OptimalOptions(
    int MinUpIntervals = 1,
    int MinDownIntervals = 1,
    double RestartCostUsdPerMw = 0.0,
    bool InitiallyOn = true)
{
    /// <summary>No switching constraints and no restart cost: the optimum is threshold dispatch with zero min profit.</summary>
    public static OptimalOptions None { get; } = new();

    /// <summary>
    /// Intervals already spent in the initial state before the first interval; null means long enough that the
    /// site may switch at t = 0. With a value below the minimum up (down) time the site must stay on (off) at first.
    /// </summary>
    public int? InitialIntervalsInState { get; init; }

    /// <summary>True when no minimum up/down time and no restart cost apply.</summary>
    public bool IsUnconstrained => MinUpIntervals <= 1 && MinDownIntervals <= 1 && RestartCostUsdPerMw == 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (MinUpIntervals < 1 || MinUpIntervals > short.MaxValue)
            throw new ArgumentException($"Minimum up time must be between 1 and {short.MaxValue} intervals (got {MinUpIntervals}).");
        if (MinDownIntervals < 1 || MinDownIntervals > short.MaxValue)
            throw new ArgumentException($"Minimum down time must be between 1 and {short.MaxValue} intervals (got {MinDownIntervals}).");
        if (!double.IsFinite(RestartCostUsdPerMw) || RestartCostUsdPerMw < 0)
            throw new ArgumentException($"Restart cost must be a finite, non-negative $/MW per start (got {RestartCostUsdPerMw.ToString(CultureInfo.InvariantCulture)}).");
        if (InitialIntervalsInState is int k && k < 1)
            throw new ArgumentException($"Initial intervals in state must be at least 1 (got {k}); leave it unset for 'long enough'.");
    }
}
