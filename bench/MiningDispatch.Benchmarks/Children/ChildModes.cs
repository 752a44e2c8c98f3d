using System.Diagnostics;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Benchmarks.Reference;

namespace MiningDispatch.Benchmarks.Children;

/// <summary>
/// Work done in a fresh process so that its peak memory (peak working set, bytes allocated) and cold-start time are
/// its own: each prints one RESULT line for the parent.
/// </summary>
internal static partial class ChildModes
{
    /// <summary>The runtime's own footprint: start, allocate nothing, report.</summary>
    public static int Idle()
    {
        ReportMemory(0);
        return 0;
    }

    /// <summary>duck-child FILE POINT: DuckDB hourly means of one point.</summary>
    public static int Duck(string[] args)
    {
        if (args.Length != 2) throw new ArgumentException("duck-child needs FILE POINT.");
        var sw = Stopwatch.StartNew();
        var r = DuckDbHourlyMeans.Query(args[0], args[1]);
        ReportMemory(sw.Elapsed.TotalSeconds, ("hours", r.HoursUtc.Length));
        return 0;
    }

    private static void ReportMemory(double seconds, params (string, double)[] extra)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var values = new List<(string, double)>
        {
            ("seconds", seconds),
            ("peak_ws", self.PeakWorkingSet64),
            ("allocated", GC.GetTotalAllocatedBytes(precise: true)),
        };
        values.AddRange(extra);
        ChildProcess.Report([.. values]);
    }
}
