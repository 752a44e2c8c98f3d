using System.Globalization;
using System.Text.Json;

namespace MiningDispatch.Data.Hashprice;

/// <summary>Time grid of a hashprice series derived from chain data.</summary>
public enum ChainDerivationGrid
{
    /// <summary>One point per miners-revenue sample (hash rate interpolated onto it).</summary>
    RevenueSamples,
    /// <summary>One point per UTC midnight where both series are defined (both interpolated).</summary>
    DailyUtc,
}

/// <summary>
/// Free hashprice from public chain data (doc §5): USD/TH/day = miners' revenue (USD/day) ÷ network hash rate (TH/s),
/// from blockchain.com chart JSON. Two file shapes are read:
/// the Charts API (<c>{"values":[{"x":unix seconds,"y":..}], "unit":..}</c>) and the website chart download
/// (<c>{"metric1":"hash-rate","hash-rate":[{"x":unix ms,"y":..}], ...}</c>). When the two series sit on different
/// grids (the 7-day-average downloads are offset by 2 days) the values are linearly interpolated onto the output
/// grid <em>before</em> dividing; output times outside either series' range are dropped, never extrapolated.
/// Samples with zero revenue or hash rate (early 2009) are skipped and counted in the notes.
/// </summary>
public static class ChainDataHashprice
{
    /// <summary>Derives hashprice from a miners-revenue file and a hash-rate file.</summary>
    public static HashpriceSeries FromBlockchainComCharts(
        string minersRevenueJsonPath, string hashRateJsonPath, ChainDerivationGrid grid = ChainDerivationGrid.RevenueSamples)
    {
        var revenue = ReadChart(minersRevenueJsonPath, "miners-revenue");
        var hashRate = ReadChart(hashRateJsonPath, "hash-rate");
        if (revenue.Count == 0)
            throw new FormatException($"{minersRevenueJsonPath}: not enough miners-revenue samples ({revenue.Count}).");
        if (hashRate.Count == 0) throw new FormatException($"{hashRateJsonPath}: no hash-rate samples.");

        IEnumerable<DateTime> times = grid == ChainDerivationGrid.RevenueSamples
            ? revenue.Select(p => p.T)
            : DailyTimes(Max(revenue[0].T, hashRate[0].T), Min(revenue[^1].T, hashRate[^1].T));

        var rows = new List<HashpriceRow>();
        int outside = 0, nonPositive = 0, read = 0;
        foreach (var t in times)
        {
            read++;
            double? rev = Interpolate(revenue, t), hr = Interpolate(hashRate, t);
            if (rev is null || hr is null) { outside++; continue; }
            if (!(rev > 0) || !(hr > 0)) { nonPositive++; continue; }
            rows.Add(new HashpriceRow(t, rev.Value / hr.Value, $"sample {HashpriceSeries.Fmt(t)}"));
        }
        if (rows.Count == 0)
            throw new FormatException($"{minersRevenueJsonPath} and {hashRateJsonPath}: no time where both series are defined and positive.");

        if (HashpriceSanity.Problem(rows.Select(r => (r.TimestampUtc, r.UsdPerThDay)).ToList()) is { } problem)
            throw new FormatException(
                $"{minersRevenueJsonPath} / {hashRateJsonPath}: {problem}. Expected miners' revenue in USD/day and hash rate in TH/s.");
        var notes = new List<string> { "USD/TH/day = miners-revenue (USD/day) / hash-rate (TH/s), linear interpolation before dividing" };
        if (outside > 0) notes.Add($"{outside} time(s) outside the range of one of the series dropped (no extrapolation)");
        if (nonPositive > 0) notes.Add($"{nonPositive} time(s) with zero revenue or hash rate skipped");
        string source = $"blockchain.com charts {Path.GetFileName(minersRevenueJsonPath)} / {Path.GetFileName(hashRateJsonPath)} ({grid})";
        TimeSpan? bucket = grid == ChainDerivationGrid.DailyUtc ? TimeSpan.FromDays(1) : null;
        return HashpriceSeriesBuilder.Build(rows, read, source, "hashprice derived from blockchain.com chart data", bucket, notes);
    }

    private readonly record struct Sample(DateTime T, double Y);

    /// <summary>Reads one chart file; <paramref name="metric"/> is the chart slug ("hash-rate", "miners-revenue").</summary>
    private static List<Sample> ReadChart(string path, string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Chart file not found: {path}", path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new FormatException($"{path}: not valid JSON ({e.Message}).", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}: expected a JSON object.");
            JsonElement values;
            bool milliseconds;
            if (root.TryGetProperty(metric, out values)) milliseconds = true; // website chart download
            else if (root.TryGetProperty("values", out values))
            {
                milliseconds = false; // Charts API
                string name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
                string expected = metric == "hash-rate" ? "hash rate" : "miners revenue";
                if (name.Length > 0 && !name.Contains(expected, StringComparison.OrdinalIgnoreCase))
                    throw new FormatException($"{path}: chart is '{name}', expected {metric}.");
            }
            else
            {
                string other = root.TryGetProperty("metric1", out var m) ? m.ToString() : "unknown";
                throw new FormatException($"{path}: no '{metric}' or 'values' array (chart '{other}'); is this the {metric} file?");
            }
            if (values.ValueKind != JsonValueKind.Array) throw new FormatException($"{path}: '{metric}' values are not an array.");

            var list = new List<Sample>(values.GetArrayLength());
            int i = 0;
            foreach (var e in values.EnumerateArray())
            {
                if (!e.TryGetProperty("x", out var x) || !e.TryGetProperty("y", out var y)
                    || x.ValueKind != JsonValueKind.Number || y.ValueKind != JsonValueKind.Number)
                    throw new FormatException($"{path}: sample {i} is not {{\"x\":number,\"y\":number}}: {e.GetRawText()}");
                double xv = x.GetDouble(), yv = y.GetDouble();
                long ms = milliseconds ? (long)xv : (long)(xv * 1000);
                if (!double.IsFinite(yv) || yv < 0)
                    throw new FormatException($"{path}: sample {i} has value {e.GetRawText()}; expected a finite number >= 0.");
                list.Add(new Sample(DateTime.UnixEpoch.AddMilliseconds(ms), yv));
                i++;
            }
            list.Sort((a, b) => a.T.CompareTo(b.T));
            for (int k = 1; k < list.Count; k++)
                if (list[k].T == list[k - 1].T)
                    throw new FormatException($"{path}: two samples at {list[k].T.ToString("O", CultureInfo.InvariantCulture)}.");
            return list;
        }
    }

    private static double? Interpolate(List<Sample> s, DateTime t)
    {
        if (t < s[0].T || t > s[^1].T) return null;
        int lo = 0, hi = s.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) >> 1;
            if (s[mid].T <= t) lo = mid; else hi = mid - 1;
        }
        if (s[lo].T == t) return s[lo].Y;
        var a = s[lo];
        var b = s[lo + 1];
        double w = (t - a.T).Ticks / (double)(b.T - a.T).Ticks;
        return a.Y + (b.Y - a.Y) * w;
    }

    private static IEnumerable<DateTime> DailyTimes(DateTime from, DateTime to)
    {
        var d = from.Date == from ? from : from.Date.AddDays(1);
        for (d = DateTime.SpecifyKind(d, DateTimeKind.Utc); d <= to; d = d.AddDays(1)) yield return d;
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
