using System.Globalization;
using System.Text.Json;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Data.Hashprice;

/// <summary>Time grid of a hashprice series derived from chain data.</summary>
public enum ChainDerivationGrid
{
    /// <summary>One point per miners-revenue sample (hash rate interpolated onto it).</summary>
    RevenueSamples,
    /// <summary>One point per UTC midnight where both series are defined (both interpolated).</summary>
    DailyUtc,
}

/// <summary>How a hashprice series was derived from a folder of chain chart files.</summary>
public enum ChainMethod
{
    /// <summary>miners-revenue (USD/day, subsidy + fees) ÷ hash-rate (TH/s).</summary>
    MinersRevenue,
    /// <summary>(subsidy + fees per block) × market-price × 86,400 × 1e12 / (difficulty × 2^32).</summary>
    Difficulty,
    /// <summary>144 × (subsidy + fees per block) × market-price ÷ hash-rate (TH/s).</summary>
    HashRate,
}

/// <summary>
/// Free hashprice from public chain data (doc §5), from blockchain.com chart files. Three file shapes are read:
/// the Charts API (<c>{"values":[{"x":unix seconds,"y":..}], "unit":..}</c>), the website chart download
/// (<c>{"metric1":"hash-rate","hash-rate":[{"x":unix ms,"y":..}], ...}</c>) and the website "Download CSV"
/// (header <c>"x","y"</c>, x in unix ms, optional BOM). The first file named is the output grid; the others are
/// linearly interpolated onto it <em>before</em> the values are combined (the 7-day-average downloads sit on grids
/// offset by 2 days); output times outside any series' range are dropped, never extrapolated. Samples where an input
/// is zero (early 2009) are skipped and counted in the notes.
/// <para>
/// <see cref="FromFolder"/> picks the method from the files present (README "Hashprice from chain data"):
/// miners-revenue ÷ hash-rate when miners' revenue is there (subsidy and fees as paid); else the difficulty formula
/// with the subsidy schedule (<see cref="BlockReward"/>) and the BTC price; else the hash-rate formula with 144
/// blocks a day. Without a transaction-fees file the last two are subsidy only, and the series says so
/// (<see cref="HashpriceSeries.Caveat"/>).
/// </para>
/// </summary>
public static class ChainDataHashprice
{
    /// <summary>Chart names (file names without extension) read from a chain data folder.</summary>
    public const string MinersRevenueChart = "miners-revenue", HashRateChart = "hash-rate", DifficultyChart = "difficulty",
        MarketPriceChart = "market-price", TransactionFeesChart = "transaction-fees";

    private static readonly string[] Extensions = [".json", ".csv"];

    private static readonly string[] Charts = [MinersRevenueChart, HashRateChart, DifficultyChart, MarketPriceChart, TransactionFeesChart];

    /// <summary>Derives hashprice from a miners-revenue file and a hash-rate file.</summary>
    public static HashpriceSeries FromBlockchainComCharts(
        string minersRevenueJsonPath, string hashRateJsonPath, ChainDerivationGrid grid = ChainDerivationGrid.RevenueSamples)
    {
        var revenue = ReadChart(minersRevenueJsonPath, MinersRevenueChart);
        var hashRate = ReadChart(hashRateJsonPath, HashRateChart);
        if (revenue.Samples.Count == 0)
            throw new FormatException($"{minersRevenueJsonPath}: not enough miners-revenue samples ({revenue.Samples.Count}).");
        if (hashRate.Samples.Count == 0) throw new FormatException($"{hashRateJsonPath}: no hash-rate samples.");

        IEnumerable<DateTime> times = grid == ChainDerivationGrid.RevenueSamples
            ? revenue.Samples.Select(p => p.T)
            : DailyTimes(Max(revenue.Samples[0].T, hashRate.Samples[0].T), Min(revenue.Samples[^1].T, hashRate.Samples[^1].T));
        string source = $"blockchain.com charts {Path.GetFileName(minersRevenueJsonPath)} / {Path.GetFileName(hashRateJsonPath)} ({grid})";
        TimeSpan? bucket = grid == ChainDerivationGrid.DailyUtc ? TimeSpan.FromDays(1) : null;
        const string method = "USD/TH/day = miners-revenue (USD/day) / hash-rate (TH/s), linear interpolation before dividing";
        var series = Derive([revenue, hashRate], times, (_, v) => v[0] / v[1], source, bucket, method,
            "Expected miners' revenue in USD/day and hash rate in TH/s.");
        return new HashpriceSeries(series.Points, series.Bucket, series.Source, series.Quality) { Method = method };
    }

    /// <summary>
    /// Derives hashprice from the chart files in <paramref name="folder"/>: <c>&lt;chart&gt;.json</c> or
    /// <c>&lt;chart&gt;.csv</c> for the charts miners-revenue, hash-rate, difficulty, market-price and transaction-fees.
    /// Throws <see cref="DirectoryNotFoundException"/> or <see cref="FormatException"/> naming the folder or file.
    /// </summary>
    public static HashpriceSeries FromFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Chain data folder not found: {folder}");
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chart in Charts)
        {
            var found = Extensions.Select(ext => Path.Combine(folder, chart + ext)).Where(File.Exists).ToList();
            if (found.Count > 1) throw new FormatException($"{folder}: both {chart}.json and {chart}.csv are there; keep one.");
            if (found.Count == 1) files[chart] = found[0];
        }
        string? Get(string chart) => files.GetValueOrDefault(chart);
        string Need(string chart, string why) => Get(chart) ?? throw new FormatException(
            $"{folder}: no {chart}.json or {chart}.csv, needed {why}. The folder holds: {(files.Count == 0 ? "no chart files" : string.Join(", ", files.Values.Select(Path.GetFileName)))}. " +
            "Expected blockchain.com chart files named miners-revenue, hash-rate, difficulty, market-price, transaction-fees (.json or .csv).");

        if (Get(MinersRevenueChart) is { } revenue)
        {
            var s = FromBlockchainComCharts(revenue, Need(HashRateChart, "with miners-revenue (hashprice = miners' revenue / hash rate)"));
            return new HashpriceSeries(s.Points, s.Bucket, $"blockchain.com charts in {folder}: {Path.GetFileName(revenue)} / {Path.GetFileName(Get(HashRateChart))}", s.Quality)
            {
                Method = "miners-revenue (USD/day, subsidy + fees as paid) / hash-rate (TH/s); hash rate interpolated onto the revenue samples",
            };
        }
        string price = Need(MarketPriceChart, "with difficulty or hash-rate when there is no miners-revenue file");
        if (Get(DifficultyChart) is { } difficulty) return FromDifficulty(difficulty, price, Get(TransactionFeesChart), Get(HashRateChart));
        return FromHashRate(Need(HashRateChart, "(or difficulty) with market-price"), price, Get(TransactionFeesChart));
    }

    /// <summary>
    /// USD/TH/day = (subsidy + fees per block) × BTC price × 86,400 × 1e12 / (difficulty × 2^32) on the difficulty
    /// samples; subsidy from the halving schedule at 12:00 UTC of the sample's day. Fees per block = transaction-fees
    /// (BTC/day) ÷ the blocks of the day (implied by hash-rate and difficulty when a hash-rate file is given, else 144).
    /// Without fees the value is subsidy only (<see cref="HashpriceSeries.Caveat"/>).
    /// </summary>
    public static HashpriceSeries FromDifficulty(string difficultyPath, string marketPricePath, string? transactionFeesPath = null, string? hashRatePath = null)
    {
        var charts = new List<Chart> { ReadChart(difficultyPath, DifficultyChart), ReadChart(marketPricePath, MarketPriceChart) };
        if (transactionFeesPath is not null)
        {
            charts.Add(ReadChart(transactionFeesPath, TransactionFeesChart) with { MayBeZero = true });
            if (hashRatePath is not null) charts.Add(ReadChart(hashRatePath, HashRateChart));
        }
        bool fees = transactionFeesPath is not null, implied = fees && hashRatePath is not null;
        string method = "(subsidy + fees per block) × market-price × 86,400 × 1e12 / (difficulty × 2^32); subsidy 50 BTC halved every 210,000 blocks, " +
            "taken at 12:00 UTC of each sample's day; other series interpolated onto the difficulty samples" +
            (!fees ? "" : implied ? "; fees per block = transaction-fees (BTC/day) / blocks implied by hash-rate and difficulty" : "; fees per block = transaction-fees (BTC/day) / 144");
        double Value(DateTime t, double[] v)
        {
            double feesPerBlock = !fees ? 0 : v[2] / (implied ? BlockReward.ImpliedBlocksPerDay(v[3], v[0]) : BlockReward.TargetBlocksPerDay);
            return BlockReward.HashpriceFromDifficulty(BlockReward.SubsidyBtcOnDay(t), feesPerBlock, v[1], v[0]);
        }
        return Finish(charts, Value, method, fees);
    }

    /// <summary>
    /// USD/TH/day = 144 × (subsidy + fees per block) × BTC price ÷ hash rate (TH/s) on the hash-rate samples, fees per
    /// block = transaction-fees (BTC/day) ÷ 144. Without fees the value is subsidy only.
    /// </summary>
    public static HashpriceSeries FromHashRate(string hashRatePath, string marketPricePath, string? transactionFeesPath = null)
    {
        var charts = new List<Chart> { ReadChart(hashRatePath, HashRateChart), ReadChart(marketPricePath, MarketPriceChart) };
        if (transactionFeesPath is not null) charts.Add(ReadChart(transactionFeesPath, TransactionFeesChart) with { MayBeZero = true });
        bool fees = transactionFeesPath is not null;
        string method = "144 blocks/day × (subsidy + fees per block) × market-price / hash-rate (TH/s); subsidy 50 BTC halved every 210,000 blocks, " +
            "taken at 12:00 UTC of each sample's day; other series interpolated onto the hash-rate samples" +
            (fees ? "; fees per block = transaction-fees (BTC/day) / 144" : "");
        double Value(DateTime t, double[] v) => BlockReward.HashpriceFromHashRate(BlockReward.TargetBlocksPerDay, BlockReward.SubsidyBtcOnDay(t),
            fees ? v[2] / BlockReward.TargetBlocksPerDay : 0, v[1], v[0]);
        return Finish(charts, Value, method, fees);
    }

    private static HashpriceSeries Finish(List<Chart> charts, Func<DateTime, double[], double> value, string method, bool fees)
    {
        string names = string.Join(" / ", charts.Select(c => Path.GetFileName(c.Path)));
        string folder = Path.GetDirectoryName(Path.GetFullPath(charts[0].Path)) ?? "";
        string source = $"blockchain.com charts in {folder}: {names}" + (fees ? "" : " (subsidy only)");
        var s = Derive(charts, charts[0].Samples.Select(p => p.T), value, source, null, method,
            "Expected difficulty as a raw number, market-price in USD, hash rate in TH/s and transaction fees in BTC/day.");
        string? caveat = fees ? null
            : $"Hashprice from {names} is SUBSIDY ONLY: no transaction-fees or miners-revenue file, so transaction fees are left out " +
              "(about 1-3 % of miners' revenue in 2024-2025, far more on days like the 2024-04-20 halving) and hashprice is understated.";
        var quality = caveat is null ? s.Quality : s.Quality with { Notes = [.. s.Quality.Notes, "subsidy only: transaction fees not included"] };
        return new HashpriceSeries(s.Points, s.Bucket, s.Source, quality) { Method = method, Caveat = caveat };
    }

    /// <summary>One chart file: its path, slug and samples (sorted, distinct times).</summary>
    private sealed record Chart(string Path, string Metric, List<Sample> Samples)
    {
        /// <summary>True for series that are legitimately zero (fees); a zero elsewhere skips the sample.</summary>
        public bool MayBeZero { get; init; }
    }

    private static HashpriceSeries Derive(IReadOnlyList<Chart> charts, IEnumerable<DateTime> times, Func<DateTime, double[], double> value,
        string source, TimeSpan? bucket, string method, string unitsHint)
    {
        foreach (var c in charts)
            if (c.Samples.Count == 0) throw new FormatException($"{c.Path}: no {c.Metric} samples.");
        var rows = new List<HashpriceRow>();
        int outside = 0, nonPositive = 0, read = 0;
        var v = new double[charts.Count];
        foreach (var t in times)
        {
            read++;
            bool inside = true, positive = true;
            for (int i = 0; i < charts.Count && inside; i++)
            {
                if (Interpolate(charts[i].Samples, t) is { } y)
                {
                    v[i] = y;
                    if (!(y > 0) && !charts[i].MayBeZero) positive = false;
                }
                else inside = false;
            }
            if (!inside) { outside++; continue; }
            if (!positive) { nonPositive++; continue; }
            double hp;
            try { hp = value(t, v); }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{charts[0].Path}: sample at {HashpriceSeries.Fmt(t)} is on or after {BlockReward.KnownUntilUtc:yyyy-MM-dd}, when the block subsidy depends on the date of the halving at block 1,050,000, which is not known yet; end the chart data before then."), ex);
            }
            rows.Add(new HashpriceRow(t, hp, $"{Path.GetFileName(charts[0].Path)} sample {HashpriceSeries.Fmt(t)}"));
        }
        string all = string.Join(" and ", charts.Select(c => c.Path));
        if (rows.Count == 0)
            throw new FormatException($"{all}: no time where every series is defined and positive.");
        if (HashpriceSanity.Problem(rows.Select(r => (r.TimestampUtc, r.UsdPerThDay)).ToList()) is { } problem)
            throw new FormatException($"{all}: {problem}. {unitsHint}");
        var notes = new List<string> { "USD/TH/day = " + method };
        if (outside > 0) notes.Add($"{outside} time(s) outside the range of one of the series dropped (no extrapolation)");
        if (nonPositive > 0) notes.Add($"{nonPositive} time(s) with a zero input (revenue, hash rate, difficulty or price) skipped");
        return HashpriceSeriesBuilder.Build(rows, read, source, "hashprice derived from blockchain.com chart data", bucket, notes);
    }

    private readonly record struct Sample(DateTime T, double Y);

    /// <summary>Reads one chart file (.csv: the website "Download CSV"; otherwise JSON); <paramref name="metric"/> is the chart slug.</summary>
    private static Chart ReadChart(string path, string metric)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Chart file not found: {path}", path);
        var list = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path) : ReadJson(path, metric);
        list.Sort((a, b) => a.T.CompareTo(b.T));
        for (int k = 1; k < list.Count; k++)
            if (list[k].T == list[k - 1].T)
                throw new FormatException($"{path}: two samples at {list[k].T.ToString("O", CultureInfo.InvariantCulture)}.");
        return new Chart(path, metric, list);
    }

    private static List<Sample> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path); // strips a UTF-8 BOM
        if (lines.Length == 0) throw new FormatException($"{path}: empty file; expected a header \"x\",\"y\" and rows of unix milliseconds and values.");
        static string Cell(string c) => c.Trim().Trim('"').Trim();
        var header = lines[0].Split(',').Select(Cell).ToArray();
        if (header.Length != 2 || header[0] != "x" || header[1] != "y")
            throw new FormatException($"{path} line 1: header is '{lines[0]}'; expected \"x\",\"y\" (blockchain.com chart CSV download).");
        var list = new List<Sample>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0) continue;
            var f = lines[i].Split(',');
            if (f.Length != 2
                || !long.TryParse(Cell(f[0]), NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms)
                || !double.TryParse(Cell(f[1]), NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
                throw new FormatException($"{path} line {i + 1}: '{lines[i]}' is not \"unix milliseconds\",\"number\".");
            if (!double.IsFinite(y) || y < 0)
                throw new FormatException($"{path} line {i + 1}, column y: value {Cell(f[1])}; expected a finite number >= 0.");
            list.Add(new Sample(DateTime.UnixEpoch.AddMilliseconds(ms), y));
        }
        return list;
    }

    private static readonly Dictionary<string, string> ApiNames = new(StringComparer.Ordinal)
    {
        [HashRateChart] = "hash rate",
        [MinersRevenueChart] = "miners revenue",
        [DifficultyChart] = "difficulty",
        [MarketPriceChart] = "market price",
        [TransactionFeesChart] = "transaction fees",
    };

    private static List<Sample> ReadJson(string path, string metric)
    {
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
                string expected = ApiNames[metric];
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
