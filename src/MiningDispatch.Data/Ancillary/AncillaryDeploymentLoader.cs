using System.Globalization;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Ancillary;

/// <summary>One deployment: [StartUtc, EndUtc) a fraction of a product's award was called.</summary>
public sealed record AncillaryDeployment(DateTime StartUtc, DateTime EndUtc, AncillaryProduct Product, double Fraction);

/// <summary>
/// Reads deployment intervals (<c>--as-deployments FILE</c>): a CSV with the header <c>start_utc,end_utc,product,fraction</c>,
/// times in ISO 8601 with an offset or Z (e.g. <c>2024-08-20T21:00:00Z</c>), product REGUP/REGDN/RRS/ECRS/NSPIN and the
/// fraction (0..1) of the award deployed. An interval's deployed fraction is Σ fraction × the part of the interval the
/// deployment covers, at most 1.
/// </summary>
public static class AncillaryDeploymentLoader
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <exception cref="DataFormatException">A row that cannot be read; the message names the file, line, column and value.</exception>
    public static IReadOnlyList<AncillaryDeployment> Load(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException("AS deployment file not found", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new DataFormatException("the file is empty", path);
        var names = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Col(string n) => Array.IndexOf(names, n);
        int s = Col("start_utc"), e = Col("end_utc"), p = Col("product"), f = Col("fraction");
        if (s < 0 || e < 0 || p < 0 || f < 0)
            throw new DataFormatException($"the header must be start_utc,end_utc,product,fraction (found: {lines[0].Trim()})", path, 1);
        var list = new List<AncillaryDeployment>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var x = lines[i].Split(',');
            if (x.Length < names.Length) throw new DataFormatException($"the row has {x.Length} fields but the header has {names.Length}", path, i + 1, value: lines[i]);
            DateTime Time(int c) => DateTimeOffset.TryParse(x[c].Trim(), Ci, DateTimeStyles.None, out var v) && HasZone(x[c])
                ? v.UtcDateTime
                : throw new DataFormatException("not an ISO 8601 time with an offset or Z", path, i + 1, names[c], x[c]);
            var start = Time(s);
            var end = Time(e);
            if (end <= start) throw new DataFormatException("the deployment ends before it starts", path, i + 1, names[e], x[e]);
            if (!AncillaryProducts.TryParse(x[p], out var product))
                throw new DataFormatException("unknown product (expected REGUP, REGDN, RRS, ECRS or NSPIN)", path, i + 1, names[p], x[p]);
            if (!double.TryParse(x[f].Trim(), NumberStyles.Float, Ci, out double fraction) || !(fraction >= 0 && fraction <= 1))
                throw new DataFormatException("the fraction of the award deployed must be a number from 0 to 1", path, i + 1, names[f], x[f]);
            list.Add(new AncillaryDeployment(start, end, product, fraction));
        }
        return list;
    }

    /// <summary>[product][interval] deployed fraction on the intervals (All order), each at most 1.</summary>
    public static double[][] OnIntervals(IReadOnlyList<AncillaryDeployment> deployments, IReadOnlyList<DateTime> startsUtc, double intervalHours)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        ArgumentNullException.ThrowIfNull(startsUtc);
        var all = AncillaryProducts.All;
        var d = new double[all.Count][];
        for (int k = 0; k < all.Count; k++) d[k] = new double[startsUtc.Count];
        var len = TimeSpan.FromHours(intervalHours);
        foreach (var x in deployments)
        {
            int k = AncillaryCoOptimizer.Index(x.Product);
            for (int t = 0; t < startsUtc.Count; t++)
            {
                var a = startsUtc[t];
                var b = a + len;
                double overlap = (Min(b, x.EndUtc) - Max(a, x.StartUtc)).TotalHours;
                if (overlap > 0) d[k][t] = Math.Min(1, d[k][t] + x.Fraction * overlap / intervalHours);
            }
        }
        return d;
    }

    private static bool HasZone(string s) => s.Trim().EndsWith('Z') || s.Trim().LastIndexOfAny(['+', '-']) > 10;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

/// <summary>
/// Reads flat monthly AS prices for a forecast (<c>forecast --as-price FILE</c>): a CSV with the header
/// <c>month,product,price</c> (month yyyy-MM, a CPT calendar month; product REGUP/REGDN/RRS/ECRS/NSPIN; price in USD per
/// MW per hour, 0 to the $5,000 AS offer cap). A month and product given twice is an error.
/// </summary>
public static class AncillaryFlatPriceLoader
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <exception cref="DataFormatException">A row that cannot be read; the message names the file, line, column and value.</exception>
    public static IReadOnlyList<AncillaryFlatPrice> Load(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException("AS price file not found", path);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new DataFormatException("the file is empty", path);
        var names = lines[0].TrimStart('\uFEFF').Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int m = Array.IndexOf(names, "month"), p = Array.IndexOf(names, "product"), v = Array.FindIndex(names, n => n is "price" or "price_usd_per_mw_h" or "mcpc");
        if (m < 0 || p < 0 || v < 0)
            throw new DataFormatException($"the header must be month,product,price (found: {lines[0].Trim()})", path, 1);
        var list = new List<AncillaryFlatPrice>();
        var seen = new HashSet<(DateOnly, AncillaryProduct)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var x = lines[i].Split(',');
            if (x.Length < names.Length) throw new DataFormatException($"the row has {x.Length} fields but the header has {names.Length}", path, i + 1, value: lines[i]);
            if (!DateOnly.TryParseExact(x[m].Trim() + "-01", "yyyy-MM-dd", Ci, DateTimeStyles.None, out var month))
                throw new DataFormatException("not a month (expected yyyy-MM)", path, i + 1, names[m], x[m]);
            if (!AncillaryProducts.TryParse(x[p], out var product))
                throw new DataFormatException("unknown product (expected REGUP, REGDN, RRS, ECRS or NSPIN)", path, i + 1, names[p], x[p]);
            if (!double.TryParse(x[v].Trim(), NumberStyles.Float, Ci, out double price) || !(price >= 0 && price <= AncillaryPriceLoader.PlausibleMaxUsdPerMwHour))
                throw new DataFormatException(string.Create(Ci, $"the price must be a number of $/MW-h from 0 to {AncillaryPriceLoader.PlausibleMaxUsdPerMwHour:0}"), path, i + 1, names[v], x[v]);
            if (!seen.Add((month, product)))
                throw new DataFormatException(string.Create(Ci, $"{AncillaryProducts.Code(product)} for {month:yyyy-MM} is given twice"), path, i + 1, names[p], x[p]);
            list.Add(new AncillaryFlatPrice(month, product, price));
        }
        if (list.Count == 0) throw new DataFormatException("no AS price in the file", path);
        return list;
    }
}
