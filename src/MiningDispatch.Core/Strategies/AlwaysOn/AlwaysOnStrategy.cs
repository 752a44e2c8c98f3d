namespace MiningDispatch.Core.Strategies.AlwaysOn;

/// <summary>The baseline: run every interval whatever the price.</summary>
public sealed class AlwaysOnStrategy : IDispatchStrategy
{
    public string Name => "always-on";
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run) => run.Fill(1.0);
}
