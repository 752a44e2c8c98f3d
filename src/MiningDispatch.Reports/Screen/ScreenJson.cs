using System.Text.Json;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Screen;

/// <summary>The screen as JSON (<c>screen --json FILE</c>): title, inputs, warnings and every point in rank order with the columns of screen.csv.</summary>
public static class ScreenJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static void Write(ScreenRun run, string path)
    {
        ArgumentNullException.ThrowIfNull(run);
        AtomicFile.Write(path, stream =>
        {
            using var w = new Utf8JsonWriter(stream, Options);
            w.WriteStartObject();
            w.WriteString("title", run.Title);
            w.WriteString("strategy", run.Strategy);
            if (run.Hub is { } hub) w.WriteString("hub", hub);
            else w.WriteNull("hub");
            w.WriteString("start", run.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("end", run.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteNumber("intervalHours", run.IntervalHours);
            w.WriteStartObject("inputs");
            foreach (var kv in run.Inputs) w.WriteString(kv.Key, kv.Value);
            w.WriteEndObject();
            w.WriteStartArray("warnings");
            foreach (var x in run.Warnings) w.WriteStringValue(x);
            w.WriteEndArray();
            w.WriteStartArray("points");
            for (int i = 0; i < run.Points.Count; i++)
            {
                var p = run.Points[i];
                w.WriteStartObject();
                w.WriteNumber(ScreenTable.Rank, i + 1);
                w.WriteString(ScreenTable.Point, p.SettlementPoint);
                foreach (var c in ScreenTable.Columns)
                {
                    if (c.Value(p) is double v) w.WriteNumber(c.Name, v);
                    else w.WriteNull(c.Name);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }
}
