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
public sealed record TornadoResult(SweepScenarioResult Base, IReadOnlyList<TornadoBar> Bars)
{
    /// <summary>
    /// The tornado of <paramref name="ranges"/> from the results of the points base, then each range's low and high
    /// (in that order, as <paramref name="results"/> holds them); bars sorted by swing, largest first.
    /// </summary>
    public static TornadoResult From(SweepPoint basePoint, IReadOnlyList<TornadoRange> ranges, IReadOnlyList<SweepScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count != 1 + 2 * ranges.Count)
            throw new ArgumentException($"A tornado of {ranges.Count} ranges needs {1 + 2 * ranges.Count} results, got {results.Count}.", nameof(results));
        var bars = new List<TornadoBar>(ranges.Count);
        for (int k = 0; k < ranges.Count; k++)
        {
            var r = ranges[k];
            var lo = results[1 + 2 * k];
            var hi = results[2 + 2 * k];
            bars.Add(new TornadoBar(r.Parameter, SweepParameters.Label(r.Parameter), SweepParameters.Unit(r.Parameter),
                basePoint.Get(r.Parameter), r.Low, r.High, results[0].ProfitUsd, lo.ProfitUsd, hi.ProfitUsd,
                lo.MeanBreakevenUsdPerMWh, hi.MeanBreakevenUsdPerMWh));
        }
        return new TornadoResult(results[0], bars.OrderByDescending(x => x.SwingUsd).ThenBy(x => x.Parameter).ToList());
    }
}

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
    double[,] MeanBreakevenUsdPerMWh)
{
    /// <summary>The grid from the results of its points, row by row ([row × columns + column]).</summary>
    public static ProfitGrid From(SweepParameter rowParameter, double[] rowValues, SweepParameter columnParameter, double[] columnValues,
        IReadOnlyList<SweepScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(rowValues);
        ArgumentNullException.ThrowIfNull(columnValues);
        ArgumentNullException.ThrowIfNull(results);
        int nr = rowValues.Length, nc = columnValues.Length;
        if (results.Count != nr * nc)
            throw new ArgumentException($"A {nr} × {nc} grid needs {nr * nc} results, got {results.Count}.", nameof(results));
        var profit = new double[nr, nc];
        var uplift = new double[nr, nc];
        var uptime = new double[nr, nc];
        var be = new double[nr, nc];
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
            {
                var s = results[i * nc + j];
                profit[i, j] = s.ProfitUsd;
                uplift[i, j] = s.UpliftUsd;
                uptime[i, j] = s.UptimePct;
                be[i, j] = s.MeanBreakevenUsdPerMWh;
            }
        return new ProfitGrid(rowParameter, (double[])rowValues.Clone(), columnParameter, (double[])columnValues.Clone(), profit, uplift, uptime, be);
    }
}

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
