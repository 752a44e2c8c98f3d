using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MiningDispatch.Benchmarks.Data;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// The generated inputs of a figures run: the large file (unquoted), its quoted copy (ERCOT's layout, same rows), and
/// for the memory check a quarter-size file with a quarter of the points over the same days, and one with all points
/// over a quarter of the days.
/// </summary>
internal sealed record BenchInputs(GeneratedFile Large, GeneratedFile? Quoted, GeneratedFile? QuarterPoints, GeneratedFile? QuarterDays)
{
    /// <summary>The large file of each requested layout, with its label.</summary>
    public IEnumerable<(string Layout, GeneratedFile File)> Layouts(IReadOnlyList<string> layouts)
    {
        foreach (var l in layouts)
        {
            if (l == "unquoted") yield return (l, Large);
            else if (l == "quoted" && Quoted is not null) yield return (l, Quoted);
        }
    }
}

/// <summary>The figures mode: generate inputs, measure every figure next to its reference, print and save the table.</summary>
internal static class FiguresCommand
{
    public static readonly DateOnly FirstDay = new(2023, 1, 1);

    public static int Run(FiguresOptions o)
    {
        var total = Stopwatch.StartNew();
        Console.WriteLine(MachineInfo());
        var rows = new List<FigureRow>();
        BenchInputs? inputs = null;
        if (o.Includes("load") || o.Includes("memory") || o.Includes("cli") || o.Includes("allpoints"))
        {
            inputs = Generate(o, Console.WriteLine);
        }
        if (o.Includes("load"))
        {
            Console.WriteLine("Loading figures (warm, in this process) ...");
            foreach (var (layout, file) in inputs!.Layouts(o.LayoutList))
                rows.AddRange(LoaderFigures.Speed(file, layout, o.Runs, Console.WriteLine));
        }
        if (o.Includes("cli"))
        {
            Console.WriteLine("One point through the CLI (fresh process each run) ...");
            foreach (var (layout, file) in inputs!.Layouts(o.LayoutList))
                rows.AddRange(CliFigures.OnePoint(file, layout, o.Runs, Console.WriteLine));
        }
        if (o.Includes("allpoints"))
        {
            Console.WriteLine("All points in one pass (validate without --sp) vs DuckDB's all-points GROUP BY ...");
            foreach (var (layout, file) in inputs!.Layouts(o.LayoutList))
                rows.AddRange(CliFigures.AllPoints(file, layout, o.Runs, Console.WriteLine));
        }
        if (o.Includes("memory"))
        {
            Console.WriteLine("Memory figures ...");
            rows.AddRange(LoaderFigures.Memory(inputs!, Console.WriteLine));
        }
        if (o.Includes("compute"))
        {
            Console.WriteLine("Compute figures ...");
            rows.AddRange(ComputeFigures.Run(o.MilpLimitSeconds, Console.WriteLine));
        }
        if (o.Includes("e2e"))
        {
            Console.WriteLine("End-to-end figures ...");
            rows.AddRange(EndToEndFigures.Run(o.E2eRuns, Console.WriteLine));
        }
        if (o.Includes("screen"))
        {
            Console.WriteLine("screen over every point ...");
            rows.AddRange(CliFigures.Screen(o, Console.WriteLine));
        }

        Console.WriteLine();
        Console.WriteLine(FigureTable.Text(rows));
        Directory.CreateDirectory(RepoPaths.Data);
        string md = Path.Combine(RepoPaths.Data, "figures.md");
        File.WriteAllText(md, MachineInfo() + Environment.NewLine + Environment.NewLine + FigureTable.Markdown(rows));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Table saved to {md}; whole run {total.Elapsed.TotalSeconds:0} s."));
        return rows.Any(r => r.Met == false) ? 1 : 0;
    }

    /// <summary>
    /// Writes (or reuses) the large ERCOT-layout file of about --size-gb, and two quarter-size files: a quarter of the
    /// points over the same days, all the points over a quarter of the days.
    /// </summary>
    public static BenchInputs Generate(FiguresOptions o, Action<string> log)
    {
        var points = SettlementPointCatalog.Build(o.Points);
        var fewer = SettlementPointCatalog.Build(Math.Max(31, o.Points / 4));
        int perDay = ErcotCsvGenerator.BytesPerDay(new PriceModel(FirstDay, 7), points);
        int days = (int)Math.Max(4, Math.Ceiling(o.SizeGb * 1e9 / perDay));
        var model = new PriceModel(FirstDay, days);
        string Name(int n, int d) => Path.Combine(RepoPaths.Data, FormattableString.Invariant($"np6905_rt_{n}pts_{FirstDay:yyyyMMdd}_{d}d.csv"));
        log(FormattableString.Invariant(
            $"Input: NP6-905 layout, {points.Count} settlement points, {days} market days from {FirstDay:yyyy-MM-dd} (~{(double)perDay * days / 1e9:0.00} GB unquoted)")
            + (o.Includes("memory") ? FormattableString.Invariant($"; for the memory check {fewer.Count} points × {days} days and {points.Count} points × {days / 4} days") : ""));
        var large = ErcotCsvGenerator.Ensure(Name(points.Count, days), model, points, days, log);
        Describe(large, log);
        GeneratedFile? quoted = null, quarterPoints = null, quarterDays = null;
        if (o.LayoutList.Contains("quoted"))
        {
            quoted = ErcotCsvGenerator.Ensure(Name(points.Count, days).Replace(".csv", "_quoted.csv", StringComparison.Ordinal), model, points, days, log, quoted: true);
            Describe(quoted, log);
        }
        if (o.Includes("memory"))
        {
            quarterPoints = ErcotCsvGenerator.Ensure(Name(fewer.Count, days), model, fewer, days, log);
            Describe(quarterPoints, log);
            quarterDays = ErcotCsvGenerator.Ensure(Name(points.Count, days / 4), model, points, days / 4, log);
            Describe(quarterDays, log);
        }
        return new BenchInputs(large, quoted, quarterPoints, quarterDays);
    }

    /// <summary>A file of <paramref name="pointCount"/> points × <paramref name="days"/> market days of 15-minute prices (the screen input), quoted as ERCOT's.</summary>
    public static GeneratedFile GenerateScreenInput(int pointCount, int days, Action<string> log)
    {
        var points = SettlementPointCatalog.Build(pointCount);
        var model = new PriceModel(FirstDay, days);
        string path = Path.Combine(RepoPaths.Data, FormattableString.Invariant($"np6905_rt_{points.Count}pts_{FirstDay:yyyyMMdd}_{days}d_quoted.csv"));
        var f = ErcotCsvGenerator.Ensure(path, model, points, days, log, quoted: true);
        Describe(f, log);
        return f;
    }

    private static void Describe(GeneratedFile f, Action<string> log) =>
        log(FormattableString.Invariant($"  {Path.GetRelativePath(RepoPaths.Root, f.Path)}: {f.Gigabytes:0.000} GB, {f.Rows:#,0} rows, {f.FirstDay:yyyy-MM-dd}..{f.LastDay:yyyy-MM-dd}")
            + (f.GenerationSeconds > 0 ? FormattableString.Invariant($", generated in {f.GenerationSeconds:0.0} s ({f.Bytes / 1e6 / f.GenerationSeconds:0} MB/s)") : ", reused"));

    public static string MachineInfo()
    {
        string cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        double ram = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return FormattableString.Invariant(
            $"Machine: {Environment.ProcessorCount} cores ({cpu}), {ram:0} GiB RAM, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, Vector<double> = {System.Numerics.Vector<double>.Count} lanes");
    }
}
