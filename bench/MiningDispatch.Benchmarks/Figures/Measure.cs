using System.Diagnostics;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>Timing of a repeated action: best, median and worst wall time in seconds, and the last result.</summary>
internal sealed record Timing<T>(double Best, double Median, int Runs, T Result, double Worst)
{
    /// <summary>"min–max s (median of N)": the range over the runs, as the README quotes it.</summary>
    public string Range(string unit = "s", double scale = 1) => Measure.Range(Best * scale, Worst * scale, Median * scale, Runs, unit);
}

/// <summary>
/// Wall-clock measurement after a warm-up long enough for tiered compilation to reach its optimised code
/// (at least <see cref="WarmupSeconds"/> of calls, and at least the given number of calls).
/// </summary>
internal static class Measure
{
    public const double WarmupSeconds = 0.5;

    public static Timing<T> Run<T>(Func<T> action, int runs, int warmup = 1)
    {
        T result = default!;
        var warm = Stopwatch.StartNew();
        for (int i = 0; i < warmup || warm.Elapsed.TotalSeconds < WarmupSeconds; i++) result = action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            result = action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        double median = runs % 2 == 1 ? times[runs / 2] : (times[runs / 2 - 1] + times[runs / 2]) / 2;
        return new Timing<T>(times[0], median, runs, result, times[^1]);
    }

    /// <summary>A range over runs, invariant culture: "0.81–0.93 s (median 0.85, 5 runs)".</summary>
    public static string Range(double min, double max, double median, int runs, string unit)
        => FormattableString.Invariant($"{FigureTable.Number(min)}–{FigureTable.Number(max)} {unit} (median {FigureTable.Number(median)}, {runs} runs)");

    /// <summary>
    /// Repeats a short action in batches for about <paramref name="minSeconds"/>; returns seconds per call of the
    /// fastest batch (on a shared machine the slower batches measure the neighbours).
    /// </summary>
    public static double PerCall(Action action, double minSeconds = 0.5, int batches = 7)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < WarmupSeconds) action();
        sw.Restart();
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
        return per.Min();
    }
}
