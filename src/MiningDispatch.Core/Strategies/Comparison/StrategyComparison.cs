using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.Comparison;

/// <summary>A backtest result together with its switching statistics under the comparison's constraints.</summary>
public sealed record ComparedRun(BacktestResult Result, SwitchingStats Switching)
{
    /// <summary>Backtest profit minus the restart costs the schedule incurred.</summary>
    public double ProfitAfterRestartsUsd => Result.Summary.ProfitUsd - Switching.RestartCostUsd;
}

/// <summary>A strategy next to always-on and the perfect-foresight optimum under the same constraints.</summary>
public sealed record StrategyComparisonResult(ComparedRun Strategy, ComparedRun AlwaysOn, ComparedRun Optimal, OptimalOptions Constraints)
{
    /// <summary>What perfect foresight would have added over the strategy, after restart costs (≥ 0 when the strategy
    /// respects the minimum up/down times).</summary>
    public double RegretUsd => Optimal.ProfitAfterRestartsUsd - Strategy.ProfitAfterRestartsUsd;

    /// <summary>Strategy's gain over always-on as a percentage of the optimum's gain over always-on, after restart costs;
    /// null when the optimum gains nothing.</summary>
    public double? CapturedUpliftPct
    {
        get
        {
            double best = Optimal.ProfitAfterRestartsUsd - AlwaysOn.ProfitAfterRestartsUsd;
            return best > 1e-9 ? 100.0 * (Strategy.ProfitAfterRestartsUsd - AlwaysOn.ProfitAfterRestartsUsd) / best : null;
        }
    }
}

/// <summary>Runs a strategy, always-on and the optimum on the same data so every result has both reference points.</summary>
public static class StrategyComparison
{
    /// <param name="market">Aligned prices and hashprices.</param>
    /// <param name="site">The site; its minimum profit applies to the strategy only (the optimum maximises profit).</param>
    /// <param name="strategy">The strategy to assess.</param>
    /// <param name="constraints">Minimum up/down times, restart cost and initial state used by the optimum and charged to
    /// every schedule; null for none. Strategies with their own initial state (hysteresis, lagged) keep it.</param>
    /// <param name="clock">Market clock for the groupings (default ERCOT).</param>
    public static StrategyComparisonResult Run(MarketSeries market, SiteSpec site, IDispatchStrategy strategy,
        OptimalOptions? constraints = null, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        site.Validate();
        if (market.Count == 0) throw new ArgumentException("No intervals to backtest: the price and hashprice data do not overlap the requested range.");
        return Run(new DispatchProblem(market, site), strategy, constraints, clock);
    }

    /// <summary>The comparison on a dispatch problem already built: the three schedules share its per-interval economics.</summary>
    public static StrategyComparisonResult Run(DispatchProblem problem, IDispatchStrategy strategy, OptimalOptions? constraints = null, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(strategy);
        var c = constraints ?? OptimalOptions.None;
        c.Validate();
        clock ??= MarketClock.Ercot;
        double mw = problem.Site.Capacity.Value;
        ComparedRun Do(IDispatchStrategy s)
        {
            var r = Backtester.Run(problem, s, clock);
            return new ComparedRun(r, SwitchingStats.Measure(r.Run, c, mw));
        }
        return new StrategyComparisonResult(Do(strategy), Do(new AlwaysOnStrategy()), Do(new OptimalStrategy(c)), c);
    }
}
