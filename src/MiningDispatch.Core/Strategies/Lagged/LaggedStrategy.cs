namespace MiningDispatch.Core.Strategies.Lagged;

/// <summary>
/// Threshold rule on a stale price: the real-time settlement price of an interval is only known after it ends, so
/// interval t is decided from the price of interval t − lag (all-in, with the adder) and the hashprice of interval t.
/// The hashprice is taken as known at t because hashprice indices are published continuously and move slowly
/// compared with power prices. The site runs when that estimated net is strictly above the minimum-profit threshold;
/// it settles at the actual price of t. Rows are taken as consecutive even across gaps in the series.
/// Non-anticipative, in the stricter sense that the decision at t does not read the price of t itself.
/// </summary>
public sealed class LaggedStrategy : IDispatchStrategy
{
    public LaggedStrategy(LaggedOptions? options = null)
    {
        Options = options ?? LaggedOptions.Default;
        Options.Validate();
    }

    public LaggedOptions Options { get; }
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "lagged";

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int lag = Options.LagIntervals;
        double mw = problem.Site.Capacity.Value, dt = problem.Market.IntervalHours, min = problem.MinProfitPerInterval;
        ReadOnlySpan<double> revenue = problem.Revenue, allIn = problem.AllInPrice;
        for (int t = 0; t < revenue.Length; t++)
        {
            if (t < lag) { run[t] = Options.InitiallyOn ? 1.0 : 0.0; continue; }
            double net = revenue[t] - mw * allIn[t - lag] * dt;
            run[t] = net > min ? 1.0 : 0.0;
        }
    }
}
