using System.Globalization;
using MiningDispatch.Benchmarks.Data;
using MiningDispatch.Benchmarks.Reference;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// The figures as a user meets them: the Release CLI in a fresh process per run (process start included) on the
/// generated files, DuckDB beside it (its CLI when one is installed, else DuckDB.NET in this process), and the
/// floors (<c>grep -c</c> over the file, a raw read from the page cache). Each figure is the median of the runs; the
/// notes give min–max ranges.
/// </summary>
internal static class CliFigures
{
    private const string G1 = "One settlement point through the CLI (fresh process, start-up included)";
    private const string G2 = "Every settlement point in one pass";
    private const string G3 = "`screen`: every point ranked";

    /// <summary>Medians of the one-point CLI time per layout, for the all-points ratio.</summary>
    private static readonly Dictionary<string, double> OnePointMedian = [];

    /// <summary>The DuckDB CLI: <c>duckdb</c> on the PATH, or <c>.tools/duckdb</c> in the repository; null when neither.</summary>
    public static string? DuckDbCli { get; } = FindDuckDb();

    private static string? FindDuckDb()
    {
        string exe = OperatingSystem.IsWindows() ? "duckdb.exe" : "duckdb";
        var local = Path.Combine(RepoPaths.Root, ".tools", exe);
        if (File.Exists(local)) return local;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var p = Path.Combine(dir, exe);
            if (File.Exists(p)) return p;
        }
        return null;
    }

    private static string DuckName => DuckDbCli is null ? "DuckDB.NET (in-process, warm: DuckDB CLI not found)" : "DuckDB CLI (fresh process)";

    /// <summary>Times DuckDB on one SQL statement: its CLI in a fresh process, else DuckDB.NET here after one discarded run.</summary>
    private static List<double> TimeDuck(string sql, Action dotNet, int runs)
    {
        var times = new List<double>();
        if (DuckDbCli is string duck)
        {
            for (int i = 0; i < runs; i++)
            {
                var (_, err, exit, wall) = ChildProcess.TryRunProgram(duck, ["-csv", "-c", sql]);
                if (exit != 0) throw new InvalidOperationException($"The DuckDB CLI failed ({exit}): {err}");
                times.Add(wall);
            }
            return times;
        }
        dotNet();
        for (int i = 0; i < runs; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            dotNet();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return times;
    }

    /// <summary>Runs the CLI <paramref name="runs"/> times after one discarded run (page cache, disk cache of the runtime); throws on a failure.</summary>
    private static (List<double> Times, List<double> PeakMiB, string Stdout) TimeCli(IReadOnlyList<string> args, int runs, bool discardFirst = true)
    {
        string cli = EndToEndFigures.CliPath;
        bool timeTool = File.Exists("/usr/bin/time");
        var times = new List<double>();
        var peaks = new List<double>();
        string stdout = "";
        for (int i = discardFirst ? -1 : 0; i < runs; i++)
        {
            // /usr/bin/time -f %M prints the peak resident set (KiB) of the CLI on stderr's last line.
            var (o, err, exit, wall) = timeTool
                ? ChildProcess.TryRunProgram("/usr/bin/time", ["-f", "MAXRSS_KIB %M", cli, .. args], RepoPaths.Root)
                : ChildProcess.TryRunProgram(cli, args, RepoPaths.Root);
            if (exit != 0)
                throw new InvalidOperationException($"mining-dispatch {string.Join(' ', args)} exited with {exit}:\n{Tail(o)}\n{Tail(err)}");
            stdout = o;
            if (i < 0) continue;
            times.Add(wall);
            var rss = err.Split('\n').LastOrDefault(l => l.StartsWith("MAXRSS_KIB ", StringComparison.Ordinal));
            if (rss is not null && double.TryParse(rss[11..], NumberStyles.Float, CultureInfo.InvariantCulture, out double kib)) peaks.Add(kib / 1024);
        }
        return (times, peaks, stdout);
    }

    private static string Tail(string s, int lines = 8) => string.Join('\n', s.Split('\n').TakeLast(lines));

    private static bool CliBuilt(out FigureRow? missing)
    {
        missing = File.Exists(EndToEndFigures.CliPath) ? null
            : new FigureRow(G1, "CLI not built", double.NaN, "", Note: $"{EndToEndFigures.PublishHint} Looked for {EndToEndFigures.CliPath}");
        return missing is null;
    }

    /// <summary>
    /// <c>validate -p FILE --sp HB_WEST</c> in a fresh process per run against DuckDB's one-point GROUP BY, the CLI's
    /// start-up alone (<c>--version</c>), <c>grep -c</c> and the raw read.
    /// </summary>
    public static IEnumerable<FigureRow> OnePoint(GeneratedFile file, string layout, int runs, Action<string> log)
    {
        if (!CliBuilt(out var missing)) { yield return missing!; yield break; }
        string point = LoaderFigures.Point;
        log($"  {layout}: mining-dispatch validate -p {Path.GetFileName(file.Path)} --sp {point}, {runs} runs ...");
        var cli = TimeCli(["validate", "-p", file.Path, "--sp", point], runs).Times;
        var start = TimeCli(["--version"], runs).Times;
        log($"  {layout}: {DuckName}, grep -c, raw read ...");
        var duck = TimeDuck(DuckDbHourlyMeans.OnePointSql(file.Path, point), () => DuckDbHourlyMeans.Query(file.Path, point), runs);
        var grep = Floors.Grep(file.Path, point, runs);
        var raw = Floors.RawRead(file.Path, runs);
        double c = Floors.Median(cli), d = Floors.Median(duck), g = Floors.Median(grep), s = Floors.Median(start);
        OnePointMedian[layout] = c;
        string ranges = Floors.Invariant($"CLI {Floors.Range(cli)}; DuckDB {Floors.Range(duck)}; grep -c {Floors.Range(grep)}; raw read {Floors.Range(raw)}");
        yield return new FigureRow(G1, Floors.Invariant($"validate --sp, {layout} {file.Gigabytes:0.00} GB: time"), c, "s", DuckName, d, d / c,
            "≥ 3× DuckDB", d / c >= 3, ranges, g, "grep -c");
        double afterStart = c - s;
        yield return new FigureRow(G1, $"validate --sp, {layout}: after start-up (time − `--version`)", afterStart, "s", "start-up (`--version`)", s, null,
            "≤ 3× grep -c", grep.Count > 0 ? afterStart / g <= 3 : null, $"start-up {Floors.Range(start)}", g, "grep -c");
        yield return new FigureRow(G1, $"validate --sp, {layout}: over the raw read", c, "s", Floor: Floors.Median(raw), FloorName: "raw read",
            Note: Floors.Invariant($"raw read from the page cache {file.Bytes / 1e6 / Floors.Median(raw):#,0} MB/s"));
    }

    /// <summary><c>validate -p FILE</c> (every point) in a fresh process against DuckDB's all-points GROUP BY; peak RSS of the CLI.</summary>
    public static IEnumerable<FigureRow> AllPoints(GeneratedFile file, string layout, int runs, Action<string> log)
    {
        if (!CliBuilt(out var missing)) { yield return missing!; yield break; }
        log($"  {layout}: mining-dispatch validate -p {Path.GetFileName(file.Path)} (all {file.Points:#,0} points), {runs} runs ...");
        var (cli, peaks, stdout) = TimeCli(["validate", "-p", file.Path], runs);
        log($"  {layout}: {DuckName} all-points GROUP BY ...");
        long groups = 0;
        var duck = TimeDuck(DuckDbHourlyMeans.AllPointsSql(file.Path), () => groups = DuckDbHourlyMeans.AllPoints(file.Path).Groups, runs);
        var grep = Floors.Grep(file.Path, LoaderFigures.Point, runs);
        double c = Floors.Median(cli), d = Floors.Median(duck), g = Floors.Median(grep);
        string notAll = stdout.Contains("not analysed", StringComparison.OrdinalIgnoreCase) ? "; THE CLI DID NOT ANALYSE EVERY POINT (\"not analysed\" in its output)" : "";
        yield return new FigureRow(G2, Floors.Invariant($"validate (all {file.Points:#,0} points), {layout} {file.Gigabytes:0.00} GB: time"), c, "s",
            DuckName.Replace("(", "all-points GROUP BY (", StringComparison.Ordinal), d, d / c, "≥ 2× DuckDB", d / c >= 2,
            Floors.Invariant($"CLI {Floors.Range(cli)}; DuckDB {Floors.Range(duck)}{(groups > 0 ? Floors.Invariant($" ({groups:#,0} point-hours)") : "")}{notAll}"), g, "grep -c");
        if (peaks.Count > 0)
        {
            double peak = peaks.Max();
            yield return new FigureRow(G2, $"validate (all points), {layout}: peak resident memory", peak, "MiB", Goal: "≤ 1 GiB", Met: peak <= 1024,
                Note: Floors.Invariant($"{peaks.Min():0}–{peak:0} MiB over {peaks.Count} runs (/usr/bin/time %M)"));
        }
        if (OnePointMedian.TryGetValue(layout, out double one))
        {
            yield return new FigureRow(G2, $"validate all points / one point, {layout}", c / one, "×", "one point (CLI)", one, null, "≤ 4×", c / one <= 4);
        }
        // the library call alone, warm, with the read on two threads (the default on 2+ cores) and on one
        log($"  {layout}: PriceLoader.LoadAll in one process, {runs + 1} runs each, two threads and one ...");
        var two = ChildProcess.RunSelf("allpoints-child", file.Path, (runs + 1).ToString(CultureInfo.InvariantCulture));
        var single = ChildProcess.RunSelf("allpoints-child", file.Path, (runs + 1).ToString(CultureInfo.InvariantCulture), "one-thread");
        yield return new FigureRow(G2, $"PriceLoader.LoadAll (every point, hourly), {layout}: warm, read on two threads", two["warm"], "s",
            "the same read on one thread", single["warm"], single["warm"] / two["warm"],
            Note: Floors.Invariant($"median of {runs} warm runs in one process; the first (cold: JIT, the heap's first use) {two["first"]:0.00} s, on one thread {single["first"]:0.00} s"),
            Floor: g, FloorName: "grep -c");
    }

    /// <summary>
    /// <c>screen --prices FILE</c> over points × days of 15-minute prices (quoted), when the CLI has a screen command;
    /// otherwise one row saying it was skipped.
    /// </summary>
    public static IEnumerable<FigureRow> Screen(FiguresOptions o, Action<string> log)
    {
        if (!CliBuilt(out var missing)) { yield return missing! with { Group = G3 }; yield break; }
        // An unknown command's --help may still exit 0 with the root help: the screen command's own usage line must be there.
        var help = ChildProcess.TryRunProgram(EndToEndFigures.CliPath, ["screen", "--help"], RepoPaths.Root);
        if (help.ExitCode != 0 || !System.Text.RegularExpressions.Regex.IsMatch(help.Stdout, @"Usage:\s+\S+ screen\b"))
        {
            log("  skipped: no screen command");
            yield return new FigureRow(G3, "skipped: no screen command", double.NaN, "", Note: "`mining-dispatch screen --help` failed: this build has no screen command");
            yield break;
        }
        var file = FiguresCommand.GenerateScreenInput(o.ScreenPoints, o.ScreenDays, log);
        string outDir = Path.Combine(Path.GetTempPath(), "md-bench-screen-" + Environment.ProcessId);
        List<double> times, peaks;
        string? failure = null;
        try
        {
            log($"  mining-dispatch screen --prices {Path.GetFileName(file.Path)} --out {outDir}, {o.Runs} runs ...");
            (times, peaks, _) = TimeCli(["screen", "--prices", file.Path, "--out", outDir], o.Runs, discardFirst: false);
        }
        catch (InvalidOperationException e)
        {
            (times, peaks, failure) = ([], [], e.Message.Split('\n').FirstOrDefault(l => l.Trim().Length > 0 && !l.StartsWith("mining-dispatch", StringComparison.Ordinal)) ?? e.Message);
        }
        finally
        {
            try { Directory.Delete(outDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        if (failure is not null)
        {
            yield return new FigureRow(G3, "screen FAILED", double.NaN, "", Note: failure);
            yield break;
        }
        var duck = TimeDuck(DuckDbHourlyMeans.AllPointsSql(file.Path), () => DuckDbHourlyMeans.AllPoints(file.Path), Math.Min(o.Runs, 2));
        var grep = Floors.Grep(file.Path, LoaderFigures.Point, o.Runs);
        double c = Floors.Median(times), d = Floors.Median(duck);
        yield return new FigureRow(G3, Floors.Invariant($"screen, {file.Points:#,0} points × {file.Days} days of 15-min prices ({file.Gigabytes:0.00} GB, quoted): time"), c, "s",
            DuckName.Replace("(", "all-points hourly GROUP BY (", StringComparison.Ordinal), d, d / c, "< 15 s", c < 15,
            Floors.Invariant($"screen {Floors.Range(times)}; DuckDB {Floors.Range(duck)}{(peaks.Count > 0 ? Floors.Invariant($"; peak RSS {peaks.Max():0} MiB") : "")}"),
            Floors.Median(grep), "grep -c");
    }
}
