using System.Text;

namespace MiningDispatch.Benchmarks.Data;

/// <summary>How a settlement point's price is derived from the system price.</summary>
internal enum PointKind
{
    /// <summary>System price × scale + basis + noise (and rare congestion).</summary>
    Regular,

    /// <summary>HB_HUBAVG: mean of HB_HOUSTON, HB_NORTH, HB_SOUTH and HB_WEST.</summary>
    HubAverage,

    /// <summary>HB_BUSAVG: mean of the five trading hubs (an approximation of ERCOT's bus average).</summary>
    BusAverage,
}

/// <summary>One settlement point of the generated file.</summary>
internal sealed record SettlementPointSpec(string Name, string Type, PointKind Kind, double Scale, double Basis, double Noise)
{
    /// <summary>The bytes ",Name,Type," written between the interval and the price.</summary>
    public byte[] Middle { get; } = Encoding.ASCII.GetBytes($",{Name},{Type},");

    /// <summary>The same in ERCOT's quoted layout: <c>","Name","Type","</c> (the interval's and the price's quotes around it).</summary>
    public byte[] QuotedMiddle { get; } = Encoding.ASCII.GetBytes($"\",\"{Name}\",\"{Type}\",\"");
}

/// <summary>
/// About 1,000 ERCOT settlement points as in an NP6-905 file: the 7 real hubs (types HU, SH, AH), the 8 real load
/// zones each as LZ and LZEW, the 4 DC ties as LZ_DC and LZ_DCEW, and generated resource nodes (RN, with a few
/// PCCRN/LCCRN/PUN) with realistic-looking names. Sorted by name then type, as in ERCOT's files.
/// </summary>
internal static class SettlementPointCatalog
{
    public static readonly string[] TradingHubs = ["HB_HOUSTON", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST"];

    private static readonly string[] Syllables =
    [
        "ABI", "ADL", "AGU", "ALV", "AMA", "ANA", "ANG", "ARR", "AUS", "BAR", "BAS", "BEL", "BIG", "BLU", "BOS", "BRA",
        "BUF", "CAL", "CED", "CHA", "CIS", "COL", "COR", "CRO", "DEC", "DEL", "DUK", "EAG", "ELM", "FOR", "FRO", "GIB",
        "GRA", "HAY", "HOL", "JAC", "KEL", "LAM", "LIM", "LON", "MAG", "MAR", "MES", "MID", "NUE", "ODE", "PEC", "PYR",
        "QUA", "RED", "SAN", "SIL", "SWE", "TAY", "TRI", "VAL", "WHI", "WIL", "WIN", "ZAV",
    ];

    private static readonly string[] Suffixes = ["_RN", "_ALL", "_UNIT1", "_UNIT2", "_CC1", "_WND1", "_SLR", "_ESS1", "_G1", "_CT1"];

    public static IReadOnlyList<SettlementPointSpec> Build(int points, ulong seed = 905)
    {
        if (points < 31) throw new ArgumentOutOfRangeException(nameof(points), points, "Need at least 31 points (hubs, load zones and DC ties).");
        var list = new List<SettlementPointSpec>
        {
            new("HB_BUSAVG", "SH", PointKind.BusAverage, 1, 0, 0),
            new("HB_HUBAVG", "AH", PointKind.HubAverage, 1, 0, 0),
            new("HB_HOUSTON", "HU", PointKind.Regular, 0.98, -0.8, 0.6),
            new("HB_NORTH", "HU", PointKind.Regular, 0.99, -0.4, 0.5),
            new("HB_PAN", "HU", PointKind.Regular, 0.90, -4.5, 1.5),
            new("HB_SOUTH", "HU", PointKind.Regular, 1.00, 0.3, 0.6),
            new("HB_WEST", "HU", PointKind.Regular, 1.00, -1.9, 0.9),
        };
        var rng = new Rng(seed);
        foreach (var z in new[] { "LZ_AEN", "LZ_CPS", "LZ_HOUSTON", "LZ_LCRA", "LZ_NORTH", "LZ_RAYBN", "LZ_SOUTH", "LZ_WEST" })
        {
            double scale = 0.97 + 0.06 * rng.Uniform(), basis = -1 + 2 * rng.Uniform();
            list.Add(new(z, "LZ", PointKind.Regular, scale, basis, 0.7));
            list.Add(new(z, "LZEW", PointKind.Regular, scale, basis + 0.15, 0.7));
        }
        foreach (var d in new[] { "DC_E", "DC_L", "DC_N", "DC_R" })
        {
            double scale = 0.95 + 0.1 * rng.Uniform(), basis = -2 + 4 * rng.Uniform();
            list.Add(new(d, "LZ_DC", PointKind.Regular, scale, basis, 1.0));
            list.Add(new(d, "LZ_DCEW", PointKind.Regular, scale, basis + 0.1, 1.0));
        }
        var names = new HashSet<string>(list.Select(p => p.Name), StringComparer.Ordinal);
        foreach (var real in new[] { "7RNCHSLR_ALL", "A4_DGR1_RN" })
        {
            if (list.Count >= points) break;
            names.Add(real);
            list.Add(new(real, "RN", PointKind.Regular, 0.9 + 0.2 * rng.Uniform(), -6 + 12 * rng.Uniform(), 3.0));
        }
        while (list.Count < points)
        {
            string name = Syllables[(int)(rng.Uniform() * Syllables.Length)] + Syllables[(int)(rng.Uniform() * Syllables.Length)];
            if (rng.Uniform() < 0.3) name += (char)('1' + (int)(rng.Uniform() * 9));
            name += Suffixes[(int)(rng.Uniform() * Suffixes.Length)];
            if (!names.Add(name)) continue;
            double u = rng.Uniform();
            string type = u < 0.94 ? "RN" : u < 0.96 ? "PCCRN" : u < 0.98 ? "LCCRN" : "PUN";
            list.Add(new(name, type, PointKind.Regular, 0.85 + 0.3 * rng.Uniform(), -8 + 16 * rng.Uniform(), 2.0 + 3.0 * rng.Uniform()));
        }
        return list.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Type, StringComparer.Ordinal).ToList();
    }
}
