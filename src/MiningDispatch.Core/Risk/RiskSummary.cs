namespace MiningDispatch.Core.Risk;

/// <summary>Value at risk and conditional value at risk at one confidence level, as losses in USD (see <see cref="RiskMetrics"/>).</summary>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="VaRUsd">Loss at this level: −P_{1−Level} of profit (VaR95 = −P5). Positive is a loss; zero or negative means even the worst (1 − Level) of outcomes earn at least −VaR.</param>
/// <param name="CVaRUsd">Mean loss of the tail: −mean of the profits at or below P_{1−Level} (expected shortfall).</param>
public sealed record TailRisk(double Level, double VaRUsd, double CVaRUsd);

/// <summary>
/// Distribution of a profit figure (monthly or horizon, per scenario), in USD, on the convention of
/// <see cref="RiskMetrics"/>. Percentiles are of profit; VaR and CVaR are of loss = −profit, so VaR95 = −P5 exactly.
/// Magnitudes under one cent are 0.
/// </summary>
/// <param name="Count">Number of observations (scenarios or months).</param>
/// <param name="StdDevUsd">Sample standard deviation (n − 1 denominator; 0 for a single observation).</param>
/// <param name="P5Usd">5th percentile of profit (linear interpolation between order statistics, Excel PERCENTILE.INC).</param>
/// <param name="VaR95Usd">Loss at 95 %: −P5. Null when the sample is too small for a tail (<see cref="RiskMetrics.MinMonthsForTail"/> historical months).</param>
/// <param name="CVaR95Usd">Mean loss of the outcomes at or below P5. Null as <paramref name="VaR95Usd"/>.</param>
/// <param name="VaR99Usd">Loss at 99 %: −P1. Null as <paramref name="VaR95Usd"/>.</param>
/// <param name="CVaR99Usd">Mean loss of the outcomes at or below P1. Null as <paramref name="VaR95Usd"/>.</param>
/// <param name="ProbabilityOfLoss">Share of observations with profit strictly below zero (sub-cent values count as zero).</param>
/// <param name="Tail">VaR/CVaR at 95 %, 99 % and any extra levels requested, in increasing level order; empty when the tail is not meaningful.</param>
public sealed record RiskSummary(
    int Count,
    double MeanUsd,
    double StdDevUsd,
    double MinUsd,
    double P5Usd,
    double P50Usd,
    double P95Usd,
    double MaxUsd,
    double? VaR95Usd,
    double? CVaR95Usd,
    double? VaR99Usd,
    double? CVaR99Usd,
    double ProbabilityOfLoss,
    IReadOnlyList<TailRisk> Tail)
{
    /// <summary>False when VaR and CVaR were withheld because the sample is too small for a tail.</summary>
    public bool TailMeaningful => VaR95Usd is not null;

    /// <summary>This summary with VaR and CVaR withheld (null, empty <see cref="Tail"/>): a sample too small for a tail.</summary>
    public RiskSummary WithoutTail() => this with { VaR95Usd = null, CVaR95Usd = null, VaR99Usd = null, CVaR99Usd = null, Tail = [] };
}
