using MiningDispatch.App.Pipeline;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;

namespace MiningDispatch.App.Services;

/// <summary>A request checked and its market data loaded, ready to dispatch.</summary>
/// <param name="Request">The request.</param>
/// <param name="Loaded">Prices and hashprice on the backtest intervals, with their sources and data quality.</param>
/// <param name="Market">The market series (with day-ahead prices when loaded).</param>
/// <param name="Site">The single-model site; null for a mixed fleet.</param>
internal sealed record PreparedRun(BacktestRequest Request, LoadedMarket Loaded, MarketSeries Market, SiteSpec? Site)
{
    /// <summary>What the schedule is settled under: contracts, the hashprice CSV (BTC price column), the basis point's prices.</summary>
    public SettlementInputs Settlement => new(Request.Contracts, Request.Market.Hashprice.File, Loaded.Basis);
}

/// <summary>
/// <c>backtest</c>: load prices and hashprice, align them to the intervals, dispatch beside always-on and the
/// perfect-foresight optimum, settle contracts, 4CP, DR, basis and DA/RT: one <see cref="BacktestRun"/>.
/// </summary>
public sealed class BacktestService(IRunObserver observer)
{
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    /// <summary>Runs the backtest of <paramref name="request"/>.</summary>
    /// <exception cref="SettingsException">An input the user must change (range, files, hashprice coverage).</exception>
    public async Task<BacktestRun> RunAsync(BacktestRequest request, CancellationToken ct = default)
    {
        var p = await PrepareAsync(request, ct);
        ct.ThrowIfCancellationRequested();
        var outcome = Dispatch(p);
        ct.ThrowIfCancellationRequested();
        var info = RunDescription.Info(p, "backtest", outcome.Inputs);
        if (outcome.Model.AncillaryServices?.Quality is { } asQuality) info = info with { DataQuality = [.. info.DataQuality, asQuality] };
        return outcome.Model with { Info = info };
    }

    /// <summary>Checks the site and loads the market data with day-ahead and basis prices when the request needs them.</summary>
    internal async Task<PreparedRun> PrepareAsync(BacktestRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        SiteSpec? site = request.Site.Fleet is null ? request.Site.ToSiteSpec() : null;
        if (request.UsesSampleData) _observer.Note("No data flags given: using the real sample data in data/sample (HB_WEST real-time, daily hashprice).");
        string? dayAheadNeededBy = request.Strategy.NeedsDayAhead ? request.Strategy.Strategy.Name : null;
        var loaded = await new MarketLoader(_observer).LoadAsync(request.Market, dayAheadNeededBy, ct);
        _observer.Phase("compute");
        return new PreparedRun(request, loaded, loaded.Market, site);
    }

    /// <summary>The strategy (or the fleet's merit order) beside always-on and the optimum, settled under the contracts.</summary>
    internal static DispatchOutcome Dispatch(PreparedRun p) => p.Site is null
        ? FleetRun.Run(p.Market, p.Request.Site, p.Request.Strategy, p.Settlement)
        : DispatchRun.Run(p.Market, p.Site, p.Request.Strategy, p.Settlement);
}
