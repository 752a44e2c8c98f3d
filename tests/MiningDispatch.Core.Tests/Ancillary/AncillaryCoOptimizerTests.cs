using MiningDispatch.Core.Ancillary;

namespace MiningDispatch.Core.Tests.Ancillary;

/// <summary>Hand-computed intervals for each rule of the per-interval co-optimization.</summary>
public class AncillaryCoOptimizerTests
{
    private static readonly int Rrs = AncillaryCoOptimizer.Index(AncillaryProduct.Rrs);
    private static readonly int Ecrs = AncillaryCoOptimizer.Index(AncillaryProduct.Ecrs);
    private static readonly int RegDn = AncillaryCoOptimizer.Index(AncillaryProduct.RegDown);

    /// <summary>Prices in AncillaryProducts.All order (RRS, ECRS, NSPIN, REGUP, REGDN).</summary>
    private static double[] Prices(double rrs = double.NaN, double ecrs = double.NaN, double nspin = double.NaN, double regup = double.NaN, double regdn = double.NaN) =>
        [rrs, ecrs, nspin, regup, regdn];

    private static IntervalSite Site(double mw, double marginPerMw) => new([mw], [marginPerMw]);

    [Fact]
    public void An_award_makes_running_above_breakeven_worth_it()
    {
        // 10 MW losing $5/MW-h; RRS pays $8/MW-h on running MW above 1 MW min load.
        // off: 0; run 10 MW and offer 9 MW: 10 × (−5) + 9 × 8 = 22; run 1 MW: −5.
        var offer = new AncillaryOffer { MinLoadMw = 1 };
        var d = AncillaryCoOptimizer.Best(Site(10, -5), offer, Prices(rrs: 8), 1.0);
        Assert.Equal(10, d.RunningMw);
        Assert.Equal(9, d.AwardMw[Rrs]);
        Assert.Equal(22, d.ValueUsd, 9);
        // Without AS the same hour is off.
        var none = AncillaryCoOptimizer.Best(Site(10, -5), offer, Prices(), 1.0);
        Assert.Equal(0, none.RunningMw);
        Assert.Equal(0, none.ValueUsd);
    }

    [Fact]
    public void A_share_cap_can_make_running_part_of_the_site_best()
    {
        // RRS may take at most half the site (5 MW): run 1 + 5 = 6 MW: 6 × (−5) + 5 × 8 = 10 (10 MW: −50 + 40 = −10; off: 0).
        var offer = new AncillaryOffer { MinLoadMw = 1, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.5 } };
        var d = AncillaryCoOptimizer.Best(Site(10, -5), offer, Prices(rrs: 8), 1.0);
        Assert.Equal(6, d.RunningMw, 9);
        Assert.Equal(5, d.AwardMw[Rrs], 9);
        Assert.Equal(10, d.ValueUsd, 9);
    }

    [Fact]
    public void Offers_are_capped_by_running_mw_minus_min_load_dearest_product_first()
    {
        // 10 MW running, min load 4: 6 MW to sell; ECRS $9 takes its cap of 4 MW (share 0.4), RRS $8 the other 2.
        var offer = new AncillaryOffer { MinLoadMw = 4, MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Ecrs] = 0.4 } };
        var d = AncillaryCoOptimizer.At(Site(10, 3), offer, Prices(rrs: 8, ecrs: 9), 1.0, 10);
        Assert.Equal(4, d.AwardMw[Ecrs], 9);
        Assert.Equal(2, d.AwardMw[Rrs], 9);
        Assert.Equal(30 + 4 * 9 + 2 * 8, d.ValueUsd, 9);
        // Running only 3 MW (below the min load) sells nothing.
        Assert.Equal(0, AncillaryCoOptimizer.At(Site(10, 3), offer, Prices(rrs: 8, ecrs: 9), 1.0, 3).CapacityUsd.Sum());
    }

    [Fact]
    public void Clr_reg_down_is_limited_to_capacity_minus_running()
    {
        var offer = new AncillaryOffer
        {
            Resource = LoadResourceKind.Controllable,
            Products = [AncillaryProduct.Rrs, AncillaryProduct.RegDown],
        };
        // Running 7 of 10 MW: Reg-Down ≤ 3 MW at $5, RRS on the 7 MW at $8: 7 × 3 + 3 × 5 + 7 × 8 = 92.
        var d = AncillaryCoOptimizer.At(Site(10, 3), offer, Prices(rrs: 8, regdn: 5), 1.0, 7);
        Assert.Equal(3, d.AwardMw[RegDn], 9);
        Assert.Equal(7, d.AwardMw[Rrs], 9);
        Assert.Equal(92, d.ValueUsd, 9);
        // With a 20 % share cap Reg-Down is min(2, 10 − 9) = 1 MW at 9 MW running.
        var capped = offer with { MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.RegDown] = 0.2 } };
        Assert.Equal(1, AncillaryCoOptimizer.At(Site(10, 3), capped, Prices(rrs: 8, regdn: 5), 1.0, 9).AwardMw[RegDn], 9);
        // The best hour: full running (30 + 80 = 110) beats running nothing for Reg-Down alone (50).
        Assert.Equal(110, AncillaryCoOptimizer.Best(Site(10, 3), offer, Prices(rrs: 8, regdn: 5), 1.0).ValueUsd, 9);
        // A Load Resource may not offer Regulation.
        Assert.Throws<ArgumentException>(() => (offer with { Resource = LoadResourceKind.LoadResource }).Validate(10));
    }

    [Fact]
    public void A_deployment_gives_up_the_margin_of_the_least_efficient_running_machines()
    {
        // Two models: 5 MW earning $10/MW-h and 5 MW earning $2/MW-h; all 10 MW run and 9 MW are offered in RRS at $8.
        var site = new IntervalSite([5, 5], [10, 2]);
        var award = new double[5];
        award[Rrs] = 9;
        // Two thirds deployed = 6 MW off: the 5 MW of the less efficient model (5 × 2) and 1 MW of the other (1 × 10) = 20.
        var deployed = new double[5];
        deployed[Rrs] = 2.0 / 3.0;
        var d = AncillaryCoOptimizer.Book(site, award, Prices(rrs: 8), 1.0, 10, deployed);
        Assert.Equal(6, d.DeployedMw, 9);
        Assert.Equal(20, d.DeploymentUsd, 9);
        Assert.Equal(5 * 10 + 5 * 2 + 9 * 8 - 20, d.ValueUsd, 9);
        // An expected deployed fraction lowers a product's value per MW: RRS at $8 with half deployed on $10/MW-h machines
        // is worth 8 − 0.5 × 10 = 3 per MW; ECRS at $6 undeployed is worth 6, so ECRS is offered first.
        var offer = new AncillaryOffer
        {
            MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Ecrs] = 0.5 },
            ExpectedDeployedFraction = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.5 },
        };
        var e = AncillaryCoOptimizer.At(Site(10, 10), offer, Prices(rrs: 8, ecrs: 6), 1.0, 10);
        Assert.Equal(5, e.AwardMw[Ecrs], 9);
        Assert.Equal(5, e.AwardMw[Rrs], 9);
        Assert.Equal(100 + 5 * 6 + 5 * 8 - 0.5 * 5 * 10, e.ValueUsd, 9);
    }

    [Fact]
    public void The_co_optimum_is_never_below_energy_only_and_matches_a_brute_force_search()
    {
        var rng = new Random(7);
        var offer = new AncillaryOffer
        {
            Resource = LoadResourceKind.Controllable,
            Products = AncillaryProducts.All,
            MinLoadMw = 1.5,
            MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = 0.3, [AncillaryProduct.RegDown] = 0.25, [AncillaryProduct.NonSpin] = 0.6 },
        };
        for (int trial = 0; trial < 300; trial++)
        {
            var site = new IntervalSite([4, 3, 3], [20 * rng.NextDouble() - 5, 15 * rng.NextDouble() - 10, 10 * rng.NextDouble() - 12]);
            Array.Sort(site.MarginPerMw, (a, b) => b.CompareTo(a));
            var p = Enumerable.Range(0, 5).Select(_ => rng.NextDouble() < 0.2 ? double.NaN : 12 * rng.NextDouble()).ToArray();
            var best = AncillaryCoOptimizer.Best(site, offer, p, 1.0);
            double energyOnly = 0, cum = 0;
            for (int j = 0; j < 3; j++) { energyOnly += Math.Max(0, site.MarginPerMw[j]) * site.Mw[j]; cum += site.Mw[j]; }
            Assert.True(best.ValueUsd >= energyOnly - 1e-9, $"trial {trial}: {best.ValueUsd} < {energyOnly}");
            // Brute force over running MW on a 0.01 MW grid with a plain greedy allocation.
            double brute = double.NegativeInfinity;
            for (int i = 0; i <= 1000; i++)
            {
                double r = i * 0.01, v = 0, left = r;
                for (int j = 0; j < 3; j++) { double take = Math.Min(site.Mw[j], left); v += take * site.MarginPerMw[j]; left -= take; }
                double room = Math.Max(0, r - 1.5);
                var up = new[] { (Cap: 3.0, P: p[0]), (Cap: 10.0, P: p[1]), (Cap: 6.0, P: p[2]), (Cap: 10.0, P: p[3]) }
                    .Where(x => double.IsFinite(x.P) && x.P > 0).OrderByDescending(x => x.P);
                foreach (var (capMw, price) in up) { double a = Math.Min(room, capMw); v += a * price; room -= a; }
                if (double.IsFinite(p[4]) && p[4] > 0) v += Math.Min(2.5, 10 - r) * p[4];
                brute = Math.Max(brute, v);
            }
            Assert.True(best.ValueUsd >= brute - 1e-6, $"trial {trial}: {best.ValueUsd} below the grid's {brute}");
            Assert.True(best.ValueUsd <= brute + 0.2, $"trial {trial}: {best.ValueUsd} far above the grid's {brute}");
        }
    }
}
