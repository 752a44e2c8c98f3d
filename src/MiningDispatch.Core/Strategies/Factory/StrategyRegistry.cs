using System.Reflection;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>
/// Every <see cref="StrategyDescriptor"/> in this assembly, found by reflection (each concrete subclass with a
/// parameterless constructor) and sorted by <see cref="StrategyDescriptor.Order"/>.
/// </summary>
public static class StrategyRegistry
{
    /// <summary>All strategies in list order.</summary>
    public static IReadOnlyList<StrategyDescriptor> All { get; } = Discover();

    /// <summary>The strategy used when none is chosen (the one that says <see cref="StrategyDescriptor.IsDefault"/>).</summary>
    public static StrategyDescriptor Default { get; } = All.Single(d => d.IsDefault);

    /// <summary>The strategy called <paramref name="name"/> (case-insensitive, trimmed), or null.</summary>
    public static StrategyDescriptor? Find(string? name)
    {
        if (name is null) return null;
        string n = name.Trim();
        return All.FirstOrDefault(d => d.Name.Equals(n, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The strategy called <paramref name="name"/>; throws <see cref="ArgumentException"/> listing the valid names.</summary>
    public static StrategyDescriptor Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Find(name) ?? throw new ArgumentException($"Unknown strategy '{name}'. Choose one of: {string.Join(", ", All.Select(d => d.Name))}.");
    }

    /// <summary>Every strategy option with the strategy that owns it, in list order.</summary>
    public static IReadOnlyList<(StrategyDescriptor Strategy, StrategyOption Option)> AllOptions { get; }
        = All.SelectMany(d => d.Options.Select(o => (d, o))).ToArray();

    /// <summary>The option whose config key is <paramref name="key"/> (case-insensitive), with its strategy, or null.</summary>
    public static (StrategyDescriptor Strategy, StrategyOption Option)? FindOption(string key)
    {
        foreach (var pair in AllOptions)
            if (pair.Option.Key.Equals(key, StringComparison.OrdinalIgnoreCase)) return pair;
        return null;
    }

    /// <summary>
    /// Problems with running <paramref name="strategy"/> with <paramref name="parameters"/>: a value given for another
    /// strategy's option ("--lag applies to --strategy lagged (the strategy is threshold)."), an unknown key, an
    /// out-of-range value of any strategy, and the chosen strategy's own cross-option rules.
    /// </summary>
    public static IReadOnlyList<string> Problems(StrategyDescriptor strategy, StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new List<string>();
        foreach (var key in parameters.Values.Keys)
        {
            if (FindOption(key) is not { } owner) p.Add($"'{key}' is not an option of any strategy.");
            else if (owner.Strategy != strategy) p.Add($"{owner.Option.Flag} applies to --strategy {owner.Strategy.Name} (the strategy is {strategy.Name}).");
        }
        foreach (var (owner, option) in AllOptions)
            if (owner != strategy && parameters.Get(option.Key) is { } v && option.Check(v) is { } range) p.Add(range);
        p.AddRange(strategy.Problems(parameters));
        return p;
    }

    private static StrategyDescriptor[] Discover()
    {
        var found = typeof(StrategyDescriptor).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(StrategyDescriptor)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (StrategyDescriptor)Activator.CreateInstance(t)!)
            .OrderBy(d => d.Order).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToArray();
        var duplicate = found.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two strategies are called '{duplicate.Key}'.");
        return found;
    }
}
