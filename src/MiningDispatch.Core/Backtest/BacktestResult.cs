namespace MiningDispatch.Core.Backtest;

/// <summary>Totals over a backtest. Money in USD, energy in MWh, prices in $/MWh.</summary>
public sealed record BacktestSummary(
    string Strategy,
    int Hours,
    double OperatingHours,
    double UptimePct,
    double EnergyMWh,
    double RevenueUsd,
    double PowerCostUsd,
    double ProfitUsd,
    double AlwaysOnRevenueUsd,
    double AlwaysOnPowerCostUsd,
    double AlwaysOnProfitUsd,
    double UpliftUsd,
    double? UpliftPct,
    double CurtailedHours,
    double? AvgPricePaidUsdPerMWh,
    double? AvgAllInPricePaidUsdPerMWh,
    double AvgSettlementPriceUsdPerMWh,
    BreakevenStats Breakeven,
    DateTime FirstHourUtc,
    DateTime LastHourUtc);

/// <summary>Distribution of the hourly breakeven all-in power price ($/MWh).</summary>
public sealed record BreakevenStats(double Min, double Mean, double Median, double Max);

/// <summary>One market month (Central Prevailing Time).</summary>
public sealed record MonthlyRow(
    int Year,
    int Month,
    int Hours,
    double OperatingHours,
    double UptimePct,
    double EnergyMWh,
    double RevenueUsd,
    double PowerCostUsd,
    double ProfitUsd,
    double AlwaysOnProfitUsd,
    double AvgSettlementPriceUsdPerMWh,
    double AvgBreakevenUsdPerMWh);

/// <summary>One market day (Central Prevailing Time).</summary>
public sealed record DailyRow(DateOnly Day, int Hours, double OperatingHours, double ProfitUsd, double AlwaysOnProfitUsd);

/// <summary>
/// Everything a backtest produced: the per-interval arrays (index-aligned with <see cref="Times"/>), the summary and
/// groupings in market time.
/// </summary>
public sealed class BacktestResult
{
    public required string Strategy { get; init; }
    public required DateTime[] Times { get; init; }
    public required double IntervalHours { get; init; }
    public required double[] Price { get; init; }
    public required double[] AllInPrice { get; init; }
    public required double[] Hashprice { get; init; }
    public required double[] Breakeven { get; init; }
    /// <summary>Fraction of the site running (0..1).</summary>
    public required double[] Run { get; init; }
    public required double[] Revenue { get; init; }
    public required double[] Cost { get; init; }
    public required double[] Profit { get; init; }
    public required double[] AlwaysOnProfit { get; init; }
    public required BacktestSummary Summary { get; init; }
    public required IReadOnlyList<MonthlyRow> Monthly { get; init; }
    public required IReadOnlyList<DailyRow> Daily { get; init; }
    /// <summary>Share of hours running by market hour of day (0..23, hour beginning in CPT).</summary>
    public required double[] RunRateByHourOfDay { get; init; }
    /// <summary>Run rate [month index, hour of day]; months as listed in <see cref="Monthly"/>.</summary>
    public required double[,] RunRateByMonthAndHour { get; init; }
    public IReadOnlyList<DailyRow> BestDays(int n = 5) => Daily.OrderByDescending(d => d.ProfitUsd).ThenBy(d => d.Day).Take(n).ToList();
    public IReadOnlyList<DailyRow> WorstDays(int n = 5) => Daily.OrderBy(d => d.ProfitUsd).ThenBy(d => d.Day).Take(n).ToList();
}
