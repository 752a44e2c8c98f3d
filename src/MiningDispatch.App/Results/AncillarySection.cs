namespace MiningDispatch.App.Results;

/// <summary>
/// One schedule's revenue stack with AS (USD over the run). <see cref="SiteTotalUsd"/> = mining margin after restarts +
/// contract value + Σ AS capacity − AS deployment − AS penalties + DR − 4CP charge (the site total of the run).
/// </summary>
/// <param name="Schedule">Schedule name.</param>
/// <param name="Role">"co-optimized" (the strategy with AS), "energy-only" (the same dispatch without AS), "always-on" or "optimum".</param>
/// <param name="MiningMarginUsd">Mining revenue − power cost − restart costs.</param>
/// <param name="ContractValueUsd">PPA contract value (power-sale credits and contract payments inside); 0 without a PPA.</param>
/// <param name="AsCapacityUsdByProduct">MCPC × award × Δt per product, in <see cref="AncillarySection.Products"/> order.</param>
/// <param name="AsDeploymentCostUsd">Margin given up by deployments.</param>
/// <param name="AsPenaltyUsd">Awards not delivered: replaced at the real-time MCPC where known, otherwise the award back plus the shortfall charge.</param>
/// <param name="DrIncomeUsd">Flat demand-response income (<c>--dr-price</c>).</param>
/// <param name="FourCpChargeUsd">4CP charge.</param>
/// <param name="LossIntervals">Intervals holding an award in which running machines mine at a loss (on a fleet, the least efficient models running), because AS pays.</param>
/// <param name="LossMarginUsd">Energy margin those machines lost in those intervals (positive).</param>
/// <param name="OperatingPct">Share of intervals with load running.</param>
/// <param name="DeployedPct">Share of intervals with a deployment.</param>
public sealed record AncillaryStackLine(string Schedule, string Role, double MiningMarginUsd, double ContractValueUsd, IReadOnlyList<double> AsCapacityUsdByProduct,
    double AsDeploymentCostUsd, double AsPenaltyUsd, double DrIncomeUsd, double FourCpChargeUsd, int LossIntervals, double LossMarginUsd,
    double OperatingPct, double DeployedPct)
{
    /// <summary>Σ capacity − deployment − penalties.</summary>
    public double AsIncomeUsd => AsCapacityUsdByProduct.Sum() - AsDeploymentCostUsd - AsPenaltyUsd;

    /// <summary>The whole stack.</summary>
    public double SiteTotalUsd => MiningMarginUsd + ContractValueUsd + AsIncomeUsd + DrIncomeUsd - FourCpChargeUsd;
}

/// <summary>The KPIs a miner's desk publishes, for the co-optimized strategy.</summary>
/// <param name="AllInCentsPerKwhGross">Power cost (price + adder) per kWh consumed, ¢.</param>
/// <param name="AllInCentsPerKwhNet">(Power cost − credits) per kWh consumed, ¢.</param>
/// <param name="PowerResaleCreditsUsd">PPA power sold back (0 without a PPA).</param>
/// <param name="AsDrCreditsUsd">AS income + DR income.</param>
/// <param name="FourCpAvoidedUsd">4CP charge avoided by curtailing at the peaks (0 without avoidance).</param>
/// <param name="HashcostUsdPerPhDay">Power cost per PH/s-day mined.</param>
/// <param name="HashcostNetUsdPerPhDay">(Power cost − credits) per PH/s-day mined.</param>
/// <param name="HashpriceUsdPerPhDay">Hashprice averaged over the PH/s-days mined.</param>
/// <param name="CostPerBtcNetUsd">(Power cost − credits) per BTC mined; null without a BTC price.</param>
/// <param name="UptimeOperatingPct">Share of intervals running.</param>
/// <param name="UptimeDeployedPct">Share of intervals with an AS deployment.</param>
public sealed record AncillaryKpis(double AllInCentsPerKwhGross, double AllInCentsPerKwhNet, double PowerResaleCreditsUsd, double AsDrCreditsUsd,
    double FourCpAvoidedUsd, double HashcostUsdPerPhDay, double HashcostNetUsdPerPhDay, double HashpriceUsdPerPhDay, double? CostPerBtcNetUsd,
    double UptimeOperatingPct, double UptimeDeployedPct);

/// <summary>One month of the co-optimized strategy's streams (CPT calendar month); the mining margin is before restart costs.</summary>
/// <param name="Regime">The AS market regime of the month's days: "before RTC+B", "RTC+B" (from 5 Dec 2025) or "both".</param>
public sealed record AncillaryMonth(int Year, int Month, double MiningMarginUsd, IReadOnlyList<double> AsCapacityUsdByProduct, double AsDeploymentAndPenaltyUsd,
    string Regime);

/// <summary>
/// Ancillary services as value streams: the revenue stack of the strategy co-optimized with AS, of the same dispatch
/// energy-only, of always-on and of the optimum; desk KPIs; monthly streams.
/// </summary>
/// <param name="Products">Product codes of every per-product array (RRS, ECRS, NSPIN, REGUP, REGDN).</param>
/// <param name="Offered">Product codes offered.</param>
/// <param name="Resource">"Load Resource" or "Controllable Load Resource".</param>
/// <param name="Regime">Which AS market regime the run's days fall in (before / from RTC+B on 5 Dec 2025).</param>
/// <param name="MwYears">Site MW × run hours ÷ 8,760 (the divisor of the $/MW-year figures).</param>
/// <param name="Stack">Co-optimized, energy-only, always-on and (when run) the optimum.</param>
/// <param name="Kpis">Desk KPIs of the co-optimized strategy.</param>
/// <param name="Monthly">Monthly streams of the co-optimized strategy.</param>
/// <param name="IntervalsWithoutPrices">Run intervals in which no offered product has a price (nothing could be offered).</param>
public sealed record AncillarySection(IReadOnlyList<string> Products, IReadOnlyList<string> Offered, string Resource, string Regime, double MwYears,
    IReadOnlyList<AncillaryStackLine> Stack, AncillaryKpis Kpis, IReadOnlyList<AncillaryMonth> Monthly, int IntervalsWithoutPrices)
{
    /// <summary>The AS price files' data quality (also in the run's data-quality list).</summary>
    public Core.Series.DataQualityReport? Quality { get; init; }

    /// <summary>Co-optimized site total − energy-only site total: what AS adds.</summary>
    public double ValueOfAsUsd => Stack[0].SiteTotalUsd - Stack[1].SiteTotalUsd;

    /// <summary>
    /// The regime of each period, consecutive months of one regime joined: e.g. "2025-06..2025-11 before RTC+B;
    /// 2025-12 both; 2026-01..2026-02 RTC+B" (the terminal and HTML line).
    /// </summary>
    public string RegimeByPeriod
    {
        get
        {
            var parts = new List<string>();
            int i = 0;
            while (i < Monthly.Count)
            {
                int j = i;
                while (j + 1 < Monthly.Count && Monthly[j + 1].Regime == Monthly[i].Regime) j++;
                string from = Label(Monthly[i]), to = Label(Monthly[j]);
                parts.Add((i == j ? from : $"{from}..{to}") + " " + Monthly[i].Regime);
                i = j + 1;
            }
            return string.Join("; ", parts);
        }
    }

    private static string Label(AncillaryMonth m) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Year:D4}-{m.Month:D2}");

    /// <summary>USD per MW-year of a USD amount over the run.</summary>
    public double PerMwYear(double usd) => MwYears > 0 ? usd / MwYears : 0;
}
