using System.Globalization;
using MiningDispatch.Cli.Commands.Inputs;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.SystemLoad;
using MiningDispatch.Reports;
using MiningDispatch.Reports.Sections;

namespace MiningDispatch.Cli.Commands.Pipeline;

/// <summary>What a dispatch run produced: the report model (without run info yet) and lines for the inputs table.</summary>
internal sealed record DispatchOutcome(ReportModel Model, IReadOnlyList<KeyValuePair<string, string>> Inputs);

/// <summary>
/// Runs a single-model site: the strategy beside always-on and the perfect-foresight optimum (StrategyComparison),
/// then settles the schedule under the optional PPA, 4CP charge, demand-response income, basis and DA/RT settlement.
/// </summary>
internal static class DispatchRun
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Label of the basis point's companion series.</summary>
    public static string BasisLabel(string point) => $"prices at basis point {point}";
    public const string DayAheadLabel = "day-ahead prices";

    public static DispatchOutcome Run(MarketSeries market, SiteSpec site, StrategySetup setup, BacktestSettings s, IReadOnlyDictionary<string, double[]> companions)
    {
        var inputs = new List<KeyValuePair<string, string>>();
        IDispatchStrategy strategy = setup.Strategy;

        // 4CP avoidance wraps the chosen strategy.
        SystemLoad? load = null;
        var window = FourCpWindowRule.Default;
        if (s.FourCpRate is not null)
        {
            if (s.SystemLoad is { } loadPath) load = SystemLoadCsvLoader.Load(loadPath);
            if (s.Avoid4cp == true)
            {
                var avoidance = load is null ? FourCpAvoidance.Calendar(window) : FourCpAvoidance.LoadThreshold(load, s.FourCpLoadFraction ?? 0.95, window);
                strategy = new FourCpStrategy(strategy, avoidance, Clock);
                inputs.Add(new("4CP avoidance", "curtail when " + avoidance.Describe() + " (weekdays Jun-Sep, 15:00-17:30 CPT)"));
            }
        }

        var comparison = StrategyComparison.Run(market, site, strategy, setup.Constraints, Clock);
        var result = comparison.Strategy.Result;
        var benchmarks = result.Strategy == "optimal" ? [] : new List<BacktestResult> { comparison.Optimal.Result };
        var problem = new DispatchProblem(market, site);
        var model = new ReportModel(result, new RunInfo("", [], []), benchmarks)
        {
            Comparison = ComparisonSection.From(comparison, StrategySetup.Describe(setup.Constraints)),
        };

        // BTC price, demand response, PPA.
        var btc = BtcPriceSource.Resolve(s, market);
        if (btc is { } b) inputs.Add(new("BTC price", b.Source));
        AncillaryCapacityContract? dr = s.DrPrice is { } drPrice
            ? new AncillaryCapacityContract { PriceUsdPerMwHour = drPrice, MinimumLoadMw = s.DrMinLoad ?? 0, Name = "Demand response / ancillary capacity" }
            : null;
        if (dr is not null)
            inputs.Add(new("Demand response", string.Create(Ci, $"${dr.PriceUsdPerMwHour:0.##}/MW-h for running MW above {dr.MinimumLoadMw:0.##} MW")));
        double[]? basisPrices = s.BasisPoint is { } bp ? companions[BasisLabel(bp)] : null;
        if (s.Ppa is { } ppaPath)
        {
            var contract = PpaInput.Load(ppaPath);
            bool atHub = string.Equals(s.SettleAt, "hub", StringComparison.OrdinalIgnoreCase);
            var options = new PpaSettlementOptions
            {
                Clock = Clock,
                HubPriceUsdPerMWh = atHub ? basisPrices : null,
                Btc = btc is { } bb ? BtcPriceInput.FromUsdPerBtc(bb.UsdPerBtc) : null,
                Ancillary = dr,
            };
            var settled = PpaSettlement.Settle(problem, result.Run, contract, options);
            model = model with { Contract = settled, Ancillary = settled.Ancillary };
            inputs.Add(new("PPA", $"{contract.Name} ({Path.GetFileName(ppaPath)}): " + string.Join("; ", contract.Tranches.Select(t =>
                string.Create(Ci, $"{t.Label} {t.FirstDay:yyyy-MM-dd}..{t.LastDay:yyyy-MM-dd}")))));
            inputs.Add(new("PPA settlement", atHub ? $"contract energy at {s.BasisPoint}, site at {market.SettlementPoint} (take-or-pay, sell-back)" : $"at {market.SettlementPoint} (take-or-pay, sell-back)"));
        }
        else
        {
            if (dr is not null) model = model with { Ancillary = AncillaryCapacity.Compute(problem, result.Run, dr, Clock) };
            if (btc is { } bb)
            {
                double mined = 0;
                for (int t = 0; t < result.Revenue.Length; t++) mined += result.Revenue[t] / bb.UsdPerBtc[t];
                model = model with { Btc = new BtcSection(mined, result.Summary.PowerCostUsd, bb.Source) };
            }
        }

        // 4CP charge.
        if (s.FourCpRate is { } rate)
        {
            double[] avoidRun = result.Run;
            double[] baseRun = avoidRun;
            if (strategy is FourCpStrategy fcp)
            {
                baseRun = new double[market.Count];
                fcp.Inner.Dispatch(problem, baseRun);
            }
            var fourCp = load is null
                ? FourCpReport.CalendarWorstCase(problem, baseRun, avoidRun, window, rate, Clock)
                : FourCpReport.AtPeaks(problem, baseRun, avoidRun, CoincidentPeaks.FromSystemLoad(load, Clock), rate, Clock, $"system load ({load.Source})");
            model = model with { FourCp = fourCp };
            inputs.Add(new("4CP rate", string.Create(Ci, $"${rate:0.##}/kW-yr; peaks: {fourCp.PeakBasis}")));
        }

        // Basis against a second settlement point.
        if (basisPrices is not null)
        {
            model = model with
            {
                Basis = BasisSettlement.Compare(market.StartsUtc, basisPrices, market.PriceUsdPerMWh, result.Run, site.Capacity.Value, market.IntervalHours,
                    s.BasisPoint!, market.SettlementPoint),
            };
        }

        // Day-ahead versus real-time settlement: buy the day-ahead schedule in the DAM, deviate in real time.
        if (market.DayAheadPriceUsdPerMWh is not null)
        {
            var daRun = new double[market.Count];
            new DayAheadStrategy(Clock).Dispatch(problem, daRun);
            model = model with { TwoSettlement = TwoSettlement.Settle(problem, daRun, result.Run) };
        }
        return new DispatchOutcome(model, inputs);
    }
}
