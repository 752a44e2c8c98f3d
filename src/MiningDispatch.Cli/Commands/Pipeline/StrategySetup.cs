using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.Cli.Commands.Pipeline;

/// <summary>The strategy chosen with <c>--strategy</c>, the switching constraints of the comparison, and a description.</summary>
internal sealed record StrategySetup(IDispatchStrategy Strategy, OptimalOptions Constraints, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>True when the strategy reads day-ahead prices.</summary>
    public bool NeedsDayAhead => StrategyRegistry.Get(Strategy.Name).NeedsDayAheadPrices;

    /// <summary>Builds the strategy from settings already checked by <see cref="BacktestSettings.Problems"/>.</summary>
    public static StrategySetup Build(BacktestSettings s)
    {
        var descriptor = StrategyRegistry.Get(s.Strategy ?? StrategyFactory.DefaultName);
        var parameters = s.StrategyParameters();
        var strategy = descriptor.Create(parameters);
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("Strategy", $"{descriptor.Name}: {descriptor.Description}"),
            new("What the strategy knows", descriptor.InformationSet),
        };
        inputs.AddRange(descriptor.Inputs(parameters));
        inputs.Add(new("Switching constraints (optimum; charged to every schedule)", Describe(parameters.Switching)));
        return new StrategySetup(strategy, parameters.Switching, inputs);
    }

    /// <summary>"none" or "min up 4 interval(s), min down 2 interval(s), restart cost $50/MW per start".</summary>
    public static string Describe(OptimalOptions c) => RunDescription.Constraints(c);

    /// <summary>The strategy part of a service request.</summary>
    public StrategyRequest ToRequest() => new(Strategy, Constraints, NeedsDayAhead, Inputs);

    private static string P(double v) => v.ToString("0.##", Ci);
}
