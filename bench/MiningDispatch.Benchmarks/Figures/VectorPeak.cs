using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>The machine's measured vector peak: double-precision FLOP/s (a fused multiply-add counts two).</summary>
internal sealed record VectorPeakResult(double FlopsOneCore, double FlopsAllCores, int Lanes, string Width);

/// <summary>
/// Measures the machine's double-precision vector peak in the run that measures the kernel: 12 independent chains of
/// fused multiply-adds at the widest accelerated vector width (512-bit where the hardware accelerates it, else
/// <see cref="Vector{T}"/>), on one core and on every core at once; the best of several short rounds (on a shared
/// machine the slower rounds measure the neighbours). Enough chains cover the FMA latency × pipes of current x64
/// and arm64 cores, so this is the throughput ceiling the sweep's percentage is taken against.
/// </summary>
internal static class VectorPeak
{
    private const int Chains = 12;   // FMA latency (4-6 cycles) × 2 pipes on current cores; fits the 16 AVX2 registers

    public static VectorPeakResult Measure(double secondsPerRound = 0.15, int rounds = 5)
    {
        bool wide = Vector512.IsHardwareAccelerated;
        int lanes = wide ? Vector512<double>.Count : Vector<double>.Count;
        Func<long, double> kernel = wide ? Fma512 : FmaVector;
        // Calibrate the iteration count to about one round, after a warm-up that reaches optimised code.
        long iters = 1 << 16;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < 0.3) kernel(iters);
        sw.Restart();
        kernel(iters);
        iters = Math.Max(1 << 16, (long)(iters * secondsPerRound / Math.Max(1e-6, sw.Elapsed.TotalSeconds)));
        double flopsPerCall = (double)iters * Chains * lanes * 2;

        double one = 0, all = 0;
        int cores = Environment.ProcessorCount;
        for (int r = 0; r < rounds; r++)
        {
            sw.Restart();
            kernel(iters);
            one = Math.Max(one, flopsPerCall / sw.Elapsed.TotalSeconds);

            using var start = new Barrier(cores);
            var seconds = new double[cores];
            var threads = Enumerable.Range(0, cores).Select(c => new Thread(() =>
            {
                start.SignalAndWait();
                var t = Stopwatch.StartNew();
                kernel(iters);
                seconds[c] = t.Elapsed.TotalSeconds;
            })).ToArray();
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();
            all = Math.Max(all, flopsPerCall * cores / seconds.Max());
        }
        return new VectorPeakResult(one, all, lanes, wide ? "512-bit" : $"{lanes * 64}-bit");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Fma512(long iters)
    {
        var m = Vector512.Create(0.999999);
        var a = Vector512.Create(1e-7);
        Vector512<double> x0 = Vector512.Create(1.0), x1 = x0 + a, x2 = x1 + a, x3 = x2 + a, x4 = x3 + a, x5 = x4 + a, x6 = x5 + a, x7 = x6 + a;
        Vector512<double> x8 = x7 + a, x9 = x8 + a, x10 = x9 + a, x11 = x10 + a;
        for (long i = 0; i < iters; i++)
        {
            x0 = Vector512.FusedMultiplyAdd(x0, m, a); x1 = Vector512.FusedMultiplyAdd(x1, m, a);
            x2 = Vector512.FusedMultiplyAdd(x2, m, a); x3 = Vector512.FusedMultiplyAdd(x3, m, a);
            x4 = Vector512.FusedMultiplyAdd(x4, m, a); x5 = Vector512.FusedMultiplyAdd(x5, m, a);
            x6 = Vector512.FusedMultiplyAdd(x6, m, a); x7 = Vector512.FusedMultiplyAdd(x7, m, a);
            x8 = Vector512.FusedMultiplyAdd(x8, m, a); x9 = Vector512.FusedMultiplyAdd(x9, m, a);
            x10 = Vector512.FusedMultiplyAdd(x10, m, a); x11 = Vector512.FusedMultiplyAdd(x11, m, a);
        }
        return Vector512.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double FmaVector(long iters)
    {
        var m = new Vector<double>(0.999999);
        var a = new Vector<double>(1e-7);
        Vector<double> x0 = Vector<double>.One, x1 = x0 + a, x2 = x1 + a, x3 = x2 + a, x4 = x3 + a, x5 = x4 + a, x6 = x5 + a, x7 = x6 + a;
        Vector<double> x8 = x7 + a, x9 = x8 + a, x10 = x9 + a, x11 = x10 + a;
        for (long i = 0; i < iters; i++)
        {
            x0 = Vector.FusedMultiplyAdd(x0, m, a); x1 = Vector.FusedMultiplyAdd(x1, m, a);
            x2 = Vector.FusedMultiplyAdd(x2, m, a); x3 = Vector.FusedMultiplyAdd(x3, m, a);
            x4 = Vector.FusedMultiplyAdd(x4, m, a); x5 = Vector.FusedMultiplyAdd(x5, m, a);
            x6 = Vector.FusedMultiplyAdd(x6, m, a); x7 = Vector.FusedMultiplyAdd(x7, m, a);
            x8 = Vector.FusedMultiplyAdd(x8, m, a); x9 = Vector.FusedMultiplyAdd(x9, m, a);
            x10 = Vector.FusedMultiplyAdd(x10, m, a); x11 = Vector.FusedMultiplyAdd(x11, m, a);
        }
        return Vector.Sum(x0 + x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10 + x11);
    }
}
