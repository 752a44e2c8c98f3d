using System.Globalization;
using MiningDispatch.App.Pipeline;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Forward;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>forecast</c>: shapes a monthly block forward curve to hours with the historical hourly shape, adds a hashprice
/// path and runs the same dispatch (strategy, fleet, PPA, DR, 4CP calendar) over the forward period, optionally with a
/// Monte Carlo of bootstrapped historical days rescaled to the forward block prices.
/// </summary>
public sealed class ForecastService(IRunObserver observer)
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    public BacktestRun Run(ForecastRequest s, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Strategy.NeedsDayAhead)
            throw new SettingsException($"--strategy {s.Strategy.Strategy.Name} needs day-ahead prices, which a forward curve does not give; use one of " +
                $"{string.Join(", ", StrategyRegistry.All.Where(d => !d.NeedsDayAheadPrices).Select(d => d.Name))}.");

        ForwardCurve fc;
        try { fc = ForwardCurveCsvLoader.Load(s.Curve); }
        catch (ArgumentException ex) { throw new SettingsException($"{s.Curve}: {ex.Message}"); }
        var first = fc.Prices[0];
        var startMonth = s.StartMonth is { } st ? new DateOnly(st.Year, st.Month, 1) : new DateOnly(first.Year, first.Month, 1);
        var last = fc.Prices[^1];
        int curveMonths = (last.Year - startMonth.Year) * 12 + last.Month - startMonth.Month + 1;
        int n = s.Months ?? curveMonths;
        if (n < 1) throw new SettingsException($"--start {startMonth:yyyy-MM} is after the curve's last month {last.Year:D4}-{last.Month:D2}.");
        var hours = ForwardScenario.MonthHours(Clock, startMonth.Year, startMonth.Month, n);
        var hp = HashpricePathSpec.Parse(s.HashpricePath, s.HashpriceUnit);

        var hist = _observer.Load("Loading price history", progress => PriceLoader.Load(s.History, new PriceQuery(s.SettlementPoint, s.PriceMarket, Rules: s.PriceRules), progress, ct));
        if (hist.Count == 0) throw new SettingsException($"No {s.SettlementPoint} prices in {string.Join(", ", s.History)} for the hourly shape.");
        ShapedCurve shaped;
        try { shaped = HourlyShaper.ShapeDetailed(fc, hist.HoursUtc, hist.PriceUsdPerMWh, hours, Clock); }
        catch (KeyNotFoundException ex) { throw new SettingsException(ex.Message + $" Shorten --months or start later (--start {startMonth:yyyy-MM}, --months {n})."); }
        var market = new MarketSeries(hours, shaped.PriceUsdPerMWh, hp.Evaluate(hours), 1.0, null, fc.SettlementPoint.Length > 0 ? fc.SettlementPoint : hist.SettlementPoint, ForwardScenario.MarketName);
        _observer.Phase("compute");

        SiteSpec? siteSpec = null;
        DispatchOutcome outcome;
        var settle = SettlementInputs.Without(s.Contracts);
        if (s.Site.Fleet is not null) outcome = FleetRun.Run(market, s.Site, s.Strategy, settle);
        else
        {
            siteSpec = s.Site.ToSiteSpec();
            outcome = DispatchRun.Run(market, siteSpec, s.Strategy, settle);
        }

        RiskSection? risk = null;
        string? mcHashprice = null;
        if (s.MonteCarlo is { Paths: > 0 } m)
        {
            var histSeries = new MarketSeries(hist.HoursUtc, hist.PriceUsdPerMWh, new double[hist.Count], 1.0, null, hist.SettlementPoint, hist.Market.ToString());
            int days = startMonth.AddMonths(n).DayNumber - startMonth.DayNumber;
            var shocks = HashpriceShocksFrom(s);
            if (shocks is null)
                _observer.Warn("The forward Monte Carlo has no hashprice history: every path uses the hashprice path as given, so its spread and chance of a loss leave out hashprice risk.");
            var options = new MonteCarloOptions(m.Paths, m.Seed, m.BlockDays, days)
            {
                StartDay = startMonth,
                MaxDegreeOfParallelism = 2,
                ForwardHashpriceShocks = shocks,
            };
            MonteCarloResult mc;
            var forwardAs = AncillaryRun.Forward(s.Contracts, market.IntervalHours);
            try
            {
                mc = (siteSpec, forwardAs) switch
                {
                    ({ } one, { } a) => _observer.RunStep($"Simulating {m.Paths:N0} forward paths with AS at the given prices",
                        _ => MonteCarloEngine.RunForwardWithAncillary(histSeries, one, options, fc, hp.Evaluate, a.PricesOn, a.Offer, s.Strategy.Strategy, Clock, ct)),
                    (null, { } a) => _observer.RunStep($"Simulating {m.Paths:N0} forward paths of the fleet with AS at the given prices",
                        _ => MonteCarloEngine.RunForwardWithAncillary(histSeries, FleetRun.Model(s.Site), options, fc, hp.Evaluate, a.PricesOn, a.Offer, s.Strategy.Strategy, Clock, ct)),
                    ({ } one, null) => _observer.RunStep($"Simulating {m.Paths:N0} forward paths",
                        _ => MonteCarloEngine.RunForward(histSeries, one, options, fc, hp.Evaluate, null, s.Strategy.Strategy, Clock, ct)),
                    _ => _observer.RunStep($"Simulating {m.Paths:N0} forward paths of the fleet",
                        _ => MonteCarloEngine.RunForward(histSeries, FleetRun.Model(s.Site), options, fc, hp.Evaluate, null, s.Strategy.Strategy, Clock, ct)),
                };
            }
            catch (InsufficientHistoryException ex)
            {
                throw MonteCarloHistory.Explain(ex, "--history");
            }
            risk = new RiskSection(null, [], mc);
            mcHashprice = shocks is null ? "the hashprice path as given on every path (no hashprice risk)" : shocks.Description;
        }

        string title = $"MiningDispatch forecast: {market.SettlementPoint} forward, {startMonth:yyyy-MM} to {startMonth.AddMonths(n - 1):yyyy-MM}";
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("Forward period (market months, CPT)", $"{startMonth:yyyy-MM} to {startMonth.AddMonths(n - 1):yyyy-MM} ({n} months, {hours.Length:N0} hours)"),
            new("Forward curve", $"{Path.GetFileName(s.Curve)} ({fc.Prices.Count} block prices{(fc.SettlementPoint.Length > 0 ? ", " + fc.SettlementPoint : "")})"),
            new("Hourly shape", $"{hist.SettlementPoint} {RunDescription.MarketLabel(hist.Market)} history, {string.Join("; ", hist.Files.Select(Path.GetFileName))}: each hour's ratio to its block's mean in the same calendar month, rescaled so every block keeps its forward price"),
            new("Hashprice path", hp.Description),
        };
        if (mcHashprice is not null) inputs.Add(new("Monte Carlo hashprice", mcHashprice));
        if (risk?.MonteCarlo is { PathAncillaryIncomeUsd: not null })
            inputs.Add(new("Monte Carlo AS", "the flat AS prices as given (--as-price) on every path, not scaled with the path's energy prices; each path's schedule is credited the awards its running MW allow, as is always-on"));
        if (siteSpec is not null)
        {
            inputs.Add(new("Facility size", siteSpec.Capacity.Value.ToString("0.###", Ci) + " MW"));
            inputs.Add(new("Efficiency", siteSpec.Efficiency.Value.ToString("0.###", Ci) + " W/TH"));
        }
        inputs.AddRange(RunDescription.Commercials(s.Site));
        if (siteSpec is not null) inputs.AddRange(s.Strategy.Inputs);
        inputs.AddRange(outcome.Inputs);
        var info = new RunInfo(title, inputs, [hist.Quality]);
        return outcome.Model with
        {
            Info = info,
            Forecast = new ForecastSection(Path.GetFileName(s.Curve), hp.Description, $"{hist.SettlementPoint} {string.Join("; ", hist.Files.Select(Path.GetFileName))}", shaped.Blocks),
            Risk = risk,
        };
    }

    /// <summary>The forward Monte Carlo's hashprice model from <see cref="ForecastRequest.HashpriceHistory"/>, or null without one.</summary>
    private HashpriceShocks? HashpriceShocksFrom(ForecastRequest s)
    {
        if (s.HashpriceHistory is not { } file) return null;
        HashpriceSeries series;
        try { series = _observer.Load("Loading hashprice history", _ => HashpriceCsvLoader.Load(file, s.HashpriceUnit)); }
        catch (FormatException ex) { throw new SettingsException($"--hashprice {file}: {ex.Message}"); }
        if (series.Bucket != TimeSpan.FromDays(1))
            throw new SettingsException($"--hashprice {file}: the Monte Carlo's hashprice model needs a daily series (this one is every {series.Bucket.TotalHours.ToString("0.##", Ci)} h).");
        try { return HashpriceShocks.FromDaily(series.Points.Select(p => p.TimestampUtc).ToArray(), series.Points.Select(p => p.UsdPerThDay).ToArray()); }
        catch (ArgumentException ex) { throw new SettingsException($"--hashprice {file}: {ex.Message}"); }
    }
}
