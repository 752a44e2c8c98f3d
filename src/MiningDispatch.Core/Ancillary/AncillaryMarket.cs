using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Ancillary;

/// <summary>
/// AS prices and deployments on a backtest's intervals: per product (in <see cref="AncillaryProducts.All"/> order) the
/// MCPC of each interval (an hourly price applies to every interval of its hour; NaN = no price, nothing offered) and,
/// when known, the fraction of an award deployed in each interval (from a deployment file or an expected fraction) and
/// the real-time MCPC (from the 5 Dec 2025 RTC+B go-live), which prices an award not delivered.
/// </summary>
public sealed class AncillaryMarket
{
    public AncillaryMarket(double[][] priceUsdPerMwHour, double[][]? deployedFraction = null, double[][]? realTimePriceUsdPerMwHour = null)
    {
        ArgumentNullException.ThrowIfNull(priceUsdPerMwHour);
        int k = AncillaryProducts.All.Count;
        if (priceUsdPerMwHour.Length != k) throw new ArgumentException($"Expected {k} products.", nameof(priceUsdPerMwHour));
        Count = priceUsdPerMwHour[0].Length;
        if (priceUsdPerMwHour.Any(p => p.Length != Count)) throw new ArgumentException("Every product needs one price per interval.", nameof(priceUsdPerMwHour));
        if (deployedFraction is not null && (deployedFraction.Length != k || deployedFraction.Any(d => d.Length != Count)))
            throw new ArgumentException("Every product needs one deployed fraction per interval.", nameof(deployedFraction));
        if (realTimePriceUsdPerMwHour is not null && (realTimePriceUsdPerMwHour.Length != k || realTimePriceUsdPerMwHour.Any(d => d.Length != Count)))
            throw new ArgumentException("Every product needs one real-time price per interval.", nameof(realTimePriceUsdPerMwHour));
        Price = priceUsdPerMwHour;
        DeployedFraction = deployedFraction;
        RealTimePrice = realTimePriceUsdPerMwHour;
    }

    /// <summary>Intervals.</summary>
    public int Count { get; }
    /// <summary>[product][interval] MCPC, USD/MW-h; NaN = no price.</summary>
    public double[][] Price { get; }
    /// <summary>[product][interval] fraction of the award deployed (the realised deployments); null = the offer's expected fractions.</summary>
    public double[][]? DeployedFraction { get; }
    /// <summary>[product][interval] real-time MCPC, USD/MW-h (NaN = not known); null = no real-time AS prices loaded.</summary>
    public double[][]? RealTimePrice { get; }

    /// <summary>
    /// What one awarded MW of product <paramref name="k"/> (<see cref="AncillaryProducts.All"/> index) not delivered in
    /// interval <paramref name="t"/> costs, USD per MW-h: replacement at the real-time MCPC where it is known (the RTC+B
    /// regime, from 5 Dec 2025), otherwise the award given back (the DAM MCPC) plus the offer's stated shortfall charge.
    /// </summary>
    public double ShortfallUsdPerMwHour(int t, int k, AncillaryOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        if (RealTimePrice is { } rt && double.IsFinite(rt[k][t])) return rt[k][t];
        return Price[k][t] + offer.ShortfallChargeUsdPerMwHour;
    }

    /// <summary>Intervals with a real-time price for at least one of <paramref name="products"/>.</summary>
    public int IntervalsWithRealTimePrice(IEnumerable<AncillaryProduct> products)
    {
        if (RealTimePrice is not { } rt) return 0;
        var ks = products.Select(AncillaryCoOptimizer.Index).ToArray();
        int n = 0;
        for (int t = 0; t < Count; t++) if (ks.Any(k => double.IsFinite(rt[k][t]))) n++;
        return n;
    }

    /// <summary>The prices of <paramref name="prices"/> on the intervals of <paramref name="market"/>.</summary>
    /// <param name="realTime">Real-time MCPC (null = none): each market interval gets the mean of its quarter hours.</param>
    public static AncillaryMarket From(AncillaryPrices prices, MarketSeries market, double[][]? deployedFraction = null, AncillaryRealTimePrices? realTime = null)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(market);
        var p = Fill(prices.OnIntervals(market.StartsUtc), market.Count);
        var rt = realTime is null ? null : Fill(realTime.OnIntervals(market.StartsUtc, market.IntervalHours), market.Count);
        return new AncillaryMarket(p, deployedFraction, rt);
    }

    /// <summary>The market of history intervals <paramref name="source"/> (a bootstrap path): prices, deployments and real-time prices of those intervals.</summary>
    public AncillaryMarket Resample(ReadOnlySpan<int> source)
    {
        int n = source.Length;
        var p = Empty(Price.Length, n);
        var d = DeployedFraction is null ? null : Empty(DeployedFraction.Length, n);
        var rt = RealTimePrice is null ? null : Empty(RealTimePrice.Length, n);
        for (int t = 0; t < source.Length; t++)
        {
            int i = source[t];
            for (int k = 0; k < p.Length; k++)
            {
                p[k][t] = Price[k][i];
                if (d is not null) d[k][t] = DeployedFraction![k][i];
                if (rt is not null) rt[k][t] = RealTimePrice![k][i];
            }
        }
        return new AncillaryMarket(p, d, rt);
    }

    private static double[][] Empty(int products, int n)
    {
        var r = new double[products][];
        for (int k = 0; k < products; k++) r[k] = new double[n];
        return r;
    }

    private static double[][] Fill(Dictionary<AncillaryProduct, double[]> on, int n)
    {
        var all = AncillaryProducts.All;
        var p = new double[all.Count][];
        for (int k = 0; k < all.Count; k++)
        {
            if (on.TryGetValue(all[k], out var v)) p[k] = v;
            else { p[k] = new double[n]; Array.Fill(p[k], double.NaN); }
        }
        return p;
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
