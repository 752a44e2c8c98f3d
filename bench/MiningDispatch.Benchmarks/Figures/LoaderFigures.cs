using System.Globalization;
using MiningDispatch.Benchmarks.Reference;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// Loading figures: the price loader against DuckDB on the large generated file for one settlement point, hourly
/// means, in this process (warm page cache, best of the runs, the two alternating), then peak memory of each in a
/// fresh process on the quarter-size and the full file.
/// </summary>
internal static class LoaderFigures
{
    public const string Point = "HB_WEST";
    private const string G = "Loading one settlement point, hourly means";
    private const string M = "Peak memory, one point (fresh process each)";

    public static IEnumerable<FigureRow> Speed(BenchInputs inputs, int runs, Action<string> log)
    {
        var file = inputs.Large;
        string path = file.Path;
        var loaderTimes = new List<double>();
        var duckTimes = new List<double>();
        PriceLoadResult? loaded = null;
        HourlySeries? duck = null;
        // Warm the page cache and the JIT of both, then alternate.
        log($"  warm-up: reading {file.Gigabytes:0.00} GB once with each ...");
        loaded = PriceLoader.Load([path], new PriceQuery(Point, PriceMarket.RealTime));
        duck = DuckDbHourlyMeans.Query(path, Point);
        for (int i = 0; i < runs; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            loaded = PriceLoader.Load([path], new PriceQuery(Point, PriceMarket.RealTime));
            loaderTimes.Add(sw.Elapsed.TotalSeconds);
            sw.Restart();
            duck = DuckDbHourlyMeans.Query(path, Point);
            duckTimes.Add(sw.Elapsed.TotalSeconds);
            log(FormattableString.Invariant($"  run {i + 1}: loader {loaderTimes[^1]:0.00} s, DuckDB {duckTimes[^1]:0.00} s"));
        }
        double lt = loaderTimes.Min(), dt = duckTimes.Min();
        string agree = Compare(loaded, duck);
        double mb = file.Bytes / 1e6;
        yield return new FigureRow(G, $"PriceLoader, {file.Gigabytes:0.00} GB file: time", lt, "s", "DuckDB read_csv + GROUP BY", dt, dt / lt,
            "≥ 1× DuckDB", dt / lt >= 1.0, FormattableString.Invariant($"best of {runs}; {loaded.HoursUtc.Length:#,0} hours; {agree}"));
        yield return new FigureRow(G, "PriceLoader: throughput", mb / lt, "MB/s", "DuckDB", mb / dt, dt / lt);
        yield return new FigureRow(G, "PriceLoader: rows", file.Rows / lt, "rows/s", "DuckDB", file.Rows / dt, dt / lt,
            Note: FormattableString.Invariant($"{file.Rows:#,0} rows of {file.Points} points"));
    }

    public static IEnumerable<FigureRow> Memory(BenchInputs inputs, Action<string> log)
    {
        log("  fresh processes: runtime only, loader and DuckDB on the 1× and 4× files ...");
        var idle = ChildProcess.RunSelf("idle-child");
        var l1 = ChildProcess.RunSelf("load-child", inputs.Quarter.Path, Point);
        var l4 = ChildProcess.RunSelf("load-child", inputs.Large.Path, Point);
        var d1 = ChildProcess.RunSelf("duck-child", inputs.Quarter.Path, Point);
        var d4 = ChildProcess.RunSelf("duck-child", inputs.Large.Path, Point);
        const double MiB = 1024 * 1024;
        string size1 = FormattableString.Invariant($"{inputs.Quarter.Gigabytes:0.00} GB");
        string size4 = FormattableString.Invariant($"{inputs.Large.Gigabytes:0.00} GB");
        yield return new FigureRow(M, "Runtime alone (idle process): peak working set", idle["peak_ws"] / MiB, "MiB");
        yield return new FigureRow(M, $"PriceLoader, 1× file ({size1}): peak working set", l1["peak_ws"] / MiB, "MiB",
            "DuckDB", d1["peak_ws"] / MiB, d1["peak_ws"] / l1["peak_ws"],
            Note: FormattableString.Invariant($"GC allocated {l1["allocated"] / MiB:0.0} MiB; {l1["seconds"]:0.00} s cold process"));
        double growth = l4["peak_ws"] / l1["peak_ws"];
        yield return new FigureRow(M, $"PriceLoader, 4× file ({size4}): peak working set", l4["peak_ws"] / MiB, "MiB",
            "DuckDB", d4["peak_ws"] / MiB, d4["peak_ws"] / l4["peak_ws"],
            Note: FormattableString.Invariant($"GC allocated {l4["allocated"] / MiB:0.0} MiB; {l4["seconds"]:0.00} s cold process"));
        yield return new FigureRow(M, "PriceLoader: peak working set growth, 4× file / 1× file", growth, "×",
            "DuckDB growth", d4["peak_ws"] / d1["peak_ws"], null, "≤ 1.25× (flat)", growth <= 1.25,
            "The result itself (hours × 16 bytes) grows with the time span; the reading does not.");
    }

    private static string Compare(PriceLoadResult a, HourlySeries b)
    {
        if (a.HoursUtc.Length != b.HoursUtc.Length)
            return $"HOUR COUNTS DIFFER: loader {a.HoursUtc.Length}, DuckDB {b.HoursUtc.Length}";
        double max = 0;
        for (int i = 0; i < a.HoursUtc.Length; i++)
        {
            if (a.HoursUtc[i] != b.HoursUtc[i]) return $"HOURS DIFFER at {i}: {a.HoursUtc[i]:O} vs {b.HoursUtc[i]:O}";
            max = Math.Max(max, Math.Abs(a.PriceUsdPerMWh[i] - b.Prices[i]));
        }
        return string.Create(CultureInfo.InvariantCulture, $"same hours and means as DuckDB (max |Δ| {max:0.0e0} $/MWh)");
    }
}
