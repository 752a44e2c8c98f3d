using System.Globalization;
using MiningDispatch.Benchmarks.Data;
using MiningDispatch.Benchmarks.Reference;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// Loading figures: the price loader against DuckDB on the large generated file for one settlement point, hourly
/// means, in this process (warm page cache, best of the runs, the two alternating), then peak memory of each in a
/// fresh process on the large file and on two quarter-size files (a quarter of the points, a quarter of the days).
/// </summary>
internal static class LoaderFigures
{
    public const string Point = "HB_WEST";
    private const string G = "Loading one settlement point, hourly means";
    private const string M = "Peak memory, one point (fresh process each)";

    public static IEnumerable<FigureRow> Speed(GeneratedFile file, string layout, int runs, Action<string> log)
    {
        string path = file.Path;
        var loaderTimes = new List<double>();
        var duckTimes = new List<double>();
        PriceLoadResult? loaded = null;
        HourlySeries? duck = null;
        // Warm the page cache and the JIT of both, then alternate.
        log($"  {layout}: warm-up, reading {file.Gigabytes:0.00} GB once with each ...");
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
        var floor = Floors.RawRead(path, runs);
        double lt = Floors.Median(loaderTimes), dt = Floors.Median(duckTimes);
        string agree = Compare(loaded, duck);
        double mb = file.Bytes / 1e6;
        yield return new FigureRow(G, $"PriceLoader.Load (warm library call), {layout} {file.Gigabytes:0.00} GB: time", lt, "s", "DuckDB.NET read_csv + GROUP BY", dt, dt / lt,
            "≥ 1× DuckDB", dt / lt >= 1.0,
            FormattableString.Invariant($"median; loader {Floors.Range(loaderTimes)}, DuckDB {Floors.Range(duckTimes)}, raw read {Floors.Range(floor)}; {loaded.HoursUtc.Length:#,0} hours; {agree}"),
            Floors.Median(floor), "raw read");
        yield return new FigureRow(G, $"PriceLoader, {layout}: throughput", mb / lt, "MB/s", "DuckDB", mb / dt, dt / lt,
            Note: FormattableString.Invariant($"{file.Rows:#,0} rows of {file.Points} points; raw read from the page cache {mb / Floors.Median(floor):#,0} MB/s"));
    }

    public static IEnumerable<FigureRow> Memory(BenchInputs inputs, Action<string> log)
    {
        if (inputs.QuarterPoints is null || inputs.QuarterDays is null) yield break;
        log("  fresh processes: runtime alone, then the loader and DuckDB on each file ...");
        const double MiB = 1024 * 1024;
        var idle = ChildProcess.RunSelf("idle-child");
        var files = new[] { inputs.QuarterPoints, inputs.Large, inputs.QuarterDays };
        var loader = files.Select(f => ChildProcess.RunSelf("load-child", f.Path, Point)).ToArray();
        var duck = files.Select(f => ChildProcess.RunSelf("duck-child", f.Path, Point)).ToArray();
        string[] labels =
        [
            FormattableString.Invariant($"1× file ({files[0].Points:#,0} points × {files[0].Days} days, {files[0].Gigabytes:0.00} GB)"),
            FormattableString.Invariant($"4× file ({files[1].Points:#,0} points × {files[1].Days} days, {files[1].Gigabytes:0.00} GB)"),
            FormattableString.Invariant($"¼ of the days ({files[2].Points:#,0} points × {files[2].Days} days, {files[2].Gigabytes:0.00} GB)"),
        ];
        yield return new FigureRow(M, "Runtime alone (idle process): peak working set", idle["peak_ws"] / MiB, "MiB");
        for (int i = 0; i < files.Length; i++)
        {
            yield return new FigureRow(M, $"PriceLoader, {labels[i]}: peak working set", loader[i]["peak_ws"] / MiB, "MiB",
                "DuckDB", duck[i]["peak_ws"] / MiB, duck[i]["peak_ws"] / loader[i]["peak_ws"],
                Note: FormattableString.Invariant($"GC allocated {loader[i]["allocated"] / MiB:0.0} MiB; {loader[i]["hours"]:#,0} hours; {loader[i]["seconds"]:0.00} s in a cold process"));
        }
        double growth = loader[1]["peak_ws"] / loader[0]["peak_ws"];
        yield return new FigureRow(M, "PriceLoader: peak working set, 4× file / 1× file (same days)", growth, "×",
            "DuckDB", duck[1]["peak_ws"] / duck[0]["peak_ws"], null, "≤ 1.10× (flat)", growth <= 1.10,
            "4× the bytes and rows, the same series for the point: memory does not follow the file size.");
        double span = loader[1]["peak_ws"] / loader[2]["peak_ws"];
        double perInterval = (loader[1]["peak_ws"] - loader[2]["peak_ws"]) / (4.0 * (loader[1]["hours"] - loader[2]["hours"]));
        yield return new FigureRow(M, "PriceLoader: peak working set, 4× the days / ¼ of the days", span, "×",
            "DuckDB", duck[1]["peak_ws"] / duck[2]["peak_ws"],
            Note: FormattableString.Invariant($"grows only with the point's own series: about {perInterval:0} bytes per 15-minute price kept"));
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
