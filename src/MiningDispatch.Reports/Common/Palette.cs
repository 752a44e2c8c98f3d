namespace MiningDispatch.Reports.Common;

/// <summary>
/// The one palette of every chart, PNG (ScottPlot) and HTML (plotly) alike, as hex strings. Each colour means one
/// quantity everywhere: <see cref="Gain"/> is more profit (the strategy's line, a profitable cell, a bar that raises
/// profit, a running interval) and <see cref="Loss"/> is less (a loss-making cell, a bar that lowers profit, a
/// curtailed interval); the diverging profit scale runs from <see cref="Loss"/> through <see cref="Neutral"/> (zero)
/// to <see cref="Gain"/>.
/// </summary>
internal static class Palette
{
    /// <summary>More profit: the strategy, profitable, raises profit, mining.</summary>
    public const string Gain = "#2A9D8F";

    /// <summary>Less profit: loss-making, lowers profit.</summary>
    public const string Loss = "#C44E52";

    /// <summary>Zero profit on the diverging scale.</summary>
    public const string Neutral = "#F7F7F7";

    /// <summary>Curtailed (run fraction 0) on the run-rate scale.</summary>
    public const string Curtailed = "#E76F51";

    /// <summary>Half running on the run-rate scale.</summary>
    public const string PartRun = "#F4E9CD";

    public const string Price = "#4C72B0";
    public const string Breakeven = "#DD8452";
    public const string AlwaysOn = "#7F7F7F";
    public const string Spike = "#C0392B";
    public const string Hashprice = "#8E6C8A";
    public const string Ink = "#1D2733";
    public const string Grid = "#E5E5E5";

    /// <summary>Risk markers: VaR, CVaR and the mean.</summary>
    public const string VaR = "#C44E52";
    public const string CVaR = "#8B0000";
    public const string Mean = Ink;

    /// <summary>Benchmarks (optimum, lagged, ...) beside the strategy, in order.</summary>
    public static IReadOnlyList<string> Benchmarks { get; } = ["#8172B3", "#C44E52", "#264653", "#E9C46A"];

    /// <summary>Categorical series (fleet models, contract parts, forward blocks, AS products), in order; the first is <see cref="Gain"/>.</summary>
    public static IReadOnlyList<string> Series { get; } = [Gain, "#4C72B0", "#DD8452", "#8172B3", "#C44E52", "#937860", "#DA8BC3", "#8C8C8C"];

    /// <summary>Run fraction 0 → 0.5 → 1: curtailed → part running → mining.</summary>
    public static IReadOnlyList<(double At, string Color)> RunScale { get; } = [(0.0, Curtailed), (0.5, PartRun), (1.0, Gain)];

    /// <summary>Profit, symmetric around zero: loss → zero → profit (the same for the PNG and the HTML heat maps).</summary>
    public static IReadOnlyList<(double At, string Color)> ProfitScale { get; } = [(0.0, Loss), (0.5, Neutral), (1.0, Gain)];

    public static string Benchmark(int i) => Benchmarks[i % Benchmarks.Count];

    public static string SeriesColor(int i) => Series[i % Series.Count];

    /// <summary>The colour of a tornado bar: <see cref="Gain"/> when its end raises profit above the base, <see cref="Loss"/> otherwise.</summary>
    public static string Effect(double profitUsd, double baseProfitUsd) => profitUsd >= baseProfitUsd ? Gain : Loss;

    /// <summary>A colour scale as plotly's <c>colorscale</c> array.</summary>
    public static object[][] Plotly(IReadOnlyList<(double At, string Color)> scale) => scale.Select(s => new object[] { s.At, s.Color }).ToArray();
}
