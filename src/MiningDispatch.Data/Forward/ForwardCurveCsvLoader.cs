using System.Globalization;
using MiningDispatch.Core.Forward;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Forward;

/// <summary>
/// Reads a monthly block forward curve CSV: columns <c>month</c> (<c>yyyy-MM</c> or <c>yyyy-MM-dd</c>, a market month in
/// Central Prevailing Time), <c>block</c> (<c>5x16</c>, <c>2x16</c> or <c>7x8</c>) and <c>price</c> ($/MWh; also
/// accepted: <c>price_usd_per_mwh</c>; a quoted price may have thousands separators). An optional <c>settlement_point</c> column must hold one value. Lines starting
/// with <c>#</c> are comments (use them to say where the curve came from).
/// </summary>
public static class ForwardCurveCsvLoader
{
    /// <exception cref="DataFormatException">Missing column, bad month, block or price, duplicate (month, block); names file, line, column and value.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static ForwardCurve Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Forward curve CSV not found: {path}", path);
        List<string>? names = null;
        int monthCol = -1, blockCol = -1, priceCol = -1, pointCol = -1;
        string? point = null;
        var prices = new List<ForwardBlockPrice>();
        var seen = new Dictionary<(int, int, ForwardBlock), int>();
        foreach (var (lineNo, f) in CsvFields.ReadLines(path))
        {
            if (names is null)
            {
                names = f.Select(n => n.Trim().ToLowerInvariant()).ToList();
                monthCol = names.IndexOf("month");
                blockCol = names.IndexOf("block");
                priceCol = names.IndexOf("price");
                if (priceCol < 0) priceCol = names.IndexOf("price_usd_per_mwh");
                pointCol = names.IndexOf("settlement_point");
                if (monthCol < 0 || blockCol < 0 || priceCol < 0)
                    throw new DataFormatException($"expected the columns month, block, price; header: {string.Join(",", names)}", path, lineNo);
                continue;
            }
            if (f.Count != names.Count) throw new DataFormatException($"expected {names.Count} fields as in the header, found {f.Count}", path, lineNo);
            string m = f[monthCol];
            if (!DateOnly.TryParseExact(m, ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
                throw new DataFormatException("not a month (expected yyyy-MM)", path, lineNo, names[monthCol], m);
            ForwardBlock block;
            try { block = ForwardBlockCalendar.Parse(f[blockCol]); }
            catch (FormatException) { throw new DataFormatException("unknown block (expected 5x16, 2x16 or 7x8)", path, lineNo, names[blockCol], f[blockCol]); }
            if (!FieldParsers.TryParsePrice(f[priceCol], decimalComma: false, out double price))
                throw new DataFormatException("not a price in $/MWh", path, lineNo, names[priceCol], f[priceCol]);
            if (pointCol >= 0 && f[pointCol].Length > 0)
            {
                if (point is null) point = f[pointCol];
                else if (!point.Equals(f[pointCol], StringComparison.OrdinalIgnoreCase))
                    throw new DataFormatException($"the curve mixes settlement points ({point} and {f[pointCol]}); give one point per file", path, lineNo, names[pointCol], f[pointCol]);
            }
            if (seen.TryGetValue((month.Year, month.Month, block), out int first))
                throw new DataFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{month.Year:D4}-{month.Month:D2} {ForwardBlockCalendar.Name(block)} is priced twice (lines {first} and {lineNo})"), path, lineNo);
            seen[(month.Year, month.Month, block)] = lineNo;
            prices.Add(new ForwardBlockPrice(month.Year, month.Month, block, price));
        }
        if (names is null) throw new DataFormatException("the file is empty (no header line)", path);
        if (prices.Count == 0) throw new DataFormatException("the file has a header but no prices", path);
        return new ForwardCurve(prices, point ?? "", Path.GetFileName(path));
    }
}
