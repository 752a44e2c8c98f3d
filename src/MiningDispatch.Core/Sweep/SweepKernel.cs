using System.Numerics;
using System.Runtime.InteropServices;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Sweep;

/// <summary>
/// The inner loop of the sweep: one scenario over flat price and hashprice arrays, SIMD across intervals.
/// <para>
/// It evaluates, per interval, exactly the operations of <see cref="Strategies.DispatchProblem"/> and
/// <see cref="Strategies.Threshold.ThresholdStrategy"/>, through the same <see cref="MiningEconomics"/> kernel methods:
/// revenue = TH/s × (hp × m) / 24 × (1 − fee) × Δt, cost = MW × (price + adder) × Δt, run iff revenue − cost &gt; minProfit × Δt,
/// with TH/s = MW × 1e6 / e. IEEE arithmetic is the same per SIMD lane as in scalar code (no fused multiply-add), so
/// every on/off decision matches <see cref="Backtest.Backtester"/> bit for bit; only the summation order of the totals differs.
/// Dividing the rule by MW × Δt gives the closed form: run iff hp × m × (1 − fee) × 1e6 / (24 × e) − (price + adder) &gt; minProfit / MW.
/// </para>
/// </summary>
internal static class SweepKernel
{
    internal readonly record struct Totals(double Revenue, double Cost, double RunIntervals, double AlwaysOnRevenue, double AlwaysOnCost);

    public static Totals Evaluate(ReadOnlySpan<double> hashprice, ReadOnlySpan<double> price, double mw, double dt, double poolFee, in SweepPoint point)
    {
        int n = hashprice.Length;
        double th = MiningEconomics.Hashrate(mw, point.EfficiencyWPerTh);
        double m = point.HashpriceMultiplier, a = point.PriceAdderUsdPerMWh, minPer = point.MinProfitUsdPerHour * dt;
        double rev = 0, cost = 0, count = 0, aoRev = 0, aoCost = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int w = Vector<double>.Count;
            var vTh = new Vector<double>(th);
            var vM = new Vector<double>(m);
            var vFee = new Vector<double>(1.0 - poolFee);
            var vDt = new Vector<double>(dt);
            var vMw = new Vector<double>(mw);
            var vA = new Vector<double>(a);
            var vMin = new Vector<double>(minPer);
            var zero = Vector<double>.Zero;
            var one = Vector<double>.One;
            Vector<double> sRev = zero, sCost = zero, sN = zero, sAoRev = zero, sAoCost = zero;
            ref double hpRef = ref MemoryMarshal.GetReference(hashprice);
            ref double pRef = ref MemoryMarshal.GetReference(price);
            for (; i <= n - w; i += w)
            {
                var h = Vector.LoadUnsafe(ref hpRef, (nuint)i);
                var p = Vector.LoadUnsafe(ref pRef, (nuint)i);
                var r = MiningEconomics.RevenueUsd(vTh, h * vM, vFee, vDt);
                var c = MiningEconomics.PowerCostUsd(vMw, p + vA, vDt);
                var on = Vector.GreaterThan(r - c, vMin);
                sRev += Vector.ConditionalSelect(on, r, zero);
                sCost += Vector.ConditionalSelect(on, c, zero);
                sN += Vector.ConditionalSelect(on, one, zero);
                sAoRev += r;
                sAoCost += c;
            }
            rev = Vector.Sum(sRev);
            cost = Vector.Sum(sCost);
            count = Vector.Sum(sN);
            aoRev = Vector.Sum(sAoRev);
            aoCost = Vector.Sum(sAoCost);
        }
        for (; i < n; i++)
        {
            double r = MiningEconomics.RevenueUsd(th, hashprice[i] * m, poolFee, dt);
            double c = MiningEconomics.PowerCostUsd(mw, MiningEconomics.AllInPrice(price[i], a), dt);
            if (r - c > minPer) { rev += r; cost += c; count += 1; }
            aoRev += r;
            aoCost += c;
        }
        return new Totals(rev, cost, count, aoRev, aoCost);
    }
}
