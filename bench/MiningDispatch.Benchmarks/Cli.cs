using BenchmarkDotNet.Running;
using MiningDispatch.Benchmarks.Children;
using MiningDispatch.Benchmarks.Figures;

namespace MiningDispatch.Benchmarks;

/// <summary>
/// Modes of the benchmark executable:
/// <c>figures [--quick] [--size-gb N] [--points N] [--runs N] [--layouts L] [--skip SECTIONS] ...</c> measures every figure with its reference and floor and prints the table;
/// <c>generate [--size-gb N] [--points N]</c> only writes the ERCOT-layout CSV into bench/data;
/// <c>bdn [BenchmarkDotNet arguments, e.g. --filter *]</c> runs the BenchmarkDotNet classes.
/// Other modes (load-child, duck-child, allpoints-child, e2e-child) are the child processes the figures mode starts.
/// </summary>
internal static class Cli
{
    public const string Usage = """
        usage: MiningDispatch.Benchmarks <mode> [options]
          figures   [--quick] [--size-gb 2] [--points 1000] [--runs 3] [--layouts unquoted,quoted] [--milp-limit 300]
                    [--screen-points 1000] [--screen-days 731] [--e2e-runs 5]
                    [--skip load,cli,allpoints,memory,compute,screen,e2e]
                    generate the ERCOT-layout CSVs (bench/data, reused when present; unquoted and quoted), measure every
                    figure with its reference and its floor in this run, print the table and write bench/data/figures.md.
                    --quick: 0.05 GB, 100 points, 2 runs, screen 100 points x 60 days, MILP limit 3 s, no memory section
          generate  [--size-gb 2] [--points 1000] [--layouts ...]   only write the CSV files
          bdn       [BenchmarkDotNet arguments]      e.g. bdn --filter '*'  (BenchmarkDotNet classes)
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }
        string mode = args[0];
        var rest = args[1..];
        try
        {
            switch (mode)
            {
                case "figures":
                    return FiguresCommand.Run(FiguresOptions.Parse(rest));
                case "generate":
                    FiguresCommand.Generate(FiguresOptions.Parse(rest), Console.WriteLine);
                    return 0;
                case "bdn":
                    BenchmarkSwitcher.FromAssembly(typeof(Cli).Assembly).Run(rest);
                    return 0;
                case "load-child":
                    return ChildModes.Load(rest);
                case "duck-child":
                    return ChildModes.Duck(rest);
                case "idle-child":
                    return ChildModes.Idle();
                case "e2e-child":
                    return ChildModes.EndToEnd(rest);
                case "allpoints-child":
                    return ChildModes.AllPoints(rest);
                default:
                    Console.Error.WriteLine($"Unknown mode '{mode}'.");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }
}
