using System.Globalization;
using MiningDispatch.Core.Series;
using MiningDispatch.Data.Hashprice;

namespace MiningDispatch.App.Inputs;

/// <summary>
/// BTC price per backtest hour for "BTC mined" and "cost per BTC": <c>--btc-price 65000</c> (USD/BTC), or a CSV with a
/// date column and a BTC price column (its name contains <c>btc_price</c>, or is <c>usd_per_btc</c> / <c>price_usd</c>).
/// Without the flag, the hashprice CSV's BTC price column is used when it has one (the sample file does).
/// Daily values are aligned like hashprice, with no look-ahead: a value stamped D is used from D + 1.
/// </summary>
internal static class BtcPriceSource
{
    /// <summary>Hourly USD/BTC and a description, or null when no BTC price is available.</summary>
    /// <param name="btcPrice"><c>--btc-price</c>: a number or a CSV; null = the hashprice CSV's BTC column if any.</param>
    /// <param name="hashpriceFile">The hashprice CSV; null when the hashprice came from the API.</param>
    /// <param name="market">The backtest intervals.</param>
    public static (double[] UsdPerBtc, string Source)? Resolve(string? btcPrice, string? hashpriceFile, MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (btcPrice is { } given)
        {
            if (double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out double constant))
            {
                if (!(constant > 0) || !double.IsFinite(constant)) throw new SettingsException($"--btc-price must be a positive USD amount (got {given}).");
                var a = new double[market.Count];
                Array.Fill(a, constant);
                return (a, string.Create(CultureInfo.InvariantCulture, $"constant {constant:#,0.##} USD/BTC"));
            }
            if (!File.Exists(given)) throw new SettingsException($"--btc-price '{given}' is neither a number nor an existing CSV file.");
            return FromCsv(given, market, required: true, "the --btc-price file");
        }
        if (hashpriceFile is { } hp && File.Exists(hp)) return FromCsv(hp, market, required: false, "the hashprice file");
        return null;
    }

    /// <summary>
    /// What the BTC price is, for the report's inputs row: its level over the run and where it comes from, without a
    /// path (e.g. "daily USD/BTC, mean $57,123 (min $25,100, max $91,000) over the run; column btc_price_usd of the
    /// hashprice file, each daily value used from the day after").
    /// </summary>
    internal static string Describe(double[] hourly, string file, string column)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in hourly)
        {
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        return hourly.Length == 0
            ? $"daily USD/BTC from column {column} of {file}"
            : string.Create(CultureInfo.InvariantCulture,
                $"daily USD/BTC, mean ${sum / hourly.Length:#,0} (min ${min:#,0}, max ${max:#,0}) over the run; column {column} of {file}, each daily value used from the day after");
    }

    private static (double[], string)? FromCsv(string path, MarketSeries market, bool required, string what)
    {
        var csv = BtcPriceCsvLoader.TryLoad(path);
        if (csv is null)
        {
            if (!required) return null;
            throw new SettingsException($"{path}: expected a date column (date, date_utc or timestamp) and a BTC price column (e.g. btc_price_usd).");
        }
        if (csv.Points.Count == 0)
        {
            if (!required) return null;
            throw new SettingsException($"{path}: the file has no BTC prices.");
        }
        var points = csv.Points;
        string source = $"{Path.GetFileName(path)} ({csv.Column}, published alignment)";
        // The aligner works on any daily value; here the value is USD/BTC, not hashprice.
        var series = HashpriceSeries.FromPoints(points, source);
        var hourly = HashpriceAligner.ToHourly(series, market.StartsUtc, HashpriceAlignment.Published, out _);
        int missing = Array.FindIndex(hourly, double.IsNaN);
        if (missing >= 0 && !required) return null;
        if (missing >= 0)
            throw new SettingsException($"The BTC price in {path} does not cover the hour {market.StartsUtc[missing]:yyyy-MM-dd HH:mm}Z of the backtest; " +
                "pass --btc-price with a number or a file that covers the whole period.");
        return (hourly, Describe(hourly, what, csv.Column));
    }
}
