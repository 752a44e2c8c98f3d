using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Risk;

/// <summary>One simulated market month: its size and the distribution of its profit across paths (USD).</summary>
/// <param name="Complete">True when the horizon covers the whole month.</param>
public sealed record MonteCarloMonth(int Year, int Month, int Hours, bool Complete, RiskSummary ProfitUsd);

/// <summary>A bootstrapped path and, for each of its intervals, the index of the historical interval it was copied from.</summary>
public sealed record BootstrapPath(int PathIndex, MarketSeries Series, int[] SourceIndex);

/// <summary>
/// Output of <see cref="MonteCarloEngine.Run"/>: per-path totals (index = path), per-path monthly profit
/// [path, month] and their distributions. Money in USD, energy in MWh.
/// </summary>
public sealed class MonteCarloResult
{
    public required MonteCarloOptions Options { get; init; }
    public required string Strategy { get; init; }
    /// <summary>First simulated market day.</summary>
    public required DateOnly StartDay { get; init; }
    /// <summary>Last simulated market day (inclusive).</summary>
    public required DateOnly EndDay { get; init; }
    public required int IntervalsPerPath { get; init; }
    /// <summary>Complete market days in the history that blocks can be drawn from.</summary>
    public required int HistoryCompleteDays { get; init; }
    /// <summary>Fewest candidate source blocks any target block had (small numbers mean little variety).</summary>
    public required int MinCandidateBlocks { get; init; }
    /// <summary>How the paths' hashprice was formed, in words (empty in results saved before it was recorded).</summary>
    public string HashpriceModel { get; init; } = "";

    public required double[] PathProfitUsd { get; init; }
    public required double[] PathRevenueUsd { get; init; }
    public required double[] PathPowerCostUsd { get; init; }
    public required double[] PathEnergyMWh { get; init; }
    public required double[] PathOperatingHours { get; init; }
    public required double[] PathAlwaysOnProfitUsd { get; init; }
    /// <summary>AS income of the strategy on each path (inside <see cref="PathProfitUsd"/>); null when AS prices were not simulated.</summary>
    public double[]? PathAncillaryIncomeUsd { get; init; }
    /// <summary>Profit by path and month index (months as in <see cref="Months"/>).</summary>
    public required double[,] MonthlyProfitUsd { get; init; }

    public required IReadOnlyList<MonteCarloMonth> Months { get; init; }
    /// <summary>Distribution of the horizon (e.g. annual) profit across paths.</summary>
    public required RiskSummary HorizonProfit { get; init; }
    /// <summary>Distribution of the horizon uplift of the strategy over always-on across paths.</summary>
    public required RiskSummary HorizonUplift { get; init; }
    /// <summary>Distribution of monthly profit pooled over every path and every complete month.</summary>
    public required RiskSummary MonthlyProfit { get; init; }

    /// <summary>
    /// This result with every distribution (<see cref="HorizonProfit"/>, <see cref="HorizonUplift"/>,
    /// <see cref="MonthlyProfit"/> and each month's) computed from the per-path figures by <see cref="RiskMetrics.Summarize"/>
    /// at 95 %, 99 % and <see cref="MonteCarloOptions.ExtraLevels"/>: how the engine builds them, and how a result saved
    /// under an older convention is brought to the current one.
    /// </summary>
    public MonteCarloResult WithSummaries()
    {
        var extra = Options.ExtraLevels.ToArray();
        int paths = PathProfitUsd.Length, months = MonthlyProfitUsd.GetLength(1);
        if (months != Months.Count) throw new ArgumentException($"The monthly profits have {months} months, the month list {Months.Count}.");
        var monthRows = new List<MonteCarloMonth>(months);
        var pooled = new List<double>();
        var column = new double[paths];
        for (int k = 0; k < months; k++)
        {
            for (int p = 0; p < paths; p++) column[p] = MonthlyProfitUsd[p, k];
            if (Months[k].Complete) pooled.AddRange(column);
            monthRows.Add(Months[k] with { ProfitUsd = RiskMetrics.Summarize(column, extra) });
        }
        // With a horizon shorter than a month there is no complete month: fall back to the partial ones.
        if (pooled.Count == 0)
            foreach (double v in MonthlyProfitUsd) pooled.Add(v);
        var uplift = new double[paths];
        for (int p = 0; p < paths; p++) uplift[p] = PathProfitUsd[p] - PathAlwaysOnProfitUsd[p];
        return new MonteCarloResult
        {
            Options = Options,
            Strategy = Strategy,
            StartDay = StartDay,
            EndDay = EndDay,
            IntervalsPerPath = IntervalsPerPath,
            HistoryCompleteDays = HistoryCompleteDays,
            MinCandidateBlocks = MinCandidateBlocks,
            HashpriceModel = HashpriceModel,
            PathProfitUsd = PathProfitUsd,
            PathRevenueUsd = PathRevenueUsd,
            PathPowerCostUsd = PathPowerCostUsd,
            PathEnergyMWh = PathEnergyMWh,
            PathOperatingHours = PathOperatingHours,
            PathAlwaysOnProfitUsd = PathAlwaysOnProfitUsd,
            PathAncillaryIncomeUsd = PathAncillaryIncomeUsd,
            MonthlyProfitUsd = MonthlyProfitUsd,
            Months = monthRows,
            HorizonProfit = RiskMetrics.Summarize(PathProfitUsd, extra),
            HorizonUplift = RiskMetrics.Summarize(uplift, extra),
            MonthlyProfit = RiskMetrics.Summarize(pooled.ToArray(), extra),
        };
    }
}
