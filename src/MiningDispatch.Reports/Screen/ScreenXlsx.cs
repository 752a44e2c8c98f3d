using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Excel;

namespace MiningDispatch.Reports.Screen;

/// <summary>report.xlsx of <c>screen</c>: a "Screen" sheet (the columns of screen.csv, one row per point in rank order) and an "Inputs" sheet.</summary>
public static class ScreenXlsx
{
    /// <summary>Name of the per-point sheet.</summary>
    public const string SheetName = "Screen";

    public static void Write(ScreenRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        var columns = new List<XlsxColumn> { new(ScreenTable.Rank, XlsxStyle.Int, 8), new(ScreenTable.Point, XlsxStyle.General, 24) };
        columns.AddRange(ScreenTable.Columns.Select(c => new XlsxColumn(c.Name, c.Style, Math.Max(14, c.Name.Length + 2))));
        var screen = new XlsxSheet(SheetName, columns, rows =>
        {
            for (int i = 0; i < run.Points.Count; i++)
            {
                var p = run.Points[i];
                rows.Row().Num(i + 1).Text(p.SettlementPoint);
                foreach (var c in ScreenTable.Columns) rows.Num(c.Value(p));
            }
        })
        { FreezeColumns = 2 };
        var inputs = new XlsxSheet("Inputs", [new("Input", XlsxStyle.Header, 36), new("Value", XlsxStyle.General, 100)], rows =>
        {
            rows.Row().Text("Run").Text(run.Title);
            foreach (var kv in run.Inputs) rows.Row().Text(kv.Key).Text(kv.Value);
            foreach (var w in run.Warnings) rows.Row().Text("Warning").Text(w);
        });
        AtomicFile.Write(path, stream => XlsxWriter.Write(stream, [screen, inputs]));
    }
}
