using MiningDispatch.Core.Ancillary;

namespace MiningDispatch.App.Requests;

/// <summary>
/// Ancillary services co-optimized with mining: the MCPC files, what the site offers and how deployments are known.
/// Defaults are on <see cref="AncillaryOffer"/>.
/// </summary>
public sealed record AncillaryRequest
{
    /// <summary>AS clearing price files (<c>--as-prices</c>): NP4-188-CD, NP4-181-ER (zip or CSV) or the wide hourly CSV, and real-time MCPC (NP6-331-CD, NP6-332-CD).</summary>
    public IReadOnlyList<string> PriceFiles { get; init; } = [];
    /// <summary>Flat AS prices (<c>forecast --as-price rrs=12.5,ecrs=8</c>), used when <see cref="PriceFiles"/> is empty.</summary>
    public IReadOnlyList<AncillaryFlatPrice> FlatPrices { get; init; } = [];
    /// <summary>A CSV of flat monthly AS prices month,product,price (<c>forecast --as-price FILE</c>); null = none.</summary>
    public string? FlatPriceFile { get; init; }
    /// <summary>Products offered (<c>--as-products</c>); null = RRS, ECRS and Non-Spin (a CLR: also Reg-Up and Reg-Down).</summary>
    public IReadOnlyList<AncillaryProduct>? Products { get; init; }
    /// <summary>LR or CLR (<c>--resource</c>).</summary>
    public LoadResourceKind Resource { get; init; } = LoadResourceKind.LoadResource;
    /// <summary>Per product, the largest share of the site's MW offered (<c>--as-max-share</c>); missing = 1.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double> MaxShare { get; init; } = new Dictionary<AncillaryProduct, double>();
    /// <summary>MW that cannot be curtailed (<c>--min-load</c>).</summary>
    public double MinLoadMw { get; init; }
    /// <summary>Deployment intervals file (<c>--as-deployments FILE</c>); null = none.</summary>
    public string? DeploymentsFile { get; init; }
    /// <summary>Expected deployed fraction per product (<c>--as-deployments rrs=0.02,...</c>); empty = none.</summary>
    public IReadOnlyDictionary<AncillaryProduct, double> ExpectedDeployedFraction { get; init; } = new Dictionary<AncillaryProduct, double>();
    /// <summary>Charge for an awarded MW not delivered where no real-time MCPC is known (<c>--as-shortfall-charge</c>), USD/MW-h; null = <see cref="AncillaryOffer.DefaultShortfallChargeUsdPerMwHour"/>.</summary>
    public double? ShortfallChargeUsdPerMwHour { get; init; }

    /// <summary>The offer these settings make.</summary>
    public AncillaryOffer ToOffer() => new()
    {
        Products = Products ?? (Resource == LoadResourceKind.Controllable ? AncillaryProducts.All : AncillaryProducts.LoadResource),
        Resource = Resource,
        MaxShare = MaxShare,
        MinLoadMw = MinLoadMw,
        ExpectedDeployedFraction = ExpectedDeployedFraction,
        ShortfallChargeUsdPerMwHour = ShortfallChargeUsdPerMwHour ?? AncillaryOffer.DefaultShortfallChargeUsdPerMwHour,
    };
}
