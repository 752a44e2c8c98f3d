using DuckDB.NET.Data;
using MiningDispatch.Benchmarks.Data;

namespace MiningDispatch.Benchmarks.Reference;

/// <summary>Hourly means of one settlement point, UTC hour starts in order.</summary>
internal sealed record HourlySeries(DateTime[] HoursUtc, double[] Prices, long RowsMatched);

/// <summary>
/// The reference for the loader figures: DuckDB (in-process, all cores) answering "one settlement point, hourly
/// means" straight from the CSV with <c>read_csv</c> and explicit column types, then the (date, hour ending, DST flag)
/// groups converted to UTC hour starts in C# as the loader does.
/// </summary>
internal static class DuckDbHourlyMeans
{
    public static HourlySeries Query(string csvPath, string point, int? threads = null)
    {
        using var con = new DuckDBConnection("Data Source=:memory:");
        con.Open();
        if (threads is int t)
        {
            using var set = con.CreateCommand();
            set.CommandText = $"SET threads = {t}";
            set.ExecuteNonQuery();
        }
        using var cmd = con.CreateCommand();
        cmd.CommandText =
            $"""
            SELECT DeliveryDate, DeliveryHour, DSTFlag, avg(SettlementPointPrice) AS price, count(*) AS n
            FROM {ReadCsv(csvPath)}
            WHERE SettlementPointName = $point
            GROUP BY ALL
            """;
        cmd.Parameters.Add(new DuckDBParameter("point", point));
        var rows = new List<(DateTime Utc, double Price)>();
        long matched = 0;
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var date = r.GetDateTime(0);
                int he = r.GetInt32(1);
                bool repeated = r.GetString(2) == "Y";
                rows.Add((ToUtc(date, he, repeated), r.GetDouble(3)));
                matched += Convert.ToInt64(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        rows.Sort((a, b) => a.Utc.CompareTo(b.Utc));
        return new HourlySeries(rows.Select(x => x.Utc).ToArray(), rows.Select(x => x.Price).ToArray(), matched);
    }

    /// <summary>DuckDB's read_csv of an NP6-905 file with explicit column types (quoted or not: quote = '"').</summary>
    public static string ReadCsv(string csvPath)
    {
        string path = csvPath.Replace("'", "''", StringComparison.Ordinal);
        return $"""
            read_csv('{path}', header = true, delim = ',', quote = '"', dateformat = '%m/%d/%Y',
                 columns = {"{"}'DeliveryDate': 'DATE', 'DeliveryHour': 'INTEGER', 'DeliveryInterval': 'INTEGER',
                            'SettlementPointName': 'VARCHAR', 'SettlementPointType': 'VARCHAR',
                            'SettlementPointPrice': 'DOUBLE', 'DSTFlag': 'VARCHAR'{"}"})
            """;
    }

    /// <summary>One point's hourly means as one SQL statement (for the DuckDB CLI; the point is a literal).</summary>
    public static string OnePointSql(string csvPath, string point) =>
        $"SELECT DeliveryDate, DeliveryHour, DSTFlag, avg(SettlementPointPrice) AS price, count(*) AS n FROM {ReadCsv(csvPath)} " +
        $"WHERE SettlementPointName = '{point.Replace("'", "''", StringComparison.Ordinal)}' GROUP BY ALL";

    /// <summary>
    /// Every point's hourly means in one GROUP BY, summarised to one row (groups, rows, Σ means) so that the time is
    /// the query's, not the transfer of millions of result rows.
    /// </summary>
    public static string AllPointsSql(string csvPath) =>
        $"SELECT count(*)::BIGINT AS groups, sum(n)::BIGINT AS rows, sum(price) AS total FROM (SELECT SettlementPointName, DeliveryDate, DeliveryHour, DSTFlag, " +
        $"avg(SettlementPointPrice) AS price, count(*) AS n FROM {ReadCsv(csvPath)} GROUP BY ALL)";

    /// <summary>All points' hourly means through DuckDB.NET: (hourly groups, rows read).</summary>
    public static (long Groups, long Rows) AllPoints(string csvPath)
    {
        using var con = new DuckDBConnection("Data Source=:memory:");
        con.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = AllPointsSql(csvPath);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>UTC start of hour ending <paramref name="he"/> of a market day; the repeated fall-back hour is CST.</summary>
    public static DateTime ToUtc(DateTime date, int he, bool repeated)
    {
        var local = DateTime.SpecifyKind(date.Date.AddHours(he - 1), DateTimeKind.Unspecified);
        var tz = PriceModel.Central;
        TimeSpan offset = tz.IsAmbiguousTime(local)
            ? (repeated ? tz.BaseUtcOffset : tz.BaseUtcOffset + TimeSpan.FromHours(1))
            : tz.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }
}
