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

        var order = fleet.MeritOrder;
        int k = order.Count;
        double capMw = fleet.AvailableMw, dt = market.IntervalHours, fee = commercials.PoolFee, adder = commercials.Adder.Value;

        // Always-on fleet composition (price-independent): which machines fill the cap.
        var aoMachines = new int[k];
        MeritOrderDispatch.Allocate(order, 0, 0, commercials, capMw, ignorePrice: true, aoMachines);
        double aoMw = 0, aoTh = 0;
        for (int j = 0; j < k; j++) { aoMw += MiningEconomics.WattsToMegawatts(aoMachines[j] * order[j].Model.Watts); aoTh += aoMachines[j] * order[j].Model.TerahashPerSecond; }
        if (!(aoMw > 0))
            throw new ArgumentException($"Site cap of {capMw.ToString(System.Globalization.CultureInfo.InvariantCulture)} MW is smaller than one machine; no machine can run.");
        double aoEfficiency = MiningEconomics.Efficiency(MiningEconomics.MegawattsToWatts(aoMw), aoTh);

        var run = new double[n];
        var revenue = new double[n];
        var cost = new double[n];
        var aoRevenue = new double[n];
        var aoCost = new double[n];
        var allIn = new double[n];
        var breakeven = new double[n];
        var mwRunning = new double[k][];
        var trancheBe = new double[k][];
        for (int j = 0; j < k; j++) { mwRunning[j] = new double[n]; trancheBe[j] = new double[n]; }
        var trEnergy = new double[k];
        var trRevenue = new double[k];
        var trCost = new double[k];
        var machines = new int[k];

        for (int t = 0; t < n; t++)
        {
            double hp = market.HashpriceUsdPerThDay[t];
            double p = MiningEconomics.AllInPrice(market.PriceUsdPerMWh[t], adder);
            allIn[t] = p;
            breakeven[t] = MiningEconomics.BreakevenPrice(hp, fee, aoEfficiency);
            MeritOrderDispatch.Allocate(order, hp, p, commercials, capMw, ignorePrice: false, machines);
            if (curtail is not null && curtail[t]) Array.Clear(machines);
            double revPerTh = MiningEconomics.RevenuePerTerahash(hp, fee, dt);
            double mwTotal = 0, rev = 0, cst = 0;
            for (int j = 0; j < k; j++)
            {
                var model = order[j].Model;
                trancheBe[j][t] = MiningEconomics.BreakevenPrice(hp, fee, model.Efficiency.Value);
                double mw = MiningEconomics.WattsToMegawatts(machines[j] * model.Watts);
                double r = machines[j] * model.TerahashPerSecond * revPerTh;
                double c = MiningEconomics.PowerCostUsd(mw, p, dt);
                mwRunning[j][t] = mw;
                mwTotal += mw;
                rev += r;
                cst += c;
                trEnergy[j] += mw * dt;
                trRevenue[j] += r;
                trCost[j] += c;
            }
            run[t] = Math.Min(1.0, mwTotal / aoMw);
            revenue[t] = rev;
            cost[t] = cst;
            aoRevenue[t] = aoTh * revPerTh;
            aoCost[t] = MiningEconomics.PowerCostUsd(aoMw, p, dt);
        }

        var values = new ScheduleValues(run, revenue, cost, aoRevenue, aoCost, allIn, breakeven, aoMw);
        var result = Backtester.Evaluate(market, values, strategyName, clock ?? MarketClock.Ercot);
        double hours = n * dt;
        var tranches = new List<TrancheSummary>(k);
        for (int j = 0; j < k; j++)
        {
            var tr = order[j];
            tranches.Add(new TrancheSummary(tr.Model, tr.Count, tr.Mw, trEnergy[j], trRevenue[j], trCost[j], trRevenue[j] - trCost[j],
                tr.Mw > 0 ? 100.0 * trEnergy[j] / (tr.Mw * hours) : 0));
        }
        return new FleetBacktestResult
        {
            Result = result,
            MeritOrder = order,
            MwRunning = mwRunning,
            TrancheBreakeven = trancheBe,
            Tranches = tranches,
            AvailableMw = aoMw,
            AlwaysOnRevenueUsd = aoRevenue,
        };
    }
}
