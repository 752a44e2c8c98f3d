using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Strategies;

/// <summary>
/// Per-interval economics of running the whole site, computed once as flat arrays so that strategies and sweeps
/// work on spans rather than per-hour objects.
/// </summary>
public sealed class DispatchProblem
{
    public DispatchProblem(MarketSeries market, SiteSpec site)
        : this(market, site, null)
    {
    }

    /// <summary>
    /// The problem written into <paramref name="arrays"/> (five arrays of the market's length: all-in price, breakeven,
    /// revenue, cost, net; every element overwritten), so a caller solving many markets of one length one after another
    /// reuses them instead of allocating five arrays per market; null allocates.
    /// </summary>
    internal DispatchProblem(MarketSeries market, SiteSpec site, double[][]? arrays)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        Market = market;
        Site = site;
        int n = market.Count;
        if (arrays is not null && (arrays.Length != 5 || arrays.Any(a => a.Length != n)))
            throw new ArgumentException("Five arrays of the market's length are needed.", nameof(arrays));
        AllInPrice = arrays?[0] ?? new double[n];
        Breakeven = arrays?[1] ?? new double[n];
        Revenue = arrays?[2] ?? new double[n];
        Cost = arrays?[3] ?? new double[n];
        Net = arrays?[4] ?? new double[n];
        MiningEconomics.SiteIntervals(market.HashpriceUsdPerThDay, market.PriceUsdPerMWh, site.Capacity.Value, site.Efficiency.Value,
            site.PoolFee, site.Adder.Value, market.IntervalHours, AllInPrice, Breakeven, Revenue, Cost, Net);
        MinProfitPerInterval = site.MinProfitUsdPerHour * market.IntervalHours;
    }

    public MarketSeries Market { get; }
    public SiteSpec Site { get; }
    public int Count => Market.Count;

    /// <summary>Settlement price plus adder, $/MWh.</summary>
    public double[] AllInPrice { get; }
    /// <summary>Breakeven all-in power price, $/MWh.</summary>
    public double[] Breakeven { get; }
    /// <summary>Mining revenue in USD for the interval if fully on.</summary>
    public double[] Revenue { get; }
    /// <summary>Power cost in USD for the interval if fully on.</summary>
    public double[] Cost { get; }
    /// <summary>Net profit in USD for the interval if fully on.</summary>
    public double[] Net { get; }
    /// <summary>The minimum profit threshold scaled to one interval, USD.</summary>
    public double MinProfitPerInterval { get; }
}
