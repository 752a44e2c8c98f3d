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
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        Market = market;
        Site = site;
        int n = market.Count;
        AllInPrice = new double[n];
        Breakeven = new double[n];
        Revenue = new double[n];
        Cost = new double[n];
        Net = new double[n];
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
