namespace MiningDispatch.Core.Risk;

/// <summary>Value at risk and conditional value at risk at one confidence level, as losses in USD (see <see cref="RiskMetrics"/>).</summary>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="VaRUsd">Loss (−profit) not exceeded with probability <paramref name="Level"/>; negative means even that tail is profitable.</param>
/// <param name="CVaRUsd">Mean loss at or beyond the VaR (expected shortfall).</param>
public sealed record TailRisk(double Level, double VaRUsd, double CVaRUsd);

/// <summary>
/// Distribution of a profit figure (monthly or horizon, per scenario), in USD. Percentiles are of profit; VaR and
/// CVaR are of loss = −profit (so a P5 profit of −$1M corresponds to a VaR95 near +$1M).
/// </summary>
/// <param name="Count">Number of observations (scenarios or months).</param>
/// <param name="StdDevUsd">Sample standard deviation (n − 1 denominator; 0 for a single observation).</param>
/// <param name="P5Usd">5th percentile of profit (linear interpolation between order statistics, Excel PERCENTILE.INC).</param>
/// <param name="ProbabilityOfLoss">Share of observations with profit strictly below zero.</param>
/// <param name="Tail">VaR/CVaR at 95 %, 99 % and any extra levels requested, in increasing level order.</param>
public sealed record RiskSummary(
    int Count,
    double MeanUsd,
    double StdDevUsd,
    double MinUsd,
    double P5Usd,
    double P50Usd,
    double P95Usd,
    double MaxUsd,
    double VaR95Usd,
    double CVaR95Usd,
    double VaR99Usd,
    double CVaR99Usd,
    double ProbabilityOfLoss,
    IReadOnlyList<TailRisk> Tail);
