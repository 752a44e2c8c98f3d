using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Sweep;

namespace MiningDispatch.App.Results;

/// <summary>BTC mined and the power cost of one BTC (no contract). Money in USD.</summary>
/// <param name="BtcMined">Σ revenue_t / BTC price_t.</param>
/// <param name="PowerCostUsd">Power cost of the strategy.</param>
/// <param name="Source">Where the BTC price came from.</param>
public sealed record BtcSection(double BtcMined, double PowerCostUsd, string Source)
{
    /// <summary>Power cost per BTC mined; null when nothing was mined.</summary>
    public double? CostPerBtcUsd => BtcMined > 0 ? PowerCostUsd / BtcMined : null;
}

/// <summary>Risk of the strategy's profit: historical monthly distribution and a block-bootstrap Monte Carlo.</summary>
/// <param name="HistoricalMonthly">Distribution of the backtest's complete-month profits; null when there is no complete month.</param>
/// <param name="HistoricalMonthlyProfitsUsd">Those monthly profits, in month order.</param>
/// <param name="MonteCarlo">Simulated paths; null when not run.</param>
public sealed record RiskSection(RiskSummary? HistoricalMonthly, IReadOnlyList<double> HistoricalMonthlyProfitsUsd, MonteCarloResult? MonteCarlo);

/// <summary>
/// A sensitivity sweep and its views: of a single site (efficiency axis), or of a fleet when <see cref="SweepPoint.IsFleet"/>
/// (site cap axis; each point's efficiency is the W/TH of the machines under its cap).
/// </summary>
/// <param name="Result">Every scenario.</param>
/// <param name="Base">Scenario at the centre of every axis (the tornado's base).</param>
/// <param name="Tornado">Profit at each axis's low and high end, others at base.</param>
/// <param name="Grid">Profit over efficiency (a fleet: site cap) × hashprice multiplier, others at base; null when either axis has one value.</param>
/// <param name="Breakeven">Breakeven all-in power price by efficiency (a fleet: each model's W/TH) × hashprice.</param>
/// <param name="Top">Best scenarios by profit.</param>
public sealed record SweepSection(SweepResult Result, SweepPoint Base, TornadoResult Tornado, ProfitGrid? Grid, BreakevenSurface? Breakeven,
    IReadOnlyList<SweepScenarioResult> Top);

/// <summary>How a forecast's hourly prices and hashprice were built.</summary>
/// <param name="Curve">Forward curve source.</param>
/// <param name="HashpricePath">Description of the hashprice path.</param>
/// <param name="History">Source of the historical hourly shape.</param>
/// <param name="Blocks">One row per (month, block): price, shape mode, range of the shaped hours.</param>
public sealed record ForecastSection(string Curve, string HashpricePath, string History, IReadOnlyList<ShapedBlock> Blocks);
