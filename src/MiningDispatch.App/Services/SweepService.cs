using System.Globalization;
using MiningDispatch.App.Pipeline;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>sweep</c>: the threshold rule over every combination of efficiency, hashprice multiplier, power price adder and
/// minimum profit on the same hours; the base scenario (the middle of each axis) beside always-on and the optimum,
/// top scenarios, tornado, profit heat map and breakeven surface. With a fleet, any strategy on the whole site over
/// site cap × hashprice multiplier × adder × minimum profit (<see cref="FleetSweep"/>).
/// </summary>
public sealed class SweepService(IRunObserver observer)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    /// <summary>Runs the sweep. The backtest request's efficiency, adder and minimum profit are replaced by the axes' middle values.</summary>
    public async Task<BacktestRun> RunAsync(SweepRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Backtest.Site.Fleet is not null) return await RunFleetAsync(request, ct);
        if (request.SiteCapsMw is not null) throw new SettingsException("sweep: the site-cap axis (--site-cap-range) needs a fleet (--fleet).");
        double[] effs = request.Efficiencies, mults = request.HashpriceMultipliers, adders = request.Adders, mins = request.MinProfits;
        var spec = new SweepSpec(effs, mults, adders, mins);
        spec.Validate();
        // Base scenario: the middle value of each axis (hashprice as given), which is also the tornado's centre.
        static double Mid(double[] a) => a[(a.Length - 1) / 2];
        var backtest = request.Backtest with
        {
            Site = request.Backtest.Site with { Efficiency = Mid(effs), Adder = Mid(adders), MinProfitUsdPerHour = Mid(mins) },
        };
        var p = await new BacktestService(_observer).PrepareAsync(backtest, ct);
        var site = p.Site!;

        var result = _observer.RunStep($"Running {spec.Count:N0} scenarios", _ => SweepEngine.Run(p.Market, site, spec, maxDegreeOfParallelism: 2, cancellationToken: ct));
        var basePoint = SweepEngine.BasePoint(site);
        var ranges = new List<TornadoRange>();
        if (effs.Length > 1) ranges.Add(new(SweepParameter.Efficiency, effs.Min(), effs.Max()));
        if (mults.Length > 1) ranges.Add(new(SweepParameter.HashpriceMultiplier, mults.Min(), mults.Max()));
        if (adders.Length > 1) ranges.Add(new(SweepParameter.PriceAdder, adders.Min(), adders.Max()));
        if (mins.Length > 1) ranges.Add(new(SweepParameter.MinProfit, mins.Min(), mins.Max()));
        var tornado = SweepEngine.Tornado(p.Market, site, ranges.Count > 0 ? ranges : null);
        ProfitGrid? grid = effs.Length > 1 && mults.Length > 1
            ? SweepEngine.Grid(p.Market, site, SweepParameter.Efficiency, effs, SweepParameter.HashpriceMultiplier, mults)
            : null;
        double meanHpPh = MiningEconomics.PerThDayToPerPhDay(p.Market.HashpriceUsdPerThDay.Average());
        double[] surfaceMults = mults.Length > 1 ? mults : [0.5, 0.75, 1, 1.25, 1.5];
        double[] surfaceEffs = effs.Length > 1 ? effs : [15, 17.5, 20, 22.5, 25, 30, 35];
        var breakeven = BreakevenSurfaces.PowerPrice(surfaceEffs, surfaceMults.Select(m => Math.Round(meanHpPh * m, 2)).ToArray(), site.PoolFee);
        var best = result.Scenarios.OrderByDescending(x => x.ProfitUsd).Take(request.Top).ToList();

        // The base scenario as a backtest would show it: beside always-on and the perfect-foresight optimum.
        var baseOutcome = BacktestService.Dispatch(p);
        var info = RunDescription.Info(p, "sweep",
        [
            .. baseOutcome.Inputs,
            new("Sweep axes", $"efficiency {Axis(effs)} W/TH; hashprice x {Axis(mults)}; adder {Axis(adders)} $/MWh; min profit {Axis(mins)} $/h ({spec.Count:N0} scenarios)"),
            new("Base scenario (report, tornado centre)", $"{basePoint.EfficiencyWPerTh.ToString("0.##", Ci)} W/TH, hashprice x1, adder {basePoint.PriceAdderUsdPerMWh.ToString("0.##", Ci)} $/MWh, min profit {basePoint.MinProfitUsdPerHour.ToString("0.##", Ci)} $/h"),
            new("Breakeven surface hashprice", $"mean hashprice of the period {meanHpPh.ToString("0.00", Ci)} $/PH/day x the multipliers"),
        ]);
        return baseOutcome.Model with
        {
            Info = info,
            Sweep = new SweepSection(result, basePoint, tornado, grid, breakeven, best),
        };
    }

    /// <summary>The fleet sweep: the request's strategy on the whole site over site cap × multiplier × adder × minimum profit.</summary>
    private async Task<BacktestRun> RunFleetAsync(SweepRequest request, CancellationToken ct)
    {
        if (request.Efficiencies.Length > 0)
            throw new SettingsException("sweep --fleet: the efficiency axis (--efficiency) is not available with a fleet; each model has its own W/TH. " +
                "Remove --efficiency (or efficiencyRange in the config), or sweep a single site without --fleet.");
        if (!request.Backtest.Strategy.Constraints.IsUnconstrained)
            throw new SettingsException("sweep --fleet runs the strategy without switching constraints; --min-up, --min-down and --restart-cost are not available here.");
        var fleetRequest = request.Backtest.Site.Fleet!;
        double[] caps = request.SiteCapsMw?.ToArray() ?? [fleetRequest.SiteCapMw ?? double.PositiveInfinity];
        double[] mults = request.HashpriceMultipliers, adders = request.Adders, mins = request.MinProfits;
        var spec = new FleetSweepSpec(caps, mults, adders, mins);
        try
        {
            spec.Validate();
        }
        catch (ArgumentException e)
        {
            throw new SettingsException($"sweep --fleet: {e.Message}");
        }
        static double Mid(double[] a) => a[(a.Length - 1) / 2];
        double baseCap = Mid(caps);
        // Base scenario: the middle value of each axis (hashprice as given), which is also the tornado's centre.
        var backtest = request.Backtest with
        {
            Site = request.Backtest.Site with
            {
                Adder = Mid(adders),
                MinProfitUsdPerHour = Mid(mins),
                Fleet = fleetRequest with { SiteCapMw = double.IsPositiveInfinity(baseCap) ? null : baseCap },
            },
        };
        var p = await new BacktestService(_observer).PrepareAsync(backtest, ct);
        var site = FleetRun.Model(backtest.Site);
        var strategy = p.Request.Strategy.Strategy;

        var result = _observer.RunStep($"Running {spec.Count:N0} scenarios of the fleet", _ => FleetSweep.Run(p.Market, site, spec, strategy, maxDegreeOfParallelism: 2, cancellationToken: ct));
        var ranges = new List<TornadoRange>();
        if (caps.Length > 1) ranges.Add(new(SweepParameter.SiteCap, caps.Min(), caps.Max()));
        if (mults.Length > 1) ranges.Add(new(SweepParameter.HashpriceMultiplier, mults.Min(), mults.Max()));
        if (adders.Length > 1) ranges.Add(new(SweepParameter.PriceAdder, adders.Min(), adders.Max()));
        if (mins.Length > 1) ranges.Add(new(SweepParameter.MinProfit, mins.Min(), mins.Max()));
        if (ranges.Count == 0)
            ranges.AddRange([new(SweepParameter.HashpriceMultiplier, 0.75, 1.25), new(SweepParameter.PriceAdder, Mid(adders) - 5, Mid(adders) + 5)]);
        var tornado = FleetSweep.Tornado(p.Market, site, FleetSweep.Point(baseCap, 1, Mid(adders), Mid(mins)), ranges, strategy, maxDegreeOfParallelism: 2);
        var basePoint = tornado.Base.Point;
        ProfitGrid? grid = caps.Length > 1 && mults.Length > 1
            ? FleetSweep.Grid(p.Market, site, basePoint, SweepParameter.SiteCap, caps, SweepParameter.HashpriceMultiplier, mults, strategy, maxDegreeOfParallelism: 2)
            : null;
        double meanHpPh = MiningEconomics.PerThDayToPerPhDay(p.Market.HashpriceUsdPerThDay.Average());
        double[] surfaceMults = mults.Length > 1 ? mults : [0.5, 0.75, 1, 1.25, 1.5];
        double[] modelEffs = site.MeritOrder.Select(t => t.Model.Efficiency.Value).Distinct().Order().ToArray();
        var breakeven = BreakevenSurfaces.PowerPrice(modelEffs, surfaceMults.Select(m => Math.Round(meanHpPh * m, 2)).ToArray(), site.Commercials.PoolFee);
        var best = result.Scenarios.OrderByDescending(x => x.ProfitUsd).Take(request.Top).ToList();

        var baseOutcome = BacktestService.Dispatch(p);
        var info = RunDescription.Info(p, "sweep",
        [
            .. baseOutcome.Inputs,
            new("Sweep axes", $"site cap {CapAxis(caps)} MW; hashprice x {Axis(mults)}; adder {Axis(adders)} $/MWh; min profit {Axis(mins)} $/h ({spec.Count:N0} scenarios)"),
            new("Sweep strategy", $"{strategy.Name} on every model, the site cap filled in merit order (most efficient machines first); min profit in $/h over the MW each cap leaves"),
            new("Base scenario (report, tornado centre)", $"site cap {Cap(baseCap)} MW ({basePoint.EfficiencyWPerTh.ToString("0.##", Ci)} W/TH of the machines under it), hashprice x1, " +
                $"adder {basePoint.PriceAdderUsdPerMWh.ToString("0.##", Ci)} $/MWh, min profit {basePoint.MinProfitUsdPerHour.ToString("0.##", Ci)} $/h"),
            new("Breakeven surface hashprice", $"mean hashprice of the period {meanHpPh.ToString("0.00", Ci)} $/PH/day x the multipliers, one row per model's W/TH"),
        ]);
        return baseOutcome.Model with
        {
            Info = info,
            Sweep = new SweepSection(result, basePoint, tornado, grid, breakeven, best),
        };
    }

    private static string Cap(double mw) => double.IsPositiveInfinity(mw) ? "none" : mw.ToString("0.###", Ci);

    private static string CapAxis(double[] a) => a.Length == 1 ? Cap(a[0]) : $"{Cap(a[0])}..{Cap(a[^1])} ({a.Length} values)";

    private static string Axis(double[] a) => a.Length == 1 ? a[0].ToString("0.###", Ci)
        : $"{a[0].ToString("0.###", Ci)}..{a[^1].ToString("0.###", Ci)} ({a.Length} values)";
}
