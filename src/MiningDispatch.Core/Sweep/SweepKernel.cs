using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Sweep;

/// <summary>
/// The inner loop of the sweep: scenarios over flat price and hashprice arrays, SIMD across intervals, no division.
/// <para>
/// The rule is that of <see cref="Strategies.DispatchProblem"/> and <see cref="Strategies.Threshold.ThresholdStrategy"/>:
/// revenue = TH/s × (hp × m) / 24 × (1 − fee) × Δt, cost = MW × (price + adder) × Δt, run iff revenue − cost &gt; minProfit × Δt,
/// with TH/s = MW × 1e6 / e. Revenue is linear in hp and cost in price, so per scenario the kernel precomputes
/// K = revenue at hp = 1 (<see cref="MiningEconomics.RevenueUsd(double, double, double, double)"/> with hp = m),
/// C = MW × Δt and T = minProfit × Δt + C × adder, and per interval evaluates d = K × hp − (C × price + T)
/// (two fused multiply-adds; the loop computes −d), runs iff d &gt; 0 and sums hp, price and the count over the intervals it runs. The
/// totals are then revenue = K × Σhp, cost = C × (Σprice + adder × count) through the same economics kernel, and
/// always-on = the same with the sums over all intervals (computed once for all scenarios).
/// </para>
/// <para>
/// Exact decisions: d and the backtester's revenue − cost − minProfit × Δt are two roundings of the same real
/// number, each within about 10 units in the last place of the terms' magnitude. The kernel tracks the smallest
/// |d| of each block of <see cref="BlockIntervals"/> intervals; when it is within <see cref="TieTolerance"/> of the
/// terms' scale (a tie to 12 digits, which real prices essentially never produce but hand-made data does), that
/// block is recomputed with the backtester's own arithmetic, so every on/off decision matches
/// <see cref="Backtest.Backtester"/> bit for bit. Only the summation order of the totals differs (about 1e-15 relative).
/// </para>
/// <para>
/// Speed: intervals are processed in L1-sized blocks for all scenarios of a chunk (the arrays are read from L1, not
/// memory, whatever the series length), at the widest vector width the hardware accelerates (512-bit on AVX-512,
/// else <see cref="Vector{T}"/>). Per scenario-interval the loop executes <see cref="FlopsPerEvaluation"/>
/// floating-point operations.
/// </para>
/// </summary>
internal static class SweepKernel
{
    /// <summary>Intervals per cache block: 1,024 × 2 arrays × 8 bytes = 16 KiB, well inside any L1 data cache.</summary>
    internal const int BlockIntervals = 1024;

    /// <summary>
    /// Relative width of a tie: |d| below this × (|K| × max|hp| + C × max|price| + |T| + C × |adder|) sends the block
    /// to the exact path. About 1,000 times the rounding error of either formula (≈ 20 × 2⁻⁵³ of the same scale).
    /// </summary>
    internal const double TieTolerance = 1e-12;

    /// <summary>
    /// Floating-point operations per scenario-interval in the vector loop: two fused multiply-adds (4), one minimum of
    /// magnitudes (the tie tracker) and two masked sums (2). Sign masks, bitwise ands, loads and the count of the intervals
    /// run (a population count of sign bits on the integer units) are not counted.
    /// </summary>
    internal const int FlopsPerEvaluation = 7;

    internal readonly record struct Totals(double Revenue, double Cost, double RunIntervals, double AlwaysOnRevenue, double AlwaysOnCost);

    /// <summary>What the kernel needs of the market once for all scenarios: sums for always-on, magnitudes for the tie width.</summary>
    internal readonly record struct MarketStats(double SumHashprice, double SumPrice, double MaxAbsHashprice, double MaxAbsPrice)
    {
        public static MarketStats Of(ReadOnlySpan<double> hashprice, ReadOnlySpan<double> price)
        {
            int w = Vector<double>.Count, i = 0;
            Vector<double> vsh = Vector<double>.Zero, vsp = vsh, vmh = vsh, vmp = vsh;
            for (; i <= hashprice.Length - w; i += w)
            {
                var h = new Vector<double>(hashprice[i..]);
                var p = new Vector<double>(price[i..]);
                vsh += h;
                vsp += p;
                vmh = Vector.Max(vmh, Vector.Abs(h));
                vmp = Vector.Max(vmp, Vector.Abs(p));
            }
            double sh = Vector.Sum(vsh), sp = Vector.Sum(vsp), mh = 0, mp = 0;
            for (int j = 0; j < w; j++)
            {
                mh = Math.Max(mh, vmh[j]);
                mp = Math.Max(mp, vmp[j]);
            }
            for (; i < hashprice.Length; i++)
            {
                sh += hashprice[i];
                sp += price[i];
                mh = Math.Max(mh, Math.Abs(hashprice[i]));
                mp = Math.Max(mp, Math.Abs(price[i]));
            }
            return new MarketStats(sh, sp, mh, mp);
        }
    }

    /// <summary>Per-scenario constants and running sums (closed-form blocks and exact blocks kept apart).</summary>
    private struct Lane
    {
        public double Th, M, A, MinPer, K, C, T, Tol;
        public double SumH, SumP, Count, ExactRevenue, ExactCost, ExactCount;
    }

    /// <summary>Evaluates <paramref name="points"/> over the market into <paramref name="totals"/> (same order).</summary>
    public static void Evaluate(ReadOnlySpan<double> hashprice, ReadOnlySpan<double> price, double mw, double dt, double poolFee, in MarketStats stats,
        ReadOnlySpan<SweepPoint> points, Span<Totals> totals)
    {
        int n = hashprice.Length;
        var lanes = new Lane[points.Length];
        double c = MiningEconomics.PowerCostUsd(mw, 1.0, dt);
        for (int s = 0; s < lanes.Length; s++)
        {
            ref var l = ref lanes[s];
            var pt = points[s];
            l.Th = MiningEconomics.Hashrate(mw, pt.EfficiencyWPerTh);
            l.M = pt.HashpriceMultiplier;
            l.A = pt.PriceAdderUsdPerMWh;
            l.MinPer = pt.MinProfitUsdPerHour * dt;
            l.K = MiningEconomics.RevenueUsd(l.Th, l.M, poolFee, dt);
            l.C = c;
            l.T = l.MinPer + MiningEconomics.PowerCostUsd(mw, l.A, dt);
            l.Tol = TieTolerance * (Math.Abs(l.K) * stats.MaxAbsHashprice + c * stats.MaxAbsPrice + Math.Abs(l.T) + c * Math.Abs(l.A));
        }

        for (int b0 = 0; b0 < n; b0 += BlockIntervals)
        {
            var h = hashprice.Slice(b0, Math.Min(BlockIntervals, n - b0));
            var p = price.Slice(b0, h.Length);
            for (int s = 0; s < lanes.Length; s++)
            {
                ref var l = ref lanes[s];
                bool tie = Vector512.IsHardwareAccelerated ? Block<Vector512<double>, Lanes512>(h, p, ref l)
                    : Vector.IsHardwareAccelerated ? Block<Vector<double>, LanesVector>(h, p, ref l)
                    : Block<double, LanesScalar>(h, p, ref l);
                if (tie) ExactBlock(h, p, mw, dt, poolFee, ref l);
            }
        }

        for (int s = 0; s < lanes.Length; s++)
        {
            ref var l = ref lanes[s];
            totals[s] = new Totals(
                Revenue: MiningEconomics.RevenueUsd(l.Th, l.SumH * l.M, poolFee, dt) + l.ExactRevenue,
                Cost: MiningEconomics.PowerCostUsd(mw, l.SumP + l.A * l.Count, dt) + l.ExactCost,
                RunIntervals: l.Count + l.ExactCount,
                AlwaysOnRevenue: MiningEconomics.RevenueUsd(l.Th, stats.SumHashprice * l.M, poolFee, dt),
                AlwaysOnCost: MiningEconomics.PowerCostUsd(mw, stats.SumPrice + l.A * n, dt));
        }
    }

    /// <summary>
    /// One block of one scenario in closed form. Returns true (and adds nothing) when an interval of the block is
    /// within the tie width, so the caller recomputes the block exactly.
    /// </summary>
    private static bool Block<TV, TL>(ReadOnlySpan<double> h, ReadOnlySpan<double> p, ref Lane l)
        where TV : struct
        where TL : ILanes<TV>
    {
        int len = h.Length, w = TL.Count, i = 0;
        var negK = TL.Splat(-l.K);
        var c = TL.Splat(l.C);
        var t = TL.Splat(l.T);
        TV sH = TL.Splat(0), sP = sH, sH2 = sH, sP2 = sH, minAbs = TL.Splat(double.PositiveInfinity);
        long n = 0;
        ref double hRef = ref MemoryMarshal.GetReference(h);
        ref double pRef = ref MemoryMarshal.GetReference(p);
        // Two vectors per iteration, into two pairs of sums: half the loop overhead, two independent add chains.
        for (; i <= len - 2 * w; i += 2 * w)
        {
            Step<TV, TL>(TL.Load(ref hRef, (nuint)i), TL.Load(ref pRef, (nuint)i), negK, c, t, ref sH, ref sP, ref minAbs, ref n);
            Step<TV, TL>(TL.Load(ref hRef, (nuint)(i + w)), TL.Load(ref pRef, (nuint)(i + w)), negK, c, t, ref sH2, ref sP2, ref minAbs, ref n);
        }
        for (; i <= len - w; i += w)
            Step<TV, TL>(TL.Load(ref hRef, (nuint)i), TL.Load(ref pRef, (nuint)i), negK, c, t, ref sH, ref sP, ref minAbs, ref n);
        double sumH = TL.Sum(sH) + TL.Sum(sH2), sumP = TL.Sum(sP) + TL.Sum(sP2), count = n, minAbsD = TL.MinElement(minAbs);
        for (; i < len; i++)
        {
            double d = l.K * h[i] - (l.C * p[i] + l.T);
            minAbsD = Math.Min(minAbsD, Math.Abs(d));
            if (d > 0) { sumH += h[i]; sumP += p[i]; count += 1; }
        }
        if (!(minAbsD > l.Tol)) return true;
        l.SumH += sumH;
        l.SumP += sumP;
        l.Count += count;
        return false;
    }

    /// <summary>
    /// One vector of intervals: −d = C × price + T − K × hp (two fused multiply-adds), the tie tracker, and the sums of
    /// the lanes that run. A block that reaches its sums has every |d| &gt; Tol ≥ 0, so "runs" (d &gt; 0) is "the sign
    /// bit of −d is set": the sign bits serve as the mask and as the count, with no compare.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TV, TL>(TV hv, TV pv, TV negK, TV c, TV t, ref TV sH, ref TV sP, ref TV minAbs, ref long n)
        where TV : struct
        where TL : ILanes<TV>
    {
        var negD = TL.MultiplyAdd(negK, hv, TL.MultiplyAdd(c, pv, t));
        minAbs = TL.MinAbs(minAbs, negD);
        var on = TL.SignMask(negD);
        sH = TL.AddMasked(on, sH, hv);
        sP = TL.AddMasked(on, sP, pv);
        n += TL.CountSigns(negD);
    }

    /// <summary>A block with a near-tie: the backtester's arithmetic, interval by interval.</summary>
    private static void ExactBlock(ReadOnlySpan<double> h, ReadOnlySpan<double> p, double mw, double dt, double poolFee, ref Lane l)
    {
        for (int i = 0; i < h.Length; i++)
        {
            double r = MiningEconomics.RevenueUsd(l.Th, h[i] * l.M, poolFee, dt);
            double c = MiningEconomics.PowerCostUsd(mw, MiningEconomics.AllInPrice(p[i], l.A), dt);
            if (r - c > l.MinPer) { l.ExactRevenue += r; l.ExactCost += c; l.ExactCount += 1; }
        }
    }

    /// <summary>The handful of lane operations the block loop needs, for one vector type (the JIT specialises each).</summary>
    private interface ILanes<TV> where TV : struct
    {
        static abstract int Count { get; }
        static abstract TV Splat(double value);
        static abstract TV Load(ref double source, nuint index);
        /// <summary>a × b + c, fused where the hardware has it.</summary>
        static abstract TV MultiplyAdd(TV a, TV b, TV c);
        /// <summary>min(acc, |d|) for a non-negative acc.</summary>
        static abstract TV MinAbs(TV acc, TV d);
        /// <summary>All-ones in the lanes whose sign bit is set, zero elsewhere.</summary>
        static abstract TV SignMask(TV a);
        /// <summary>sum + (mask ? value : 0).</summary>
        static abstract TV AddMasked(TV mask, TV sum, TV value);
        /// <summary>Lanes with the sign bit set (integer units where the hardware extracts sign bits).</summary>
        static abstract int CountSigns(TV a);
        static abstract double Sum(TV a);
        static abstract double MinElement(TV a);
    }

    private readonly struct Lanes512 : ILanes<Vector512<double>>
    {
        public static int Count => Vector512<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Splat(double value) => Vector512.Create(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> Load(ref double source, nuint index) => Vector512.LoadUnsafe(ref source, index);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);
        // VRANGEPD with imm 0b1010: the operand of smaller magnitude, sign cleared; one instruction for min(acc, |d|).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> MinAbs(Vector512<double> acc, Vector512<double> d)
            => Avx512DQ.IsSupported ? Avx512DQ.Range(acc, d, 0b1010) : Vector512.MinNative(acc, Vector512.Abs(d));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> SignMask(Vector512<double> a) => Vector512.ShiftRightArithmetic(a.AsInt64(), 63).AsDouble();
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<double> AddMasked(Vector512<double> mask, Vector512<double> sum, Vector512<double> value) => sum + (value & mask);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int CountSigns(Vector512<double> a) => BitOperations.PopCount(a.ExtractMostSignificantBits());
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(Vector512<double> a) => Vector512.Sum(a);
        public static double MinElement(Vector512<double> a) => Math.Min(LanesVector.MinOf(a.GetLower()), LanesVector.MinOf(a.GetUpper()));
    }

    private readonly struct LanesVector : ILanes<Vector<double>>
    {
        public static int Count => Vector<double>.Count;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Splat(double value) => new(value);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> Load(ref double source, nuint index) => Vector.LoadUnsafe(ref source, index);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> MultiplyAdd(Vector<double> a, Vector<double> b, Vector<double> c)
            => System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? Vector.FusedMultiplyAdd(a, b, c) : a * b + c;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> MinAbs(Vector<double> acc, Vector<double> d) => Vector.MinNative(acc, Vector.Abs(d));
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> SignMask(Vector<double> a) => Vector.ShiftRightArithmetic(a.As<double, long>(), 63).As<long, double>();
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector<double> AddMasked(Vector<double> mask, Vector<double> sum, Vector<double> value) => sum + (value & mask);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static int CountSigns(Vector<double> a)
            => Vector<double>.Count == Vector256<double>.Count ? BitOperations.PopCount(a.AsVector256().ExtractMostSignificantBits())
                : Vector<double>.Count == Vector128<double>.Count ? BitOperations.PopCount(a.AsVector128().ExtractMostSignificantBits())
                : (int)-Vector.Sum(SignMask(a).As<double, long>());   // all-ones lanes are −1 as integers
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static double Sum(Vector<double> a) => Vector.Sum(a);
        public static double MinElement(Vector<double> a)
        {
            double m = double.PositiveInfinity;
            for (int i = 0; i < Vector<double>.Count; i++) m = Math.Min(m, a[i]);
            return m;
        }

        internal static double MinOf(Vector256<double> a)
        {
            double m = double.PositiveInfinity;
            for (int i = 0; i < Vector256<double>.Count; i++) m = Math.Min(m, a[i]);
            return m;
        }
    }

    /// <summary>No SIMD: one interval per "vector" (the same loop, scalar).</summary>
    private readonly struct LanesScalar : ILanes<double>
    {
        public static int Count => 1;
        public static double Splat(double value) => value;
        public static double Load(ref double source, nuint index) => Unsafe.Add(ref source, index);
        public static double MultiplyAdd(double a, double b, double c) => a * b + c;
        public static double MinAbs(double acc, double d) => Math.Min(acc, Math.Abs(d));
        public static double SignMask(double a) => double.IsNegative(a) ? 1.0 : 0.0;
        public static double AddMasked(double mask, double sum, double value) => mask != 0 ? sum + value : sum;
        public static int CountSigns(double a) => double.IsNegative(a) ? 1 : 0;
        public static double Sum(double a) => a;
        public static double MinElement(double a) => a;
    }
}
