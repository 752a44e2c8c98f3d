using System.Globalization;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;

namespace MiningDispatch.Core.Profiles;

/// <summary>
/// What a site did in each market interval, independent of how it is built: MW consumed and mining revenue (USD,
/// net of pool fee), on the market series' intervals and prices, plus the adder paid on every MWh consumed.
/// A single-model site gives MW = run × capacity and revenue = run × full-site revenue (<see cref="FromRun"/>);
/// a mixed fleet gives the sum over its tranches (<see cref="FromFleet"/>). Settlement code (PPA, demand response,
/// 4CP, basis) works on this so that both kinds of site share one implementation.
/// </summary>
public sealed class SiteLoadProfile
{
    /// <summary>Builds a profile; arrays must have one value per market interval, MW finite and ≥ 0, revenue finite.</summary>
    public SiteLoadProfile(MarketSeries market, double adderUsdPerMWh, double[] mwConsumed, double[] miningRevenueUsd)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(mwConsumed);
        ArgumentNullException.ThrowIfNull(miningRevenueUsd);
        int n = market.Count;
        if (mwConsumed.Length != n || miningRevenueUsd.Length != n)
            throw new ArgumentException(Msg($"Load profile has {mwConsumed.Length} MW values and {miningRevenueUsd.Length} revenue values but the market data has {n} intervals."));
        if (!double.IsFinite(adderUsdPerMWh)) throw new ArgumentException(Msg($"Adder {adderUsdPerMWh} $/MWh is not a finite number."));
        for (int t = 0; t < n; t++)
        {
            if (!(mwConsumed[t] >= 0) || !double.IsFinite(mwConsumed[t]))
                throw new ArgumentException(Msg($"MW consumed {mwConsumed[t]} at {market.StartsUtc[t]:O} must be a finite number ≥ 0."));
            if (!double.IsFinite(miningRevenueUsd[t]))
                throw new ArgumentException(Msg($"Mining revenue {miningRevenueUsd[t]} at {market.StartsUtc[t]:O} is not a finite number."));
        }
        Market = market;
        AdderUsdPerMWh = adderUsdPerMWh;
        MwConsumed = mwConsumed;
        MiningRevenueUsd = miningRevenueUsd;
    }

    /// <summary>Interval times, settlement prices and interval length.</summary>
    public MarketSeries Market { get; }
    /// <summary>Adder on every consumed MWh (TDSP, fees), $/MWh.</summary>
    public double AdderUsdPerMWh { get; }
    /// <summary>MW consumed in each interval (average over the interval).</summary>
    public double[] MwConsumed { get; }
    /// <summary>Mining revenue in each interval, USD (net of pool fee).</summary>
    public double[] MiningRevenueUsd { get; }

    public int Count => Market.Count;
    public DateTime[] StartsUtc => Market.StartsUtc;
    public double IntervalHours => Market.IntervalHours;
    /// <summary>Site settlement price, $/MWh.</summary>
    public double[] PriceUsdPerMWh => Market.PriceUsdPerMWh;

    /// <summary>Mining revenue − MW × Δt × (price + adder) in interval <paramref name="t"/>, USD.</summary>
    public double NetProfitUsd(int t) => MiningRevenueUsd[t] - MwConsumed[t] * IntervalHours * (PriceUsdPerMWh[t] + AdderUsdPerMWh);

    /// <summary>A single-model site running fraction run[t] (0..1, checked) of its capacity.</summary>
    public static SiteLoadProfile FromRun(DispatchProblem problem, ReadOnlySpan<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var m = problem.Market;
        int n = m.Count;
        if (run.Length != n) throw new ArgumentException(Msg($"Run schedule has {run.Length} values but the market data has {n} intervals."), nameof(run));
        double cap = problem.Site.Capacity.Value;
        var mw = new double[n];
        var rev = new double[n];
        for (int t = 0; t < n; t++)
        {
            double x = run[t];
            RunSchedule.Check(x, m.StartsUtc[t]);
            mw[t] = x * cap;
            rev[t] = x * problem.Revenue[t];
        }
        return new SiteLoadProfile(m, problem.Site.Adder.Value, mw, rev);
    }

    /// <summary>A mixed fleet's merit-order schedule: MW summed over tranches, revenue = the fleet result's revenue.</summary>
    public static SiteLoadProfile FromFleet(MarketSeries market, FleetBacktestResult fleet, double adderUsdPerMWh)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(fleet);
        int n = market.Count;
        var mw = new double[n];
        foreach (var tranche in fleet.MwRunning)
        {
            if (tranche.Length != n) throw new ArgumentException(Msg($"Fleet result has {tranche.Length} intervals but the market data has {n}."));
            for (int t = 0; t < n; t++) mw[t] += tranche[t];
        }
        return new SiteLoadProfile(market, adderUsdPerMWh, mw, (double[])fleet.Result.Revenue.Clone());
    }

    /// <summary>The fleet's always-on schedule: <see cref="FleetBacktestResult.AvailableMw"/> in every interval.</summary>
    public static SiteLoadProfile FleetAlwaysOn(MarketSeries market, FleetBacktestResult fleet, double adderUsdPerMWh)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(fleet);
        var rev = fleet.AlwaysOnRevenueUsd
            ?? throw new ArgumentException("The fleet result has no always-on revenue (it was not produced by FleetBacktester.Run).");
        var mw = new double[market.Count];
        Array.Fill(mw, fleet.AvailableMw);
        return new SiteLoadProfile(market, adderUsdPerMWh, mw, (double[])rev.Clone());
    }

    /// <summary>The same profile with MW and revenue set to zero where <paramref name="curtail"/> is true.</summary>
    public SiteLoadProfile CurtailedAt(bool[] curtail)
    {
        ArgumentNullException.ThrowIfNull(curtail);
        if (curtail.Length != Count) throw new ArgumentException(Msg($"Curtailment flags have {curtail.Length} values but the profile has {Count} intervals."));
        var mw = (double[])MwConsumed.Clone();
        var rev = (double[])MiningRevenueUsd.Clone();
        for (int t = 0; t < Count; t++)
            if (curtail[t]) { mw[t] = 0; rev[t] = 0; }
        return new SiteLoadProfile(Market, AdderUsdPerMWh, mw, rev);
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
