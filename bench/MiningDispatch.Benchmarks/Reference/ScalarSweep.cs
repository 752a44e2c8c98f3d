using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.Benchmarks.Reference;

/// <summary>
/// The reference for the sweep figures: the threshold rule written as a plain scalar loop on one core, per
/// scenario and interval, with the same arithmetic as <c>DispatchProblem</c> (so decisions are identical).
/// </summary>
internal static class ScalarSweep
{
    /// <summary>Profit (USD) of each scenario.</summary>
    public static double[] Run(MarketSeries market, SiteSpec site, IReadOnlyList<SweepPoint> points)
    {
        double[] hp = market.HashpriceUsdPerThDay, price = market.PriceUsdPerMWh;
        double mw = site.Capacity.Value, dt = market.IntervalHours, oneMinusFee = 1.0 - site.PoolFee;
        var profit = new double[points.Count];
        for (int s = 0; s < points.Count; s++)
        {
            var pt = points[s];
            double th = mw * 1e6 / pt.EfficiencyWPerTh, m = pt.HashpriceMultiplier, a = pt.PriceAdderUsdPerMWh, minPer = pt.MinProfitUsdPerHour * dt;
            double total = 0;
            for (int t = 0; t < hp.Length; t++)
            {
                double r = th * (hp[t] * m) / 24.0 * oneMinusFee * dt;
                double c = mw * (price[t] + a) * dt;
                if (r - c > minPer) total += r - c;
            }
            profit[s] = total;
        }
        return profit;
    }
}
