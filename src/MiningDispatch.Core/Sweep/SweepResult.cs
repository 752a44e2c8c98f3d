namespace MiningDispatch.Core.Sweep;

/// <summary>
/// Threshold-rule results of one scenario over the whole market series. Money in USD, energy in MWh.
/// Uptime and operating hours count intervals the rule runs; always-on figures run every interval.
/// </summary>
/// <param name="MeanBreakevenUsdPerMWh">Mean over intervals of the breakeven all-in power price (hashprice × multiplier × (1 − fee) × 1e6 / (24 × efficiency)).</param>
public readonly record struct SweepScenarioResult(
    SweepPoint Point,
    double ProfitUsd,
    double RevenueUsd,
    double PowerCostUsd,
    double OperatingHours,
    double UptimePct,
    double EnergyMWh,
    double AlwaysOnProfitUsd,
    double MeanBreakevenUsdPerMWh)
{
    /// <summary>Profit of the threshold rule over always-on.</summary>
    public double UpliftUsd => ProfitUsd - AlwaysOnProfitUsd;
}

/// <summary>All scenarios of a sweep, in the order they were given (for a <see cref="SweepSpec"/>, its index order).</summary>
public sealed class SweepResult
{
    public SweepResult(SweepSpec? spec, SweepScenarioResult[] scenarios, int intervals, double intervalHours)
    {
        Spec = spec;
        Scenarios = scenarios;
        Intervals = intervals;
        IntervalHours = intervalHours;
    }

    /// <summary>The factorial spec, when the sweep was built from one.</summary>
    public SweepSpec? Spec { get; }
    public IReadOnlyList<SweepScenarioResult> Scenarios { get; }
    /// <summary>Intervals in the market series.</summary>
    public int Intervals { get; }
    public double IntervalHours { get; }
    public int Count => Scenarios.Count;

    /// <summary>The scenario at axis positions of the <see cref="Spec"/>.</summary>
    public SweepScenarioResult At(int iEfficiency, int iMultiplier, int iAdder, int iMinProfit)
    {
        if (Spec is null) throw new InvalidOperationException("This sweep was run on an explicit list of points; index Scenarios directly.");
        return Scenarios[Spec.IndexOf(iEfficiency, iMultiplier, iAdder, iMinProfit)];
    }
}
