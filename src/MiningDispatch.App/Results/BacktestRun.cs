using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;

namespace MiningDispatch.App.Results;

/// <summary>
/// The domain result of one run (backtest, forecast, risk or sweep), as the use-case services return it and the reports render it: the backtest result of the chosen strategy (which already carries the always-on
/// baseline), the run description (title, inputs, data quality) and optional benchmark results to compare against
/// (for example a perfect-foresight optimum over the same hours). The optional sections below add tables and charts
/// when set; a report without them looks exactly as before.
/// </summary>
public sealed record BacktestRun(BacktestResult Result, RunInfo Info, IReadOnlyList<BacktestResult> Benchmarks)
{
    /// <summary>A model without benchmarks.</summary>
    public BacktestRun(BacktestResult result, RunInfo info) : this(result, info, Array.Empty<BacktestResult>()) { }

    /// <summary>The site total of the strategy, always-on and the optimum: mining profit after restart costs, contract value, DR income, 4CP charge.</summary>
    public SiteTotalSection? SiteTotal { get; init; }
    /// <summary>Strategy vs always-on vs the perfect-foresight optimum, after restart costs.</summary>
    public ComparisonSection? Comparison { get; init; }
    /// <summary>Per-model results of a mixed fleet.</summary>
    public FleetBacktestResult? Fleet { get; init; }
    /// <summary>PPA settlement: mining profit, power-sale credits, contract payments, total, cost per BTC.</summary>
    public ContractResult? Contract { get; init; }
    /// <summary>BTC mined and cost per BTC without a contract.</summary>
    public BtcSection? Btc { get; init; }
    /// <summary>4CP transmission charge with and without avoidance.</summary>
    public FourCpResult? FourCp { get; init; }
    /// <summary>Demand-response / ancillary capacity income.</summary>
    public AncillaryIncome? Ancillary { get; init; }
    /// <summary>Ancillary services co-optimized with mining (<c>--as-prices</c>): revenue stack, KPIs, monthly streams.</summary>
    public AncillarySection? AncillaryServices { get; init; }
    /// <summary>Settling at the site's point versus a second point (basis).</summary>
    public BasisResult? Basis { get; init; }
    /// <summary>Day-ahead versus real-time settlement of the schedule.</summary>
    public TwoSettlementResult? TwoSettlement { get; init; }
    /// <summary>Monthly profit distribution, VaR/CVaR and Monte Carlo.</summary>
    public RiskSection? Risk { get; init; }
    /// <summary>Sensitivity sweep: top scenarios, tornado, profit heat map, breakeven surface.</summary>
    public SweepSection? Sweep { get; init; }
    /// <summary>Inputs of the report's what-if panel (single-model threshold or hysteresis runs only).</summary>
    public WhatIfInputs? WhatIf { get; init; }
    /// <summary>Why the report has no what-if panel, when <see cref="WhatIf"/> is null (shown as a short note).</summary>
    public string? WhatIfAbsentReason { get; init; }
    /// <summary>Forward curve shaping and hashprice path of a forecast.</summary>
    public ForecastSection? Forecast { get; init; }
}
