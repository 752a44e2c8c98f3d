using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.Core.Ancillary;

namespace MiningDispatch.Cli.Settings;

/// <summary>Ancillary-service settings (<c>--as-prices</c> and its companions); backtest only.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>AS clearing price files (NP4-188-CD, NP4-181-ER zip or CSV, or the wide hourly CSV).</summary>
    public IReadOnlyList<string>? AsPrices { get; init; }
    /// <summary>Forecast only: flat AS prices product=$/MW-h,... for every month, or a CSV month,product,price.</summary>
    public string? AsPrice { get; init; }
    /// <summary>Products offered, comma-separated: rrs, ecrs, nspin, regup, regdn.</summary>
    public string? AsProducts { get; init; }
    /// <summary>lr (Load Resource) or clr (Controllable Load Resource).</summary>
    public string? Resource { get; init; }
    /// <summary>Largest share of the site MW per product: one number for all, or product=share,...</summary>
    public string? AsMaxShare { get; init; }
    /// <summary>MW that cannot be curtailed (not offered as AS).</summary>
    public double? MinLoad { get; init; }
    /// <summary>Deployments: a CSV of deployment intervals, or expected deployed fractions product=fraction,...</summary>
    public string? AsDeployments { get; init; }
    /// <summary>$/MW-h charged for an awarded MW not delivered, on top of the award given back, where no real-time MCPC is known.</summary>
    public double? AsShortfallCharge { get; init; }

    private bool AsUsed => AsProducts is not null || Resource is not null || AsMaxShare is not null || MinLoad is not null || AsDeployments is not null
        || AsShortfallCharge is not null;

    private void AncillaryProblems(List<string> p)
    {
        if (AsPrices is { Count: > 0 } && AsPrice is not null) p.Add("--as-prices (files of market prices) and --as-price (flat prices for a forecast) exclude each other.");
        if (AsPrice is { } flat && !File.Exists(flat)) _ = ParseFlatPrices(flat, p);
        if (AsPrices is not { Count: > 0 } && AsPrice is null)
        {
            if (AsUsed) p.Add("--as-products, --resource, --as-max-share, --min-load, --as-deployments and --as-shortfall-charge go with --as-prices FILE... (forecast: --as-price)");
            return;
        }
        var resource = ParseResource(Resource);
        if (resource is null) p.Add($"--resource must be lr or clr (got '{Resource}').");
        var products = ParseProducts(AsProducts, out string? bad);
        if (bad is not null) p.Add($"--as-products: unknown product '{bad}' (expected rrs, ecrs, nspin, regup, regdn).");
        if (resource == LoadResourceKind.LoadResource && products?.FirstOrDefault(AncillaryProducts.NeedsControllable) is { } reg && products.Any(AncillaryProducts.NeedsControllable))
            p.Add($"--as-products {AncillaryProducts.Key(reg)}: Regulation needs --resource clr (a Load Resource offers rrs, ecrs and nspin).");
        if (AsMaxShare is { } ms) _ = ParseFractions(ms, "--as-max-share", p, allowSingle: true);
        if (MinLoad is { } ml && (!double.IsFinite(ml) || ml < 0)) p.Add($"--min-load must be a non-negative MW (got {ml.ToString(CultureInfo.InvariantCulture)}).");
        if (AsShortfallCharge is { } sc && (!double.IsFinite(sc) || sc < 0))
            p.Add($"--as-shortfall-charge must be a non-negative $/MW-h (got {sc.ToString(CultureInfo.InvariantCulture)}).");
        if (AsDeployments is { } d && !File.Exists(d) && d.Contains('=', StringComparison.Ordinal)) _ = ParseFractions(d, "--as-deployments", p, allowSingle: false);
        else if (AsDeployments is { } f && !File.Exists(f)) p.Add($"--as-deployments: '{f}' is neither a file nor product=fraction,... (e.g. rrs=0.02).");
        foreach (var file in AsPrices ?? []) if (!File.Exists(file)) p.Add($"--as-prices: file not found: {file}");
    }

    /// <summary>The AS request; null without <c>--as-prices</c>.</summary>
    internal AncillaryRequest? AncillaryRequest()
    {
        if (AsPrices is not { Count: > 0 } && AsPrice is null) return null;
        var files = AsPrices ?? [];
        var scratch = new List<string>();
        bool flatFile = AsPrice is { } ap && File.Exists(ap);
        var resource = ParseResource(Resource) ?? LoadResourceKind.LoadResource;
        bool isFile = AsDeployments is { } d && File.Exists(d);
        return new AncillaryRequest
        {
            PriceFiles = files,
            FlatPriceFile = flatFile ? AsPrice : null,
            FlatPrices = !flatFile && AsPrice is { } fp ? ParseFlatPrices(fp, scratch) ?? [] : [],
            Resource = resource,
            Products = ParseProducts(AsProducts, out _),
            MaxShare = AsMaxShare is { } ms ? ParseFractions(ms, "--as-max-share", scratch, allowSingle: true) ?? [] : [],
            MinLoadMw = MinLoad ?? 0,
            DeploymentsFile = isFile ? AsDeployments : null,
            ExpectedDeployedFraction = !isFile && AsDeployments is { } e ? ParseFractions(e, "--as-deployments", scratch, allowSingle: false) ?? [] : [],
            ShortfallChargeUsdPerMwHour = AsShortfallCharge,
        };
    }

    /// <summary>"rrs=12.5,ecrs=8": a flat $/MW-h price per product in every month; null (and a problem) when malformed.</summary>
    private static List<AncillaryFlatPrice>? ParseFlatPrices(string s, List<string> p)
    {
        var list = new List<AncillaryFlatPrice>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !AncillaryProducts.TryParse(kv[0], out var prod)
                || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= 0 && v <= 5000))
            {
                p.Add($"--as-price: '{part}' is not product=price with a product of rrs, ecrs, nspin, regup, regdn and a price from 0 to 5000 $/MW-h (or give a CSV file month,product,price).");
                return null;
            }
            list.Add(new AncillaryFlatPrice(null, prod, v));
        }
        if (list.Count == 0) { p.Add($"--as-price: no price in '{s}' (e.g. rrs=12.5,ecrs=8, or a CSV file month,product,price)."); return null; }
        return list;
    }

    private static LoadResourceKind? ParseResource(string? s) => s?.Trim().ToLowerInvariant() switch
    {
        null or "lr" => LoadResourceKind.LoadResource,
        "clr" => LoadResourceKind.Controllable,
        _ => null,
    };

    private static List<AncillaryProduct>? ParseProducts(string? s, out string? bad)
    {
        bad = null;
        if (s is null) return null;
        var list = new List<AncillaryProduct>();
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!AncillaryProducts.TryParse(part, out var prod)) { bad = part; return null; }
            if (!list.Contains(prod)) list.Add(prod);
        }
        return list;
    }

    /// <summary>"0.5" (every product) or "rrs=0.5,ecrs=0.3": fractions 0..1 per product; null (and a problem) when malformed.</summary>
    private static Dictionary<AncillaryProduct, double>? ParseFractions(string s, string flag, List<string> p, bool allowSingle)
    {
        var d = new Dictionary<AncillaryProduct, double>();
        if (allowSingle && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double all))
        {
            if (!(all >= 0 && all <= 1)) { p.Add($"{flag} must be a fraction from 0 to 1 (got '{s}')."); return null; }
            foreach (var prod in AncillaryProducts.All) d[prod] = all;
            return d;
        }
        foreach (var part in s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !AncillaryProducts.TryParse(kv[0], out var prod)
                || !double.TryParse(kv[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !(v >= 0 && v <= 1))
            {
                p.Add($"{flag}: '{part}' is not product=fraction with a product of rrs, ecrs, nspin, regup, regdn and a fraction from 0 to 1.");
                return null;
            }
            d[prod] = v;
        }
        return d;
    }
}
