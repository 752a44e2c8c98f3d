using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.AlwaysOn;

/// <summary>Describes <see cref="AlwaysOnStrategy"/>.</summary>
public sealed class AlwaysOnDescriptor : StrategyDescriptor
{
    public override string Name => AlwaysOnStrategy.StrategyName;
    public override string Description => "Run every interval whatever the price (baseline).";
    public override int Order => 0;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "needs no price: it runs every interval";
    protected override IDispatchStrategy Build(StrategyParameters parameters) => new AlwaysOnStrategy();
}
