using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;

namespace MiningDispatch.Core.Sweep;

/// <summary>
/// A full-factorial sweep of a fleet: every combination of site cap (outermost), hashprice multiplier, adder and
/// minimum profit (innermost). Scenario index = ((iCap × nMultiplier + iMultiplier) × nAdder + iAdder) × nMinProfit + iMinProfit.
/// </summary>
/// <param name="SiteCapsMw">Site caps, MW (<see cref="double.PositiveInfinity"/> = no cap).</param>
/// <param name="HashpriceMultipliers">Multipliers on every interval's hashprice (1 = as given).</param>
/// <param name="PriceAddersUsdPerMWh">All-in adders, $/MWh.</param>
/// <param name="MinProfitsUsdPerHour">
/// Minimum profit, $/h, read as a fleet backtest reads <c>--min-profit</c>: a margin of this ÷ the MW the cap leaves
/// (<see cref="FleetSpec.AvailableMw"/>) per MWh, for every model.
/// </param>
public sealed record FleetSweepSpec(double[] SiteCapsMw, double[] HashpriceMultipliers, double[] PriceAddersUsdPerMWh, double[] MinProfitsUsdPerHour)
{
    /// <summary>Number of scenarios (product of the axis lengths).</summary>
    public int Count => checked(SiteCapsMw.Length * HashpriceMultipliers.Length * PriceAddersUsdPerMWh.Length * MinProfitsUsdPerHour.Length);

    /// <summary>Every scenario in index order (its <see cref="SweepPoint.EfficiencyWPerTh"/> is filled in by <see cref="FleetSweep.Evaluate"/>).</summary>
    public IReadOnlyList<SweepPoint> Points()
    {
        var points = new List<SweepPoint>(Count);
        foreach (double cap in SiteCapsMw)
            foreach (double m in HashpriceMultipliers)
                foreach (double a in PriceAddersUsdPerMWh)
                    foreach (double mp in MinProfitsUsdPerHour)
                        points.Add(FleetSweep.Point(cap, m, a, mp));
        return points;
    }

    /// <summary>Checks that every axis is non-empty and every value is valid (the message names the axis and the value).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(SiteCapsMw);
        ArgumentNullException.ThrowIfNull(HashpriceMultipliers);
        ArgumentNullException.ThrowIfNull(PriceAddersUsdPerMWh);
        ArgumentNullException.ThrowIfNull(MinProfitsUsdPerHour);
        if (SiteCapsMw.Length == 0) throw new ArgumentException("The site-cap axis of the sweep is empty.");
        if (HashpriceMultipliers.Length == 0) throw new ArgumentException("The hashprice-multiplier axis of the sweep is empty.");
        if (PriceAddersUsdPerMWh.Length == 0) throw new ArgumentException("The price-adder axis of the sweep is empty.");
        if (MinProfitsUsdPerHour.Length == 0) throw new ArgumentException("The minimum-profit axis of the sweep is empty.");
        long count = (long)SiteCapsMw.Length * HashpriceMultipliers.Length * PriceAddersUsdPerMWh.Length * MinProfitsUsdPerHour.Length;
        if (count > 1_000_000) throw new ArgumentException($"The fleet sweep has {count} scenarios; the limit is 1,000,000.");
        foreach (double c in SiteCapsMw)
            if (!(c > 0)) throw new ArgumentException($"site cap must be a positive number of MW (got {c.ToString(CultureInfo.InvariantCulture)}).");
        foreach (double m in HashpriceMultipliers) new SweepPoint(20, m, 0, 0).Validate();
        foreach (double a in PriceAddersUsdPerMWh) new SweepPoint(20, 1, a, 0).Validate();
        foreach (double t in MinProfitsUsdPerHour) new SweepPoint(20, 1, 0, t).Validate();
    }
}

/// <summary>
/// Sweeps of a whole fleet with any strategy through <see cref="SiteSweep"/>, reported as <see cref="SweepScenarioResult"/>s
/// so the sweep tables, charts and files show them: each point carries its <see cref="SweepPoint.SiteCapMw"/>, and its
/// <see cref="SweepPoint.EfficiencyWPerTh"/> is the W/TH of the machines that fit under that cap (Σ W ÷ Σ TH/s, most
/// efficient first). A scenario equals a fleet backtest with that cap, adder and minimum profit on hashprice × the multiplier.
/// </summary>
public static class FleetSweep
{
    /// <summary>A fleet scenario (efficiency not yet known: NaN).</summary>
    public static SweepPoint Point(double siteCapMw, double hashpriceMultiplier, double priceAdderUsdPerMWh, double minProfitUsdPerHour)
        => new(double.NaN, hashpriceMultiplier, priceAdderUsdPerMWh, minProfitUsdPerHour) { SiteCapMw = siteCapMw };

    /// <summary>Runs every scenario of <paramref name="spec"/> (results in index order).</summary>
    public static SweepResult Run(MarketSeries market, SiteModel site, FleetSweepSpec spec, IDispatchStrategy? strategy = null, int? maxDegreeOfParallelism = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        return new SweepResult(null, Evaluate(market, site, spec.Points(), strategy, maxDegreeOfParallelism, cancellationToken), market.Count, market.IntervalHours);
    }

    /// <summary>
    /// Runs fleet scenarios (each with a <see cref="SweepPoint.SiteCapMw"/>) on <paramref name="site"/>'s fleet and
    /// commercials with <paramref name="strategy"/> (threshold by default). The points' efficiencies are ignored.
    /// </summary>
    /// <exception cref="ArgumentException">A point without a site cap, an invalid value or a cap below one machine (named).</exception>
    public static SweepScenarioResult[] Evaluate(MarketSeries market, SiteModel site, IReadOnlyList<SweepPoint> points,
        IDispatchStrategy? strategy = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(points);
        if (market.Count == 0) throw new ArgumentException("No intervals to sweep: the market series is empty.");
        var sitePoints = new SiteSweepPoint[points.Count];
        var capped = new Dictionary<double, (FleetSpec Fleet, double WattsPerTh)>();
        for (int i = 0; i < points.Count; i++)
        {
            var p = points[i];
            double cap = p.SiteCapMw ?? throw new ArgumentException($"Scenario {i}: a fleet scenario needs a site cap (use infinity for none).");
            if (!(cap > 0)) throw new ArgumentException($"Scenario {i}: site cap must be a positive number of MW (got {cap.ToString(CultureInfo.InvariantCulture)}).");
            if (!capped.TryGetValue(cap, out var f))
            {
                var fleet = site.Fleet with { SiteCapMw = double.IsPositiveInfinity(cap) ? null : cap };
                f = (fleet, double.NaN);
                capped[cap] = f;
            }
            // As a fleet backtest reads --min-profit: $/h over the MW the cap leaves.
            sitePoints[i] = new SiteSweepPoint(p.HashpriceMultiplier, p.PriceAdderUsdPerMWh, p.MinProfitUsdPerHour / f.Fleet.AvailableMw, cap);
        }
        var results = SiteSweep.Run(market, site, sitePoints, strategy, maxDegreeOfParallelism, cancellationToken);
        foreach (var cap in capped.Keys.ToList())
            capped[cap] = (capped[cap].Fleet, AvailableWattsPerTh(site.With(capped[cap].Fleet)));
        double hpMean = SweepEngine.Sum(market.HashpriceUsdPerThDay) / market.Count;
        double fee = site.Commercials.PoolFee;
        var r = new SweepScenarioResult[points.Count];
        for (int i = 0; i < r.Length; i++)
        {
            var p = points[i];
            var s = results[i];
            double eff = capped[p.SiteCapMw!.Value].WattsPerTh;
            r[i] = new SweepScenarioResult(p with { EfficiencyWPerTh = eff }, s.ProfitUsd, s.RevenueUsd, s.PowerCostUsd, s.OperatingHours, s.UptimePct,
                s.EnergyMWh, s.AlwaysOnProfitUsd, MiningEconomics.Breakeven(hpMean * p.HashpriceMultiplier, MiningEconomics.BreakevenFactor(fee, eff)));
        }
        return r;
    }

    /// <summary>Tornado: for each range, profit at its low and high value with the others at <paramref name="basePoint"/>; bars sorted by swing, largest first.</summary>
    public static TornadoResult Tornado(MarketSeries market, SiteModel site, SweepPoint basePoint, IReadOnlyList<TornadoRange> ranges,
        IDispatchStrategy? strategy = null, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        if (ranges.Count == 0) throw new ArgumentException("A tornado needs at least one parameter range.");
        if (ranges.Any(r => r.Parameter == SweepParameter.Efficiency)) throw new ArgumentException("A fleet has no single efficiency to sweep.");
        var points = new List<SweepPoint> { basePoint };
        foreach (var r in ranges)
        {
            points.Add(basePoint.With(r.Parameter, r.Low));
            points.Add(basePoint.With(r.Parameter, r.High));
        }
        return TornadoResult.From(basePoint, ranges, Evaluate(market, site, points, strategy, maxDegreeOfParallelism));
    }

    /// <summary>A 2-D grid over two parameters (e.g. site cap × hashprice multiplier) with the others at <paramref name="basePoint"/>.</summary>
    public static ProfitGrid Grid(MarketSeries market, SiteModel site, SweepPoint basePoint, SweepParameter rowParameter, double[] rowValues,
        SweepParameter columnParameter, double[] columnValues, IDispatchStrategy? strategy = null, int? maxDegreeOfParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(rowValues);
        ArgumentNullException.ThrowIfNull(columnValues);
        if (rowParameter == columnParameter) throw new ArgumentException($"The grid needs two different parameters (both are {rowParameter}).");
        if (rowParameter == SweepParameter.Efficiency || columnParameter == SweepParameter.Efficiency)
            throw new ArgumentException("A fleet has no single efficiency to sweep.");
        if (rowValues.Length == 0 || columnValues.Length == 0) throw new ArgumentException("Both grid axes need at least one value.");
        int nr = rowValues.Length, nc = columnValues.Length;
        var points = new SweepPoint[nr * nc];
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
                points[i * nc + j] = basePoint.With(rowParameter, rowValues[i]).With(columnParameter, columnValues[j]);
        return ProfitGrid.From(rowParameter, rowValues, columnParameter, columnValues, Evaluate(market, site, points, strategy, maxDegreeOfParallelism));
    }

    /// <summary>W/TH of the machines that fill the site's cap, most efficient first: Σ W ÷ Σ TH/s.</summary>
    /// <exception cref="ArgumentException">The cap is smaller than one machine.</exception>
    public static double AvailableWattsPerTh(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        SiteBacktester.AlwaysOnFleet(site); // names a cap below one machine
        var order = site.MeritOrder;
        var machines = new int[order.Count];
        MeritOrderDispatch.Allocate(order, 0, 0, site.Commercials, site.Fleet.AvailableMw, ignorePrice: true, machines);
        double w = 0, th = 0;
        for (int j = 0; j < order.Count; j++) { w += machines[j] * order[j].Model.Watts; th += machines[j] * order[j].Model.TerahashPerSecond; }
        return w / th;
    }
}
