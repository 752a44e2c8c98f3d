using System.Collections.Concurrent;
using System.Globalization;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Sweep;

/// <summary>
/// One scenario of a whole-site sweep. A null value keeps the site's own setting.
/// </summary>
/// <param name="HashpriceMultiplier">Multiplier on every interval's hashprice (1 = as given).</param>
/// <param name="PriceAdderUsdPerMWh">All-in adder, $/MWh (replaces the site's).</param>
/// <param name="MinProfitUsdPerMWh">Minimum profit per MWh consumed (replaces the site's; each model's threshold is this × its MW).</param>
/// <param name="SiteCapMw">Site cap, MW (replaces the fleet's; use <see cref="double.PositiveInfinity"/> for no cap).</param>
/// <param name="Fleet">Fleet mix (replaces the site's fleet; its own cap applies unless <paramref name="SiteCapMw"/> is set).</param>
/// <param name="Label">Optional name of the scenario for tables (e.g. the fleet mix).</param>
public sealed record SiteSweepPoint(
    double HashpriceMultiplier = 1.0,
    double? PriceAdderUsdPerMWh = null,
    double? MinProfitUsdPerMWh = null,
    double? SiteCapMw = null,
    FleetSpec? Fleet = null,
    string? Label = null)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the scenario and the bad value.</summary>
    public void Validate(int index = -1)
    {
        string at = index >= 0 ? $"Scenario {index}: " : "";
        if (!(HashpriceMultiplier >= 0) || !double.IsFinite(HashpriceMultiplier))
            throw new ArgumentException($"{at}hashprice multiplier must be a finite number ≥ 0 (got {F(HashpriceMultiplier)}).");
        if (PriceAdderUsdPerMWh is double a && !double.IsFinite(a))
            throw new ArgumentException($"{at}price adder must be a finite $/MWh (got {F(a)}).");
        if (MinProfitUsdPerMWh is double m && !double.IsFinite(m))
            throw new ArgumentException($"{at}minimum profit must be a finite $/MWh (got {F(m)}).");
        if (SiteCapMw is double c && !(c > 0))
            throw new ArgumentException($"{at}site cap must be a positive number of MW (got {F(c)}).");
    }

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Results of one whole-site scenario over the market series. Money in USD, energy in MWh.</summary>
/// <param name="OperatingHours">Σ share of the always-on MW running × interval hours.</param>
/// <param name="AvailableMw">MW of the machines that fit under the scenario's cap (what always-on draws).</param>
public readonly record struct SiteSweepScenarioResult(
    SiteSweepPoint Point,
    double ProfitUsd,
    double RevenueUsd,
    double PowerCostUsd,
    double OperatingHours,
    double UptimePct,
    double EnergyMWh,
    double AlwaysOnProfitUsd,
    double AvailableMw)
{
    /// <summary>Profit of the strategy over always-on.</summary>
    public double UpliftUsd => ProfitUsd - AlwaysOnProfitUsd;
}

/// <summary>
/// Sensitivity sweeps of a whole site (a fleet, or a single site as a fleet of one) with any strategy: hashprice
/// multiplier, adder, minimum profit, site cap and fleet mix. Each scenario's result equals
/// <see cref="SiteBacktester.Run"/> on the market with hashprice × multiplier and the site with that scenario's
/// settings. Scenarios run in parallel; the strategy instance is shared, so a strategy that keeps state between calls
/// needs <c>maxDegreeOfParallelism</c> = 1. For the single-site threshold rule, <see cref="SweepEngine"/> is the fast path.
/// </summary>
public static class SiteSweep
{
    /// <summary>Every combination of the given axes (fleet mix outermost, then cap, multiplier, adder, min profit).</summary>
    /// <param name="hashpriceMultipliers">Multipliers (at least one).</param>
    /// <param name="priceAddersUsdPerMWh">Adders; null keeps the site's.</param>
    /// <param name="minProfitsUsdPerMWh">Minimum profits per MWh; null keeps the site's.</param>
    /// <param name="siteCapsMw">Caps; null keeps the fleet's.</param>
    /// <param name="fleets">Fleet mixes with labels; null keeps the site's fleet.</param>
    public static IReadOnlyList<SiteSweepPoint> Factorial(double[] hashpriceMultipliers, double[]? priceAddersUsdPerMWh = null,
        double[]? minProfitsUsdPerMWh = null, double[]? siteCapsMw = null, IReadOnlyList<(string Label, FleetSpec Fleet)>? fleets = null)
    {
        ArgumentNullException.ThrowIfNull(hashpriceMultipliers);
        if (hashpriceMultipliers.Length == 0) throw new ArgumentException("The hashprice-multiplier axis of the sweep is empty.");
        static double?[] Axis(double[]? v, string name)
        {
            if (v is null) return [null];
            if (v.Length == 0) throw new ArgumentException($"The {name} axis of the sweep is empty; leave it out to keep the site's value.");
            return v.Select(x => (double?)x).ToArray();
        }
        var adders = Axis(priceAddersUsdPerMWh, "price-adder");
        var mins = Axis(minProfitsUsdPerMWh, "minimum-profit");
        var caps = Axis(siteCapsMw, "site-cap");
        if (fleets is { Count: 0 }) throw new ArgumentException("The fleet-mix axis of the sweep is empty; leave it out to keep the site's fleet.");
        var mixes = fleets ?? [(null!, null!)];
        long count = (long)mixes.Count * caps.Length * hashpriceMultipliers.Length * adders.Length * mins.Length;
        if (count > 1_000_000) throw new ArgumentException($"The site sweep has {count} scenarios; the limit is 1,000,000.");
        var points = new List<SiteSweepPoint>((int)count);
        foreach (var (label, fleet) in mixes)
            foreach (var cap in caps)
                foreach (double m in hashpriceMultipliers)
                    foreach (var a in adders)
                        foreach (var mp in mins)
                            points.Add(new SiteSweepPoint(m, a, mp, cap, fleet, label));
        return points;
    }

    /// <summary>Runs every scenario (results in the same order) with <paramref name="strategy"/> (threshold by default).</summary>
    /// <exception cref="ArgumentException">An empty market, an invalid scenario (the message names it) or an invalid fleet.</exception>
    public static IReadOnlyList<SiteSweepScenarioResult> Run(MarketSeries market, SiteModel site, IReadOnlyList<SiteSweepPoint> points,
        IDispatchStrategy? strategy = null, int? maxDegreeOfParallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(points);
        if (market.Count == 0) throw new ArgumentException("No intervals to sweep: the market series is empty.");
        if (maxDegreeOfParallelism is < 1) throw new ArgumentException("Max degree of parallelism must be at least 1.");
        strategy ??= new ThresholdStrategy();
        var models = new SiteModel[points.Count];
        for (int i = 0; i < points.Count; i++)
        {
            var pt = points[i];
            ArgumentNullException.ThrowIfNull(pt);
            pt.Validate(i);
            try
            {
                models[i] = Scenario(site, pt);
                SiteBacktester.AlwaysOnFleet(models[i]);   // a cap below one machine fails here, named, not inside the parallel loop
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Scenario {i}{(pt.Label is null ? "" : $" ({pt.Label})")}: {e.Message}", e);
            }
        }
        var results = new SiteSweepScenarioResult[points.Count];
        double totalHours = market.Count * market.IntervalHours;
        // Null: the scheduler decides how many threads (Core does not ask the machine for its core count).
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? -1, CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, points.Count, 1), po, () => new double[market.Count], (range, _, profit) =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                var pt = points[i];
                var m = Scaled(market, pt.HashpriceMultiplier);
                var t = SiteBacktester.Totals(m, models[i], strategy, profit);
                results[i] = new SiteSweepScenarioResult(pt, t.Revenue - t.Cost, t.Revenue, t.Cost, t.OperatingHours,
                    100.0 * t.OperatingHours / totalHours, t.EnergyMWh, t.AlwaysOnProfit, t.AvailableMw);
            }
            return profit;
        }, _ => { });
        return results;
    }

    private static SiteModel Scenario(SiteModel site, SiteSweepPoint pt)
    {
        FleetSpec? fleet = pt.Fleet;
        if (pt.SiteCapMw is double cap) fleet = (fleet ?? site.Fleet) with { SiteCapMw = double.IsPositiveInfinity(cap) ? null : cap };
        SiteCommercials? commercials = null;
        if (pt.PriceAdderUsdPerMWh is not null || pt.MinProfitUsdPerMWh is not null)
            commercials = site.Commercials with
            {
                Adder = pt.PriceAdderUsdPerMWh is double a ? new UsdPerMWh(a) : site.Commercials.Adder,
                MinProfitUsdPerMWh = pt.MinProfitUsdPerMWh ?? site.Commercials.MinProfitUsdPerMWh,
            };
        return site.With(fleet, commercials);
    }

    private static MarketSeries Scaled(MarketSeries market, double multiplier)
    {
        if (multiplier == 1.0) return market;
        var hp = new double[market.Count];
        for (int t = 0; t < hp.Length; t++) hp[t] = market.HashpriceUsdPerThDay[t] * multiplier;
        return new MarketSeries(market.StartsUtc, market.PriceUsdPerMWh, hp, market.IntervalHours, market.DayAheadPriceUsdPerMWh,
            market.SettlementPoint, market.Market);
    }
}
