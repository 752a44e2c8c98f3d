using System.Globalization;

namespace MiningDispatch.Core.Strategies.Percentile;

/// <summary>Settings for <see cref="PercentileStrategy"/>.</summary>
/// <param name="Percentile">The site runs when the all-in price is at or below this percentile (0..100) of the window.</param>
/// <param name="WindowIntervals">How many previous intervals the percentile is taken over (at least 1).</param>
public sealed record PercentileOptions(double Percentile = 50, int WindowIntervals = 24)
{
    public static PercentileOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (!(Percentile >= 0 && Percentile <= 100))
            throw new ArgumentException($"Percentile must be between 0 and 100 (got {Percentile.ToString(CultureInfo.InvariantCulture)}).");
        if (WindowIntervals < 1)
            throw new ArgumentException($"Percentile window must be at least 1 interval (got {WindowIntervals}).");
    }
}
