using System.Globalization;
using System.Text;
using MiningDispatch.App.Requests;

namespace MiningDispatch.App.Tests.Services;

/// <summary>The input files of the screen service tests: prices in the long UTC layout and a flat hashprice.</summary>
internal static class ScreenTestFiles
{
    /// <summary>Hour 0 of the prices: 2024-07-01 00:00 CDT.</summary>
    public static readonly DateTime From = new(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc);

    /// <summary>The hashprice written for every day, $/TH/day.</summary>
    public const double HashpriceThDay = 0.05;

    /// <summary>
    /// Writes into <paramref name="dir"/> the prices of <paramref name="points"/> for hours 0 to
    /// <paramref name="hours"/> − 1 from <see cref="From"/> (hour by hour, every point; a NaN price is no row) and a
    /// hashprice of <see cref="HashpriceThDay"/> from 2024-06-25 to 2024-07-10; the market request reads them for the
    /// market days 2024-07-01 to <paramref name="end"/>.
    /// </summary>
    public static MarketRequest Market(string dir, IReadOnlyList<string> points, int hours, Func<int, int, double> price, DateOnly end)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("interval_start_utc,settlement_point,price_usd_per_mwh\n");
        for (int h = 0; h < hours; h++)
        {
            for (int i = 0; i < points.Count; i++)
            {
                double p = price(i, h);
                if (!double.IsNaN(p))
                    sb.Append(From.AddHours(h).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", ci)).Append(',').Append(points[i]).Append(',').Append(p.ToString("R", ci)).Append('\n');
            }
        }
        string prices = Path.Combine(dir, "prices.csv");
        File.WriteAllText(prices, sb.ToString());
        var hp = new StringBuilder("date,hashprice_usd_per_th_day\n");
        for (var d = new DateOnly(2024, 6, 25); d <= new DateOnly(2024, 7, 10); d = d.AddDays(1))
            hp.Append(d.ToString("yyyy-MM-dd", ci)).Append(',').Append(HashpriceThDay.ToString("R", ci)).Append('\n');
        string hashprice = Path.Combine(dir, "hashprice.csv");
        File.WriteAllText(hashprice, hp.ToString());
        return new MarketRequest
        {
            Prices = [prices],
            Hashprice = HashpriceRequest.FromFile(hashprice),
            Start = new DateOnly(2024, 7, 1),
            End = end,
        };
    }
}
