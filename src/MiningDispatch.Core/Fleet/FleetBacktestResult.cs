using MiningDispatch.Core.Backtest;

namespace MiningDispatch.Core.Fleet;

/// <summary>Totals for one tranche of a fleet backtest.</summary>
/// <param name="Model">The ASIC model.</param>
/// <param name="Count">Machines installed.</param>
/// <param name="NameplateMw">Tranche MW.</param>
/// <param name="EnergyMWh">Energy used by the tranche.</param>
/// <param name="RevenueUsd">Pool revenue net of fee.</param>
/// <param name="PowerCostUsd">Power cost at the all-in price.</param>
/// <param name="ProfitUsd">Revenue − cost.</param>
/// <param name="UtilisationPct">Energy / (nameplate MW × hours) × 100.</param>
public sealed record TrancheSummary(MinerModel Model, int Count, double NameplateMw, double EnergyMWh, double RevenueUsd,
    double PowerCostUsd, double ProfitUsd, double UtilisationPct);

/// <summary>
/// A fleet backtest: the usual <see cref="BacktestResult"/> (with Run = MW running / MW available and Breakeven = the
/// breakeven of the fleet that always-on would run) plus MW running per tranche and per interval.
/// </summary>
public sealed class FleetBacktestResult
{
    public required BacktestResult Result { get; init; }

    /// <summary>Tranches most efficient first; index k matches <see cref="MwRunning"/>[k].</summary>
    public required IReadOnlyList<FleetTranche> MeritOrder { get; init; }

    /// <summary>MW running, [tranche in merit order][interval].</summary>
    public required double[][] MwRunning { get; init; }

    /// <summary>Breakeven all-in price of each tranche, [tranche in merit order][interval], $/MWh.</summary>
    public required double[][] TrancheBreakeven { get; init; }

    public required IReadOnlyList<TrancheSummary> Tranches { get; init; }

    /// <summary>MW of whole machines that fit under the site cap (what always-on draws); Run is relative to this.</summary>
    public required double AvailableMw { get; init; }

    /// <summary>Revenue of the always-on fleet (<see cref="AvailableMw"/> running) per interval, USD; null when not known (e.g. read back from result.json).</summary>
    public double[]? AlwaysOnRevenueUsd { get; init; }
}
