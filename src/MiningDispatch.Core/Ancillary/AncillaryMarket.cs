using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Ancillary;

/// <summary>
/// AS prices and deployments on a backtest's intervals: per product (in <see cref="AncillaryProducts.All"/> order) the
/// MCPC of each interval (an hourly price applies to every interval of its hour; NaN = no price, nothing offered) and,
/// when known, the fraction of an award deployed in each interval (from a deployment file or an expected fraction).
/// </summary>
public sealed class AncillaryMarket
{
    public AncillaryMarket(double[][] priceUsdPerMwHour, double[][]? deployedFraction = null)
    {
        ArgumentNullException.ThrowIfNull(priceUsdPerMwHour);
        int k = AncillaryProducts.All.Count;
        if (priceUsdPerMwHour.Length != k) throw new ArgumentException($"Expected {k} products.", nameof(priceUsdPerMwHour));
        Count = priceUsdPerMwHour[0].Length;
        if (priceUsdPerMwHour.Any(p => p.Length != Count)) throw new ArgumentException("Every product needs one price per interval.", nameof(priceUsdPerMwHour));
        if (deployedFraction is not null && (deployedFraction.Length != k || deployedFraction.Any(d => d.Length != Count)))
            throw new ArgumentException("Every product needs one deployed fraction per interval.", nameof(deployedFraction));
        Price = priceUsdPerMwHour;
        DeployedFraction = deployedFraction;
    }

    /// <summary>Intervals.</summary>
    public int Count { get; }
    /// <summary>[product][interval] MCPC, USD/MW-h; NaN = no price.</summary>
    public double[][] Price { get; }
    /// <summary>[product][interval] fraction of the award deployed (the realised deployments); null = the offer's expected fractions.</summary>
    public double[][]? DeployedFraction { get; }

    /// <summary>The prices of <paramref name="prices"/> on the intervals of <paramref name="market"/>.</summary>
    public static AncillaryMarket From(AncillaryPrices prices, MarketSeries market, double[][]? deployedFraction = null)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(market);
        var on = prices.OnIntervals(market.StartsUtc);
        var all = AncillaryProducts.All;
        var p = new double[all.Count][];
        for (int k = 0; k < all.Count; k++)
        {
            if (on.TryGetValue(all[k], out var v)) p[k] = v;
            else { p[k] = new double[market.Count]; Array.Fill(p[k], double.NaN); }
        }
        return new AncillaryMarket(p, deployedFraction);
    }

    /// <summary>Intervals in which none of <paramref name="products"/> has a price (nothing can be offered).</summary>
    public int IntervalsWithoutPrice(IEnumerable<AncillaryProduct> products)
    {
        var ks = products.Select(AncillaryCoOptimizer.Index).ToArray();
        int n = 0;
        for (int t = 0; t < Count; t++) if (ks.All(k => !double.IsFinite(Price[k][t]))) n++;
        return n;
    }

    /// <summary>The prices of interval t (All order).</summary>
    public double[] PricesAt(int t)
    {
        var v = new double[Price.Length];
        for (int k = 0; k < v.Length; k++) v[k] = Price[k][t];
        return v;
    }

    /// <summary>The realised deployed fractions of interval t, or the offer's expected ones.</summary>
    public double[] DeployedAt(int t, AncillaryOffer offer)
    {
        if (DeployedFraction is null) return AncillaryCoOptimizer.Expected(offer);
        var v = new double[DeployedFraction.Length];
        for (int k = 0; k < v.Length; k++) v[k] = DeployedFraction[k][t];
        return v;
    }
}
