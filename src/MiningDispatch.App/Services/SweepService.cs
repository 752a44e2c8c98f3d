using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>sweep</c>: the threshold rule over every combination of efficiency, hashprice multiplier, power price adder and
/// minimum profit on the same hours; the base scenario (the middle of each axis) beside always-on and the optimum,
/// top scenarios, tornado, profit heat map and breakeven surface.
/// </summary>
public sealed class SweepService(IRunObserver observer)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly IRunObserver _observer = observer ?? throw new ArgumentNullException(nameof(observer));

    /// <summary>Runs the sweep. The backtest request's efficiency, adder and minimum profit are replaced by the axes' middle values.</summary>
    public async Task<BacktestRun> RunAsync(SweepRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Backtest.Site.Fleet is not null)
            throw new SettingsException("sweep runs the threshold rule on a single-model site; --fleet and other strategies are not available here.");
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

        var result = _observer.RunStep($"Running {spec.Count:N0} scenarios", _ => SweepEngine.Run(p.Market, site, spec, maxDegreeOfParallelism: 2));
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

    private static string Axis(double[] a) => a.Length == 1 ? a[0].ToString("0.###", Ci)
        : $"{a[0].ToString("0.###", Ci)}..{a[^1].ToString("0.###", Ci)} ({a.Length} values)";
}
