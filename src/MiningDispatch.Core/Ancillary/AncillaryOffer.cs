using System.Globalization;

namespace MiningDispatch.Core.Ancillary;

/// <summary>How the site is registered with ERCOT.</summary>
public enum LoadResourceKind
{
    /// <summary>A Load Resource (under-frequency relay or dispatch instruction): RRS, ECRS and Non-Spin.</summary>
    LoadResource,
    /// <summary>A Controllable Load Resource (follows SCED): also Regulation Up and Down.</summary>
    Controllable,
}

/// <summary>
/// What the site offers in the AS market and the rules it is held to (every default is here, once):
/// <list type="bullet">
/// <item>the products (an LR may offer RRS, ECRS and Non-Spin; a CLR also Reg-Up and Reg-Down);</item>
/// <item>per product, the largest share of the site's MW it may offer (<see cref="MaxShare"/>, default 1);</item>
/// <item><see cref="MinLoadMw"/>, load that cannot be curtailed: in each interval Σ up-product MW ≤ running MW − min load,
/// and Reg-Down MW ≤ site MW − running MW;</item>
/// <item>the expected deployed fraction of each product's award (default 0), which the offers are chosen on;</item>
/// <item>the charge for an awarded MW not delivered (<see cref="ShortfallChargeUsdPerMwHour"/>), paid on top of the award
/// given back where no real-time MCPC prices the replacement (<see cref="AncillaryMarket.ShortfallUsdPerMwHour"/>).</item>
/// </list>
/// </summary>
public sealed record AncillaryOffer
{
    /// <summary>Default charge for an awarded MW the site does not deliver, USD per MW-h, on top of the MCPC given back.</summary>
    public const double DefaultShortfallChargeUsdPerMwHour = 50;

    /// <summary>The products offered.</summary>
    public IReadOnlyList<AncillaryProduct> Products { get; init; } = AncillaryProducts.LoadResource;
    /// <summary>LR or CLR.</summary>
    public LoadResourceKind Resource { get; init; } = LoadResourceKind.LoadResource;
    /// <summary>Per product: the largest fraction (0..1) of the site's MW it may offer; a product not listed may offer up to all of it.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double> MaxShare { get; init; } = new Dictionary<AncillaryProduct, double>();
    /// <summary>MW that always run and cannot be curtailed (auxiliaries, cooling).</summary>
    public double MinLoadMw { get; init; }
    /// <summary>Per product: expected fraction (0..1) of the award deployed; offers are chosen on it. Default none.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double> ExpectedDeployedFraction { get; init; } = new Dictionary<AncillaryProduct, double>();
    /// <summary>Charge for an awarded MW not delivered, USD per MW-h, on top of the award given back (used where no real-time MCPC is known).</summary>
    public double ShortfallChargeUsdPerMwHour { get; init; } = DefaultShortfallChargeUsdPerMwHour;

    /// <summary>The share cap of a product (1 when not set).</summary>
    public double Share(AncillaryProduct p) => MaxShare.TryGetValue(p, out double s) ? s : 1.0;

    /// <summary>The expected deployed fraction of a product (0 when not set).</summary>
    public double Deployed(AncillaryProduct p) => ExpectedDeployedFraction.TryGetValue(p, out double d) ? d : 0.0;

    /// <summary>Throws with a message naming the setting when one is out of range.</summary>
    public void Validate(double siteMw)
    {
        var ci = CultureInfo.InvariantCulture;
        if (Products.Count == 0) throw new ArgumentException("At least one AS product must be offered.");
        foreach (var p in Products)
            if (Resource == LoadResourceKind.LoadResource && AncillaryProducts.NeedsControllable(p))
                throw new ArgumentException($"{AncillaryProducts.Code(p)} needs a Controllable Load Resource (--resource clr); a Load Resource offers RRS, ECRS and Non-Spin.");
        foreach (var (p, s) in MaxShare)
            if (!(s >= 0 && s <= 1)) throw new ArgumentException(string.Create(ci, $"The maximum share of {AncillaryProducts.Code(p)} must be between 0 and 1 (got {s})."));
        foreach (var (p, d) in ExpectedDeployedFraction)
            if (!(d >= 0 && d <= 1)) throw new ArgumentException(string.Create(ci, $"The deployed fraction of {AncillaryProducts.Code(p)} must be between 0 and 1 (got {d})."));
        if (!(MinLoadMw >= 0) || !double.IsFinite(MinLoadMw)) throw new ArgumentException(string.Create(ci, $"The minimum load must be a non-negative number of MW (got {MinLoadMw})."));
        if (MinLoadMw > siteMw) throw new ArgumentException(string.Create(ci, $"The minimum load ({MinLoadMw} MW) is above the site's {siteMw} MW."));
        if (!(ShortfallChargeUsdPerMwHour >= 0) || !double.IsFinite(ShortfallChargeUsdPerMwHour))
            throw new ArgumentException("The shortfall charge must be a non-negative number of $/MW-h.");
    }
}
