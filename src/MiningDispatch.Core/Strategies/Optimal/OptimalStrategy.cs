namespace MiningDispatch.Core.Strategies.Optimal;

/// <summary>
/// The perfect-foresight optimum under <see cref="OptimalOptions"/>: maximises Σ x_t·Net_t − starts × restart cost × MW
/// subject to minimum up and down times. Anticipative by construction (it reads the whole horizon); use it as the
/// bound every other strategy is compared with. <see cref="Economics.SiteSpec.MinProfitUsdPerHour"/> is not used.
/// </summary>
public sealed class OptimalStrategy : IDispatchStrategy
{
    public OptimalStrategy(OptimalOptions? options = null)
    {
        Options = options ?? OptimalOptions.None;
        Options.Validate();
    }

    public OptimalOptions Options { get; }
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "optimal";

    public string Name => StrategyName;
    public bool IsNonAnticipative => false;

    /// <summary>Start cost in USD for the problem's site: restart cost per MW × capacity.</summary>
    public double StartCostUsd(DispatchProblem problem) => Options.RestartCostUsdPerMw * problem.Site.Capacity.Value;

    /// <summary>The optimal schedule with its objective, starts and stops.</summary>
    public OptimalSolution Solve(DispatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return OptimalDispatch.Solve(problem.Net, StartCostUsd(problem), Options);
    }

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        OptimalDispatch.Solve(problem.Net, StartCostUsd(problem), Options, run);
    }
}
