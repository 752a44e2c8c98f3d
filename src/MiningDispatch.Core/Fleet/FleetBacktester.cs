using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// Backtests a mixed fleet dispatched in merit order (<see cref="MeritOrderDispatch"/>) against always-on, where
/// always-on fills the site cap with the most efficient machines whatever the price. Revenue and cost are summed over
/// tranches per interval, so they are not proportional to a single run fraction.
/// </summary>
public static class FleetBacktester
{
    public const string StrategyName = "merit-order";

    public static FleetBacktestResult Run(MarketSeries market, FleetSpec fleet, SiteCommercials commercials, MarketClock? clock = null)
        => Run(market, fleet, commercials, clock, null);

    /// <summary>
    /// The merit order with the whole fleet switched off in every interval where <paramref name="curtail"/> is true
    /// (e.g. likely 4CP peaks; null = never); the result is named <paramref name="strategyName"/>. Always-on is unchanged.
    /// </summary>
    public static FleetBacktestResult Run(MarketSeries market, FleetSpec fleet, SiteCommercials commercials, MarketClock? clock, bool[]? curtail, string strategyName = StrategyName)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(commercials);
        fleet.Validate();
        commercials.Validate();
        int n = market.Count;
        if (curtail is not null && curtail.Length != n)
            throw new ArgumentException($"Curtailment flags have {curtail.Length} values but the market data has {n} intervals.", nameof(curtail));
        if (n == 0) throw new ArgumentException("No intervals to backtest: the price and hashprice data do not overlap the requested range.");

        // The merit order decides the machines of each interval; the site engine books them (revenue, cost, always-on,
        // per-model totals), the same operations for every dispatch rule.
        var site = SiteModel.FromFleet(fleet, commercials);
        var order = site.MeritOrder;
        int k = order.Count;
        double capMw = fleet.AvailableMw, adder = commercials.Adder.Value;
        var machines = new int[k];
        var want = new double[k][];
        for (int j = 0; j < k; j++) want[j] = new double[n];
        for (int t = 0; t < n; t++)
        {
            double p = MiningEconomics.AllInPrice(market.PriceUsdPerMWh[t], adder);
            MeritOrderDispatch.Allocate(order, market.HashpriceUsdPerThDay[t], p, commercials, capMw, ignorePrice: false, machines);
            for (int j = 0; j < k; j++) want[j][t] = machines[j];
        }
        return SiteBacktester.Evaluate(market, site, want, strategyName, clock ?? MarketClock.Ercot, curtail).Fleet;
    }
}
