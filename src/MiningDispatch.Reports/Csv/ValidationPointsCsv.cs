using System.Globalization;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>
/// Writes every settlement point of a <c>validate</c> run without <c>--settlement-point</c> (<c>--points-csv</c>):
/// one row per point, the terminal table's columns plus the error of a point that did not load.
/// </summary>
public static class ValidationPointsCsv
{
    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "settlement_point", "market", "status", "rows_used", "hours", "first_market_day", "last_market_day",
        "gaps", "missing_intervals", "duplicates", "partial_hours", "min_usd_per_mwh", "max_usd_per_mwh",
        "spike_hours", "negative_hours", "error",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> (UTF-8, LF, header row), replacing it atomically.</summary>
    public static void Write(IReadOnlyList<PointRow> rows, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.WriteText(path, w => Write(rows, w));
    }

    /// <summary>Writes <paramref name="rows"/> as CSV text.</summary>
    public static void Write(IReadOnlyList<PointRow> rows, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(w);
        var clock = MarketClock.Ercot;
        w.Write(string.Join(",", Columns));
        w.Write('\n');
        foreach (var row in rows)
        {
            if (row.Result is not { } p || row.Stats is not { } st)
            {
                w.Write(string.Join(",", [Field(row.SettlementPoint), "", "error", "", "", "", "", "", "", "", "", "", "", "", "", Field(row.Error ?? "")]));
                w.Write('\n');
                continue;
            }
            var q = p.Quality;
            w.Write(string.Join(",",
            [
                Field(p.SettlementPoint), RunDescription.MarketLabel(p.Market), "ok",
                q.RowsUsed.ToString(Inv), p.Count.ToString(Inv),
                clock.MarketDay(p.HoursUtc[0]).ToString("yyyy-MM-dd", Inv), clock.MarketDay(p.HoursUtc[^1]).ToString("yyyy-MM-dd", Inv),
                q.Gaps.Count.ToString(Inv), q.MissingIntervals.ToString(Inv), q.Duplicates.ToString(Inv), q.PartialIntervals.ToString(Inv),
                st.Min.ToString("R", Inv), st.Max.ToString("R", Inv), st.SpikeHours.ToString(Inv), st.NegativeHours.ToString(Inv), "",
            ]));
            w.Write('\n');
        }
    }

    /// <summary>A text field, quoted when it holds a delimiter, a quote or a line break.</summary>
    private static string Field(string s) =>
        s.AsSpan().IndexOfAny(",\"\n\r") < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
