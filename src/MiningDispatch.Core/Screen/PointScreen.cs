using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;

namespace MiningDispatch.Core.Screen;

/// <summary>
/// Screens settlement points for a mining site: each point's prices on the common <see cref="ScreenGrid"/>, the
/// strategy dispatched on the site engine (<see cref="SiteBacktester"/>: each model on its own problem, the site cap in
/// merit order) beside always-on, and the point's price statistics. Points are independent, so callers may evaluate
/// them in parallel.
/// </summary>
public static class PointScreen
{
    /// <summary>
    /// The figures of one point. Over the intervals t where the point has a price p_t and the grid a hashprice
    /// (interval length Δt, adder a, site MW m_t running under the strategy, breakeven b_t of the always-on fleet):
    /// <list type="bullet">
    /// <item>strategy profit = Σ (revenue_t − m_t·(p_t + a)·Δt); always-on profit the same with the whole (capped) fleet every interval;</item>
    /// <item>negative-price hours = Σ Δt over p_t &lt; 0; hours above breakeven = Σ Δt over p_t + a &gt; b_t;</item>
    /// <item>average price paid = Σ p_t·m_t·Δt ÷ Σ m_t·Δt; mean price and population standard deviation of p_t;</item>
    /// <item>basis = mean of p_t − hub_t over intervals where both are known;</item>
    /// <item>4CP-window MWh = Σ m_t·Δt over intervals in <see cref="ScreenGrid.FourCpWindow"/>.</item>
    /// </list>
    /// </summary>
    /// <param name="grid">The common intervals and hashprice.</param>
    /// <param name="point">The point's name.</param>
    /// <param name="pricesOnGrid">Its settlement prices on the grid (NaN = none), from <see cref="ScreenGrid.ToGrid"/>.</param>
    /// <param name="hubOnGrid">The hub's prices on the grid for the basis; null for none.</param>
    /// <param name="site">The site (one model or a fleet).</param>
    /// <param name="strategy">The strategy dispatching each model.</param>
    /// <returns>The figures; null when the point has no price in any interval with hashprice.</returns>
    public static ScreenPoint? Evaluate(ScreenGrid grid, string point, double[] pricesOnGrid, double[]? hubOnGrid, SiteModel site, IDispatchStrategy strategy) =>
        Evaluate(grid, point, pricesOnGrid, hubOnGrid, site, strategy, null);

    /// <summary>
    /// <see cref="Evaluate(ScreenGrid, string, double[], double[], SiteModel, IDispatchStrategy)"/> with the per-interval
    /// arrays of the dispatch taken from <paramref name="workspace"/> (made for this grid and site; null allocates), so a
    /// worker screening many points allocates them once. The figures are the same either way.
    /// <paramref name="pricesOnGrid"/> may be <see cref="ScreenWorkspace.Prices"/>.
    /// </summary>
    public static ScreenPoint? Evaluate(ScreenGrid grid, string point, double[] pricesOnGrid, double[]? hubOnGrid, SiteModel site, IDispatchStrategy strategy,
        ScreenWorkspace? workspace)
    {
        if (workspace is not null && (!ReferenceEquals(workspace.Grid, grid) || !ReferenceEquals(workspace.Site, site)))
            throw new ArgumentException("The workspace was made for another grid or site.", nameof(workspace));
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(pricesOnGrid);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(strategy);
        if (pricesOnGrid.Length != grid.Count) throw new ArgumentException("Prices must be on the grid.", nameof(pricesOnGrid));
        if (hubOnGrid is not null && hubOnGrid.Length != grid.Count) throw new ArgumentException("Hub prices must be on the grid.", nameof(hubOnGrid));

        // The screened intervals: price and hashprice known.
        var hpGrid = grid.HashpriceUsdPerThDay;
        int n = 0, gridIntervals = 0;
        for (int g = 0; g < grid.Count; g++)
        {
            if (double.IsNaN(hpGrid[g])) continue;
            gridIntervals++;
            if (!double.IsNaN(pricesOnGrid[g])) n++;
        }
        if (n == 0) return null;
        DateTime[] times;
        double[] price, hp;
        int[]? index = null; // grid index of each screened interval; null when they are the whole grid
        if (n == grid.Count)
        {
            // The common case: the point has every interval of the grid. Share the grid's arrays instead of copying.
            (times, price, hp) = (grid.StartsUtc, pricesOnGrid, hpGrid);
        }
        else
        {
            index = new int[n];
            times = new DateTime[n];
            price = new double[n];
            hp = new double[n];
            for (int g = 0, i = 0; g < grid.Count; g++)
            {
                if (double.IsNaN(hpGrid[g]) || double.IsNaN(pricesOnGrid[g])) continue;
                index[i] = g;
                times[i] = grid.StartsUtc[g];
                price[i] = pricesOnGrid[g];
                hp[i] = hpGrid[g];
                i++;
            }
        }
        // the grid's starts (or an ordered subset of them) are UTC, increasing and on the grid by construction
        var market = new MarketSeries(times, price, hp, grid.IntervalHours, null, point, "", timesChecked: true);

        // The strategy on every model, the cap in merit order (the site engine's rules), beside always-on.
        var order = site.MeritOrder;
        var want = workspace is null
            ? SiteBacktester.DesiredMachines(market, site, strategy, site.Problems(market))
            : workspace.DesiredMachines(market, strategy, workspace.Problems(market));
        var (aoMw, aoTh) = SiteBacktester.AlwaysOnFleet(site);
        double aoEfficiency = MiningEconomics.Efficiency(MiningEconomics.MegawattsToWatts(aoMw), aoTh);
        double capMw = site.Fleet.AvailableMw, fee = site.Commercials.PoolFee, adder = site.Commercials.Adder.Value, dt = grid.IntervalHours;
        bool capCanBind = site.CapCanBind;
        var machines = new double[order.Count];
        // each model's watts and TH/s, read once instead of through the merit order's list every interval
        var watts = new double[order.Count];
        var terahash = new double[order.Count];
        for (int k = 0; k < order.Count; k++) (watts[k], terahash[k]) = (order[k].Model.Watts, order[k].Model.TerahashPerSecond);

        double rev = 0, cost = 0, ao = 0, energy = 0, paid = 0, negative = 0, aboveBe = 0, window = 0;
        double mean = 0, m2 = 0, basisSum = 0;
        int basisN = 0;
        for (int t = 0; t < n; t++)
        {
            SiteBacktester.Limit(order, capMw, capCanBind, want, t, machines);
            double p = price[t], allIn = p + adder;
            double revPerTh = MiningEconomics.RevenuePerTerahash(hp[t], fee, dt);
            double mw = 0;
            for (int k = 0; k < machines.Length; k++)
            {
                double mwK = MiningEconomics.WattsToMegawatts(machines[k] * watts[k]);
                rev += machines[k] * terahash[k] * revPerTh;
                cost += mwK * allIn * dt;
                mw += mwK;
            }
            ao += aoTh * revPerTh - aoMw * allIn * dt;
            double mwh = mw * dt;
            energy += mwh;
            paid += p * mwh;
            if (p < 0) negative += dt;
            if (allIn > MiningEconomics.BreakevenPrice(hp[t], fee, aoEfficiency)) aboveBe += dt;
            int g = index is null ? t : index[t];
            if (grid.FourCpWindow[g]) window += mwh;
            // Welford's running mean and sum of squared deviations.
            double d = p - mean;
            mean += d / (t + 1);
            m2 += d * (p - mean);
            if (hubOnGrid is not null && !double.IsNaN(hubOnGrid[g]))
            {
                basisSum += p - hubOnGrid[g];
                basisN++;
            }
        }
        double hours = n * dt;
        return new ScreenPoint(
            SettlementPoint: point,
            Intervals: n,
            GridIntervals: gridIntervals,
            Hours: hours,
            StrategyProfitUsd: rev - cost,
            AlwaysOnProfitUsd: ao,
            EnergyMWh: energy,
            UptimePct: 100.0 * energy / (aoMw * hours),
            NegativePriceHours: negative,
            HoursAboveBreakeven: aboveBe,
            AvgPricePaidUsdPerMWh: energy > 0 ? paid / energy : null,
            MeanPriceUsdPerMWh: mean,
            PriceStdevUsdPerMWh: Math.Sqrt(m2 / n),
            BasisToHubUsdPerMWh: basisN > 0 ? basisSum / basisN : null,
            BasisIntervals: basisN,
            FourCpWindowMWh: window);
    }

    /// <summary>Points ranked by the strategy's profit, highest first; ties by name (ordinal).</summary>
    public static IReadOnlyList<ScreenPoint> Rank(IEnumerable<ScreenPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        return points.OrderByDescending(p => p.StrategyProfitUsd).ThenBy(p => p.SettlementPoint, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The price-duration curve of <paramref name="prices"/> (NaN skipped): the price exceeded a given share of the
    /// time, sampled at <paramref name="samples"/> evenly spaced shares from 0 % (the highest price) to 100 % (the lowest).
    /// </summary>
    public static double[] DurationCurve(ReadOnlySpan<double> prices, int samples = 101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 2);
        var sorted = new List<double>(prices.Length);
        foreach (double p in prices) if (!double.IsNaN(p)) sorted.Add(p);
        if (sorted.Count == 0) return [];
        sorted.Sort((a, b) => b.CompareTo(a));
        var curve = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            int i = (int)Math.Round((double)s * (sorted.Count - 1) / (samples - 1));
            curve[s] = sorted[i];
        }
        return curve;
    }
}
