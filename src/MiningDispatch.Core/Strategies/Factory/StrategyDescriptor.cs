using System.Globalization;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>
/// Everything the program needs to know about one dispatch strategy: its name and description, its options (flags,
/// config keys, defaults, ranges, help), whether it needs day-ahead prices, whether it is non-anticipative, how to
/// build it and what the report says about its settings. Each strategy folder holds one concrete subclass;
/// <see cref="StrategyRegistry"/> finds them by reflection, so a new strategy needs no edit anywhere else.
/// </summary>
public abstract class StrategyDescriptor
{
    /// <summary>Name on the command line and in reports (e.g. "threshold"), lower case.</summary>
    public abstract string Name { get; }

    /// <summary>One-line description for help text and the report.</summary>
    public abstract string Description { get; }

    /// <summary>Position in lists (help, error messages); lower comes first.</summary>
    public abstract int Order { get; }

    /// <summary>True when decisions use only information available at decision time (checked by the contract tests).</summary>
    public abstract bool IsNonAnticipative { get; }

    /// <summary>
    /// What the rule knows when it decides an interval, in words for the report (e.g. "decides each interval on that
    /// interval's own settlement price, which ERCOT publishes only after the interval ends"): every strategy says it.
    /// </summary>
    public abstract string InformationSet { get; }

    /// <summary>
    /// True when the rule decides an interval on that interval's own real-time price, published only after the interval
    /// ends: the report then shows the same rule decided one interval late, on the last settled price, beside it.
    /// </summary>
    public virtual bool DecidesOnOwnIntervalPrice => false;

    /// <summary>True for the one strategy used when none is chosen.</summary>
    public virtual bool IsDefault => false;

    /// <summary>True when the strategy reads <see cref="Series.MarketSeries.DayAheadPriceUsdPerMWh"/>.</summary>
    public virtual bool NeedsDayAheadPrices => false;

    /// <summary>The strategy's own options; empty when it has none.</summary>
    public virtual IReadOnlyList<StrategyOption> Options => [];

    /// <summary>
    /// Problems with <paramref name="parameters"/> for this strategy: each given option out of its range, then the
    /// strategy's own cross-option rules (<see cref="CrossProblems"/>). Keys of other strategies are not looked at here
    /// (see <see cref="StrategyRegistry.Problems"/>).
    /// </summary>
    public IReadOnlyList<string> Problems(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var p = new List<string>();
        foreach (var o in Options)
            if (parameters.Get(o.Key) is { } v && o.Check(v) is { } problem) p.Add(problem);
        if (p.Count == 0) p.AddRange(CrossProblems(parameters));
        return p;
    }

    /// <summary>Builds the strategy; throws <see cref="ArgumentException"/> listing the problems when the values are invalid.</summary>
    public IDispatchStrategy Create(StrategyParameters? parameters = null)
    {
        var values = parameters ?? StrategyParameters.Default;
        var problems = Problems(values);
        if (problems.Count > 0) throw new ArgumentException($"Strategy '{Name}': {string.Join(" ", problems)}");
        return Build(values);
    }

    /// <summary>The report's lines about this strategy's settings (label, text), after the "Strategy" line.</summary>
    public virtual IEnumerable<KeyValuePair<string, string>> Inputs(StrategyParameters parameters) => [];

    /// <summary>Rules between options (e.g. two prices that need each other); only called when every value is in range.</summary>
    protected virtual IEnumerable<string> CrossProblems(StrategyParameters parameters) => [];

    /// <summary>Builds the strategy from values already checked by <see cref="Problems"/>.</summary>
    protected abstract IDispatchStrategy Build(StrategyParameters parameters);

    /// <summary>The option called <paramref name="key"/>.</summary>
    protected StrategyOption Option(string key)
        => Options.FirstOrDefault(o => o.Key.Equals(key, StringComparison.OrdinalIgnoreCase))
           ?? throw new InvalidOperationException($"Strategy '{Name}' has no option '{key}'.");

    /// <summary>The value given for <paramref name="key"/>, else its declared default.</summary>
    protected double Value(StrategyParameters parameters, string key)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Get(key) ?? Option(key).Default
            ?? throw new InvalidOperationException($"Strategy '{Name}': option '{key}' has no default and was not given.");
    }

    /// <summary><see cref="Value"/> as an int.</summary>
    protected int IntValue(StrategyParameters parameters, string key) => checked((int)Value(parameters, key));

    /// <summary>"0.##" text of a number for report lines.</summary>
    protected static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
