using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>
/// Writes one row per interval with every input and result column. Numbers use the invariant culture and the
/// shortest round-trip form, so summing <c>profit_usd</c> reproduces the summary profit to the cent.
/// </summary>
public static class HourlyCsv
{
    /// <summary>Column names, in file order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "interval_start_utc", "market_time", "price_usd_per_mwh", "all_in_price_usd_per_mwh", "hashprice_usd_per_ph_day",
        "breakeven_usd_per_mwh", "run_fraction", "energy_mwh", "revenue_usd", "power_cost_usd", "profit_usd",
        "always_on_profit_usd", "cumulative_profit_usd",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="r"/> to <paramref name="path"/> (UTF-8, LF, header row), replacing it atomically.</summary>
    public static void Write(BacktestResult r, string path)
    {
        ArgumentNullException.ThrowIfNull(r);
        AtomicFile.WriteText(path, w => Write(r, w, MarketClock.Ercot));
    }

    internal static void Write(BacktestResult r, TextWriter w, MarketClock clock)
    {
        w.Write(string.Join(',', Columns));
        w.Write('\n');
        double mw = SeriesMath.CapacityMW(r), dt = r.IntervalHours, cumulative = 0;
        for (int t = 0; t < r.Times.Length; t++)
        {
            DateTime utc = r.Times[t];
            var offset = clock.Zone.GetUtcOffset(utc);
            var market = new DateTimeOffset(DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified), offset);
            cumulative += r.Profit[t];
            w.Write(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Inv));
            w.Write(',');
            w.Write(market.ToString("yyyy-MM-dd'T'HH:mm:sszzz", Inv));
            Num(w, r.Price[t]);
            Num(w, r.AllInPrice[t]);
            // ×1000 can leave binary noise (0.0523 × 1000 = 52.300000000000004); 15 significant digits drop it.
            w.Write(',');
            w.Write((r.Hashprice[t] * 1000.0).ToString("G15", Inv));
            Num(w, r.Breakeven[t]);
            Num(w, r.Run[t]);
            Num(w, r.Run[t] * mw * dt);
            Num(w, r.Revenue[t]);
            Num(w, r.Cost[t]);
            Num(w, r.Profit[t]);
            Num(w, r.AlwaysOnProfit[t]);
            Num(w, cumulative);
            w.Write('\n');
        }
    }

    private static void Num(TextWriter w, double v)
    {
        w.Write(',');
        w.Write(v.ToString("R", Inv));
    }
}
