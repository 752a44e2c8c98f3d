namespace MiningDispatch.Core.Contracts;

/// <summary>
/// The settlement of a run schedule under a <see cref="PpaContract"/>. Money in USD, energy in MWh, prices in $/MWh.
/// Notation per interval t: L = consumed MWh (run × capacity × Δt), Q = contracted MWh, K = tranche price,
/// λ = settlement-point price of the market series, h = contract settlement price (the hub price when the contract is
/// hub-settled, else λ), a = site adder ($/MWh on every consumed MWh).
/// <para>Cash lines: <see cref="MiningRevenueUsd"/> − <see cref="ContractPaymentsUsd"/> (Σ K·Q, take-or-pay)
/// + <see cref="PowerSaleCreditsUsd"/> (Σ λ·(Q − L)⁺, sell-back of unused contract energy; negative when sold at a
/// negative price) − <see cref="SpotPurchaseCostUsd"/> (Σ λ·(L − Q)⁺) − <see cref="AdderCostUsd"/> (Σ a·L)
/// + <see cref="HubBasisUsd"/> (Σ (h − λ)·Q) + <see cref="AncillaryIncomeUsd"/> = <see cref="NetProfitUsd"/>.</para>
/// <para>Economic split of the same total: <see cref="NetProfitUsd"/> = <see cref="MiningProfitAtMarketUsd"/>
/// (Σ revenue − L·(λ + a): every consumed MWh valued at what it could have been sold for; equal to the backtester's
/// profit for the same run and independent of K) + <see cref="ContractValueUsd"/> (Σ Q·(h − K): the fixed-for-floating
/// value of the contract; independent of dispatch) + <see cref="AncillaryIncomeUsd"/>.</para>
/// </summary>
public sealed class ContractResult
{
    public required string ContractName { get; init; }
    public required int Intervals { get; init; }
    public required double IntervalHours { get; init; }
    /// <summary>True when the contract energy is settled at a hub price different from the site price.</summary>
    public required bool HubSettled { get; init; }

    public required double ConsumedMWh { get; init; }
    public required double ContractedMWh { get; init; }
    /// <summary>Σ (Q − L)⁺: contract energy not used and sold back.</summary>
    public required double SellBackMWh { get; init; }
    /// <summary>Σ (L − Q)⁺: energy used above the contract, bought at the settlement price.</summary>
    public required double SpotPurchaseMWh { get; init; }

    public required double MiningRevenueUsd { get; init; }
    public required double ContractPaymentsUsd { get; init; }
    public required double PowerSaleCreditsUsd { get; init; }
    public required double SpotPurchaseCostUsd { get; init; }
    public required double AdderCostUsd { get; init; }
    /// <summary>Σ (h − λ)·Q: gain (+) or loss (−) from the contract settling at the hub while the site settles at λ; 0 when not hub-settled.</summary>
    public required double HubBasisUsd { get; init; }
    /// <summary>Demand-response / ancillary capacity income (0 when no ancillary contract).</summary>
    public required double AncillaryIncomeUsd { get; init; }
    /// <summary>Total: revenue minus all power costs plus all credits.</summary>
    public required double NetProfitUsd { get; init; }

    /// <summary>Σ (revenue − L·(λ + a)): mining P&amp;L with consumed energy valued at the settlement price; independent of the contract price.</summary>
    public required double MiningProfitAtMarketUsd { get; init; }
    /// <summary>Σ Q·(h − K): what the contract is worth against the market; independent of dispatch.</summary>
    public required double ContractValueUsd { get; init; }
    /// <summary>
    /// Contract payments + spot purchases + adders − power-sale credits − hub basis: the cash cost of power net of
    /// power-sale credits (ancillary income not included).
    /// </summary>
    public required double NetPowerCostUsd { get; init; }

    /// <summary><see cref="NetProfitUsd"/> for the same contract with the site always on.</summary>
    public required double AlwaysOnNetProfitUsd { get; init; }
    /// <summary><see cref="NetProfitUsd"/> − <see cref="AlwaysOnNetProfitUsd"/>: value of flexibility under the contract.</summary>
    public double FlexibilityUpliftUsd => NetProfitUsd - AlwaysOnNetProfitUsd;

    /// <summary>Volume-weighted price received for sold-back energy; null when nothing was sold back.</summary>
    public double? AvgSellBackPriceUsdPerMWh => SellBackMWh > 0 ? PowerSaleCreditsUsd / SellBackMWh : null;
    /// <summary>Σ K·Q / Σ Q; null when nothing is contracted in the period.</summary>
    public double? AvgContractPriceUsdPerMWh => ContractedMWh > 0 ? ContractPaymentsUsd / ContractedMWh : null;

    /// <summary>BTC mined (Σ revenue_t / BTC price_t); null when no BTC price input was given.</summary>
    public double? BtcMined { get; init; }
    /// <summary>Power-sale credits converted at each interval's BTC price ("BTC-equivalent"); null without BTC input.</summary>
    public double? PowerSaleCreditsBtc { get; init; }
    /// <summary>Ancillary income converted at each interval's BTC price; null without BTC input.</summary>
    public double? AncillaryIncomeBtc { get; init; }
    /// <summary>
    /// Cost to mine one BTC net of credits (Riot's "cost to mine net of power credits", power only):
    /// (<see cref="NetPowerCostUsd"/> − <see cref="AncillaryIncomeUsd"/>) / <see cref="BtcMined"/>. Null without BTC
    /// input or when no BTC was mined. Negative when credits exceed the power bill.
    /// </summary>
    public double? CostToMinePerBtcUsd => BtcMined is > 0 ? (NetPowerCostUsd - AncillaryIncomeUsd) / BtcMined : null;

    /// <summary>Per-interval contracted MWh (Q).</summary>
    public required double[] ContractedMWhByInterval { get; init; }
    /// <summary>Per-interval consumed MWh (L).</summary>
    public required double[] ConsumedMWhByInterval { get; init; }
    /// <summary>Per-interval sold-back MWh, (Q − L)⁺.</summary>
    public required double[] SellBackMWhByInterval { get; init; }
    /// <summary>Per-interval power-sale credit, USD.</summary>
    public required double[] PowerSaleCreditUsdByInterval { get; init; }
    /// <summary>Per-interval contract payment, USD.</summary>
    public required double[] ContractPaymentUsdByInterval { get; init; }
    /// <summary>Per-interval net profit, USD (the cash lines summed).</summary>
    public required double[] NetProfitUsdByInterval { get; init; }

    /// <summary>Totals by market month (CPT), in order.</summary>
    public required IReadOnlyList<ContractMonthRow> Monthly { get; init; }
    /// <summary>Totals by tranche, in contract order.</summary>
    public required IReadOnlyList<TrancheRow> Tranches { get; init; }
    /// <summary>The ancillary line, when an ancillary contract was given.</summary>
    public AncillaryIncome? Ancillary { get; init; }
}

/// <summary>One market month of a <see cref="ContractResult"/>; same definitions as the totals.</summary>
public sealed record ContractMonthRow(
    int Year,
    int Month,
    double ContractedMWh,
    double ConsumedMWh,
    double SellBackMWh,
    double SpotPurchaseMWh,
    double MiningRevenueUsd,
    double ContractPaymentsUsd,
    double PowerSaleCreditsUsd,
    double SpotPurchaseCostUsd,
    double AdderCostUsd,
    double HubBasisUsd,
    double AncillaryIncomeUsd,
    double NetProfitUsd,
    double MiningProfitAtMarketUsd);

/// <summary>One tranche's delivered volume and value over the settled period.</summary>
/// <param name="ContractedMWh">Σ MW × Δt over the tranche's active intervals.</param>
/// <param name="PaymentsUsd">Σ K × MWh.</param>
/// <param name="MarketValueUsd">Σ h × MWh: the same energy at the contract settlement price.</param>
public sealed record TrancheRow(string Label, double ContractedMWh, double PaymentsUsd, double MarketValueUsd)
{
    /// <summary><see cref="MarketValueUsd"/> − <see cref="PaymentsUsd"/>.</summary>
    public double ValueUsd => MarketValueUsd - PaymentsUsd;
}
