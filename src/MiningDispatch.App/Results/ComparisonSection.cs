using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Comparison;
using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.App.Results;

/// <summary>One schedule in a <see cref="ComparisonSection"/>. Money in USD.</summary>
/// <param name="Name">Strategy name.</param>
/// <param name="Role">"strategy", "baseline" or "optimum".</param>
/// <param name="ProfitUsd">Backtest profit before restart costs.</param>
/// <param name="UptimePct">Share of hours running.</param>
/// <param name="Starts">Off-to-on switches.</param>
/// <param name="RestartCostUsd">Restart cost charged for those starts.</param>
/// <param name="MinUpViolations">On-blocks shorter than the minimum up time.</param>
/// <param name="MinDownViolations">Off-blocks shorter than the minimum down time.</param>
public sealed record ComparisonRow(string Name, string Role, double ProfitUsd, double UptimePct, int Starts, double RestartCostUsd,
    int MinUpViolations, int MinDownViolations)
{
    /// <summary>Profit after restart costs.</summary>
    public double ProfitAfterRestartsUsd => ProfitUsd - RestartCostUsd;
}

/// <summary>
/// The strategy beside always-on and the perfect-foresight optimum under the same switching constraints: how much
/// value the rule leaves on the table (regret) and what share of the optimum's gain over always-on it captures.
/// </summary>
/// <param name="Constraints">Description of the switching constraints.</param>
/// <param name="Rows">Strategy, always-on and optimum.</param>
/// <param name="RegretUsd">Optimum minus strategy, on site totals (after restart costs, with contract, DR and 4CP lines).</param>
/// <param name="CapturedUpliftPct">Strategy's gain over always-on as % of the optimum's gain; null when the optimum gains nothing.</param>
public sealed record ComparisonSection(string Constraints, IReadOnlyList<ComparisonRow> Rows, double RegretUsd, double? CapturedUpliftPct)
{
    /// <summary>How the perfect-foresight optimum is labelled in tables and reports.</summary>
    public const string OptimumLabel = OptimalStrategy.StrategyName + " (perfect foresight)";

    /// <summary>Builds the section from Core's comparison.</summary>
    public static ComparisonSection From(StrategyComparisonResult c, string constraints)
    {
        ArgumentNullException.ThrowIfNull(c);
        static ComparisonRow Row(ComparedRun r, string name, string role) => new(name, role, r.Result.Summary.ProfitUsd, r.Result.Summary.UptimePct,
            r.Switching.Starts, r.Switching.RestartCostUsd, r.Switching.MinUpViolations, r.Switching.MinDownViolations);
        return new ComparisonSection(constraints,
            [Row(c.Strategy, c.Strategy.Result.Strategy, "strategy"), Row(c.AlwaysOn, AlwaysOnStrategy.StrategyName, "baseline"), Row(c.Optimal, OptimumLabel, "optimum")],
            c.RegretUsd, c.CapturedUpliftPct);
    }
}
