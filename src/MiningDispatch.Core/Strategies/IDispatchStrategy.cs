namespace MiningDispatch.Core.Strategies;

/// <summary>
/// A dispatch rule. It fills <paramref name="run"/> with the fraction of the site running in each interval (0..1).
/// A strategy that says it is non-anticipative must decide interval t using only information the
/// <see cref="DispatchProblem"/> marks as known at t; the backtest tests check this by perturbing the future.
/// </summary>
public interface IDispatchStrategy
{
    /// <summary>Short identifier used on the command line and in reports (e.g. "threshold").</summary>
    string Name { get; }

    /// <summary>True when decisions use only information available at decision time.</summary>
    bool IsNonAnticipative { get; }

    void Dispatch(DispatchProblem problem, Span<double> run);
}
