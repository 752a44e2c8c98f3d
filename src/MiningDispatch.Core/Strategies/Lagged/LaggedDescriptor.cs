using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.Lagged;

/// <summary>Describes <see cref="LaggedStrategy"/>: option <c>--lag</c> (config key <c>lag</c>).</summary>
public sealed class LaggedDescriptor : StrategyDescriptor
{
    private const string Lag = "lag";

    public override string Name => LaggedStrategy.StrategyName;
    public override string Description => "Threshold on the previous interval's real-time price (price known only after the interval).";
    public override int Order => 50;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "decides each interval on the settlement price of the interval --lag intervals earlier, already published, and the current hashprice";

    public override IReadOnlyList<StrategyOption> Options { get; } =
    [
        new(Lag, "--lag", StrategyOptionKind.WholeNumber, "age of the known real-time price in intervals", Default: 1, Minimum: 1, Maximum: StrategyLimits.MaxLagIntervals, Unit: "interval"),
    ];

    public override IEnumerable<KeyValuePair<string, string>> Inputs(StrategyParameters parameters)
        => [new("Price lag", $"{IntValue(parameters, Lag)} interval(s)")];

    protected override IDispatchStrategy Build(StrategyParameters parameters) => new LaggedStrategy(new LaggedOptions(IntValue(parameters, Lag)));
}
