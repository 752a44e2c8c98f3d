namespace MiningDispatch.Core.Ancillary;

/// <summary>
/// One interval of a site for the co-optimization: the site's tranches (models) most efficient first, with their MW
/// and their energy margin per MW running in the interval (mining revenue − power cost, USD per MW for the interval).
/// </summary>
/// <param name="Mw">MW of each tranche, merit order.</param>
/// <param name="MarginPerMw">Margin of one MW of each tranche running the whole interval, USD.</param>
public readonly record struct IntervalSite(double[] Mw, double[] MarginPerMw)
{
    /// <summary>Σ MW.</summary>
    public double CapacityMw => Mw.Sum();

    /// <summary>Margin of running <paramref name="runningMw"/> MW, most efficient machines first.</summary>
    public double Margin(double runningMw)
    {
        double left = runningMw, v = 0;
        for (int j = 0; j < Mw.Length && left > 0; j++)
        {
            double take = Math.Min(Mw[j], left);
            v += take * MarginPerMw[j];
            left -= take;
        }
        return v;
    }

    /// <summary>Margin per MW of the least efficient machine running at <paramref name="runningMw"/> (0 when nothing runs).</summary>
    public double MarginalMargin(double runningMw)
    {
        double cum = 0;
        for (int j = 0; j < Mw.Length; j++)
        {
            cum += Mw[j];
            if (runningMw <= cum + 1e-12) return runningMw > 0 ? MarginPerMw[j] : 0;
        }
        return Mw.Length > 0 ? MarginPerMw[^1] : 0;
    }
}

/// <summary>The decision and its value in one interval. Money in USD for the interval; MW.</summary>
/// <param name="RunningMw">MW the site runs (before any deployment).</param>
/// <param name="AwardMw">MW offered (awarded) in each product, in <see cref="AncillaryProducts.All"/> order.</param>
/// <param name="CapacityUsd">Σ MCPC × award × Δt, per product.</param>
/// <param name="DeployedMw">MW deployed: up products reduce load, Reg-Down adds it (signed: + = less load).</param>
/// <param name="MarginUsd">Energy margin of the running MW before deployment.</param>
/// <param name="DeploymentUsd">Margin given up by deployment (forgone mining revenue − power not bought), USD; negative when a
/// deployment turns off machines that were mining at a loss.</param>
public sealed record IntervalDecision(double RunningMw, double[] AwardMw, double[] CapacityUsd, double DeployedMw, double MarginUsd, double DeploymentUsd)
{
    /// <summary>
    /// Energy margin lost by the running machines that mine at a loss (a positive number; 0 when every running machine
    /// earns): on a single site the site's negative margin, on a fleet the loss of the least efficient models running.
    /// </summary>
    public double LossUsd { get; init; }

    /// <summary>Margin + capacity payments − deployment cost.</summary>
    public double ValueUsd => MarginUsd + CapacityUsd.Sum() - DeploymentUsd;
}

/// <summary>
/// The exact per-interval co-optimization of mining and AS offers without switching constraints: the site chooses its
/// running MW R in [0, capacity] and its awards A_s ≥ 0 to maximise
/// margin(R) + Σ_s MCPC_s·A_s·Δt − deployment cost, subject to Σ_up A_s ≤ max(0, R − min load), A_s ≤ share_s × capacity,
/// and for a CLR A_RegDn ≤ capacity − R. The running MW are the most efficient machines (merit order); the MW offered,
/// and so deployed, are the least efficient running ones (lowest opportunity cost). At a given R the best awards fill the
/// up products in order of their value per MW (MCPC·Δt − expected deployed fraction × the marginal machine's margin),
/// each to its cap, while they are worth more than zero. The value is piecewise linear in R, so the best R is one of the
/// break points (0, capacity, the tranche boundaries, min load + the cumulative up caps, capacity − the Reg-Down cap),
/// and all of them are tried: the result is the best of off, mine, and mine and offer.
/// </summary>
public static class AncillaryCoOptimizer
{
    /// <summary>The best decision in one interval.</summary>
    /// <param name="site">Tranches and margins.</param>
    /// <param name="offer">Products, caps, min load and expected deployed fractions.</param>
    /// <param name="price">MCPC per product (USD/MW-h) in <see cref="AncillaryProducts.All"/> order; NaN = no price (no offer).</param>
    /// <param name="hours">Interval length, h.</param>
    /// <param name="deployed">Deployed fraction per product in the interval (<see cref="AncillaryProducts.All"/> order); null = the offer's expected fractions.</param>
    public static IntervalDecision Best(IntervalSite site, AncillaryOffer offer, double[] price, double hours, ReadOnlySpan<double> deployed = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        double cap = site.CapacityMw;
        var candidates = new List<double> { 0, cap, Math.Min(cap, offer.MinLoadMw) };
        double cum = 0;
        foreach (double mw in site.Mw) { cum += mw; candidates.Add(Math.Min(cum, cap)); }
        var up = Order(offer, price);
        cum = offer.MinLoadMw;
        foreach (var p in up) { cum += offer.Share(p) * cap; if (cum <= cap) candidates.Add(cum); }
        if (Offers(offer, AncillaryProduct.RegDown, price)) candidates.Add(Math.Max(0, cap - offer.Share(AncillaryProduct.RegDown) * cap));
        IntervalDecision? best = null;
        foreach (double r in candidates.Distinct().Order())
        {
            var d = At(site, offer, price, hours, r, deployed);
            if (best is null || d.ValueUsd > best.ValueUsd + 1e-9) best = d;
        }
        return best!;
    }

    /// <summary>
    /// The awards and value when the site runs <paramref name="runningMw"/>: the best awards the running MW allow
    /// (what a schedule decided otherwise can offer). Only awards worth more than zero are made.
    /// </summary>
    public static IntervalDecision At(IntervalSite site, AncillaryOffer offer, double[] price, double hours, double runningMw,
        ReadOnlySpan<double> deployed = default)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var all = AncillaryProducts.All;
        double cap = site.CapacityMw;
        double r = Math.Clamp(runningMw, 0, cap);
        var award = new double[all.Count];
        double marginal = site.MarginalMargin(r);
        double room = Math.Max(0, r - offer.MinLoadMw);
        // Up products by value per MW: MCPC·Δt less the expected deployed share of the marginal machine's margin.
        var up = Order(offer, price)
            .Select(p => (P: p, V: price[Index(p)] * hours - offer.Deployed(p) * marginal))
            .Where(x => x.V > 0).OrderByDescending(x => x.V).ToList();
        foreach (var (p, _) in up)
        {
            if (room <= 0) break;
            double a = Math.Min(room, offer.Share(p) * cap);
            award[Index(p)] = a;
            room -= a;
        }
        if (Offers(offer, AncillaryProduct.RegDown, price))
        {
            int k = Index(AncillaryProduct.RegDown);
            // A deployed Reg-Down MW runs one more machine: it earns that machine's margin.
            double next = site.MarginalMargin(Math.Min(cap, r + 1e-9));
            double value = price[k] * hours + offer.Deployed(AncillaryProduct.RegDown) * next;
            if (value > 0) award[k] = Math.Min(offer.Share(AncillaryProduct.RegDown) * cap, cap - r);
        }
        return Book(site, award, price, hours, r, deployed.IsEmpty ? Expected(offer) : deployed);
    }

    /// <summary>Books given awards at a running MW under deployed fractions: capacity payments, deployed MW and the margin they give up.</summary>
    public static IntervalDecision Book(IntervalSite site, double[] award, double[] price, double hours, double runningMw, ReadOnlySpan<double> deployed)
    {
        ArgumentNullException.ThrowIfNull(award);
        var all = AncillaryProducts.All;
        var capacity = new double[all.Count];
        double down = 0, upDeployed = 0;
        for (int k = 0; k < all.Count; k++)
        {
            if (award[k] <= 0) continue;
            capacity[k] = price[k] * award[k] * hours;
            double d = deployed.IsEmpty ? 0 : deployed[k];
            if (all[k] == AncillaryProduct.RegDown) down += d * award[k];
            else upDeployed += d * award[k];
        }
        double r = runningMw;
        double margin = site.Margin(r);
        // Up deployments switch off the least efficient running machines; Reg-Down deployments switch on the next ones.
        double after = Math.Clamp(r - upDeployed + down, 0, site.CapacityMw);
        double deployment = margin - site.Margin(after);
        // Margin lost by the running machines that mine at a loss (most efficient first, so they are the last ones).
        double loss = 0, left = r;
        for (int j = 0; j < site.Mw.Length && left > 0; j++)
        {
            double take = Math.Min(site.Mw[j], left);
            if (site.MarginPerMw[j] < 0) loss -= take * site.MarginPerMw[j];
            left -= take;
        }
        return new IntervalDecision(r, award, capacity, upDeployed - down, margin, deployment) { LossUsd = loss };
    }

    /// <summary>The offer's expected deployed fractions in <see cref="AncillaryProducts.All"/> order.</summary>
    public static double[] Expected(AncillaryOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return AncillaryProducts.All.Select(offer.Deployed).ToArray();
    }

    /// <summary>Index of a product in <see cref="AncillaryProducts.All"/>.</summary>
    public static int Index(AncillaryProduct p) => p switch
    {
        AncillaryProduct.Rrs => 0,
        AncillaryProduct.Ecrs => 1,
        AncillaryProduct.NonSpin => 2,
        AncillaryProduct.RegUp => 3,
        AncillaryProduct.RegDown => 4,
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    private static bool Offers(AncillaryOffer offer, AncillaryProduct p, double[] price) =>
        offer.Products.Contains(p) && double.IsFinite(price[Index(p)]) && price[Index(p)] > 0 && offer.Share(p) > 0;

    /// <summary>The up products offered and priced in this interval, highest price first (ties in report order).</summary>
    private static List<AncillaryProduct> Order(AncillaryOffer offer, double[] price)
    {
        var list = new List<(AncillaryProduct P, double V)>();
        foreach (var p in AncillaryProducts.All)
            if (AncillaryProducts.IsUp(p) && Offers(offer, p, price)) list.Add((p, price[Index(p)]));
        return list.OrderByDescending(x => x.V).Select(x => x.P).ToList();
    }
}
