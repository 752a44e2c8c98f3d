using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.DayAhead;

/// <summary>Describes <see cref="DayAheadStrategy"/>: needs day-ahead prices; market days from <see cref="StrategyParameters.Clock"/>.</summary>
public sealed class DayAheadDescriptor : StrategyDescriptor
{
    public override string Name => DayAheadStrategy.StrategyName;
    public override string Description => "Schedule each market day from its day-ahead prices the day before; settle at real time.";
    public override int Order => 40;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "schedules each market day on that day's day-ahead prices, published the day before, with the hashprice known when the day-ahead market closed (10:00 CPT the day before)";
    public override bool NeedsDayAheadPrices => true;
    protected override IDispatchStrategy Build(StrategyParameters parameters) => new DayAheadStrategy(parameters.Clock);
}
