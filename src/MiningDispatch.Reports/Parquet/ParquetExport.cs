using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Screen;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Screen;

namespace MiningDispatch.Reports.Parquet;

/// <summary>
/// The Parquet outputs, for DuckDB, pandas or Spark: the screen table (screen.parquet, the columns of screen.csv) and a
/// backtest's intervals (intervals.parquet, the columns of hourly.csv). Times are UTC timestamps; market_time is the
/// same text as in the CSV.
/// </summary>
public static class ParquetExport
{
    /// <summary>Writes the ranked screen table to <paramref name="path"/>.</summary>
    public static void WriteScreen(IReadOnlyList<ScreenPoint> ranked, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        var columns = new List<ParquetColumn>
        {
            new(ScreenTable.Rank, Enumerable.Range(1, ranked.Count).ToArray()),
            new(ScreenTable.Point, ranked.Select(p => p.SettlementPoint).ToArray()),
        };
        foreach (var c in ScreenTable.Columns)
        {
            columns.Add(c.Integer
                ? new ParquetColumn(c.Name, ranked.Select(p => (int)(c.Value(p) ?? 0)).ToArray())
                : new ParquetColumn(c.Name, ranked.Select(c.Value).ToArray()));
        }
        ParquetTable.Write(path, columns, ct);
    }

    /// <summary>Writes the intervals of <paramref name="r"/> to <paramref name="path"/> with the columns of <see cref="HourlyCsv.Columns"/>.</summary>
    public static void WriteIntervals(BacktestResult r, RunInfo? info, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        var clock = MarketClock.Ercot;
        int n = r.Times.Length;
        double mw = SeriesMath.CapacityMW(r), dt = r.IntervalHours, cumulative = 0;
        var market = new string[n];
        var hashprice = new double[n];
        var energy = new double[n];
        var cum = new double[n];
        var filled = new bool[n];
        var gaps = HourlyCsv.Disjoint(info?.DataQuality.SelectMany(q => q.FilledGaps).ToList() ?? []);
        int g = 0;
        for (int t = 0; t < n; t++)
        {
            DateTime utc = r.Times[t];
            market[t] = HourlyCsv.MarketTime(utc, clock);
            hashprice[t] = MiningEconomics.PerThDayToPerPhDay(r.Hashprice[t]);
            energy[t] = r.Run[t] * mw * dt;
            cumulative += r.Profit[t];
            cum[t] = cumulative;
            while (g < gaps.Length && gaps[g].ToUtc <= utc) g++;
            filled[t] = g < gaps.Length && gaps[g].FromUtc <= utc;
        }
        Array[] values = [r.Times, market, r.Price, r.AllInPrice, hashprice, r.Breakeven, r.Run, energy, r.Revenue, r.Cost, r.Profit, r.AlwaysOnProfit, cum, filled];
        var columns = HourlyCsv.Columns.Select((name, i) => new ParquetColumn(name, values[i])).ToList();
        ParquetTable.Write(path, columns, ct);
    }
}
