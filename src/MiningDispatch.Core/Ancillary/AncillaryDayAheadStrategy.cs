using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Ancillary;

/// <summary>The day-ahead AS plan of a single-model site and how it ran in real time.</summary>
/// <param name="RunningMw">MW run in each interval (real time).</param>
/// <param name="AwardMw">[interval][product] MW awarded the day before.</param>
/// <param name="PenaltyUsd">Per interval: awarded MW not delivered × the shortfall rate × Δt (real-time MCPC where known, else DAM MCPC + the shortfall charge).</param>
/// <param name="ShortfallIntervals">Intervals in which the site curtailed below its awards.</param>
public sealed record AncillaryPlan(double[] RunningMw, double[][] AwardMw, double[] PenaltyUsd, int ShortfallIntervals)
{
    /// <summary>[tranche in merit order][interval] MW each model runs (a fleet's plan: the running MW filled most efficient first); null for a single site.</summary>
    public double[][]? TrancheMw { get; init; }
}

/// <summary>
/// The non-anticipative AS strategy ("as-day-ahead") for a single-model site. For market day D, at the day-ahead market
/// close (10:00 CPT on D − 1) it chooses its AS offers for every interval of D with the exact per-interval
/// co-optimization (<see cref="AncillaryCoOptimizer.Best"/>) on what is known then: the day-ahead energy price of the
/// interval, the hashprice known at the close (<see cref="DayAheadHashprice"/>) and the DAM MCPC of D; offers are
/// assumed awarded in full. In real time it mines within its awards: it must run at least min load + Σ up awards and at
/// most capacity − the Reg-Down award, and inside those bounds runs when the real-time margin is positive. It may
/// curtail below its awards when the real-time price makes that worth it: each awarded MW not delivered (the product
/// cheapest to fall short on first) pays <see cref="AncillaryMarket.ShortfallUsdPerMwHour"/>: replacement at the
/// real-time MCPC where it is known (RTC+B, from 5 Dec 2025), otherwise the award back plus
/// <see cref="AncillaryOffer.ShortfallChargeUsdPerMwHour"/>. Needs day-ahead energy prices.
/// </summary>
public sealed class AncillaryDayAheadStrategy(AncillaryOffer offer, AncillaryMarket market, MarketClock? clock = null) : IDispatchStrategy
{
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "as-day-ahead";

    private readonly MarketClock _clock = clock ?? MarketClock.Ercot;

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    /// <summary>The offer the strategy makes.</summary>
    public AncillaryOffer Offer { get; } = offer ?? throw new ArgumentNullException(nameof(offer));
    /// <summary>The AS prices on the market's intervals.</summary>
    public AncillaryMarket Market { get; } = market ?? throw new ArgumentNullException(nameof(market));

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var plan = Plan(problem);
        double cap = problem.Site.Capacity.Value;
        for (int t = 0; t < run.Length; t++) run[t] = cap > 0 ? plan.RunningMw[t] / cap : 0;
    }

    /// <summary>Awards chosen the day before, then real-time running within them and the penalties of any shortfall.</summary>
    public AncillaryPlan Plan(DispatchProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var site = problem.Site;
        double cap = site.Capacity.Value, dt = problem.Market.IntervalHours;
        Offer.Validate(cap);
        double revenueFactor = MiningEconomics.RevenuePerUnitHashprice(site.Hashrate.Value, site.PoolFee, dt);
        // Day before: the co-optimum on the day-ahead margin; real time: the margin now.
        return PlanDays(problem.Market, Market, Offer, _clock, nameof(problem),
            (t, known, da) => new IntervalSite([cap], [(known * revenueFactor - MiningEconomics.PowerCostUsd(cap, MiningEconomics.AllInPrice(da, site.Adder.Value), dt)) / cap]),
            t => new IntervalSite([cap], [problem.Net[t] / cap]), onRunning: null);
    }

    /// <summary>
    /// The plan's loop, for a single site or a fleet: for every interval the awards chosen at the day-ahead market close on
    /// <paramref name="dayAhead"/> (given the interval, the hashprice known at the close and the day-ahead energy price),
    /// then the real-time running MW on <paramref name="realTime"/> (<see cref="Decide"/>) and the penalty of any shortfall.
    /// </summary>
    /// <param name="onRunning">Called with each interval and its running MW (a fleet splits them over its models).</param>
    internal static AncillaryPlan PlanDays(MarketSeries m, AncillaryMarket market, AncillaryOffer offer, MarketClock clock, string paramName,
        Func<int, double, double, IntervalSite> dayAhead, Func<int, IntervalSite> realTime, Action<int, double>? onRunning)
    {
        if (market.Count != m.Count)
            throw new ArgumentException($"The AS prices have {market.Count} intervals but the market has {m.Count}.", paramName);
        var da = m.DayAheadPriceUsdPerMWh ?? throw new InvalidOperationException(
            "Strategy 'as-day-ahead' chooses its AS offers on day-ahead energy prices, but none are loaded: load day-ahead prices for the same settlement point.");
        double dt = m.IntervalHours;
        var known = new double[m.Count];
        DayAheadHashprice.Fill(m, clock, known);
        var running = new double[m.Count];
        var awards = new double[m.Count][];
        var penalty = new double[m.Count];
        int shortfalls = 0;
        var expected = AncillaryCoOptimizer.Expected(offer);
        for (int t = 0; t < m.Count; t++)
        {
            if (!double.IsFinite(da[t]))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Day-ahead price is missing at {m.StartsUtc[t]:yyyy-MM-dd'T'HH:mm'Z'}: strategy 'as-day-ahead' needs one for every interval."));
            var d = Decide(dayAhead(t, known[t], da[t]), realTime(t), offer, market, t, dt, expected);
            awards[t] = d.AwardMw;
            running[t] = d.RunningMw;
            penalty[t] = d.PenaltyUsd;
            if (d.PenaltyUsd > 0) shortfalls++;
            onRunning?.Invoke(t, d.RunningMw);
        }
        return new AncillaryPlan(running, awards, penalty, shortfalls);
    }

    /// <summary>
    /// One interval of the plan, for a single site or a fleet: the awards the day-ahead co-optimum on
    /// <paramref name="dayAhead"/> offers (<see cref="AncillaryCoOptimizer.Best"/>), then the real-time running MW on
    /// <paramref name="realTime"/> (most efficient machines first) that maximises the real-time margin less the penalty of
    /// the awards left uncovered. The running MW must stay at or below capacity − the Reg-Down award; below
    /// min load + Σ up awards the awards the curtailable MW cannot cover pay their shortfall rate, cheapest first. The
    /// value is concave and piecewise linear in the running MW (margins fall down the merit order, the penalty falls as
    /// more is covered), so the best is one of its break points, all of which are tried; ties go to running more.
    /// </summary>
    /// <param name="dayAhead">Tranches and their day-ahead margins per MW.</param>
    /// <param name="realTime">The same tranches and their real-time margins per MW.</param>
    /// <param name="t">Interval index in <paramref name="market"/>.</param>
    /// <param name="expected">Expected deployed fractions the offers are chosen on.</param>
    public static (double[] AwardMw, double RunningMw, double PenaltyUsd) Decide(IntervalSite dayAhead, IntervalSite realTime, AncillaryOffer offer,
        AncillaryMarket market, int t, double dt, ReadOnlySpan<double> expected)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(market);
        var all = AncillaryProducts.All;
        var award = AncillaryCoOptimizer.Best(dayAhead, offer, market.PricesAt(t), dt, expected).AwardMw;
        double cap = realTime.CapacityMw;
        double upAward = 0;
        for (int k = 0; k < all.Count; k++) if (all[k] != AncillaryProduct.RegDown) upAward += award[k];
        double max = cap - award[AncillaryCoOptimizer.Index(AncillaryProduct.RegDown)];
        double must = upAward > 0 ? offer.MinLoadMw + upAward : 0;
        var candidates = new List<double> { 0, Math.Min(offer.MinLoadMw, max), must, max };
        double cum = 0;
        foreach (double mw in realTime.Mw) { cum += mw; candidates.Add(cum); }
        // Partial delivery: the awards dearest to fall short on kept, the cheapest dropped first.
        var rate = new double[all.Count];
        for (int k = 0; k < all.Count; k++) rate[k] = award[k] > 0 ? market.ShortfallUsdPerMwHour(t, k, offer) : 0;
        var byPrice = Enumerable.Range(0, all.Count).Where(k => all[k] != AncillaryProduct.RegDown && award[k] > 0)
            .OrderByDescending(k => rate[k]).ToList();
        cum = offer.MinLoadMw;
        foreach (int k in byPrice) { cum += award[k]; candidates.Add(cum); }
        double bestR = 0, bestV = double.NegativeInfinity, bestPenalty = 0;
        foreach (double r0 in candidates)
        {
            double r = Math.Clamp(r0, 0, max);
            double p = Shortfall(offer, r, award, byPrice, rate, dt);
            double v = realTime.Margin(r) - p;
            if (v > bestV + 1e-9 || (Math.Abs(v - bestV) <= 1e-9 && r > bestR)) { bestV = v; bestR = r; bestPenalty = p; }
        }
        return (award, bestR, bestPenalty);
    }

    /// <summary>
    /// The penalty of <paramref name="award"/> when the site runs <paramref name="runningMw"/> MW: the up awards its
    /// curtailable MW (running − min load) cannot cover, cheapest to fall short on first, each at its shortfall rate
    /// (<see cref="AncillaryMarket.ShortfallUsdPerMwHour"/>) × Δt.
    /// </summary>
    public static double PenaltyUsd(AncillaryOffer offer, AncillaryMarket market, int t, double[] award, double runningMw, double dt)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(award);
        var all = AncillaryProducts.All;
        var rate = new double[all.Count];
        for (int k = 0; k < all.Count; k++) rate[k] = award[k] > 0 ? market.ShortfallUsdPerMwHour(t, k, offer) : 0;
        var byPrice = Enumerable.Range(0, all.Count).Where(k => all[k] != AncillaryProduct.RegDown && award[k] > 0)
            .OrderByDescending(k => rate[k]).ToList();
        return Shortfall(offer, runningMw, award, byPrice, rate, dt);
    }

    /// <summary>Penalty at running MW r: the up awards the curtailable MW (r − min load) cannot cover, cheapest first, each at its shortfall rate.</summary>
    private static double Shortfall(AncillaryOffer offer, double r, double[] award, List<int> dearestFirst, double[] rate, double dt)
    {
        double cover = Math.Max(0, r - offer.MinLoadMw), p = 0;
        foreach (int k in dearestFirst)
        {
            double kept = Math.Min(cover, award[k]);
            cover -= kept;
            p += (award[k] - kept) * rate[k] * dt;
        }
        return p;
    }

    /// <summary>Books the plan: capacity payments on the awards, realised (or expected) deployments on the running MW, and the penalties.</summary>
    public AncillaryResult Settle(DispatchProblem problem, AncillaryPlan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        double cap = problem.Site.Capacity.Value, dt = problem.Market.IntervalHours;
        var decisions = new IntervalDecision[plan.RunningMw.Length];
        for (int t = 0; t < decisions.Length; t++)
        {
            var s = new IntervalSite([cap], [problem.Net[t] / cap]);
            decisions[t] = AncillaryCoOptimizer.Book(s, plan.AwardMw[t], Market.PricesAt(t), dt, plan.RunningMw[t], Market.DeployedAt(t, Offer));
        }
        return AncillarySettlement.Sum(Name, decisions, plan.PenaltyUsd, dt);
    }
}
