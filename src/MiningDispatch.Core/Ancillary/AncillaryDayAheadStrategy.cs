using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Ancillary;

/// <summary>The day-ahead AS plan of a single-model site and how it ran in real time.</summary>
/// <param name="RunningMw">MW run in each interval (real time).</param>
/// <param name="AwardMw">[interval][product] MW awarded the day before.</param>
/// <param name="PenaltyUsd">Per interval: awarded MW not delivered × the shortfall rate × Δt (real-time MCPC where known, else DAM MCPC + the shortfall charge).</param>
/// <param name="ShortfallIntervals">Intervals in which the site curtailed below its awards.</param>
public sealed record AncillaryPlan(double[] RunningMw, double[][] AwardMw, double[] PenaltyUsd, int ShortfallIntervals);

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
        var m = problem.Market;
        if (Market.Count != m.Count)
            throw new ArgumentException($"The AS prices have {Market.Count} intervals but the market has {m.Count}.", nameof(problem));
        var da = m.DayAheadPriceUsdPerMWh ?? throw new InvalidOperationException(
            "Strategy 'as-day-ahead' chooses its AS offers on day-ahead energy prices, but none are loaded: load day-ahead prices for the same settlement point.");
        var site = problem.Site;
        double cap = site.Capacity.Value, dt = m.IntervalHours;
        Offer.Validate(cap);
        double revenueFactor = MiningEconomics.RevenuePerUnitHashprice(site.Hashrate.Value, site.PoolFee, dt);
        var known = new double[m.Count];
        DayAheadHashprice.Fill(m, _clock, known);
        var all = AncillaryProducts.All;
        var running = new double[m.Count];
        var awards = new double[m.Count][];
        var penalty = new double[m.Count];
        int shortfalls = 0;
        var expected = AncillaryCoOptimizer.Expected(Offer);
        for (int t = 0; t < m.Count; t++)
        {
            if (!double.IsFinite(da[t]))
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"Day-ahead price is missing at {m.StartsUtc[t]:yyyy-MM-dd'T'HH:mm'Z'}: strategy 'as-day-ahead' needs one for every interval."));
            var prices = Market.PricesAt(t);
            // Day before: the co-optimum on the day-ahead margin.
            double daMargin = (known[t] * revenueFactor - MiningEconomics.PowerCostUsd(cap, MiningEconomics.AllInPrice(da[t], site.Adder.Value), dt)) / cap;
            var plan = AncillaryCoOptimizer.Best(new IntervalSite([cap], [daMargin]), Offer, prices, dt, expected);
            var award = plan.AwardMw;
            awards[t] = award;
            // Real time: the margin now, the bounds the awards set, and the cost of falling short of them.
            double rtMargin = problem.Net[t] / cap;
            double upAward = 0;
            for (int k = 0; k < all.Count; k++) if (all[k] != AncillaryProduct.RegDown) upAward += award[k];
            double max = cap - award[AncillaryCoOptimizer.Index(AncillaryProduct.RegDown)];
            double must = upAward > 0 ? Offer.MinLoadMw + upAward : 0;
            double bestR = 0, bestV = double.NegativeInfinity, bestPenalty = 0;
            var candidates = new List<double> { 0, Math.Min(Offer.MinLoadMw, max), must, max };
            // Partial delivery: the awards dearest to fall short on kept, the cheapest dropped first.
            var rate = new double[all.Count];
            for (int k = 0; k < all.Count; k++) rate[k] = award[k] > 0 ? Market.ShortfallUsdPerMwHour(t, k, Offer) : 0;
            var byPrice = Enumerable.Range(0, all.Count).Where(k => all[k] != AncillaryProduct.RegDown && award[k] > 0)
                .OrderByDescending(k => rate[k]).ToList();
            double cum = Offer.MinLoadMw;
            foreach (int k in byPrice) { cum += award[k]; candidates.Add(cum); }
            foreach (double r0 in candidates)
            {
                double r = Math.Clamp(r0, 0, max);
                double p = Shortfall(r, award, byPrice, rate, dt);
                double v = rtMargin * r - p;
                if (v > bestV + 1e-9 || (Math.Abs(v - bestV) <= 1e-9 && r > bestR)) { bestV = v; bestR = r; bestPenalty = p; }
            }
            running[t] = bestR;
            penalty[t] = bestPenalty;
            if (bestPenalty > 0) shortfalls++;
        }
        return new AncillaryPlan(running, awards, penalty, shortfalls);
    }

    /// <summary>Penalty at running MW r: the up awards the curtailable MW (r − min load) cannot cover, cheapest first, each at its shortfall rate.</summary>
    private double Shortfall(double r, double[] award, List<int> dearestFirst, double[] rate, double dt)
    {
        double cover = Math.Max(0, r - Offer.MinLoadMw), p = 0;
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
