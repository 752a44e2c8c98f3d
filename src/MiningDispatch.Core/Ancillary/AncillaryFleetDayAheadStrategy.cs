using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Ancillary;

/// <summary>The tranches of a site as the AS co-optimization sees them.</summary>
public static class AncillaryFleet
{
    /// <summary>
    /// MW of each model (merit order) that can run under the site cap: the most efficient first, in whole machines, as the
    /// site engine fills the cap. A single site (<see cref="SiteModel.FromSite"/>) is its own MW.
    /// </summary>
    public static double[] TrancheMw(SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var order = site.MeritOrder;
        var mw = new double[order.Count];
        if (site.IsSingleSite || !site.CapCanBind)
        {
            for (int j = 0; j < mw.Length; j++) mw[j] = order[j].Mw;
            return mw;
        }
        double leftW = MiningEconomics.MegawattsToWatts(site.Fleet.AvailableMw);
        for (int j = 0; j < mw.Length; j++)
        {
            double watts = order[j].Model.Watts;
            double machines = Math.Clamp(Math.Floor(leftW / watts + 1e-9), 0, order[j].Count);
            mw[j] = MiningEconomics.WattsToMegawatts(machines * watts);
            leftW -= machines * watts;
        }
        return mw;
    }

    /// <summary>The site in each interval: its models in merit order (under the cap) and their energy margins per MW.</summary>
    /// <param name="problems">Each model's dispatch problem (<see cref="SiteModel.Problems"/>).</param>
    public static Func<int, IntervalSite> Sites(SiteModel site, DispatchProblem?[] problems)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(problems);
        var order = site.MeritOrder;
        var mw = TrancheMw(site);
        return t =>
        {
            var margin = new double[order.Count];
            for (int j = 0; j < order.Count; j++) margin[j] = problems[j] is { } p && order[j].Mw > 0 ? p.Net[t] / order[j].Mw : 0;
            return new IntervalSite(mw, margin);
        };
    }

    /// <summary>Splits <paramref name="runningMw"/> over the tranches most efficient first (the MW each model runs).</summary>
    public static void Fill(double[] trancheMw, double runningMw, Span<double> into)
    {
        ArgumentNullException.ThrowIfNull(trancheMw);
        double left = runningMw;
        for (int j = 0; j < trancheMw.Length; j++)
        {
            double take = Math.Clamp(left, 0, trancheMw[j]);
            into[j] = take;
            left -= take;
        }
    }
}

/// <summary>
/// <c>as-day-ahead</c> on a fleet: the site's AS offers for market day D are chosen at the day-ahead market close
/// (10:00 CPT on D − 1) with the exact per-interval co-optimization (<see cref="AncillaryCoOptimizer.Best"/>) over the
/// whole fleet, on what is known then: each model's margin per MW at the day-ahead energy price and the hashprice known
/// at the close, and the DAM MCPC of D. The running MW are the most efficient machines, so the MW offered are the least
/// efficient running ones (the merit order reversed: lowest opportunity cost); Σ up offers ≤ running MW − min load, the
/// site cap respected (<see cref="AncillaryFleet.TrancheMw"/>). In real time the site runs the MW that maximise its
/// real-time margin less the penalty of any award left uncovered (<see cref="AncillaryDayAheadStrategy.Decide"/>),
/// filled most efficient first: it may run a less efficient model at a loss to keep an award, or curtail and pay.
/// <para>
/// The plan is a site decision; the site engine asks each model for its share (<see cref="Dispatch"/> recognises the
/// model by its <see cref="SiteModel.TrancheSites"/> entry), so the strategy runs on the site it was built for only.
/// </para>
/// </summary>
public sealed class AncillaryFleetDayAheadStrategy : IDispatchStrategy
{
    private readonly MarketClock _clock;
    private readonly Lock _gate = new();
    private (MarketSeries Market, AncillaryPlan Plan)? _last;

    public AncillaryFleetDayAheadStrategy(AncillaryOffer offer, AncillaryMarket market, SiteModel site, MarketClock? clock = null)
    {
        Offer = offer ?? throw new ArgumentNullException(nameof(offer));
        Market = market ?? throw new ArgumentNullException(nameof(market));
        Site = site ?? throw new ArgumentNullException(nameof(site));
        _clock = clock ?? MarketClock.Ercot;
    }

    public string Name => AncillaryDayAheadStrategy.StrategyName;
    public bool IsNonAnticipative => true;

    /// <summary>The offer the site makes.</summary>
    public AncillaryOffer Offer { get; }
    /// <summary>The AS prices on the market's intervals.</summary>
    public AncillaryMarket Market { get; }
    /// <summary>The site whose models it dispatches.</summary>
    public SiteModel Site { get; }

    /// <summary>The running fraction of the model whose dispatch problem this is, from the site plan.</summary>
    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int k = -1;
        for (int j = 0; j < Site.TrancheSites.Count; j++)
            if (ReferenceEquals(Site.TrancheSites[j], problem.Site)) { k = j; break; }
        if (k < 0)
            throw new InvalidOperationException("Strategy 'as-day-ahead' on a fleet plans the whole site: it dispatches the models of the site it was built for only.");
        var plan = PlanFor(problem.Market);
        double mw = Site.MeritOrder[k].Mw;
        for (int t = 0; t < run.Length; t++) run[t] = mw > 0 ? Math.Clamp(plan.TrancheMw![k][t] / mw, 0, 1) : 0;
    }

    /// <summary>The plan of <paramref name="market"/> (computed once per market series and kept for the models that follow).</summary>
    public AncillaryPlan PlanFor(MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        lock (_gate)
        {
            if (_last is { } last && ReferenceEquals(last.Market, market)) return last.Plan;
        }
        var plan = Plan(market);
        lock (_gate) _last = (market, plan);
        return plan;
    }

    /// <summary>Awards chosen at the day-ahead market close for the whole site, then real-time running within them and the penalties of any shortfall.</summary>
    public AncillaryPlan Plan(MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var m = market;
        var order = Site.MeritOrder;
        int models = order.Count;
        var trancheMw = AncillaryFleet.TrancheMw(Site);
        Offer.Validate(trancheMw.Sum());
        double dt = m.IntervalHours, fee = Site.Commercials.PoolFee, adder = Site.Commercials.Adder.Value;
        // Revenue per MW per unit of hashprice of each model: its TH/s per MW.
        var revenuePerMw = new double[models];
        for (int j = 0; j < models; j++)
            revenuePerMw[j] = MiningEconomics.RevenuePerUnitHashprice(order[j].Model.TerahashPerSecond / MiningEconomics.WattsToMegawatts(order[j].Model.Watts), fee, dt);
        var byModel = new double[models][];
        for (int j = 0; j < models; j++) byModel[j] = new double[m.Count];
        var split = new double[models];
        var plan = AncillaryDayAheadStrategy.PlanDays(m, Market, Offer, _clock, nameof(market),
            (t, known, da) =>
            {
                var daMargin = new double[models];
                double powerPerMw = MiningEconomics.PowerCostUsd(1, MiningEconomics.AllInPrice(da, adder), dt);
                for (int j = 0; j < models; j++) daMargin[j] = known * revenuePerMw[j] - powerPerMw;
                return new IntervalSite(trancheMw, daMargin);
            },
            AncillaryFleet.Sites(Site, Site.Problems(m)),
            (t, runningMw) =>
            {
                AncillaryFleet.Fill(trancheMw, runningMw, split);
                for (int j = 0; j < models; j++) byModel[j][t] = split[j];
            });
        return plan with { TrancheMw = byModel };
    }

    /// <summary>
    /// Books the plan's awards on the MW the site actually ran (<paramref name="runningMw"/>, after any 4CP avoidance):
    /// capacity payments on the awards, realised (or expected) deployments on the least efficient running machines, and
    /// the penalty of every award the running MW do not cover.
    /// </summary>
    public AncillaryResult Settle(MarketSeries market, AncillaryPlan plan, ReadOnlySpan<double> runningMw)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(plan);
        if (runningMw.Length != market.Count)
            throw new ArgumentException($"{runningMw.Length} running MW values for {market.Count} intervals.", nameof(runningMw));
        double dt = market.IntervalHours;
        var sites = AncillaryFleet.Sites(Site, Site.Problems(market));
        var decisions = new IntervalDecision[market.Count];
        var penalty = new double[market.Count];
        for (int t = 0; t < decisions.Length; t++)
        {
            var prices = Market.PricesAt(t);
            decisions[t] = AncillaryCoOptimizer.Book(sites(t), plan.AwardMw[t], prices, dt, runningMw[t], Market.DeployedAt(t, Offer));
            penalty[t] = AncillaryDayAheadStrategy.PenaltyUsd(Offer, Market, t, plan.AwardMw[t], runningMw[t], dt);
        }
        return AncillarySettlement.Sum(Name, decisions, penalty, dt);
    }
}
