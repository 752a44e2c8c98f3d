using System.Globalization;
using System.Text;

namespace MiningDispatch.Cli.Tests.Support;

/// <summary>Small price and hashprice CSVs written by the tests into a temporary folder.</summary>
internal static class TempPrices
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>One hour of a long-layout price file.</summary>
    public sealed record Row(DateTime StartUtc, string Point, string Price);

    /// <summary>Hourly UTC hour starts from <paramref name="fromUtc"/>, <paramref name="count"/> of them.</summary>
    public static IEnumerable<DateTime> Hours(DateTime fromUtc, int count) => Enumerable.Range(0, count).Select(i => fromUtc.AddHours(i));

    /// <summary>Writes <c>interval_start_utc,settlement_point,price_usd_per_mwh</c> rows to <paramref name="dir"/>/<paramref name="name"/>.</summary>
    public static string WriteLong(string dir, string name, IEnumerable<Row> rows)
    {
        var sb = new StringBuilder("interval_start_utc,settlement_point,price_usd_per_mwh\n");
        foreach (var r in rows)
            sb.Append(r.StartUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Ci)).Append(',').Append(r.Point).Append(',').Append(r.Price).Append('\n');
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>Writes a long-layout file of one point with numeric prices.</summary>
    public static string WriteLong(string dir, string name, string point, IEnumerable<(DateTime T, double Price)> rows) =>
        WriteLong(dir, name, rows.Select(r => new Row(r.T, point, r.Price.ToString("R", Ci))));

    /// <summary>Writes a daily hashprice CSV (<c>date,hashprice_usd_per_th_day</c>).</summary>
    public static string WriteHashprice(string dir, string name, IEnumerable<(DateOnly Day, double UsdPerThDay)> points)
    {
        var sb = new StringBuilder("date,hashprice_usd_per_th_day\n");
        foreach (var (d, v) in points) sb.Append(d.ToString("yyyy-MM-dd", Ci)).Append(',').Append(v.ToString("R", Ci)).Append('\n');
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    public static DateTime Utc(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);
}
