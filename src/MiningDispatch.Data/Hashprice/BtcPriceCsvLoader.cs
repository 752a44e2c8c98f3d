using System.Globalization;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Hashprice;

/// <summary>A daily BTC price series read from a CSV: the points (USD per BTC, stamped at UTC midnight or the given instant) and the column used.</summary>
public sealed record BtcPriceCsv(IReadOnlyList<HashpricePoint> Points, string Column);

/// <summary>
/// Reads a BTC price CSV: a date column (<c>date</c>, <c>date_utc</c> or <c>timestamp</c>) and a BTC price column
/// (its name contains <c>btc_price</c>, or is <c>usd_per_btc</c> / <c>price_usd</c>). Quoted fields, a byte order
/// mark, CRLF, <c>#</c> comment lines and thousands separators (<c>"67,000.50"</c>) are accepted; rows with an empty
/// price are skipped. The hashprice sample CSV has such a column, so it doubles as a BTC price source.
/// </summary>
public static class BtcPriceCsvLoader
{
    /// <summary>The series, or null when the file has no date or no BTC price column.</summary>
    /// <exception cref="DataFormatException">A row with the wrong number of fields, a bad date or a price that is not a positive number.</exception>
    public static BtcPriceCsv? TryLoad(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"BTC price CSV not found: {path}", path);
        List<string>? names = null;
        int dateCol = -1, priceCol = -1;
        var points = new List<HashpricePoint>();
        foreach (var (line, f) in CsvFields.ReadLines(path))
        {
            if (names is null)
            {
                names = f.Select(n => n.Trim().ToLowerInvariant()).ToList();
                dateCol = names.FindIndex(n => n is "date" or "date_utc" or "timestamp");
                priceCol = names.FindIndex(n => n.Contains("btc_price", StringComparison.Ordinal) || n is "usd_per_btc" or "price_usd");
                if (dateCol < 0 || priceCol < 0) return null;
                continue;
            }
            if (f.Count != names.Count) throw new DataFormatException($"expected {names.Count} fields as in the header, found {f.Count}", path, line);
            if (f[priceCol].Length == 0) continue;
            if (!DateTime.TryParse(f[dateCol], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t))
                throw new DataFormatException("not a date", path, line, names[dateCol], f[dateCol]);
            if (!FieldParsers.TryParsePrice(f[priceCol], decimalComma: false, out double v) || !(v > 0))
                throw new DataFormatException("not a positive USD/BTC price", path, line, names[priceCol], f[priceCol]);
            points.Add(new HashpricePoint(DateTime.SpecifyKind(t, DateTimeKind.Utc), v));
        }
        if (names is null) throw new DataFormatException("the file is empty (no header line)", path);
        return new BtcPriceCsv(points, names[priceCol]);
    }
}
