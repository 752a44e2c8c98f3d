using System.Globalization;

namespace MiningDispatch.Core.Risk;

/// <summary>How bootstrapped paths get their hashprice.</summary>
public enum HashpriceSampling
{
    /// <summary>
    /// The historical hashprice of the sampled hours carried into the target day's halving epoch by the subsidy ratio
    /// (<see cref="Economics.HalvingSchedule"/>: × 0.5 for each halving between the source hour and the target hour):
    /// price and hashprice stay jointly sampled, and a horizon after a halving never sees pre-halving hashprice levels.
    /// The ratio rescales the whole hashprice (subsidy and fees) and assumes network hash rate and BTC price do not jump
    /// at the halving.
    /// </summary>
    HistoricalLevels,

    /// <summary>
    /// Start at <see cref="MonteCarloOptions.StartHashpriceUsdPerThDay"/> and chain the sampled hours' relative changes
    /// (hp_t / hp_{t−1} of the source history, both carried into one halving epoch, so a halving in the history is not
    /// a move), so the path wanders like hashprice does while keeping the joint timing of hashprice moves and power
    /// prices. A block's first interval takes the change from the interval before it in the history (1 when that
    /// interval is missing). The default start is the last historical value carried into the horizon's first epoch.
    /// </summary>
    ChainedReturns,
}

/// <summary>
/// Settings of a block-bootstrap Monte Carlo (see <see cref="MonteCarloEngine"/>).
/// </summary>
/// <param name="Paths">Number of simulated paths.</param>
/// <param name="Seed">Random seed; the same seed gives the same paths on every machine and .NET version.</param>
/// <param name="BlockDays">Length of the bootstrapped blocks in whole market days (7 keeps the weekly cycle and multi-day spike clusters).</param>
/// <param name="HorizonDays">Length of each path in market days (365 for a year).</param>
public sealed record MonteCarloOptions(int Paths, int Seed, int BlockDays = 7, int HorizonDays = 365)
{
    /// <summary>First market day of the simulated horizon; default: the first day of the month after the history ends.</summary>
    public DateOnly? StartDay { get; init; }

    /// <summary>
    /// A source block may be used for a target block only when their start days are at most this many days of the
    /// year apart (circularly), so summer is sampled from summers. Null: any block anywhere in the history.
    /// </summary>
    public int? SeasonalWindowDays { get; init; } = 30;

    /// <summary>Source and target blocks start on the same weekday, so weekends stay weekends.</summary>
    public bool AlignWeekday { get; init; } = true;

    /// <summary>How the path's hashprice is formed.</summary>
    public HashpriceSampling Hashprice { get; init; } = HashpriceSampling.HistoricalLevels;

    /// <summary>Starting hashprice for <see cref="HashpriceSampling.ChainedReturns"/> ($/TH/day); default: the last historical value.</summary>
    public double? StartHashpriceUsdPerThDay { get; init; }

    /// <summary>
    /// Stochastic hashprice of <see cref="MonteCarloEngine.RunForward(Series.MarketSeries, Economics.SiteSpec, MonteCarloOptions, Forward.ForwardCurve, Func{DateTime[], double[]}, Forward.ShapeOptions?, Strategies.IDispatchStrategy?, Time.MarketClock?, CancellationToken)"/>:
    /// each path's hashprice is the given path × the path's bootstrapped multipliers (null: the given path on every path).
    /// Ignored by <see cref="MonteCarloEngine.Run(Series.MarketSeries, Economics.SiteSpec, MonteCarloOptions, Strategies.IDispatchStrategy?, Time.MarketClock?, CancellationToken)"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public HashpriceShocks? ForwardHashpriceShocks { get; init; }

    /// <summary>Extra VaR/CVaR confidence levels besides 95 % and 99 %.</summary>
    public IReadOnlyList<double> ExtraLevels { get; init; } = [];

    /// <summary>Threads used across paths; null lets the thread pool decide (all cores). Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Paths is < 1 or > 1_000_000) throw new ArgumentException($"Paths must be between 1 and 1,000,000 (got {Paths}).");
        if (BlockDays is < 1 or > 366) throw new ArgumentException($"Block length must be between 1 and 366 days (got {BlockDays}).");
        if (HorizonDays is < 1 or > 3660) throw new ArgumentException($"Horizon must be between 1 and 3,660 days (got {HorizonDays}).");
        if (SeasonalWindowDays is < 0 or > 183) throw new ArgumentException($"Seasonal window must be between 0 and 183 days (got {SeasonalWindowDays}).");
        if (StartHashpriceUsdPerThDay is { } hp && (!double.IsFinite(hp) || hp < 0))
            throw new ArgumentException($"Starting hashprice must be a finite, non-negative $/TH/day (got {hp.ToString(CultureInfo.InvariantCulture)}).");
        if (MaxDegreeOfParallelism is < 1) throw new ArgumentException("Max degree of parallelism must be at least 1.");
        ArgumentNullException.ThrowIfNull(ExtraLevels);
        foreach (double l in ExtraLevels)
            if (!(l > 0 && l < 1))
                throw new ArgumentException($"Extra VaR level {l.ToString(CultureInfo.InvariantCulture)} must be strictly between 0 and 1 (0.9 for 90 %).");
    }
}
