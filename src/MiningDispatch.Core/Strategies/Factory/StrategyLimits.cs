namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>
/// The ranges of the strategies' numeric options and of the switching constraints, written once. A value outside is
/// a settings error naming the flag and the range (e.g. <c>--lag 100000</c> would make every price unknown, the
/// same as always-on, without a word).
/// </summary>
public static class StrategyLimits
{
    /// <summary>Longest lag or confirmation, in intervals: one week of 15-minute intervals (7 × 96).</summary>
    public const int MaxLagIntervals = 7 * 96;

    /// <summary>Longest window or minimum up/down time, in intervals: one year of 15-minute intervals (366 × 96).</summary>
    public const int MaxWindowIntervals = 366 * 96;

    /// <summary>Largest price level or margin of a strategy, $/MWh, either sign (ten times ERCOT's $10,000 plausibility bound).</summary>
    public const double MaxPriceUsdPerMWh = 100_000;
}
