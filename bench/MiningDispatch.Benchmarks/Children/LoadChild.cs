using System.Diagnostics;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Benchmarks.Children;

internal static partial class ChildModes
{
    /// <summary>load-child FILE POINT: the price loader on one file, one real-time point.</summary>
    public static int Load(string[] args)
    {
        if (args.Length != 2) throw new ArgumentException("load-child needs FILE POINT.");
        var sw = Stopwatch.StartNew();
        var r = PriceLoader.Load([args[0]], new PriceQuery(args[1], PriceMarket.RealTime));
        ReportMemory(sw.Elapsed.TotalSeconds, ("hours", r.HoursUtc.Length), ("rows", r.Quality.RowsRead));
        return 0;
    }
}
