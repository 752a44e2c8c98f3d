using MiningDispatch.Core.Screen;
using MiningDispatch.Reports.Excel;

namespace MiningDispatch.Reports.Screen;

/// <summary>One column of the screen table: file name (with its unit), Excel format, whether it is a whole number, and its value.</summary>
internal sealed record ScreenColumn(string Name, XlsxStyle Style, bool Integer, Func<ScreenPoint, double?> Value);

/// <summary>
/// The per-point table of <c>screen</c>, written once for screen.csv, screen.parquet and the "Screen" sheet:
/// <c>rank</c>, <c>settlement_point</c>, then <see cref="Columns"/>.
/// </summary>
internal static class ScreenTable
{
    public const string Rank = "rank";
    public const string Point = "settlement_point";

    /// <summary>The numeric columns, in file order (after rank and settlement_point).</summary>
    public static IReadOnlyList<ScreenColumn> Columns { get; } =
    [
        new("strategy_profit_usd", XlsxStyle.Usd, false, p => p.StrategyProfitUsd),
        new("always_on_profit_usd", XlsxStyle.Usd, false, p => p.AlwaysOnProfitUsd),
        new("curtailment_value_usd", XlsxStyle.Usd, false, p => p.CurtailmentValueUsd),
        new("energy_mwh", XlsxStyle.Num3, false, p => p.EnergyMWh),
        new("uptime_pct", XlsxStyle.Price, false, p => p.UptimePct),
        new("negative_price_hours_h", XlsxStyle.Price, false, p => p.NegativePriceHours),
        new("hours_above_breakeven_h", XlsxStyle.Price, false, p => p.HoursAboveBreakeven),
        new("avg_price_paid_usd_per_mwh", XlsxStyle.Price, false, p => p.AvgPricePaidUsdPerMWh),
        new("mean_price_usd_per_mwh", XlsxStyle.Price, false, p => p.MeanPriceUsdPerMWh),
        new("price_stdev_usd_per_mwh", XlsxStyle.Price, false, p => p.PriceStdevUsdPerMWh),
        new("basis_to_hub_usd_per_mwh", XlsxStyle.Price, false, p => p.BasisToHubUsdPerMWh),
        new("basis_intervals", XlsxStyle.Int, true, p => p.BasisIntervals),
        new("four_cp_window_mwh", XlsxStyle.Num3, false, p => p.FourCpWindowMWh),
        new("intervals", XlsxStyle.Int, true, p => p.Intervals),
        new("hours_h", XlsxStyle.Price, false, p => p.Hours),
        new("coverage_pct", XlsxStyle.Price, false, p => p.CoveragePct),
    ];

    /// <summary>Every column name in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Rank, Point, .. Columns.Select(c => c.Name)];
}
