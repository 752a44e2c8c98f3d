using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;

namespace MiningDispatch.App.Pipeline;

/// <summary>What a dispatch run produced: the report model (without run info yet) and lines for the inputs table.</summary>
internal sealed record DispatchOutcome(BacktestRun Model, IReadOnlyList<KeyValuePair<string, string>> Inputs);

/// <summary>
/// Runs a single-model site: the strategy beside always-on and the perfect-foresight optimum (StrategyComparison),
/// then settles the schedule under the optional PPA, 4CP charge, demand-response income, basis and DA/RT settlement.
/// </summary>
internal static class DispatchRun
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static DispatchOutcome Run(MarketSeries market, SiteSpec site, StrategyRequest setup, SettlementInputs settle)
    {
        var inputs = new List<KeyValuePair<string, string>>();
        IDispatchStrategy strategy = setup.Strategy;

        // A single-model site is a fleet of one on the same engine as a mixed fleet (SiteComparison); its one dispatch
        // problem (the per-interval economics) serves the strategy, always-on, the optimum and the settlements.
        var model1 = SiteModel.FromSite(site);
        var problems = model1.Problems(market);
        var problem = problems[0]!;

        // Ancillary services (--as-prices): the day-ahead strategy chooses AS offers at the day-ahead market close.
        var ancillary = AncillaryRun.From(settle.Contracts, market, model1, problems);
        if (ancillary is not null) strategy = ancillary.Strategy(strategy, singleSite: true);

        // 4CP avoidance wraps the chosen strategy.
        var fourCp = FourCpSetup.From(settle.Contracts);
        if (fourCp.Avoidance is { } avoidance)
        {
            strategy = new FourCpStrategy(strategy, avoidance, Clock);
            inputs.Add(new("4CP avoidance", fourCp.DescribeAvoidance()));
        }

        var (onValue, optimumSees) = ContractSections.OptimumOnValue(market, settle.Contracts, fourCp, site.Capacity.Value);
        if (ancillary is not null) (onValue, optimumSees) = (OptimumOnValue.Sum(onValue, ancillary.OnValuePerMw()), optimumSees + " and AS capacity income (offers proportional to running MW)");
        var comparison = SiteComparison.Run(market, model1, problems, strategy, setup.Constraints, Clock, onValue).Totals;
        var result = comparison.Strategy.Result;
        if (market.IntervalHours < 1.0) inputs.Add(ResolutionComparison.Line(market, model1, strategy, result.Summary));
        var benchmarks = result.Strategy == OptimalStrategy.StrategyName ? [] : new List<BacktestResult> { comparison.Optimal.Result };
        var model = new BacktestRun(result, new RunInfo("", [], []), benchmarks)
        {
            Comparison = ComparisonSection.From(comparison, RunDescription.Constraints(setup.Constraints)),
        };

        // BTC, demand response, PPA, 4CP charge and basis on the schedule's MW and revenue.
        var profile = SiteLoadProfile.FromRun(problem, result.Run);
        var ones = new double[market.Count];
        Array.Fill(ones, 1.0);
        var fourCpBase = profile;
        if (strategy is FourCpStrategy fcp)
        {
            var baseRun = new double[market.Count];
            fcp.Inner.Dispatch(problem, baseRun);
            fourCpBase = SiteLoadProfile.FromRun(problem, baseRun);
        }
        (SiteLoadProfile, string)? optimum = benchmarks.Count > 0 ? (SiteLoadProfile.FromRun(problem, comparison.Optimal.Result.Run), optimumSees) : null;
        var alwaysOnProfile = SiteLoadProfile.FromRun(problem, ones);
        model = ContractSections.Apply(model, inputs, market, settle.Contracts, settle.Basis, settle.HashpriceFile, fourCp, profile, alwaysOnProfile, fourCpBase,
            optimum);

        model = LateDecision.Add(model, market, model1, setup.Strategy, strategy, setup, settle.Contracts, fourCp, site.Adder.Value);
        if (ancillary is not null)
            model = ancillary.Apply(model, AncillaryStrategyBooking(ancillary, strategy, problem, result, profile), EnergyOnlyLine(model, strategy, problem, setup, settle.Contracts, fourCp, profile),
                profile, alwaysOnProfile, optimum?.Item1, site.PoolFee, inputs);

        // Day-ahead versus real-time settlement: buy the day-ahead schedule in the DAM, deviate in real time.
        if (market.DayAheadPriceUsdPerMWh is not null)
        {
            var daRun = new double[market.Count];
            new DayAheadStrategy(Clock).Dispatch(problem, daRun);
            model = model with { TwoSettlement = TwoSettlement.Settle(problem, daRun, result.Run) };
        }
        model = setup.Strategy switch
        {
            _ when !ReferenceEquals(strategy, setup.Strategy) => model with { WhatIfAbsentReason = "4CP avoidance is wrapped around the strategy; the page cannot recompute that rule." },
            ThresholdStrategy => model with { WhatIf = new WhatIfInputs(site, ThresholdStrategy.StrategyName, null) },
            HysteresisStrategy h => model with { WhatIf = new WhatIfInputs(site, HysteresisStrategy.StrategyName, h.Options) },
            _ => model with { WhatIfAbsentReason = $"the page recomputes only the threshold and hysteresis rules; this run used {setup.Strategy.Name}." },
        };
        return new DispatchOutcome(model, inputs);
    }

    /// <summary>AS of the strategy: the day-ahead plan's awards and penalties for <c>as-day-ahead</c>, otherwise what its running MW can offer.</summary>
    private static AncillaryResult AncillaryStrategyBooking(AncillaryRun ancillary, IDispatchStrategy strategy, DispatchProblem problem, BacktestResult result, SiteLoadProfile profile) =>
        strategy is AncillaryDayAheadStrategy ads ? ads.Settle(problem, ads.Plan(problem)) : ancillary.Book(result.Strategy, profile.MwConsumed);

    /// <summary>The energy-only dispatch's site-total line: the strategy's own line, or for <c>as-day-ahead</c> the plain day-ahead schedule's.</summary>
    private static (SiteTotalLine, SiteLoadProfile) EnergyOnlyLine(BacktestRun model, IDispatchStrategy strategy, DispatchProblem problem, StrategyRequest setup, ContractRequest contracts,
        FourCpSetup fourCp, SiteLoadProfile profile)
    {
        var line = model.SiteTotal!.Strategy;
        if (strategy is not AncillaryDayAheadStrategy) return (line, profile);
        var plain = Backtester.Run(problem, setup.Strategy, Clock);
        var p = SiteLoadProfile.FromRun(problem, plain.Run);
        var restart = SwitchingStats.Measure(plain.Run, setup.Constraints, problem.Site.Capacity.Value).RestartCostUsd;
        return (AncillaryRun.EnergyOnlyLine(line, plain, restart, p, contracts, fourCp), p);
    }
}
