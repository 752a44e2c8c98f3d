using System.Globalization;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>Options of the figures and generate modes.</summary>
internal sealed record FiguresOptions(double SizeGb = 2.0, int Points = 1000, int Runs = 2, double MilpLimitSeconds = 300, IReadOnlySet<string>? Skip = null)
{
    public static readonly string[] Sections = ["load", "memory", "compute", "e2e"];

    public bool Includes(string section) => Skip is null || !Skip.Contains(section);

    public static FiguresOptions Parse(string[] args)
    {
        var o = new FiguresOptions();
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
                case "--size-gb": o = o with { SizeGb = Num("--size-gb", 0.01, 200) }; break;
                case "--points": o = o with { Points = (int)Num("--points", 31, 20000) }; break;
                case "--runs": o = o with { Runs = (int)Num("--runs", 1, 20) }; break;
                case "--milp-limit": o = o with { MilpLimitSeconds = Num("--milp-limit", 1, 3600) }; break;
                case "--skip":
                    var skip = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                    var unknown = skip.Except(Sections, StringComparer.OrdinalIgnoreCase).ToList();
                    if (unknown.Count > 0) throw new ArgumentException($"--skip: unknown section(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Sections)}.");
                    o = o with { Skip = skip };
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'.\n{Cli.Usage}");
            }
        }
        return o;
    }
}
