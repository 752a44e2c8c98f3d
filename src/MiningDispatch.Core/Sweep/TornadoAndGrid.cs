namespace MiningDispatch.Core.Sweep;

/// <summary>Low and high values of one parameter for a tornado chart (the other parameters stay at base).</summary>
public sealed record TornadoRange(SweepParameter Parameter, double Low, double High);

/// <summary>
/// One tornado bar: profit (USD) and mean breakeven all-in price ($/MWh) with the parameter at its low and high
/// value, the others at base. <see cref="SwingUsd"/> orders the bars.
/// </summary>
public sealed record TornadoBar(
    SweepParameter Parameter,
    string Label,
    string Unit,
    double BaseValue,
    double LowValue,
    double HighValue,
    double BaseProfitUsd,
    double ProfitAtLowUsd,
    double ProfitAtHighUsd,
    double BreakevenAtLowUsdPerMWh,
    double BreakevenAtHighUsdPerMWh)
{
    /// <summary>|profit at high − profit at low|.</summary>
    public double SwingUsd => Math.Abs(ProfitAtHighUsd - ProfitAtLowUsd);
}

/// <summary>Tornado output: the base scenario and the bars, largest swing first.</summary>
public sealed record TornadoResult(SweepScenarioResult Base, IReadOnlyList<TornadoBar> Bars);

/// <summary>
/// A 2-D grid of threshold-rule results: rows vary <see cref="RowParameter"/>, columns <see cref="ColumnParameter"/>,
/// the other two parameters stay at base. Arrays are [row, column]; money in USD.
/// </summary>
public sealed record ProfitGrid(
    SweepParameter RowParameter,
    double[] RowValues,
    SweepParameter ColumnParameter,
    double[] ColumnValues,
    double[,] ProfitUsd,
    double[,] UpliftUsd,
    double[,] UptimePct,
    double[,] MeanBreakevenUsdPerMWh);

/// <summary>Labels and units of the sweep parameters for reports.</summary>
public static class SweepParameters
{
    public static string Label(SweepParameter p) => p switch
    {
        SweepParameter.Efficiency => "Efficiency",
        SweepParameter.HashpriceMultiplier => "Hashprice multiplier",
        SweepParameter.PriceAdder => "Power price adder",
        SweepParameter.MinProfit => "Minimum profit threshold",
        SweepParameter.SiteCap => "Site cap",
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "Unknown sweep parameter."),
    };

    public static string Unit(SweepParameter p) => p switch
    {
        SweepParameter.Efficiency => "W/TH",
        SweepParameter.HashpriceMultiplier => "×",
        SweepParameter.PriceAdder => "$/MWh",
        SweepParameter.MinProfit => "$/h",
        SweepParameter.SiteCap => "MW",
        _ => throw new ArgumentOutOfRangeException(nameof(p), p, "Unknown sweep parameter."),
    };
}
