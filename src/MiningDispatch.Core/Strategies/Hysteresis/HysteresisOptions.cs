using System.Globalization;

namespace MiningDispatch.Core.Strategies.Hysteresis;

/// <summary>How the off and on levels of a <see cref="HysteresisOptions"/> band are expressed.</summary>
public enum BandReference
{
    /// <summary>Levels are all-in prices in $/MWh (settlement price plus adder).</summary>
    Absolute,

    /// <summary>
    /// Levels are margins around the interval's breakeven all-in price: off level = breakeven + off margin,
    /// on level = breakeven − on margin. The band follows the hashprice.
    /// </summary>
    Breakeven,
}

/// <summary>
/// Settings for <see cref="HysteresisStrategy"/>: a two-level price band with confirmation windows, in the style of
/// Foreman's low/high strike automation (docs/mining-economics.md §2.4). All prices are all-in $/MWh (settlement price
/// plus the site adder). Build with <see cref="Absolute"/> or <see cref="AroundBreakeven"/>.
/// </summary>
/// <param name="Reference">Whether <paramref name="OffLevel"/> and <paramref name="OnLevel"/> are prices or margins.</param>
/// <param name="OffLevel">Absolute: curtail above this all-in price. Breakeven: margin above breakeven ($/MWh).</param>
/// <param name="OnLevel">Absolute: resume below this all-in price. Breakeven: margin below breakeven ($/MWh).</param>
/// <param name="OffConfirmIntervals">Curtail in the N-th consecutive interval above the off level (1 = at once).</param>
/// <param name="OnConfirmIntervals">Resume in the M-th consecutive interval below the on level (1 = at once).</param>
/// <param name="HighStrikeUsdPerMWh">Optional all-in price above which the site curtails in that very interval.</param>
/// <param name="InitiallyOn">State before the first interval.</param>
public sealed record HysteresisOptions(
    BandReference Reference,
    double OffLevel,
    double OnLevel,
    int OffConfirmIntervals = 1,
    int OnConfirmIntervals = 1,
    double? HighStrikeUsdPerMWh = null,
    bool InitiallyOn = true)
{
    /// <summary>A band of ±0 around breakeven with no confirmation: the same decisions as threshold with zero min profit
    /// (except at exact ties, where hysteresis keeps its state).</summary>
    public static HysteresisOptions Default { get; } = AroundBreakeven(0, 0);

    /// <summary>Curtail above <paramref name="offAboveUsdPerMWh"/>, resume below <paramref name="onBelowUsdPerMWh"/> (all-in $/MWh).</summary>
    public static HysteresisOptions Absolute(double offAboveUsdPerMWh, double onBelowUsdPerMWh, int offConfirmIntervals = 1,
        int onConfirmIntervals = 1, double? highStrikeUsdPerMWh = null, bool initiallyOn = true)
        => new(BandReference.Absolute, offAboveUsdPerMWh, onBelowUsdPerMWh, offConfirmIntervals, onConfirmIntervals, highStrikeUsdPerMWh, initiallyOn);

    /// <summary>Curtail above breakeven + <paramref name="offMarginUsdPerMWh"/>, resume below breakeven − <paramref name="onMarginUsdPerMWh"/>.</summary>
    public static HysteresisOptions AroundBreakeven(double offMarginUsdPerMWh, double onMarginUsdPerMWh, int offConfirmIntervals = 1,
        int onConfirmIntervals = 1, double? highStrikeUsdPerMWh = null, bool initiallyOn = true)
        => new(BandReference.Breakeven, offMarginUsdPerMWh, onMarginUsdPerMWh, offConfirmIntervals, onConfirmIntervals, highStrikeUsdPerMWh, initiallyOn);

    /// <summary>All-in price above which the site counts towards curtailing, given the interval's breakeven.</summary>
    public double OffPrice(double breakeven) => Reference == BandReference.Absolute ? OffLevel : breakeven + OffLevel;

    /// <summary>All-in price below which the site counts towards resuming, given the interval's breakeven.</summary>
    public double OnPrice(double breakeven) => Reference == BandReference.Absolute ? OnLevel : breakeven - OnLevel;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
        if (!double.IsFinite(OffLevel) || !double.IsFinite(OnLevel))
            throw new ArgumentException($"Hysteresis off/on levels must be finite numbers (got off {F(OffLevel)}, on {F(OnLevel)}).");
        if (Reference == BandReference.Absolute && OnLevel > OffLevel)
            throw new ArgumentException($"Hysteresis on price ({F(OnLevel)} $/MWh) must not be above the off price ({F(OffLevel)} $/MWh).");
        if (Reference == BandReference.Breakeven && OffLevel + OnLevel < 0)
            throw new ArgumentException($"Hysteresis margins put the on level above the off level (off margin {F(OffLevel)}, on margin {F(OnLevel)}; their sum must be >= 0).");
        if (OffConfirmIntervals < 1 || OnConfirmIntervals < 1)
            throw new ArgumentException($"Hysteresis confirmation windows must be at least 1 interval (got off {OffConfirmIntervals}, on {OnConfirmIntervals}).");
        if (HighStrikeUsdPerMWh is double hs && !double.IsFinite(hs))
            throw new ArgumentException($"Hysteresis high strike must be a finite price (got {F(hs)}).");
    }
}
