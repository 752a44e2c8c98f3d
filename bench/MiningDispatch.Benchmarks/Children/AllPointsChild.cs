using System.Diagnostics;
using System.Globalization;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Benchmarks.Children;

internal static partial class ChildModes
{
    /// <summary>
    /// allpoints-child FILE RUNS [one-thread]: <see cref="PriceLoader.LoadAll"/> (every real-time point, hourly) RUNS
    /// times in this process, each run's seconds on one line, then a RESULT line with <c>first</c> (the cold run) and
    /// <c>warm</c> (the median of the others); with <c>one-thread</c> the read stays on one thread.
    /// </summary>
    public static int AllPoints(string[] args)
    {
        if (args.Length is < 2 or > 3) throw new ArgumentException("allpoints-child needs FILE RUNS [one-thread].");
        int runs = int.Parse(args[1], CultureInfo.InvariantCulture);
        if (runs < 2) throw new ArgumentException("allpoints-child needs at least 2 runs (the first is the cold one).");
        var query = new AllPointsQuery(PriceMarket.RealTime) { OneThread = args.Length == 3 && args[2] == "one-thread" };
        var times = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            int points = PriceLoader.LoadAll([args[0]], query).Points.Count;
            times.Add(sw.Elapsed.TotalSeconds);
            Console.WriteLine(FormattableString.Invariant($"run {i + 1}: {times[^1]:0.000} s, {points} points"));
            GC.Collect();
        }
        ChildProcess.Report(("first", times[0]), ("warm", Floors.Median(times.Skip(1).ToList())));
        return 0;
    }
}
