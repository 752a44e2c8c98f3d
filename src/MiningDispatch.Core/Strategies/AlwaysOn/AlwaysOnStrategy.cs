namespace MiningDispatch.Core.Strategies.AlwaysOn;

/// <summary>The baseline: run every interval whatever the price.</summary>
public sealed class AlwaysOnStrategy : IDispatchStrategy
{
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "always-on";

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run) => run.Fill(1.0);
}
