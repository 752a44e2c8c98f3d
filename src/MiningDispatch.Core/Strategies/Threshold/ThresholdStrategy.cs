namespace MiningDispatch.Core.Strategies.Threshold;

/// <summary>
/// Myopic threshold dispatch (docs/mining-economics.md §2.2): run the interval when its net profit is strictly above
/// the minimum-profit threshold. It reads only the interval's own settlement price, i.e. it assumes the price is
/// known when the decision is taken (a price-responsive load reacting within the interval).
/// </summary>
public sealed class ThresholdStrategy : IDispatchStrategy
{
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "threshold";

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ReadOnlySpan<double> net = problem.Net;
        double min = problem.MinProfitPerInterval;
        for (int t = 0; t < net.Length; t++) run[t] = net[t] > min ? 1.0 : 0.0;
    }
}
