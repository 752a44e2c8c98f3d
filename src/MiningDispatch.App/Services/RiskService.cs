using MiningDispatch.App.Pipeline;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Time;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>risk</c>: the backtest, then the distribution of its monthly profit (VaR/CVaR) and a Monte Carlo by block
/// bootstrap of the joint price and hashprice history with a fixed seed. With <c>--as-prices</c> (a single-model site or
/// a fleet) the monthly profits include the AS income and the Monte Carlo bootstraps the AS prices jointly with the energy
/// prices and hashprice from the same hours.
/// </summary>
public sealed class RiskService(IRunObserver observer)
{
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    public async Task<BacktestRun> RunAsync(RiskRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool withAs = request.Backtest.Contracts.Ancillary is not null;
        var p = await new BacktestService(_observer).PrepareAsync(request.Backtest, ct);
        var outcome = BacktestService.Dispatch(p);
        var result = outcome.Model.Result;
        double[] extra = [.. request.ExtraLevels];

        // With AS, each month's profit includes the strategy's AS income (capacity − deployments − penalties).
        var asMonths = outcome.Model.AncillaryServices?.Monthly.ToDictionary(x => (x.Year, x.Month), x => x.AsCapacityUsdByProduct.Sum() - x.AsDeploymentAndPenaltyUsd);
        var months = RiskMetrics.MonthlyProfitsUsd(result, MarketClock.Ercot, completeMonthsOnly: true,
            asMonths is null ? null : (y, mo) => asMonths.GetValueOrDefault((y, mo)));
        RiskSummary? historical = months.Length > 0 ? RiskMetrics.HistoricalMonthly(months, extra) : null;
        if (historical is null) _observer.Warn("The backtest has no complete market month: no historical monthly VaR.");
        else if (!historical.TailMeaningful)
        {
            _observer.Note($"Historical monthly VaR/CVaR are not meaningful with {months.Length} complete months (fewer than {RiskMetrics.MinMonthsForTail}); see the Monte Carlo instead.");
        }
        MonteCarloResult? mc = null;
        var m = request.MonteCarlo;
        if (m.Paths > 0)
        {
            var options = new MonteCarloOptions(m.Paths, m.Seed, m.BlockDays, request.HorizonDays) { ExtraLevels = extra, MaxDegreeOfParallelism = 2 };
            var strategy = p.Request.Strategy.Strategy;
            var asSite = !withAs ? null : p.Site is { } one ? SiteModel.FromSite(one) : FleetRun.Model(p.Request.Site);
            var ancillary = asSite is null ? null : AncillaryRun.From(p.Request.Contracts, p.Market, asSite, asSite.Problems(p.Market));
            try
            {
                mc = ancillary is not null && p.Site is not null
                ? _observer.RunStep($"Simulating {m.Paths:N0} paths with AS prices", _ => MonteCarloEngine.Run(p.Market, p.Site, options, ancillary.Strategy(strategy, singleSite: true),
                    MarketClock.Ercot, ancillary.Market, ancillary.Offer, ct))
                : ancillary is not null
                ? _observer.RunStep($"Simulating {m.Paths:N0} paths of the fleet with AS prices", _ => MonteCarloEngine.Run(p.Market, asSite!, options,
                    ancillary.FleetStrategy(strategy, asSite!) ?? strategy, MarketClock.Ercot, ancillary.Market, ancillary.Offer, ct))
                : p.Site is { } single
                ? _observer.RunStep($"Simulating {m.Paths:N0} paths", _ => MonteCarloEngine.Run(p.Market, single, options, strategy, MarketClock.Ercot, ct))
                : _observer.RunStep($"Simulating {m.Paths:N0} paths of the fleet",
                    _ => MonteCarloEngine.Run(p.Market, FleetRun.Model(p.Request.Site), options, strategy, MarketClock.Ercot, ct));
            }
            catch (InsufficientHistoryException ex)
            {
                throw MonteCarloHistory.Explain(ex, "--start/--end");
            }
        }
        var info = RunDescription.Info(p, "risk", outcome.Inputs.Concat(mc is null ? [] :
        [
            new KeyValuePair<string, string>("Monte Carlo", $"{mc.Options.Paths:N0} paths, seed {mc.Options.Seed}, {mc.Options.BlockDays}-day blocks of joint price and hashprice history, " +
                $"hashprice carried into each simulated day's halving epoch by the subsidy ratio (x0.5 per halving; {EpochNote(mc)}), " +
                $"{mc.Options.HorizonDays} days from {mc.StartDay:yyyy-MM-dd}, seasonal window ±{mc.Options.SeasonalWindowDays} days, same weekday" +
                (mc.PathAncillaryIncomeUsd is null ? "" : "; AS prices (and deployments) from the same history hours as the energy prices, AS income inside path and always-on profit")),
        ]));
        if (outcome.Model.AncillaryServices?.Quality is { } asQuality) info = info with { DataQuality = [.. info.DataQuality, asQuality] };
        return outcome.Model with { Info = info, Risk = new RiskSection(historical, months, mc) };
    }

    /// <summary>The last dated halving, and whether the horizon reaches the next one, which has no date yet.</summary>
    private static string EpochNote(MonteCarloResult mc) => mc.EndDay >= new DateOnly(2028, 4, 1)
        ? $"last halving {HalvingSchedule.HalvingsUtc[^1]:yyyy-MM-dd}; the horizon runs past April 2028, when the next halving is expected but not dated, and is not rescaled for it"
        : $"last halving {HalvingSchedule.HalvingsUtc[^1]:yyyy-MM-dd}";
}
