namespace MiningDispatch.Core.Strategies.Optimal;

/// <summary>The perfect-foresight schedule and its value.</summary>
/// <param name="Run">1 when on, 0 when off, per interval.</param>
/// <param name="ObjectiveUsd">Σ x_t·Net_t − starts × start cost, as maximised by the DP.</param>
/// <param name="MarginUsd">Σ x_t·Net_t (before start costs).</param>
/// <param name="Starts">Number of off→on switches, including one at t = 0 when initially off.</param>
/// <param name="Stops">Number of on→off switches, including one at t = 0 when initially on.</param>
/// <param name="StartCostUsd">Cost of one start (restart cost × MW), USD.</param>
public sealed record OptimalSolution(double[] Run, double ObjectiveUsd, double MarginUsd, int Starts, int Stops, double StartCostUsd);
