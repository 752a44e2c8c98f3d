using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Contracts;

/// <summary>Optional inputs of <see cref="PpaSettlement.Settle(DispatchProblem, ReadOnlySpan{double}, PpaContract, PpaSettlementOptions?)"/>.</summary>
public sealed record PpaSettlementOptions
{
    /// <summary>Market clock used for blocks, tranche dates and months. Default: ERCOT (America/Chicago).</summary>
    public MarketClock Clock { get; init; } = MarketClock.Ercot;
    /// <summary>
    /// When set, the contract is a hub-settled financial swap: the contract energy settles at this hub price
    /// (index-aligned with the market data) while the site buys and sells at the market series' price.
    /// </summary>
    public double[]? HubPriceUsdPerMWh { get; init; }
    /// <summary>BTC price input for BTC mined and cost per BTC; null = no BTC figures.</summary>
    public BtcPriceInput? Btc { get; init; }
    /// <summary>Demand-response / ancillary capacity income to add as a separate line; null = none.</summary>
    public AncillaryCapacityContract? Ancillary { get; init; }
}

/// <summary>
/// Settles any run schedule under a fixed-price block <see cref="PpaContract"/> with take-or-pay and sell-back
/// (docs/mining-economics.md §2.5). Because the contract energy is paid whatever the site does and unused energy is
/// sold back at the settlement price, consuming one more MWh always costs λ + adder, whether it comes from the
/// contract (a lost sale) or from the spot market (a purchase). The optimal dispatch is therefore the plain threshold
/// rule on the settlement price (<see cref="Strategies.Threshold.ThresholdStrategy"/>) and does not depend on the
/// contract price K; K only moves <see cref="ContractResult.ContractValueUsd"/>. See <see cref="ContractResult"/> for
/// the exact definitions of every line.
/// </summary>
public static class PpaSettlement
{
    /// <summary>Dispatches <paramref name="strategy"/> on the market data and settles the result under the contract.</summary>
    public static ContractResult Settle(MarketSeries market, SiteSpec site, IDispatchStrategy strategy, PpaContract contract, PpaSettlementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(strategy);
        site.Validate();
        var problem = new DispatchProblem(market, site);
        var run = new double[market.Count];
        strategy.Dispatch(problem, run);
        return Settle(problem, run, contract, options);
    }

    /// <summary>Settles a run schedule (fraction of the site running, 0..1, per interval) under the contract.</summary>
    public static ContractResult Settle(DispatchProblem problem, ReadOnlySpan<double> run, PpaContract contract, PpaSettlementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(contract);
        int n = problem.Count;
        if (run.Length != n) throw new ArgumentException(Msg($"Run schedule has {run.Length} values but the market data has {n} intervals."), nameof(run));
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        return Settle(SiteLoadProfile.FromRun(problem, run), SiteLoadProfile.FromRun(problem, ones), contract, options);
    }

    /// <summary>
    /// Settles any site's load profile (MW consumed and mining revenue per interval, e.g. a mixed fleet) under the
    /// contract; <paramref name="alwaysOn"/> is the same site running everything it has in every interval (for
    /// <see cref="ContractResult.AlwaysOnNetProfitUsd"/>). Both must be on the same market series.
    /// </summary>
    public static ContractResult Settle(SiteLoadProfile profile, SiteLoadProfile alwaysOn, PpaContract contract, PpaSettlementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(alwaysOn);
        ArgumentNullException.ThrowIfNull(contract);
        options ??= new PpaSettlementOptions();
        var m = profile.Market;
        int n = m.Count;
        if (alwaysOn.Count != n)
            throw new ArgumentException(Msg($"Always-on profile has {alwaysOn.Count} intervals but the market data has {n}."), nameof(alwaysOn));
        var hub = options.HubPriceUsdPerMWh;
        if (hub is not null)
        {
            if (hub.Length != n) throw new ArgumentException(Msg($"Hub price series has {hub.Length} values but the market data has {n} intervals."), nameof(options));
            for (int t = 0; t < n; t++)
                if (!double.IsFinite(hub[t])) throw new ArgumentException(Msg($"Hub price at {m.StartsUtc[t]:O} is not a finite number."), nameof(options));
        }

        var trancheMw = contract.TrancheMegawatts(m.StartsUtc, options.Clock);
        AncillaryIncome? anc = options.Ancillary is null ? null : AncillaryCapacity.Compute(profile, options.Ancillary, options.Clock);
        var lines = Compute(profile, contract, trancheMw, hub, anc?.IncomeUsdByInterval);

        AncillaryIncome? ancOn = options.Ancillary is null ? null : AncillaryCapacity.Compute(alwaysOn, options.Ancillary, options.Clock);
        double alwaysOnNet = Compute(alwaysOn, contract, trancheMw, hub, ancOn?.IncomeUsdByInterval).Net.Sum();

        double? btcMined = null, creditsBtc = null, ancBtc = null;
        if (options.Btc is not null)
        {
            var px = options.Btc.UsdPerBtc(m);
            double b = 0, c = 0, a = 0;
            for (int t = 0; t < n; t++)
            {
                b += lines.Revenue[t] / px[t];
                c += lines.Credit[t] / px[t];
                if (anc is not null) a += anc.IncomeUsdByInterval[t] / px[t];
            }
            btcMined = b;
            creditsBtc = c;
            ancBtc = anc is null ? 0.0 : a;
        }

        var monthly = Monthly(m, options.Clock, lines);
        var tranches = new List<TrancheRow>(contract.Tranches.Count);
        double dt = m.IntervalHours;
        for (int k = 0; k < contract.Tranches.Count; k++)
        {
            var tr = contract.Tranches[k];
            double mwh = 0, pay = 0, value = 0;
            for (int t = 0; t < n; t++)
            {
                double e = trancheMw[k][t] * dt;
                mwh += e;
                pay += e * tr.Price.Value;
                value += e * (hub?[t] ?? m.PriceUsdPerMWh[t]);
            }
            tranches.Add(new TrancheRow(tr.Label, mwh, pay, value));
        }

        double payments = lines.Payment.Sum(), credits = lines.Credit.Sum(), purchases = lines.Purchase.Sum();
        double adder = lines.Adder.Sum(), basis = lines.Basis.Sum();
        return new ContractResult
        {
            ContractName = contract.Name,
            Intervals = n,
            IntervalHours = dt,
            HubSettled = hub is not null,
            ConsumedMWh = lines.Consumed.Sum(),
            ContractedMWh = lines.Contracted.Sum(),
            SellBackMWh = lines.SellBack.Sum(),
            SpotPurchaseMWh = lines.Spot.Sum(),
            MiningRevenueUsd = lines.Revenue.Sum(),
            ContractPaymentsUsd = payments,
            PowerSaleCreditsUsd = credits,
            SpotPurchaseCostUsd = purchases,
            AdderCostUsd = adder,
            HubBasisUsd = basis,
            AncillaryIncomeUsd = anc?.IncomeUsd ?? 0.0,
            NetProfitUsd = lines.Net.Sum(),
            MiningProfitAtMarketUsd = lines.MiningAtMarket.Sum(),
            ContractValueUsd = lines.ContractValue.Sum(),
            NetPowerCostUsd = payments + purchases + adder - credits - basis,
            AlwaysOnNetProfitUsd = alwaysOnNet,
            BtcMined = btcMined,
            PowerSaleCreditsBtc = creditsBtc,
            AncillaryIncomeBtc = ancBtc,
            ContractedMWhByInterval = lines.Contracted,
            ConsumedMWhByInterval = lines.Consumed,
            SellBackMWhByInterval = lines.SellBack,
            PowerSaleCreditUsdByInterval = lines.Credit,
            ContractPaymentUsdByInterval = lines.Payment,
            NetProfitUsdByInterval = lines.Net,
            Monthly = monthly,
            Tranches = tranches,
            Ancillary = anc,
        };
    }

    /// <summary>Per-interval settlement lines (USD or MWh), one array per line.</summary>
    private sealed class Lines(int n)
    {
        public readonly double[] Contracted = new double[n], Consumed = new double[n], SellBack = new double[n], Spot = new double[n];
        public readonly double[] Revenue = new double[n], Payment = new double[n], Credit = new double[n], Purchase = new double[n];
        public readonly double[] Adder = new double[n], Basis = new double[n], Ancillary = new double[n], Net = new double[n];
        public readonly double[] MiningAtMarket = new double[n], ContractValue = new double[n];
    }

    private static Lines Compute(SiteLoadProfile profile, PpaContract contract, double[][] trancheMw, double[]? hub, double[]? ancillary)
    {
        var m = profile.Market;
        int n = m.Count;
        double dt = m.IntervalHours, a = profile.AdderUsdPerMWh;
        var r = new Lines(n);
        for (int t = 0; t < n; t++)
        {
            double q = 0, pay = 0;
            for (int k = 0; k < trancheMw.Length; k++)
            {
                double e = trancheMw[k][t] * dt;
                q += e;
                pay += e * contract.Tranches[k].Price.Value;
            }
            double lambda = m.PriceUsdPerMWh[t], h = hub?[t] ?? lambda;
            double l = profile.MwConsumed[t] * dt;
            double sell = Math.Max(q - l, 0.0), buy = Math.Max(l - q, 0.0);
            double rev = profile.MiningRevenueUsd[t];
            r.Contracted[t] = q;
            r.Consumed[t] = l;
            r.SellBack[t] = sell;
            r.Spot[t] = buy;
            r.Revenue[t] = rev;
            r.Payment[t] = pay;
            r.Credit[t] = sell * lambda;
            r.Purchase[t] = buy * lambda;
            r.Adder[t] = l * a;
            r.Basis[t] = hub is null ? 0.0 : (h - lambda) * q;
            r.Ancillary[t] = ancillary?[t] ?? 0.0;
            r.Net[t] = rev - pay + r.Credit[t] - r.Purchase[t] - r.Adder[t] + r.Basis[t] + r.Ancillary[t];
            r.MiningAtMarket[t] = rev - l * (lambda + a);
            r.ContractValue[t] = q * h - pay;
        }
        return r;
    }

    private static List<ContractMonthRow> Monthly(MarketSeries m, MarketClock clock, Lines r)
    {
        var rows = new List<ContractMonthRow>();
        int start = 0;
        while (start < m.Count)
        {
            var first = clock.ToLocal(m.StartsUtc[start]);
            int end = start;
            while (end < m.Count)
            {
                var l = clock.ToLocal(m.StartsUtc[end]);
                if (l.Year != first.Year || l.Month != first.Month) break;
                end++;
            }
            double S(double[] a)
            {
                double sum = 0;
                for (int i = start; i < end; i++) sum += a[i];
                return sum;
            }
            rows.Add(new ContractMonthRow(first.Year, first.Month,
                S(r.Contracted), S(r.Consumed), S(r.SellBack), S(r.Spot),
                S(r.Revenue), S(r.Payment), S(r.Credit), S(r.Purchase), S(r.Adder), S(r.Basis), S(r.Ancillary),
                S(r.Net), S(r.MiningAtMarket)));
            start = end;
        }
        return rows;
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
