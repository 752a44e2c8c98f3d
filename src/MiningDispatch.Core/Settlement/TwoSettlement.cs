using System.Globalization;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Strategies;

namespace MiningDispatch.Core.Settlement;

/// <summary>
/// ERCOT two-settlement of a load (docs/mining-economics.md §2.6): the day-ahead schedule q_DA is bought at the
/// day-ahead price, deviations at the real-time price: cost = Σ q_DA·P_DA + (q_RT − q_DA)·P_RT. A negative deviation
/// (consuming less than bought) is a sale at P_RT. Energy in MWh per interval, money in USD.
/// </summary>
/// <param name="DayAheadMWh">Σ q_DA.</param>
/// <param name="RealTimeMWh">Σ q_RT (metered consumption).</param>
/// <param name="DayAheadCostUsd">Σ q_DA·P_DA.</param>
/// <param name="RealTimeDeviationCostUsd">Σ (q_RT − q_DA)·P_RT (negative when deviations were net sales).</param>
/// <param name="EnergyCostUsd">Day-ahead cost + deviation cost.</param>
/// <param name="RealTimeOnlyCostUsd">Σ q_RT·P_RT: the cost with no day-ahead purchase.</param>
/// <param name="DeviationBoughtMWh">Σ (q_RT − q_DA)⁺.</param>
/// <param name="DeviationSoldMWh">Σ (q_DA − q_RT)⁺.</param>
/// <param name="MiningRevenueUsd">Mining revenue of the real-time schedule (0 when no dispatch problem was given).</param>
/// <param name="AdderCostUsd">Site adder × q_RT (0 when no dispatch problem was given).</param>
/// <param name="EnergyCostUsdByInterval">Two-settlement cost per interval.</param>
public sealed record TwoSettlementResult(
    double DayAheadMWh,
    double RealTimeMWh,
    double DayAheadCostUsd,
    double RealTimeDeviationCostUsd,
    double EnergyCostUsd,
    double RealTimeOnlyCostUsd,
    double DeviationBoughtMWh,
    double DeviationSoldMWh,
    double MiningRevenueUsd,
    double AdderCostUsd,
    double[] EnergyCostUsdByInterval)
{
    /// <summary>
    /// <see cref="RealTimeOnlyCostUsd"/> − <see cref="EnergyCostUsd"/> = Σ q_DA·(P_RT − P_DA): what buying day-ahead
    /// saved against buying everything in real time (the DART spread on the day-ahead volume).
    /// </summary>
    public double DayAheadGainUsd => RealTimeOnlyCostUsd - EnergyCostUsd;
    /// <summary>Mining revenue − energy cost − adders.</summary>
    public double ProfitUsd => MiningRevenueUsd - EnergyCostUsd - AdderCostUsd;
}

/// <summary>Day-ahead / real-time two-settlement accounting (<see cref="TwoSettlementResult"/>).</summary>
public static class TwoSettlement
{
    /// <summary>
    /// Settles a site that bought <paramref name="dayAheadRun"/> × capacity day-ahead and ran <paramref name="realTimeRun"/>
    /// × capacity in real time, using the market series' day-ahead and real-time prices. Includes mining revenue and
    /// adders of the real-time schedule.
    /// </summary>
    public static TwoSettlementResult Settle(DispatchProblem problem, ReadOnlySpan<double> dayAheadRun, ReadOnlySpan<double> realTimeRun)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var m = problem.Market;
        int n = m.Count;
        _ = m.DayAheadPriceUsdPerMWh
            ?? throw new ArgumentException(Msg($"Market data for '{m.SettlementPoint}' has no day-ahead prices; two-settlement needs both DA and RT prices."));
        if (dayAheadRun.Length != n || realTimeRun.Length != n)
            throw new ArgumentException(Msg($"Day-ahead run ({dayAheadRun.Length}) and real-time run ({realTimeRun.Length}) must have one value per interval ({n})."));
        double cap = problem.Site.Capacity.Value;
        var dayAheadMw = new double[n];
        for (int t = 0; t < n; t++)
        {
            CheckRun(dayAheadRun[t], m.StartsUtc[t], "Day-ahead");
            CheckRun(realTimeRun[t], m.StartsUtc[t], "Real-time");
            dayAheadMw[t] = dayAheadRun[t] * cap;
        }
        return Settle(SiteLoadProfile.FromRun(problem, realTimeRun), dayAheadMw);
    }

    /// <summary>
    /// Settles a load profile (e.g. a mixed fleet's real-time schedule) that bought <paramref name="dayAheadMw"/> MW
    /// day-ahead in each interval: day-ahead MWh = MW × interval length, real-time MWh = the profile's MW × interval
    /// length; mining revenue and adders are those of the profile.
    /// </summary>
    public static TwoSettlementResult Settle(SiteLoadProfile realTime, ReadOnlySpan<double> dayAheadMw)
    {
        ArgumentNullException.ThrowIfNull(realTime);
        var m = realTime.Market;
        int n = m.Count;
        var da = m.DayAheadPriceUsdPerMWh
            ?? throw new ArgumentException(Msg($"Market data for '{m.SettlementPoint}' has no day-ahead prices; two-settlement needs both DA and RT prices."));
        if (dayAheadMw.Length != n)
            throw new ArgumentException(Msg($"Day-ahead schedule ({dayAheadMw.Length}) must have one value per interval ({n})."));
        double dt = m.IntervalHours;
        var qDa = new double[n];
        var qRt = new double[n];
        double revenue = 0;
        for (int t = 0; t < n; t++)
        {
            qDa[t] = dayAheadMw[t] * dt;
            qRt[t] = realTime.MwConsumed[t] * dt;
            revenue += realTime.MiningRevenueUsd[t];
        }
        var r = Settle(m.StartsUtc, qDa, da, qRt, m.PriceUsdPerMWh);
        return r with { MiningRevenueUsd = revenue, AdderCostUsd = r.RealTimeMWh * realTime.AdderUsdPerMWh };
    }

    /// <summary>
    /// Span form: day-ahead MWh and price, real-time MWh and price per interval. <paramref name="startsUtc"/> is used
    /// only in error messages. Negative day-ahead MWh (a day-ahead sale) is allowed; real-time MWh must be ≥ 0.
    /// </summary>
    public static TwoSettlementResult Settle(
        ReadOnlySpan<DateTime> startsUtc, ReadOnlySpan<double> dayAheadMWh, ReadOnlySpan<double> dayAheadPrice,
        ReadOnlySpan<double> realTimeMWh, ReadOnlySpan<double> realTimePrice)
    {
        int n = startsUtc.Length;
        if (dayAheadMWh.Length != n || dayAheadPrice.Length != n || realTimeMWh.Length != n || realTimePrice.Length != n)
            throw new ArgumentException(Msg($"Times ({n}), DA MWh ({dayAheadMWh.Length}), DA prices ({dayAheadPrice.Length}), RT MWh ({realTimeMWh.Length}) and RT prices ({realTimePrice.Length}) must have the same length."));
        var cost = new double[n];
        double daE = 0, rtE = 0, daCost = 0, devCost = 0, rtOnly = 0, bought = 0, sold = 0;
        for (int t = 0; t < n; t++)
        {
            double qd = dayAheadMWh[t], pd = dayAheadPrice[t], qr = realTimeMWh[t], pr = realTimePrice[t];
            if (!double.IsFinite(qd) || !double.IsFinite(pd) || !double.IsFinite(qr) || !double.IsFinite(pr))
                throw new ArgumentException(Msg($"Non-finite quantity or price at {startsUtc[t]:O} (DA {qd} MWh @ {pd}, RT {qr} MWh @ {pr})."));
            if (qr < 0) throw new ArgumentException(Msg($"Real-time consumption at {startsUtc[t]:O} is negative ({qr} MWh)."));
            double dev = qr - qd;
            cost[t] = qd * pd + dev * pr;
            daE += qd;
            rtE += qr;
            daCost += qd * pd;
            devCost += dev * pr;
            rtOnly += qr * pr;
            if (dev > 0) bought += dev; else sold -= dev;
        }
        return new TwoSettlementResult(daE, rtE, daCost, devCost, daCost + devCost, rtOnly, bought, sold, 0.0, 0.0, cost);
    }

    private static void CheckRun(double x, DateTime t, string which)
    {
        if (!(x >= 0 && x <= 1)) throw new ArgumentException(Msg($"{which} run fraction {x} at {t:O} is outside [0, 1]."));
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
