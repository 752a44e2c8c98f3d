using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.Optimal;

/// <summary>
/// Describes <see cref="OptimalStrategy"/>. It has no options of its own: it solves under the switching constraints
/// of the comparison (<see cref="StrategyParameters.Switching"/>), which apply to every schedule.
/// </summary>
public sealed class OptimalDescriptor : StrategyDescriptor
{
    public override string Name => OptimalStrategy.StrategyName;
    public override string Description => "Perfect-foresight optimum with minimum up/down times and restart cost (an upper bound, not tradable).";
    public override int Order => 30;
    public override bool IsNonAnticipative => false;
    public override string InformationSet => "knows every price and hashprice of the whole period in advance (perfect foresight): an upper bound, not a tradable rule";

    protected override IEnumerable<string> CrossProblems(StrategyParameters parameters)
    {
        string? problem = null;
        try { parameters.Switching.Validate(); }
        catch (ArgumentException ex) { problem = ex.Message; }
        return problem is null ? [] : [problem];
    }

    protected override IDispatchStrategy Build(StrategyParameters parameters) => new OptimalStrategy(parameters.Switching);
}
