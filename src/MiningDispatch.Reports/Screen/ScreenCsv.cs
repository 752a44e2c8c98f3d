using System.Globalization;
using MiningDispatch.Core.Screen;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Screen;

/// <summary>screen.csv: one row per settlement point in rank order, units in the headers, invariant culture, round-trip numbers, empty = none.</summary>
public static class ScreenCsv
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns => ScreenTable.Names;

    /// <summary>Writes <paramref name="ranked"/> (already ranked) to <paramref name="path"/>, replacing it atomically.</summary>
    public static void Write(IReadOnlyList<ScreenPoint> ranked, string path)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        AtomicFile.WriteText(path, w => Write(ranked, w));
    }

    internal static void Write(IReadOnlyList<ScreenPoint> ranked, TextWriter w)
    {
        w.Write(string.Join(',', ScreenTable.Names));
        w.Write('\n');
        for (int i = 0; i < ranked.Count; i++)
        {
            var p = ranked[i];
            w.Write((i + 1).ToString(Inv));
            w.Write(',');
            w.Write(Quote(p.SettlementPoint));
            foreach (var c in ScreenTable.Columns)
            {
                w.Write(',');
                if (c.Value(p) is double v) w.Write(c.Integer ? ((long)v).ToString(Inv) : v.ToString("R", Inv));
            }
            w.Write('\n');
        }
    }

    private static string Quote(string s) => s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
