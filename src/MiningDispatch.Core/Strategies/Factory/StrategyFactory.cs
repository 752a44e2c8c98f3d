using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>Builds a strategy from its command-line name.</summary>
public static class StrategyFactory
{
    private static readonly (string Name, string Description)[] Catalogue =
    [
        ("always-on", "Run every interval whatever the price (baseline)."),
        ("threshold", "Run when the interval's net profit is above the minimum profit (price known when acting)."),
        ("hysteresis", "Two-level price band with off/on confirmation windows and an optional high strike."),
        ("optimal", "Perfect-foresight optimum with minimum up/down times and restart cost (an upper bound, not tradable)."),
        ("day-ahead", "Schedule each market day from its day-ahead prices the day before; settle at real time."),
        ("lagged", "Threshold on the previous interval's real-time price (price known only after the interval)."),
    ];

    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = Catalogue.Select(c => c.Name).ToArray();

    /// <summary>One-line description of a strategy for help text.</summary>
    public static string Describe(string name)
        => Catalogue.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Description
           ?? throw Unknown(name);

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive) with its settings from <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones) or invalid settings.</exception>
    public static IDispatchStrategy Create(string name, StrategyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        var o = options ?? StrategyOptions.Default;
        return name.Trim().ToLowerInvariant() switch
        {
            "always-on" => new AlwaysOnStrategy(),
            "threshold" => new ThresholdStrategy(),
            "hysteresis" => new HysteresisStrategy(o.Hysteresis),
            "optimal" => new OptimalStrategy(o.Optimal),
            "day-ahead" => new DayAheadStrategy(o.Clock),
            "lagged" => new LaggedStrategy(o.Lagged),
            _ => throw Unknown(name),
        };
    }

    private static ArgumentException Unknown(string name)
        => new($"Unknown strategy '{name}'. Choose one of: {string.Join(", ", Names)}.");
}
