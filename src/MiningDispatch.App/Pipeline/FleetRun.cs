using System.Globalization;
using MiningDispatch.App.Inputs;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// Runs a mixed fleet in merit order (FleetBacktester) beside always-on and the optimum. Without switching
/// constraints each tranche's best decision in an hour is to run exactly when its margin is positive, so the optimum
/// is the merit order at zero minimum profit.
/// </summary>
internal static class FleetRun
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs the fleet, then settles its schedule (MW summed over models, fleet revenue) under the optional PPA, BTC
    /// price, demand response, 4CP charge and basis. With <c>--avoid-4cp</c> the whole fleet is off in the likely
    /// peak intervals; the 4CP charge compares that schedule with the plain merit order.
    /// </summary>
    public static DispatchOutcome Run(MarketSeries market, SiteRequest s, StrategyRequest strategy, SettlementInputs settle)
    {
        var (fleet, commercials) = Load(s);
        double minProfitPerMWh = commercials.MinProfitUsdPerMWh;
        var fourCp = FourCpSetup.From(settle.Contracts);
        if (strategy.Strategy is not ThresholdStrategy || !strategy.Constraints.IsUnconstrained)
            return RunStrategy(market, s, strategy, settle, fleet, commercials, fourCp);
        var plain = FleetBacktester.Run(market, fleet, commercials, Clock);
        var fr = fourCp.Avoidance is { } avoidance
            ? FleetBacktester.Run(market, fleet, commercials, Clock, avoidance.Flags(market, Clock), FleetBacktester.StrategyName + "+4cp")
            : plain;
        // The optimum: the merit order at zero margin, exact without switching constraints; when a MW running is worth
        // more than its energy margin (DR income, 4CP peaks) the site engine's optimum maximises that instead.
        var (onValue, optimumSees) = ContractSections.OptimumOnValue(market, settle.Contracts, fourCp, fleet.AvailableMw);
        var ancillary = Ancillary(market, fleet, commercials, settle.Contracts);
        if (ancillary is not null) (onValue, optimumSees) = (OptimumOnValue.Sum(onValue, ancillary.OnValuePerMw()), optimumSees + " and AS capacity income (offers proportional to running MW)");
        var optimumFleet = onValue is null
            ? FleetBacktester.Run(market, fleet, commercials with { MinProfitUsdPerMWh = 0 }, Clock, curtail: null, OptimalStrategy.StrategyName)
            : SiteOptimum(market, fleet, commercials, onValue);
        var optimum = optimumFleet.Result;
        var r = fr.Result;

        ComparisonRow Row(BacktestResult x, string name, string role, double[] run)
        {
            var sw = SwitchingStats.Measure(run, OptimalOptions.None, fr.AvailableMw);
            return new ComparisonRow(name, role, x.Summary.ProfitUsd, x.Summary.UptimePct, sw.Starts, 0, 0, 0);
        }
        double best = optimum.Summary.ProfitUsd - r.Summary.AlwaysOnProfitUsd;
        var comparison = new ComparisonSection("none (merit order has no switching constraints)",
            [Row(r, r.Strategy, "strategy", r.Run), new ComparisonRow(AlwaysOnStrategy.StrategyName, "baseline", r.Summary.AlwaysOnProfitUsd, 100, 0, 0, 0, 0),
             Row(optimum, onValue is null ? OptimalStrategy.StrategyName + " (merit order at zero margin)" : ComparisonSection.OptimumLabel, "optimum", optimum.Run)],
            optimum.Summary.ProfitUsd - r.Summary.ProfitUsd,
            best > 1e-9 ? 100 * (r.Summary.ProfitUsd - r.Summary.AlwaysOnProfitUsd) / best : null);

        var inputs = new List<KeyValuePair<string, string>>
        {
            new("Fleet", string.Join("; ", fr.MeritOrder.Select(t => string.Create(Ci,
                $"{t.Count:#,0} x {t.Model.Name} ({t.Model.TerahashPerSecond:0.#} TH/s, {t.Model.Watts:#,0} W, {t.Model.Efficiency.Value:0.##} W/TH) = {t.Mw:0.###} MW")))),
            new("Site cap", fleet.SiteCapMw is { } cap ? string.Create(Ci, $"{cap:0.###} MW (available {fr.AvailableMw:0.###} MW of whole machines)") : "none (nameplate)"),
            new("Merit order", "most efficient machines run first; a tranche runs when its breakeven minus the all-in price exceeds the minimum margin"),
            new("Minimum margin", string.Create(Ci, $"{minProfitPerMWh:0.####} $/MWh (--min-profit {s.MinProfitUsdPerHour:0.##} $/h over {fr.AvailableMw:0.###} MW)")),
        };
        if (fourCp.Avoidance is not null) inputs.Add(new("4CP avoidance", fourCp.DescribeAvoidance("the whole fleet")));
        var model = new BacktestRun(r, new RunInfo("", [], []), [optimum]) { Comparison = comparison, Fleet = fr };

        double adder = s.Adder;
        var profile = SiteLoadProfile.FromFleet(market, fr, adder);
        var fourCpBase = ReferenceEquals(fr, plain) ? profile : SiteLoadProfile.FromFleet(market, plain, adder);
        var alwaysOnProfile = SiteLoadProfile.FleetAlwaysOn(market, fr, adder);
        var optimumProfile = SiteLoadProfile.FromFleet(market, optimumFleet, adder);
        model = ContractSections.Apply(model, inputs, market, settle.Contracts, settle.Basis, settle.HashpriceFile, fourCp, profile, alwaysOnProfile, fourCpBase,
            (optimumProfile, optimumSees));
        {
            IDispatchStrategy threshold = new ThresholdStrategy();
            IDispatchStrategy asRun = fourCp.Avoidance is { } a ? new FourCpStrategy(threshold, a, Clock) : threshold;
            model = LateDecision.Add(model, market, SiteModel.FromFleet(fleet, commercials), threshold, asRun, strategy, settle.Contracts, fourCp, adder);
        }
        if (ancillary is not null)
            model = ancillary.Apply(model, ancillary.Book(r.Strategy, profile.MwConsumed), (model.SiteTotal!.Strategy, profile), profile, alwaysOnProfile, optimumProfile, s.PoolFee, inputs);

        // Day-ahead versus real-time settlement: buy the fleet's day-ahead merit-order schedule in the DAM, deviate in real time.
        if (market.DayAheadPriceUsdPerMWh is not null)
        {
            var dayAheadMw = FleetDayAhead.ScheduleMw(market, fleet, commercials, Clock);
            model = model with { TwoSettlement = TwoSettlement.Settle(profile, dayAheadMw) };
            inputs.Add(new("Day-ahead schedule", "merit order at the day-ahead prices, hashprice as known at the day-ahead market close (10:00 CPT the day before); deviations settle at real time"));
        }
        if (market.IntervalHours < 1.0)
        {
            IDispatchStrategy asRun = fourCp.Avoidance is { } a ? new FourCpStrategy(new ThresholdStrategy(), a, Clock) : new ThresholdStrategy();
            inputs.Add(ResolutionComparison.Line(market, SiteModel.FromFleet(fleet, commercials), asRun, r.Summary));
        }
        return new DispatchOutcome(model, inputs);
    }

    /// <summary>
    /// Reads the fleet of <paramref name="s"/> and its commercials: the minimum profit ($/h) becomes a margin in $ per
    /// MWh over the MW the fleet can run (whole machines under the cap).
    /// </summary>
    /// <summary>The site engine's perfect-foresight optimum (no switching constraints) maximising energy margin plus <paramref name="onValue"/> per MW running.</summary>
    private static FleetBacktestResult SiteOptimum(MarketSeries market, FleetSpec fleet, SiteCommercials commercials, double[] onValue)
    {
        var site = SiteModel.FromFleet(fleet, commercials);
        return SiteComparison.Run(market, site, site.Problems(market), new ThresholdStrategy(), OptimalOptions.None, Clock, onValue).Optimal.Fleet;
    }

    /// <summary>The AS co-optimization of the fleet (<c>--as-prices</c>); null without it.</summary>
    private static AncillaryRun? Ancillary(MarketSeries market, FleetSpec fleet, SiteCommercials commercials, ContractRequest contracts)
    {
        if (contracts.Ancillary is null) return null;
        var site = SiteModel.FromFleet(fleet, commercials);
        return AncillaryRun.From(contracts, market, site, site.Problems(market));
    }

    public static (FleetSpec Fleet, SiteCommercials Commercials) Load(SiteRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var request = s.Fleet ?? throw new ArgumentException("The site has no fleet.", nameof(s));
        var fleet = FleetInput.Load(request.Spec, request.MinersFile, request.SiteCapMw);
        return (fleet, new SiteCommercials(s.PoolFee, new UsdPerMWh(s.Adder), s.MinProfitUsdPerHour / fleet.AvailableMw));
    }

    /// <summary>The site of <paramref name="s"/> as the site engine sees it: a fleet, or a single model as a fleet of one.</summary>
    public static SiteModel Model(SiteRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Fleet is null) return SiteModel.FromSite(s.ToSiteSpec());
        var (fleet, commercials) = Load(s);
        return SiteModel.FromFleet(fleet, commercials);
    }

    /// <summary>
    /// Any strategy, or switching constraints, on the fleet (SiteComparison): the strategy dispatches each model as its
    /// own site, the site cap limits the sum in merit order, and the optimum is exact per model unless the cap binds.
    /// </summary>
    private static DispatchOutcome RunStrategy(MarketSeries market, SiteRequest s, StrategyRequest setup, SettlementInputs settle,
        FleetSpec fleet, SiteCommercials commercials, FourCpSetup fourCp)
    {
        var site = SiteModel.FromFleet(fleet, commercials);
        var ancillary = Ancillary(market, fleet, commercials, settle.Contracts);
        // With AS the day-ahead strategy becomes as-day-ahead: the whole site's offers chosen at the day-ahead market close.
        var asDayAhead = ancillary?.FleetStrategy(setup.Strategy, site);
        IDispatchStrategy planned = asDayAhead ?? setup.Strategy;
        IDispatchStrategy strategy = planned;
        if (fourCp.Avoidance is { } avoidance) strategy = new FourCpStrategy(strategy, avoidance, Clock);
        var (onValue, optimumSees) = ContractSections.OptimumOnValue(market, settle.Contracts, fourCp, fleet.AvailableMw);
        if (ancillary is not null) (onValue, optimumSees) = (OptimumOnValue.Sum(onValue, ancillary.OnValuePerMw()), optimumSees + " and AS capacity income (offers proportional to running MW)");
        var comparison = SiteComparison.Run(market, site, site.Problems(market), strategy, setup.Constraints, Clock, onValue);
        var fr = comparison.Strategy.Fleet;
        var r = fr.Result;
        var optimum = comparison.Optimal.Fleet.Result;
        var bound = comparison.OptimumBound;
        string optimumNote = bound.IsExact
            ? "exact (each model's own optimum; the site cap does not bind)"
            : string.Create(Ci, $"the site cap binds: {bound.Method}; upper bound {bound.UpperBoundUsd:#,0} USD, gap {bound.GapUsd:#,0} USD ({bound.GapPct ?? 0:0.##} %)");

        var inputs = new List<KeyValuePair<string, string>>(setup.Inputs)
        {
            new("Fleet", string.Join("; ", fr.MeritOrder.Select(t => string.Create(Ci,
                $"{t.Count:#,0} x {t.Model.Name} ({t.Model.TerahashPerSecond:0.#} TH/s, {t.Model.Watts:#,0} W, {t.Model.Efficiency.Value:0.##} W/TH) = {t.Mw:0.###} MW")))),
            new("Site cap", fleet.SiteCapMw is { } cap ? string.Create(Ci, $"{cap:0.###} MW (available {fr.AvailableMw:0.###} MW of whole machines)") : "none (nameplate)"),
            new("Fleet dispatch", asDayAhead is not null
                ? "as-day-ahead: the whole site's AS offers are chosen at the day-ahead market close (10:00 CPT the day before) on the day-ahead energy price, the hashprice known then and the DAM MCPC, " +
                  "the least efficient running machines offered first; in real time the site runs the MW worth most net of the penalty of awards left uncovered, most efficient machines first; restart costs are charged per model"
                : $"each model runs {setup.Strategy.Name} as its own site; the site cap then limits the sum, most efficient machines first; restart costs are charged per model"),
            new("Minimum margin", string.Create(Ci, $"{commercials.MinProfitUsdPerMWh:0.####} $/MWh (--min-profit {s.MinProfitUsdPerHour:0.##} $/h over {fr.AvailableMw:0.###} MW)")),
            new("Optimum", optimumNote),
        };
        if (fourCp.Avoidance is not null) inputs.Add(new("4CP avoidance", fourCp.DescribeAvoidance("the whole fleet")));
        var benchmarks = r.Strategy == OptimalStrategy.StrategyName ? [] : new List<BacktestResult> { optimum };
        var model = new BacktestRun(r, new RunInfo("", [], []), benchmarks)
        {
            Comparison = ComparisonSection.From(comparison.Totals, RunDescription.Constraints(setup.Constraints) + " (per model)"),
            Fleet = fr,
        };

        double adder = s.Adder;
        var profile = SiteLoadProfile.FromFleet(market, fr, adder);
        var fourCpBase = fourCp.Avoidance is null ? profile : SiteLoadProfile.FromFleet(market, SiteBacktester.Run(market, site, planned, Clock), adder);
        (SiteLoadProfile, string)? optimumProfile = benchmarks.Count > 0 ? (SiteLoadProfile.FromFleet(market, comparison.Optimal.Fleet, adder), optimumSees) : null;
        var alwaysOnProfile = SiteLoadProfile.FleetAlwaysOn(market, fr, adder);
        model = ContractSections.Apply(model, inputs, market, settle.Contracts, settle.Basis, settle.HashpriceFile, fourCp, profile, alwaysOnProfile, fourCpBase,
            optimumProfile);
        model = LateDecision.Add(model, market, site, setup.Strategy, strategy, setup, settle.Contracts, fourCp, adder);
        if (ancillary is not null)
        {
            // as-day-ahead: its awards settled on the MW the site ran (after any 4CP avoidance), beside the plain
            // day-ahead schedule as the energy-only dispatch; any other strategy offers what it runs.
            var strategyAs = asDayAhead is not null
                ? asDayAhead.Settle(market, asDayAhead.PlanFor(market), profile.MwConsumed)
                : ancillary.Book(r.Strategy, profile.MwConsumed);
            var energyOnly = (model.SiteTotal!.Strategy, profile);
            if (asDayAhead is not null)
            {
                var plain = SiteBacktester.Run(market, site, setup.Strategy, Clock);
                var plainProfile = SiteLoadProfile.FromFleet(market, plain, adder);
                double restart = SiteComparison.Measure(plain, site, setup.Constraints).Switching.RestartCostUsd;
                energyOnly = (AncillaryRun.EnergyOnlyLine(model.SiteTotal.Strategy, plain.Result, restart, plainProfile, settle.Contracts, fourCp), plainProfile);
            }
            model = ancillary.Apply(model, strategyAs, energyOnly, profile, alwaysOnProfile, optimumProfile?.Item1, s.PoolFee, inputs);
        }
        if (market.DayAheadPriceUsdPerMWh is not null)
        {
            var dayAheadMw = FleetDayAhead.ScheduleMw(market, fleet, commercials, Clock);
            model = model with { TwoSettlement = TwoSettlement.Settle(profile, dayAheadMw) };
            inputs.Add(new("Day-ahead schedule", "merit order at the day-ahead prices, hashprice as known at the day-ahead market close (10:00 CPT the day before); deviations settle at real time"));
        }
        if (market.IntervalHours < 1.0) inputs.Add(ResolutionComparison.Line(market, site, strategy, r.Summary));
        return new DispatchOutcome(model, inputs);
    }
}
