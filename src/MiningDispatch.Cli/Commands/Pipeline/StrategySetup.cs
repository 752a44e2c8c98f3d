using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.Cli.Commands.Pipeline;

/// <summary>The strategy chosen with <c>--strategy</c>, the switching constraints of the comparison, and a description.</summary>
internal sealed record StrategySetup(IDispatchStrategy Strategy, OptimalOptions Constraints, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>True when the strategy reads day-ahead prices.</summary>
    public bool NeedsDayAhead => Strategy.Name == "day-ahead";

    /// <summary>Builds the strategy from settings already checked by <see cref="BacktestSettings.Problems"/>.</summary>
    public static StrategySetup Build(BacktestSettings s)
    {
        string name = (s.Strategy ?? "threshold").Trim().ToLowerInvariant();
        var constraints = new OptimalOptions(s.MinUp ?? 1, s.MinDown ?? 1, s.RestartCost ?? 0);
        var hysteresis = HysteresisOptions.Default;
        if (s.OffPrice is { } off && s.OnPrice is { } on)
            hysteresis = HysteresisOptions.Absolute(off, on, s.OffConfirm ?? 1, s.OnConfirm ?? 1, s.HighStrike);
        else
            hysteresis = HysteresisOptions.AroundBreakeven(s.OffMargin ?? 0, s.OnMargin ?? 0, s.OffConfirm ?? 1, s.OnConfirm ?? 1, s.HighStrike);
        var options = new StrategyOptions { Hysteresis = hysteresis, Optimal = constraints, Lagged = new LaggedOptions(s.Lag ?? 1) };
        var strategy = StrategyFactory.Create(name, options);

        var inputs = new List<KeyValuePair<string, string>> { new("Strategy", $"{name}: {StrategyFactory.Describe(name)}") };
        switch (name)
        {
            case "hysteresis":
                inputs.Add(new("Hysteresis band", hysteresis.Reference == BandReference.Absolute
                    ? $"curtail above {P(hysteresis.OffLevel)}, resume below {P(hysteresis.OnLevel)} (all-in $/MWh)"
                    : $"curtail above breakeven + {P(hysteresis.OffLevel)}, resume below breakeven - {P(hysteresis.OnLevel)} ($/MWh)"));
                inputs.Add(new("Confirmation windows", $"off after {hysteresis.OffConfirmIntervals} interval(s), on after {hysteresis.OnConfirmIntervals} interval(s)"));
                if (hysteresis.HighStrikeUsdPerMWh is { } hs) inputs.Add(new("High strike", P(hs) + " $/MWh all-in"));
                break;
            case "lagged":
                inputs.Add(new("Price lag", $"{options.Lagged.LagIntervals} interval(s)"));
                break;
        }
        inputs.Add(new("Switching constraints (optimum; charged to every schedule)", Describe(constraints)));
        return new StrategySetup(strategy, constraints, inputs);
    }

    /// <summary>"none" or "min up 4 interval(s), min down 2 interval(s), restart cost $50/MW per start".</summary>
    public static string Describe(OptimalOptions c) => RunDescription.Constraints(c);

    /// <summary>The strategy part of a service request.</summary>
    public StrategyRequest ToRequest() => new(Strategy, Constraints, NeedsDayAhead, Inputs);

    private static string P(double v) => v.ToString("0.##", Ci);
}
