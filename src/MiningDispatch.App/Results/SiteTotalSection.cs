using System.Text.Json.Serialization;

namespace MiningDispatch.App.Results;

/// <summary>
/// One schedule's site total: what the site earned, all lines in. Money in USD.
/// <see cref="SiteTotalUsd"/> = <see cref="MiningProfitUsd"/> − <see cref="RestartCostUsd"/> + <see cref="ContractValueUsd"/>
/// + <see cref="DrIncomeUsd"/> − <see cref="FourCpChargeUsd"/> + <see cref="AncillaryIncomeUsd"/>.
/// </summary>
/// <param name="Schedule">Strategy name (always-on, the optimum's label).</param>
/// <param name="Role">"strategy", "baseline" or "optimum".</param>
/// <param name="MiningProfitUsd">Mining revenue − power cost, every consumed MWh at the site's settlement price plus adders
/// (the backtest's net profit, before restart costs; under a PPA the contract's mining profit at market).</param>
/// <param name="RestartCostUsd">Restart costs of the schedule's starts (the same $/MW per start for every schedule).</param>
/// <param name="ContractValueUsd">PPA: Σ contracted MWh × (settlement price − contract price), what the contract is worth
/// against the market; it does not depend on dispatch. 0 without a PPA.</param>
/// <param name="DrIncomeUsd">Demand-response / ancillary capacity income on the schedule's running MW.</param>
/// <param name="FourCpChargeUsd">4CP transmission charge the schedule's demand at the peaks sets.</param>
public sealed record SiteTotalLine(string Schedule, string Role, double MiningProfitUsd, double RestartCostUsd, double ContractValueUsd,
    double DrIncomeUsd, double FourCpChargeUsd)
{
    /// <summary>AS income (<c>--as-prices</c>): capacity payments − margin given up by deployments − shortfall penalties; 0 without AS.</summary>
    public double AncillaryIncomeUsd { get; init; }

    /// <summary>Mining profit − restart costs + contract value + DR income − 4CP charge + AS income.</summary>
    public double SiteTotalUsd => MiningProfitUsd - RestartCostUsd + ContractValueUsd + DrIncomeUsd - FourCpChargeUsd + AncillaryIncomeUsd;

    /// <summary>Mining profit after restart costs.</summary>
    public double MiningProfitAfterRestartsUsd => MiningProfitUsd - RestartCostUsd;
}

/// <summary>
/// The site total of the strategy beside always-on and the perfect-foresight optimum: the headline of every output.
/// Uplift, regret and captured uplift are on site totals, with the same restart cost per start charged to every schedule.
/// </summary>
/// <param name="Lines">Strategy, always-on and (when run) the optimum, in that order.</param>
/// <param name="OptimumSees">What the optimum's schedule maximises (energy margin, and the DR income and 4CP peaks when it sees them).</param>
/// <param name="InfeasibleReason">Why the strategy's schedule breaks the switching constraints the optimum obeys; null when it keeps them.</param>
/// <param name="PowerSaleCreditsUsd">PPA: Σ settlement price × contract energy sold back (a cash line inside the total); null without a PPA.</param>
/// <param name="ContractPaymentsUsd">PPA: Σ contract price × contracted MWh (take-or-pay; a cash line inside the total); null without a PPA.</param>
/// <param name="BasisPoint">The second settlement point of <c>--basis-point</c>; null without one.</param>
/// <param name="BasisCostUsd">Σ consumed MWh × (site price − basis point price): the part of the power cost due to the site's
/// location, already inside <see cref="SiteTotalLine.MiningProfitUsd"/> (the site buys at its own point); null without a basis point.</param>
public sealed record SiteTotalSection(IReadOnlyList<SiteTotalLine> Lines, string OptimumSees, string? InfeasibleReason,
    double? PowerSaleCreditsUsd, double? ContractPaymentsUsd, string? BasisPoint, double? BasisCostUsd)
{
    /// <summary>
    /// The same rule decided one interval late, on the last settled price (what a rule acting on published prices can
    /// earn), settled like the strategy; null when the rule does not decide on an interval's own price.
    /// </summary>
    public SiteTotalLine? OneIntervalLate { get; init; }

    /// <summary>Strategy site total − the same rule decided one interval late: what instant response is worth; null without the late line.</summary>
    public double? InstantResponseValueUsd => OneIntervalLate is { } late ? Strategy.SiteTotalUsd - late.SiteTotalUsd : null;

    /// <summary>
    /// The rows every table of the site total shows (terminal, HTML), in order: mining profit, then each line that is
    /// non-zero for some schedule (the contract value whenever there is a PPA), then the total.
    /// </summary>
    public IReadOnlyList<SiteTotalRow> Rows()
    {
        var rows = new List<SiteTotalRow> { new("Mining profit", l => l.MiningProfitUsd) };
        void Add(string label, Func<SiteTotalLine, double> value, bool show) { if (show) rows.Add(new(label, value)); }
        Add("− Restart costs", l => l.RestartCostUsd, Lines.Any(l => l.RestartCostUsd != 0));
        Add("+ Contract value (PPA vs market)", l => l.ContractValueUsd, ContractPaymentsUsd is not null);
        Add("+ Demand-response income", l => l.DrIncomeUsd, Lines.Any(l => l.DrIncomeUsd != 0));
        Add("− 4CP transmission charge", l => l.FourCpChargeUsd, Lines.Any(l => l.FourCpChargeUsd != 0));
        Add("+ AS income", l => l.AncillaryIncomeUsd, Lines.Any(l => l.AncillaryIncomeUsd != 0));
        rows.Add(new("= Site total", l => l.SiteTotalUsd, IsTotal: true));
        return rows;
    }

    /// <summary>The strategy's line.</summary>
    [JsonIgnore]
    public SiteTotalLine Strategy => Lines[0];
    /// <summary>Always-on's line.</summary>
    [JsonIgnore]
    public SiteTotalLine AlwaysOn => Lines[1];
    /// <summary>The optimum's line; null when the strategy is the optimum itself.</summary>
    [JsonIgnore]
    public SiteTotalLine? Optimum => Lines.Count > 2 ? Lines[2] : null;

    /// <summary>True when the strategy's schedule keeps the switching constraints (it may then be compared with the optimum).</summary>
    public bool StrategyFeasible => InfeasibleReason is null;

    /// <summary>Strategy site total − always-on site total.</summary>
    public double UpliftUsd => Strategy.SiteTotalUsd - AlwaysOn.SiteTotalUsd;

    /// <summary>Uplift as a percentage of |always-on site total|; null when that is zero.</summary>
    public double? UpliftPct => AlwaysOn.SiteTotalUsd != 0 ? 100.0 * UpliftUsd / Math.Abs(AlwaysOn.SiteTotalUsd) : null;

    /// <summary>Optimum site total − strategy site total; null without an optimum or when the strategy breaks the constraints.</summary>
    public double? RegretUsd => Optimum is { } o && StrategyFeasible ? o.SiteTotalUsd - Strategy.SiteTotalUsd : null;

    /// <summary>Strategy's gain over always-on as % of the optimum's; null without an optimum, when the optimum gains
    /// nothing, or when the strategy breaks the constraints.</summary>
    public double? CapturedUpliftPct
    {
        get
        {
            if (Optimum is not { } o || !StrategyFeasible) return null;
            double best = o.SiteTotalUsd - AlwaysOn.SiteTotalUsd;
            return best > 1e-9 ? 100.0 * UpliftUsd / best : null;
        }
    }
}

/// <summary>One row of a site-total table: its label and the value it shows for each schedule.</summary>
/// <param name="Label">Row label with its sign ("− Restart costs").</param>
/// <param name="Value">The figure of a schedule's line.</param>
/// <param name="IsTotal">True for the total row.</param>
public sealed record SiteTotalRow(string Label, Func<SiteTotalLine, double> Value, bool IsTotal = false);
