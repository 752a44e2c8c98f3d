namespace MiningDispatch.Core.Strategies.Lagged;

/// <summary>Settings for <see cref="LaggedStrategy"/>.</summary>
/// <param name="LagIntervals">How many intervals old the latest known real-time price is (1 = the previous interval's).</param>
/// <param name="InitiallyOn">Decision for the first <paramref name="LagIntervals"/> intervals, before any price is known.</param>
public sealed record LaggedOptions(int LagIntervals = 1, bool InitiallyOn = true)
{
    public static LaggedOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (LagIntervals < 1)
            throw new ArgumentException($"Lag must be at least 1 interval (got {LagIntervals}); a lag of 0 is the threshold strategy.");
    }
}
