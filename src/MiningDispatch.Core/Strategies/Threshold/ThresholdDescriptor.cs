using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.Threshold;

/// <summary>Describes <see cref="ThresholdStrategy"/>, the default strategy.</summary>
public sealed class ThresholdDescriptor : StrategyDescriptor
{
    public override string Name => ThresholdStrategy.StrategyName;
    public override string Description => "Run when the interval's net profit is above the minimum profit (price known when acting).";
    public override int Order => 10;
    public override bool IsDefault => true;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "decides each interval on that interval's own settlement price, which ERCOT publishes only after the interval ends: what an instant response would earn (an upper bound for a real rule; --strategy lagged decides on the last settled price)";
    public override bool DecidesOnOwnIntervalPrice => true;
    protected override IDispatchStrategy Build(StrategyParameters parameters) => new ThresholdStrategy();
}
