using System.Globalization;
using System.Text;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>
/// One measured figure and its reference, measured in the same run. <see cref="Ratio"/> is "times better than the
/// reference" (speed-up for times, throughput ratio for rates; for memory growth, 4× file over 1× file).
/// <see cref="Floor"/> is the physical floor of the same work (reading the file from the page cache, or grep over it),
/// printed as value ÷ floor: how many times the floor the figure takes.
/// </summary>
internal sealed record FigureRow(
    string Group,
    string Figure,
    double Value,
    string Unit,
    string Reference = "",
    double? ReferenceValue = null,
    double? Ratio = null,
    string Goal = "",
    bool? Met = null,
    string Note = "",
    double? Floor = null,
    string FloorName = "")
{
    /// <summary>"2.4× grep -c": the figure over its floor.</summary>
    public string FloorText => Floor is double f && f > 0 && !double.IsNaN(Value) ? FigureTable.Ratio(Value / f) + " " + FloorName : "";
}

/// <summary>Prints figures as an aligned text table and as Markdown.</summary>
internal static class FigureTable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "n/a";
        double a = Math.Abs(v);
        if (a >= 1e9) return (v / 1e9).ToString("0.00", Ci) + " G";
        if (a >= 1e6) return (v / 1e6).ToString("0.00", Ci) + " M";
        if (a >= 1000) return v.ToString("#,0", Ci);
        if (a >= 100) return v.ToString("0.0", Ci);
        if (a >= 1) return v.ToString("0.00", Ci);
        if (a >= 0.01) return v.ToString("0.000", Ci);
        return v.ToString("0.000000", Ci);
    }

    public static string Ratio(double? r) => r is double v && !double.IsNaN(v) ? v.ToString(v >= 100 ? "#,0" : "0.00", Ci) + "×" : "";

    public static string Met(bool? m) => m switch { true => "yes", false => "NO", null => "" };

    public static string Text(IReadOnlyList<FigureRow> rows)
    {
        var table = rows.Select(r => new[]
        {
            r.Figure, Number(r.Value), r.Unit, r.ReferenceValue is double rv ? $"{r.Reference}: {Number(rv)}" : r.Reference,
            Ratio(r.Ratio), r.FloorText, r.Goal, Met(r.Met),
        }).ToList();
        string[] head = ["figure", "value", "unit", "reference (same run)", "ratio", "vs floor", "goal", "met"];
        var widths = head.Select((h, i) => Math.Max(h.Length, table.Count == 0 ? 0 : table.Max(t => t[i].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] cells)
        {
            for (int i = 0; i < cells.Length; i++)
            {
                bool right = i is 1 or 4;
                sb.Append(right ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
                sb.Append(i < cells.Length - 1 ? "  " : "");
            }
            sb.AppendLine();
        }
        Line(head);
        Line(widths.Select(w => new string('-', w)).ToArray());
        string? group = null;
        for (int i = 0; i < rows.Count; i++)
        {
            if (rows[i].Group != group)
            {
                group = rows[i].Group;
                sb.AppendLine($"[{group}]");
            }
            Line(table[i]);
            if (rows[i].Note.Length > 0) sb.AppendLine("    " + rows[i].Note);
        }
        return sb.ToString();
    }

    public static string Markdown(IReadOnlyList<FigureRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| group | figure | value | unit | reference (same run) | ratio | vs floor | goal | met | note |");
        sb.AppendLine("|---|---|--:|---|---|--:|--:|---|---|---|");
        foreach (var r in rows)
        {
            string reference = r.ReferenceValue is double rv ? $"{r.Reference}: {Number(rv)}" : r.Reference;
            sb.AppendLine($"| {r.Group} | {r.Figure} | {Number(r.Value)} | {r.Unit} | {reference} | {Ratio(r.Ratio)} | {r.FloorText} | {r.Goal} | {Met(r.Met)} | {r.Note} |");
        }
        return sb.ToString();
    }
}
