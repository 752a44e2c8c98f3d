using System.Globalization;
using MiningDispatch.App.Inputs;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.SystemLoad;

namespace MiningDispatch.App.Pipeline;

/// <summary>The 4CP inputs of a run: the system load (when given) and the avoidance rule (with <c>--avoid-4cp</c>).</summary>
internal sealed record FourCpSetup(SystemLoad? Load, FourCpAvoidance? Avoidance)
{
    public static readonly FourCpWindowRule Window = FourCpWindowRule.Default;

    /// <summary>Reads <c>--system-load</c> and builds the avoidance rule; empty when there is no <c>--four-cp-rate</c>.</summary>
    public static FourCpSetup From(ContractRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.FourCpRateUsdPerKwYear is null) return new FourCpSetup(null, null);
        SystemLoad? load = s.SystemLoad is { } path ? SystemLoadCsvLoader.Load(path) : null;
        FourCpAvoidance? avoidance = s.Avoid4cp
            ? load is null ? FourCpAvoidance.Calendar(Window) : FourCpAvoidance.LoadThreshold(load, s.FourCpLoadFraction, Window)
            : null;
        return new FourCpSetup(load, avoidance);
    }

    /// <summary>Inputs-table text of the avoidance rule.</summary>
    public string DescribeAvoidance(string? what = null) =>
        "curtail " + (what is null ? "" : what + " ") + "when " + Avoidance!.Describe() + " (weekdays Jun-Sep, 15:00-17:30 CPT)";
}

/// <summary>A second settlement point and its prices on the backtest intervals.</summary>
internal sealed record BasisSeries(string Point, double[] Prices);

/// <summary>What a schedule is settled under: the contracts, the hashprice CSV (for its BTC price column) and the basis point.</summary>
internal sealed record SettlementInputs(ContractRequest Contracts, string? HashpriceFile, BasisSeries? Basis)
{
    /// <summary>The contracts with neither a hashprice file nor a basis point (forecasts).</summary>
    public static SettlementInputs Without(ContractRequest contracts) => new(contracts, null, null);
}

/// <summary>
/// The settlement sections shared by a single-model site and a mixed fleet, computed on load profiles (MW consumed
/// and mining revenue per interval): BTC mined, demand-response income, the PPA (take-or-pay with sell-back, zone or
/// hub settled), the 4CP charge and the basis against a second settlement point.
/// </summary>
internal static class ContractSections
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <param name="model">The run so far; its <see cref="BacktestRun.Result"/> is the schedule being settled.</param>
    /// <param name="inputs">Lines describing the run; the contracts add theirs.</param>
    /// <param name="market">The backtest intervals and the site's prices.</param>
    /// <param name="s">The contracts.</param>
    /// <param name="basis">The basis point and its prices on the same intervals; null without <c>--basis-point</c>.</param>
    /// <param name="hashpriceFile">The hashprice CSV, whose BTC price column is used when no BTC price is given; null for the API.</param>
    /// <param name="fourCp">The 4CP inputs.</param>
    /// <param name="profile">The schedule's MW and mining revenue.</param>
    /// <param name="alwaysOn">The same site running everything in every interval (for the PPA's always-on line).</param>
    /// <param name="fourCpBase">The schedule without 4CP avoidance (the same as <paramref name="profile"/> without <c>--avoid-4cp</c>).</param>
    public static BacktestRun Apply(BacktestRun model, List<KeyValuePair<string, string>> inputs, MarketSeries market, ContractRequest s,
        BasisSeries? basis, string? hashpriceFile, FourCpSetup fourCp, SiteLoadProfile profile, SiteLoadProfile alwaysOn, SiteLoadProfile fourCpBase)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(s);
        var result = model.Result;
        var btc = BtcPriceSource.Resolve(s.BtcPrice, hashpriceFile, market);
        if (btc is { } b) inputs.Add(new("BTC price", b.Source));
        AncillaryCapacityContract? dr = s.DrPriceUsdPerMwHour is { } drPrice
            ? new AncillaryCapacityContract { PriceUsdPerMwHour = drPrice, MinimumLoadMw = s.DrMinLoadMw, Name = "Demand response / ancillary capacity" }
            : null;
        if (dr is not null)
            inputs.Add(new("Demand response", string.Create(Ci, $"${dr.PriceUsdPerMwHour:0.##}/MW-h for running MW above {dr.MinimumLoadMw:0.##} MW")));
        double[]? basisPrices = basis?.Prices;
        if (s.Ppa is { } ppaPath)
        {
            var contract = PpaInput.Load(ppaPath);
            bool atHub = s.SettleAt == PpaSettlePlace.Hub;
            var options = new PpaSettlementOptions
            {
                Clock = Clock,
                HubPriceUsdPerMWh = atHub ? basisPrices : null,
                Btc = btc is { } bb ? BtcPriceInput.FromUsdPerBtc(bb.UsdPerBtc) : null,
                Ancillary = dr,
            };
            var settled = PpaSettlement.Settle(profile, alwaysOn, contract, options);
            model = model with { Contract = settled, Ancillary = settled.Ancillary };
            inputs.Add(new("PPA", $"{contract.Name} ({Path.GetFileName(ppaPath)}): " + string.Join("; ", contract.Tranches.Select(t =>
                string.Create(Ci, $"{t.Label} {t.FirstDay:yyyy-MM-dd}..{t.LastDay:yyyy-MM-dd}")))));
            inputs.Add(new("PPA settlement", atHub ? $"contract energy at {basis?.Point}, site at {market.SettlementPoint} (take-or-pay, sell-back)" : $"at {market.SettlementPoint} (take-or-pay, sell-back)"));
        }
        else
        {
            if (dr is not null) model = model with { Ancillary = AncillaryCapacity.Compute(profile, dr, Clock) };
            if (btc is { } bb)
            {
                double mined = 0;
                for (int t = 0; t < result.Revenue.Length; t++) mined += result.Revenue[t] / bb.UsdPerBtc[t];
                model = model with { Btc = new BtcSection(mined, result.Summary.PowerCostUsd, bb.Source) };
            }
        }

        // 4CP charge: the schedule without avoidance against the one run.
        if (s.FourCpRateUsdPerKwYear is { } rate)
        {
            var load = fourCp.Load;
            var charge = load is null
                ? FourCpReport.CalendarWorstCase(fourCpBase, profile, FourCpSetup.Window, rate, Clock)
                : FourCpReport.AtPeaks(fourCpBase, profile, CoincidentPeaks.FromSystemLoad(load, Clock), rate, Clock, $"system load ({load.Source})");
            model = model with { FourCp = charge };
            inputs.Add(new("4CP rate", string.Create(Ci, $"${rate:0.##}/kW-yr; peaks: {charge.PeakBasis}")));
        }

        // Basis against a second settlement point.
        if (basisPrices is not null)
        {
            model = model with
            {
                Basis = BasisSettlement.CompareMw(market.StartsUtc, basisPrices, market.PriceUsdPerMWh, profile.MwConsumed, market.IntervalHours,
                    basis!.Point, market.SettlementPoint),
            };
        }
        return model;
    }
}
