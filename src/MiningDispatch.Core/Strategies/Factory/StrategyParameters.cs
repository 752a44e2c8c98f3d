using System.Collections.ObjectModel;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>
/// Strategy-agnostic values for <see cref="StrategyDescriptor.Create"/>: option key (camelCase, case-insensitive)
/// to value (ints and bools are carried as doubles: 1 / 0), plus what every strategy may read: the switching
/// constraints of the comparison and the market clock. Keys not given take the option's default; each descriptor
/// validates its own.
/// </summary>
public sealed class StrategyParameters
{
    private readonly ReadOnlyDictionary<string, double> _values;

    public StrategyParameters(IEnumerable<KeyValuePair<string, double>>? values = null)
    {
        var d = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in values ?? []) d[k] = v;
        _values = d.AsReadOnly();
    }

    /// <summary>No values: every option at its default, no switching constraints, the ERCOT clock.</summary>
    public static StrategyParameters Default { get; } = new();

    /// <summary>The values given, by option key.</summary>
    public IReadOnlyDictionary<string, double> Values => _values;

    /// <summary>Minimum up/down times and restart cost of the comparison (the optimum solves under them).</summary>
    public OptimalOptions Switching { get; init; } = OptimalOptions.None;

    /// <summary>Market clock that defines market days (day-ahead scheduling).</summary>
    public MarketClock Clock { get; init; } = MarketClock.Ercot;

    /// <summary>True when <paramref name="key"/> was given.</summary>
    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The value given for <paramref name="key"/>, or null.</summary>
    public double? Get(string key) => _values.TryGetValue(key, out double v) ? v : null;

    /// <summary>A copy with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    public StrategyParameters With(string key, double value)
        => new(_values.Where(kv => !kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Append(new(key, value))) { Switching = Switching, Clock = Clock };

    /// <summary>A copy without <paramref name="key"/> (so it takes its default).</summary>
    public StrategyParameters Without(string key)
        => new(_values.Where(kv => !kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase))) { Switching = Switching, Clock = Clock };
}
