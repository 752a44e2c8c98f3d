using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>
/// Writes one row per interval with every input and result column. Numbers use the invariant culture and the
/// shortest round-trip form, so summing <c>profit_usd</c> reproduces the summary profit to the cent. The last column,
/// <c>price_filled</c>, is <c>true</c> for hours whose price was filled by a gap-fill rule and <c>false</c> otherwise.
/// </summary>
public static class HourlyCsv
{
    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "interval_start_utc", "market_time", "price_usd_per_mwh", "all_in_price_usd_per_mwh", "hashprice_usd_per_ph_day",
        "breakeven_usd_per_mwh", "run_fraction", "energy_mwh", "revenue_usd", "power_cost_usd", "profit_usd",
        "always_on_profit_usd", "cumulative_profit_usd", "price_filled",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="r"/> to <paramref name="path"/> (UTF-8, LF, header row), replacing it atomically.</summary>
    public static void Write(BacktestResult r, string path) => Write(r, null, path);

    /// <summary>
    /// As <see cref="Write(BacktestResult, string)"/>; <c>price_filled</c> is <c>true</c> for the intervals inside a
    /// filled gap of any data-quality report of <paramref name="info"/> (<see cref="DataQualityReport.FilledGaps"/>),
    /// i.e. hours whose price a --fill-gaps rule made up.
    /// </summary>
    public static void Write(BacktestResult r, RunInfo? info, string path)
    {
        ArgumentNullException.ThrowIfNull(r);
        var filled = info?.DataQuality.SelectMany(q => q.FilledGaps).ToList() ?? [];
        AtomicFile.WriteText(path, w => Write(r, w, MarketClock.Ercot, filled));
    }

    internal static void Write(BacktestResult r, TextWriter w, MarketClock clock) => Write(r, w, clock, []);

    internal static void Write(BacktestResult r, TextWriter w, MarketClock clock, IReadOnlyList<DataGap> filledGaps)
    {
        w.Write(string.Join(',', Columns));
        w.Write('\n');
        double mw = SeriesMath.CapacityMW(r), dt = r.IntervalHours, cumulative = 0;
        var gaps = Disjoint(filledGaps); // sorted; times increase, so a gap ending at or before t is done with
        int g = 0;
        Span<char> buf = stackalloc char[40];
        for (int t = 0; t < r.Times.Length; t++)
        {
            DateTime utc = r.Times[t];
            cumulative += r.Profit[t];
            // "yyyy-MM-dd'T'HH:mm:ss'Z'," then the market time "yyyy-MM-dd'T'HH:mm:sszzz" (MarketTime below), digit by digit.
            int n = Fmt.DateTimeChars(buf, utc, 'T', seconds: true);
            buf[n++] = 'Z';
            buf[n++] = ',';
            w.Write(buf[..n]);
            var offset = clock.Zone.GetUtcOffset(utc);
            n = Fmt.DateTimeChars(buf, utc + offset, 'T', seconds: true);
            n += Fmt.OffsetChars(buf[n..], offset);
            w.Write(buf[..n]);
            Num(w, r.Price[t]);
            Num(w, r.AllInPrice[t]);
            // ×1000 can leave binary noise (0.0523 × 1000 = 52.300000000000004); 15 significant digits drop it.
            w.Write(',');
            w.Write(buf[..Format(MiningEconomics.PerThDayToPerPhDay(r.Hashprice[t]), buf, "G15")]);
            Num(w, r.Breakeven[t]);
            Num(w, r.Run[t]);
            Num(w, r.Run[t] * mw * dt);
            Num(w, r.Revenue[t]);
            Num(w, r.Cost[t]);
            Num(w, r.Profit[t]);
            Num(w, r.AlwaysOnProfit[t]);
            Num(w, cumulative);
            while (g < gaps.Length && gaps[g].ToUtc <= utc) g++;
            w.Write(g < gaps.Length && gaps[g].FromUtc <= utc ? ",true\n" : ",false\n");
        }
    }

    /// <summary>The <c>market_time</c> of an interval: its start in market time with the UTC offset ("2024-07-01T15:00:00-05:00").</summary>
    internal static string MarketTime(DateTime utc, MarketClock clock)
    {
        var offset = clock.Zone.GetUtcOffset(utc);
        return new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", Inv);
    }

    /// <summary>The filled spans as sorted, non-overlapping [from, to) pairs.</summary>
    internal static (DateTime FromUtc, DateTime ToUtc)[] Disjoint(IReadOnlyList<DataGap> gaps)
    {
        var merged = new List<(DateTime FromUtc, DateTime ToUtc)>();
        foreach (var x in gaps.OrderBy(x => x.FromUtc))
        {
            if (merged.Count > 0 && x.FromUtc <= merged[^1].ToUtc)
                merged[^1] = (merged[^1].FromUtc, x.ToUtc > merged[^1].ToUtc ? x.ToUtc : merged[^1].ToUtc);
            else merged.Add((x.FromUtc, x.ToUtc));
        }
        return [.. merged];
    }

    /// <summary>Writes ",value" in the shortest round-trip form, formatted into a stack buffer (no string per value).</summary>
    private static void Num(TextWriter w, double v)
    {
        Span<char> buf = stackalloc char[40];
        buf[0] = ',';
        w.Write(buf[..(1 + Format(v, buf[1..], "R"))]);
    }

    private static int Format<T>(T value, Span<char> buf, string format) where T : ISpanFormattable
        => value.TryFormat(buf, out int n, format, Inv) ? n : throw new InvalidOperationException($"'{value}' does not fit the CSV number buffer.");
}
