namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>Builds a strategy from its command-line name; the names, descriptions and options come from <see cref="StrategyRegistry"/>.</summary>
public static class StrategyFactory
{
    /// <summary>Names accepted by <see cref="Create"/>, in list order.</summary>
    public static IReadOnlyList<string> Names { get; } = StrategyRegistry.All.Select(d => d.Name).ToArray();

    /// <summary>Name of the strategy used when none is chosen.</summary>
    public static string DefaultName => StrategyRegistry.Default.Name;

    /// <summary>One-line description of a strategy for help text.</summary>
    public static string Describe(string name) => StrategyRegistry.Get(name).Description;

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive) with its settings from <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones) or invalid settings.</exception>
    public static IDispatchStrategy Create(string name, StrategyParameters? parameters = null)
        => StrategyRegistry.Get(name).Create(parameters);
}
