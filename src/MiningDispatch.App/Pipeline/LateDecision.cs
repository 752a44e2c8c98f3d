using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Time;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// The chosen rule decided one interval late: a rule that decides an interval on its own real-time price (threshold,
/// hysteresis, percentile) cannot know that price before the interval ends; run on the last settled price instead
/// (the previous interval's) and booked on the real prices, it shows what instant response is worth.
/// </summary>
internal static class LateDecision
{
    /// <summary>Suffix of the late schedule's name.</summary>
    public const string Suffix = " (one interval late)";

    /// <summary>True when <paramref name="rule"/> (the user's strategy, before any 4CP wrapper) decides on an interval's own price.</summary>
    public static bool Applies(IDispatchStrategy rule) => StrategyRegistry.Find(rule?.Name)?.DecidesOnOwnIntervalPrice == true;

    /// <summary>The run with the late line added to its site total when <paramref name="rule"/> decides on its own price.</summary>
    /// <param name="model">The settled run.</param>
    /// <param name="market">The backtest intervals and real prices.</param>
    /// <param name="site">The site (a single model is a fleet of one).</param>
    /// <param name="rule">The user's strategy.</param>
    /// <param name="asRun">The strategy as run (with the 4CP wrapper when avoiding).</param>
    /// <param name="setup">Constraints for the restart costs.</param>
    /// <param name="contracts">Contracts settled on the schedule.</param>
    /// <param name="fourCp">The 4CP inputs.</param>
    /// <param name="adder">$/MWh adder on every consumed MWh.</param>
    public static BacktestRun Add(BacktestRun model, MarketSeries market, SiteModel site, IDispatchStrategy rule, IDispatchStrategy asRun,
        StrategyRequest setup, ContractRequest contracts, FourCpSetup fourCp, double adder)
    {
        ArgumentNullException.ThrowIfNull(asRun);
        ArgumentNullException.ThrowIfNull(setup);
        if (!Applies(rule)) return model;
        var late = SiteBacktester.RunDecidedOn(market, market.LastSettledPrices(), site, asRun, MarketClock.Ercot, model.Result.Strategy + Suffix);
        var switching = SiteComparison.Measure(late, site, setup.Constraints).Switching;
        return ContractSections.WithLateDecision(model, contracts, fourCp, late.Result, switching.RestartCostUsd, SiteLoadProfile.FromFleet(market, late, adder));
    }
}
