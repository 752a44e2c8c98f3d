using System.Globalization;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>Options of the figures and generate modes.</summary>
/// <param name="SizeGb">Size of the large unquoted file (the quoted copy of the same rows is about 1.3× larger).</param>
/// <param name="Points">Settlement points in the generated files.</param>
/// <param name="Runs">Runs of each loading and CLI figure (ranges are min–max over them).</param>
/// <param name="Layouts">"unquoted", "quoted" or both: the ERCOT layouts the loading and CLI figures use.</param>
/// <param name="ScreenPoints">Points of the screen input file.</param>
/// <param name="ScreenDays">Market days of 15-minute prices in the screen input file.</param>
/// <param name="E2eRuns">Runs of the default backtest through the CLI (the figure is their median).</param>
internal sealed record FiguresOptions(double SizeGb = 2.0, int Points = 1000, int Runs = 3, double MilpLimitSeconds = 300, IReadOnlySet<string>? Skip = null,
    IReadOnlyList<string>? Layouts = null, int ScreenPoints = 1000, int ScreenDays = 731, int E2eRuns = 5)
{
    public static readonly string[] Sections = ["load", "cli", "allpoints", "memory", "compute", "screen", "e2e"];
    public static readonly string[] AllLayouts = ["unquoted", "quoted"];

    /// <summary>
    /// The quick preset: small files, two runs of each figure, every section but memory; about 1–2 minutes on 2 idle
    /// cores after the build (a check that every step works, not figures to quote).
    /// </summary>
    public static FiguresOptions Quick => new(SizeGb: 0.05, Points: 100, Runs: 2, MilpLimitSeconds: 3,
        Skip: new HashSet<string>(["memory"], StringComparer.OrdinalIgnoreCase), ScreenPoints: 100, ScreenDays: 60, E2eRuns: 2);

    public bool Includes(string section) => Skip is null || !Skip.Contains(section);

    public IReadOnlyList<string> LayoutList => Layouts ?? AllLayouts;

    public static FiguresOptions Parse(string[] args)
    {
        // --quick is a preset: the other flags override it wherever they stand (--skip adds to its skipped sections).
        var o = args.Contains("--quick") ? Quick : new FiguresOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Num(string name, double min, double max)
            {
                string v = Value();
                if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || d < min || d > max)
                    throw new ArgumentException($"{name} must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{v}').");
                return d;
            }
            switch (args[i])
            {
                case "--quick": break;
                case "--size-gb": o = o with { SizeGb = Num("--size-gb", 0.01, 200) }; break;
                case "--points": o = o with { Points = (int)Num("--points", 31, 20000) }; break;
                case "--runs": o = o with { Runs = (int)Num("--runs", 1, 20) }; break;
                case "--milp-limit": o = o with { MilpLimitSeconds = Num("--milp-limit", 1, 3600) }; break;
                case "--screen-points": o = o with { ScreenPoints = (int)Num("--screen-points", 31, 20000) }; break;
                case "--screen-days": o = o with { ScreenDays = (int)Num("--screen-days", 4, 3660) }; break;
                case "--e2e-runs": o = o with { E2eRuns = (int)Num("--e2e-runs", 1, 50) }; break;
                case "--layouts":
                    var layouts = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.ToLowerInvariant()).Distinct().ToList();
                    var badLayouts = layouts.Except(AllLayouts).ToList();
                    if (layouts.Count == 0 || badLayouts.Count > 0) throw new ArgumentException($"--layouts: unknown layout(s) {string.Join(", ", badLayouts)}; known: {string.Join(", ", AllLayouts)}.");
                    o = o with { Layouts = layouts };
                    break;
                case "--skip":
                    var skip = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var unknown = skip.Except(Sections, StringComparer.OrdinalIgnoreCase).ToList();
                    if (unknown.Count > 0) throw new ArgumentException($"--skip: unknown section(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Sections)}.");
                    if (o.Skip is not null) skip.UnionWith(o.Skip);
                    o = o with { Skip = skip };
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Cli.Usage}");
            }
        }
        return o;
    }
}
