using System.Diagnostics;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>Timing of a repeated action: best and median wall time in seconds, and the last result.</summary>
internal sealed record Timing<T>(double Best, double Median, int Runs, T Result);

/// <summary>Wall-clock measurement with warm-up runs (JIT, caches) before the timed ones.</summary>
internal static class Measure
{
    public static Timing<T> Run<T>(Func<T> action, int runs, int warmup = 1)
    {
        T result = default!;
        for (int i = 0; i < warmup; i++) result = action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            result = action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        return new Timing<T>(times[0], median, runs, result);
    }

    /// <summary>Repeats a short action until about <paramref name="minSeconds"/> have passed; returns seconds per call (median of batches).</summary>
    public static double PerCall(Action action, double minSeconds = 0.5, int batches = 7)
    {
        action();
        var sw = Stopwatch.StartNew();
        int reps = 0;
        while (sw.Elapsed.TotalSeconds < minSeconds / batches) { action(); reps++; }
        reps = Math.Max(1, reps);
        var per = new double[batches];
        for (int b = 0; b < batches; b++)
        {
            sw.Restart();
            for (int i = 0; i < reps; i++) action();
            per[b] = sw.Elapsed.TotalSeconds / reps;
        }
        Array.Sort(per);
        return per[batches / 2];
    }
}
