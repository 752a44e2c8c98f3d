namespace MiningDispatch.Core.Ancillary;

/// <summary>What a schedule earned from AS. Money in USD; arrays per product in <see cref="AncillaryProducts.All"/> order.</summary>
/// <param name="Schedule">Schedule name.</param>
/// <param name="CapacityUsdByProduct">Σ MCPC × award × Δt per product: paid whether or not deployed.</param>
/// <param name="AwardMwhByProduct">Σ award MW × Δt per product.</param>
/// <param name="DeploymentCostUsd">Margin given up by deployments (forgone mining revenue − power not bought).</param>
/// <param name="PenaltyUsd">Awarded MW not delivered: the award given back plus the shortfall charge.</param>
/// <param name="IncomeUsdByInterval">Capacity − deployment − penalty in each interval.</param>
/// <param name="IntervalsAwarded">Intervals with any award.</param>
/// <param name="IntervalsDeployed">Intervals with a deployment.</param>
/// <param name="DeployedMwh">Σ deployed MW × Δt (load not consumed because of up deployments, net of Reg-Down).</param>
/// <param name="LossIntervals">Intervals holding an award in which running machines mine at a loss (a single site: its margin is
/// negative; a fleet: the least efficient models running lose), because AS pays.</param>
/// <param name="LossMarginUsd">The energy margin those machines lost in those intervals (a positive number).</param>
/// <param name="CapacityUsdByProductAndInterval">[product][interval] capacity payment.</param>
public sealed record AncillaryResult(string Schedule, double[] CapacityUsdByProduct, double[] AwardMwhByProduct, double DeploymentCostUsd, double PenaltyUsd,
    double[] IncomeUsdByInterval, int IntervalsAwarded, int IntervalsDeployed, double DeployedMwh, int LossIntervals, double LossMarginUsd,
    double[][] CapacityUsdByProductAndInterval)
{
    /// <summary>Σ capacity payments.</summary>
    public double CapacityUsd => CapacityUsdByProduct.Sum();

    /// <summary>Capacity payments − deployment cost − penalties: the AS line of the site total.</summary>
    public double IncomeUsd => CapacityUsd - DeploymentCostUsd - PenaltyUsd;

    /// <summary>An empty result (no AS).</summary>
    public static AncillaryResult None(string schedule, int intervals) =>
        new(schedule, new double[AncillaryProducts.All.Count], new double[AncillaryProducts.All.Count], 0, 0, new double[intervals], 0, 0, 0, 0, 0,
            AncillaryProducts.All.Select(_ => new double[intervals]).ToArray());
}

/// <summary>Books AS on schedules: the best awards each interval's running MW allow, or given awards with their penalties.</summary>
public static class AncillarySettlement
{
    /// <summary>
    /// AS on a schedule decided without AS (always-on, the energy-only strategy, the optimum): in each interval the
    /// site offers the best awards its running MW allow (<see cref="AncillaryCoOptimizer.At"/>), so it is paid for the
    /// load it runs anyway; deployments (realised when known, otherwise expected) give up the margin of the least
    /// efficient running machines.
    /// </summary>
    /// <param name="site">The site in each interval (tranches and margins).</param>
    /// <param name="runningMw">MW the schedule runs in each interval.</param>
    public static AncillaryResult OnSchedule(string schedule, Func<int, IntervalSite> site, ReadOnlySpan<double> runningMw, AncillaryOffer offer,
        AncillaryMarket market, double hours)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(market);
        var decisions = new IntervalDecision[market.Count];
        for (int t = 0; t < market.Count; t++)
        {
            var s = site(t);
            var chosen = AncillaryCoOptimizer.At(s, offer, market.PricesAt(t), hours, runningMw[t], AncillaryCoOptimizer.Expected(offer));
            decisions[t] = AncillaryCoOptimizer.Book(s, chosen.AwardMw, market.PricesAt(t), hours, runningMw[t], market.DeployedAt(t, offer));
        }
        return Sum(schedule, decisions, new double[market.Count], hours);
    }

    /// <summary>Sums interval decisions (and the penalty of each interval) into a result.</summary>
    public static AncillaryResult Sum(string schedule, IReadOnlyList<IntervalDecision> decisions, ReadOnlySpan<double> penaltyUsd, double hours)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        int k = AncillaryProducts.All.Count, n = decisions.Count;
        var cap = new double[k];
        var mwh = new double[k];
        var income = new double[n];
        var byInterval = new double[k][];
        for (int j = 0; j < k; j++) byInterval[j] = new double[n];
        double deployment = 0, penalty = 0, deployedMwh = 0, lossMargin = 0;
        int awarded = 0, deployed = 0, loss = 0;
        for (int t = 0; t < n; t++)
        {
            var d = decisions[t];
            bool any = false;
            for (int j = 0; j < k; j++)
            {
                cap[j] += d.CapacityUsd[j];
                byInterval[j][t] = d.CapacityUsd[j];
                mwh[j] += d.AwardMw[j] * hours;
                any |= d.AwardMw[j] > 0;
            }
            deployment += d.DeploymentUsd;
            penalty += penaltyUsd[t];
            deployedMwh += d.DeployedMw * hours;
            income[t] = d.CapacityUsd.Sum() - d.DeploymentUsd - penaltyUsd[t];
            if (any) awarded++;
            if (Math.Abs(d.DeployedMw) > 1e-12) deployed++;
            if (any && d.LossUsd > 0) { loss++; lossMargin += d.LossUsd; }
        }
        return new AncillaryResult(schedule, cap, mwh, deployment, penalty, income, awarded, deployed, deployedMwh, loss, lossMargin, byInterval);
    }
}
