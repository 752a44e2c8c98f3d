using System.Globalization;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Environment the runner reads: variables and whether a person is at a terminal.</summary>
public sealed record CliEnvironment(Func<string, string?> GetVariable, bool Interactive)
{
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable,
        !Console.IsInputRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
}

/// <summary>
/// The backtest pipeline: settings -> load prices and hashprice -> align to UTC hours -> dispatch -> tables and reports.
/// </summary>
public sealed class BacktestRunner(IAnsiConsole console, CliEnvironment env)
{
    private static readonly MarketClock Clock = MarketClock.Ercot;

    public async Task<int> RunAsync(BacktestSettings given, bool noReport, CancellationToken ct)
    {
        var problems = given.Problems();
        if (problems.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, problems));
        bool sample = given.UsesSampleData;
        var s = given.WithDefaults(sample || given.Prices is not { Count: > 0 } || given.Hashprice is null ? SampleData.FindDirectory() : "");
        var site = new SiteSpec(new Megawatts(s.Mw!.Value), new WattsPerTerahash(s.Efficiency!.Value), s.PoolFee!.Value,
            new UsdPerMWh(s.Adder!.Value), s.MinProfit!.Value);
        site.Validate();
        if (sample) console.MarkupLine("[grey]No data flags given: using the real sample data in data/sample (HB_WEST real-time, daily hashprice).[/]");

        // 1. Prices.
        bool? rt = s.Market is null ? null : BacktestSettings.ParseMarket(s.Market);
        var query = new PriceQuery(s.SettlementPoint!, rt is null ? null : rt.Value ? PriceMarket.RealTime : PriceMarket.DayAhead);
        PriceLoadResult prices = ProgressRunner.Run(console, env.Interactive, "Loading prices",
            progress => PriceLoader.Load(s.Prices!, query, progress, ct));
        if (prices.HoursUtc.Length == 0) throw new SettingsException($"No {s.SettlementPoint} prices found in {string.Join(", ", s.Prices!)}.");
        DateOnly priceFirst = Clock.MarketDay(prices.HoursUtc[0]), priceLast = Clock.MarketDay(prices.HoursUtc[^1]);
        CheckRequestedRange(s, priceFirst, priceLast, "Prices", string.Join(", ", prices.Files));

        // 2. Hashprice.
        HashpriceSeries hashprice = await LoadHashpriceAsync(s, s.Start ?? priceFirst, s.End ?? priceLast, ct);
        var alignment = string.Equals(s.HashpriceAlignment, "period-start", StringComparison.OrdinalIgnoreCase)
            ? HashpriceAlignment.PeriodStart : HashpriceAlignment.Published;
        double[] hpAll = HashpriceAligner.ToHourly(hashprice, prices.HoursUtc, alignment, out var hpCoverage);

        // 3. Date range: requested, or the market days both inputs cover.
        var (start, end) = ResolveRange(s, prices.HoursUtc, hpAll, hashprice);
        DateTime fromUtc = Clock.DayStartUtc(start), toUtc = Clock.DayStartUtc(end.AddDays(1));
        int a = LowerBound(prices.HoursUtc, fromUtc), b = LowerBound(prices.HoursUtc, toUtc);
        if (b <= a) throw new SettingsException($"No price hours between {start:yyyy-MM-dd} and {end:yyyy-MM-dd}.");
        var uncovered = new List<DateTime>();
        for (int i = a; i < b; i++) if (double.IsNaN(hpAll[i])) uncovered.Add(prices.HoursUtc[i]);
        if (uncovered.Count > 0)
            throw new SettingsException(
                $"Hashprice ({hashprice.Source}) does not cover {uncovered.Count} of the {b - a} hours from {start:yyyy-MM-dd} to {end:yyyy-MM-dd} " +
                $"(first uncovered hour {uncovered[0]:yyyy-MM-dd HH:mm}Z, last {uncovered[^1]:yyyy-MM-dd HH:mm}Z). " +
                $"Hashprice points run from {hashprice.Points[0].TimestampUtc:yyyy-MM-dd} to {hashprice.Points[^1].TimestampUtc:yyyy-MM-dd}; choose --start/--end inside that.");

        var hours = prices.HoursUtc.AsSpan(a, b - a).ToArray();
        // Coverage of the hashprice over the hours actually backtested (not the whole price file).
        HashpriceAligner.ToHourly(hashprice, hours, alignment, out hpCoverage);
        var market = new MarketSeries(hours, prices.PriceUsdPerMWh.AsSpan(a, b - a).ToArray(), hpAll.AsSpan(a, b - a).ToArray(),
            1.0, null, prices.SettlementPoint, prices.Market.ToString());

        // 4. Dispatch.
        IDispatchStrategy strategy = new ThresholdStrategy();
        var result = Backtester.Run(market, site, strategy, Clock);

        // 5. Output.
        var info = new RunInfo($"MiningDispatch backtest: {prices.SettlementPoint} {MarketLabel(prices.Market)}, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}",
            Inputs(s, site, prices, hashprice, alignment, start, end, strategy),
            [prices.Quality, hashprice.Quality, hpCoverage]);
        SummaryTables.Write(console, result, info);

        if (!noReport)
        {
            var files = ProgressRunner.Run(console, env.Interactive, "Writing charts and report",
                progress => ReportWriter.WriteAll(new ReportModel(result, info, []), s.Out!, progress));
            console.MarkupLine($"Report: [link]{Markup.Escape(Path.GetFullPath(files.HtmlReport))}[/]");
            console.MarkupLine($"Hourly CSV: {Markup.Escape(Path.GetFullPath(files.HourlyCsv))}; charts: {files.Charts.Count} PNG in {Markup.Escape(Path.GetFullPath(Path.Combine(s.Out!, "charts")))}");
        }
        if (s.Json is { } json)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(json));
            if (dir is not null) Directory.CreateDirectory(dir);
            JsonExport.WriteSummary(result, json);
            console.MarkupLine($"Summary JSON: {Markup.Escape(Path.GetFullPath(json))}");
        }
        return ExitCodes.Ok;
    }

    private async Task<HashpriceSeries> LoadHashpriceAsync(BacktestSettings s, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (s.HashpriceSource is { } src && src.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase))
        {
            string? key = env.GetVariable("HASHRATEINDEX_API_KEY") is { Length: > 0 } k ? k : s.HashrateIndexApiKey;
            if (string.IsNullOrWhiteSpace(key))
                throw new SettingsException("--hashprice-source hashrateindex needs an API key: set HASHRATEINDEX_API_KEY or put \"hashrateIndexApiKey\" in the --config file.");
            string? baseUrl = env.GetVariable("HASHRATEINDEX_BASE_URL") is { Length: > 0 } u ? u : s.HashrateIndexBaseUrl;
            var options = new HashrateIndexOptions
            {
                ApiKey = key,
                CacheDirectory = s.CacheDir ?? (env.GetVariable("MINING_DISPATCH_CACHE_DIR") is { Length: > 0 } c ? c : null),
            };
            if (baseUrl is not null) options = options with { BaseUrl = new Uri(baseUrl) };
            using var client = new HashrateIndexClient(options);
            return await ProgressRunner.RunAsync(console, env.Interactive, "Fetching hashprice from Hashrate Index",
                progress => client.GetHashpriceAsync(from, to, ct, progress));
        }
        string path = s.Hashprice ?? throw new SettingsException("No hashprice given: pass --hashprice FILE or --hashprice-source hashrateindex.");
        HashpriceUnit? unit = s.HashpriceUnit is null ? null : BacktestSettings.ParseHashpriceUnit(s.HashpriceUnit) == true ? HashpriceUnit.UsdPerThDay : HashpriceUnit.UsdPerPhDay;
        return HashpriceCsvLoader.Load(path, unit);
    }

    private static void CheckRequestedRange(BacktestSettings s, DateOnly first, DateOnly last, string what, string source)
    {
        if (s.Start is { } st && st > last || s.End is { } en && en < first)
            throw new SettingsException($"{what} in {source} cover {first:yyyy-MM-dd} to {last:yyyy-MM-dd}; the requested range {Day(s.Start)} to {Day(s.End)} lies outside it.");
    }

    private static (DateOnly Start, DateOnly End) ResolveRange(BacktestSettings s, DateTime[] hours, double[] hp, HashpriceSeries series)
    {
        if (s.Start is { } st && s.End is { } en) return (st, en);
        int first = Array.FindIndex(hp, v => !double.IsNaN(v));
        int last = Array.FindLastIndex(hp, v => !double.IsNaN(v));
        if (first < 0)
            throw new SettingsException(
                $"The hashprice ({series.Source}, {Day(series.Points.FirstOrDefault()?.TimestampUtc)} to {Day(series.Points.LastOrDefault()?.TimestampUtc)}) " +
                $"does not overlap the prices ({hours[0]:yyyy-MM-dd} to {hours[^1]:yyyy-MM-dd}).");
        // Whole market days only: a partly covered first or last day is dropped.
        DateOnly start = Clock.MarketDay(hours[first]);
        if (Clock.DayStartUtc(start) < hours[first]) start = start.AddDays(1);
        DateOnly end = Clock.MarketDay(hours[last]);
        if (hours[last].AddHours(1) < Clock.DayStartUtc(end.AddDays(1))) end = end.AddDays(-1);
        // A hashprice value is not carried past the period it describes by default: stop at the market day holding
        // the last hour of the last hashprice period.
        if (series.Points.Count > 0)
        {
            var lastPeriodHour = series.Points[^1].TimestampUtc + series.Bucket - TimeSpan.FromHours(1);
            DateOnly hpEnd = Clock.MarketDay(lastPeriodHour);
            if (hpEnd < end) end = hpEnd;
        }
        if (end < start) { start = Clock.MarketDay(hours[first]); end = Clock.MarketDay(hours[last]); }
        return (s.Start ?? start, s.End ?? end);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> Inputs(BacktestSettings s, SiteSpec site, PriceLoadResult prices,
        HashpriceSeries hp, HashpriceAlignment alignment, DateOnly start, DateOnly end, IDispatchStrategy strategy)
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        var ci = CultureInfo.InvariantCulture;
        return
        [
            P("Date range (market days, CPT)", $"{start:yyyy-MM-dd} to {end:yyyy-MM-dd} (inclusive)"),
            P("Settlement point", prices.SettlementPoint),
            P("Market", MarketLabel(prices.Market)),
            P("Price files", string.Join("; ", prices.Files.Select(Path.GetFileName))),
            P("Price layouts", string.Join("; ", prices.Layouts)),
            P("Hashprice source", hp.Source),
            P("Hashprice alignment", alignment == HashpriceAlignment.Published
                ? "published: an hour uses the latest value published at or before its start"
                : "period-start: a value applies from its own timestamp"),
            P("Facility size", site.Capacity.Value.ToString("0.###", ci) + " MW"),
            P("Efficiency", site.Efficiency.Value.ToString("0.###", ci) + " W/TH"),
            P("Hashrate", (site.Hashrate.Value / 1000).ToString("#,0.###", ci) + " PH/s"),
            P("Pool fee", (site.PoolFee * 100).ToString("0.###", ci) + " %"),
            P("Power price adder", site.Adder.Value.ToString("0.00", ci) + " $/MWh"),
            P("Minimum profit to run", site.MinProfitUsdPerHour.ToString("#,0.00", ci) + " $/h"),
            P("Strategy", strategy.Name),
        ];
    }

    internal static string MarketLabel(PriceMarket m) => m == PriceMarket.RealTime ? "real-time" : "day-ahead";
    private static string Day(DateTime? d) => d is null ? "?" : d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Day(DateOnly? d) => d is null ? "(open)" : d.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int LowerBound(DateTime[] a, DateTime t)
    {
        int i = Array.BinarySearch(a, t);
        return i >= 0 ? i : ~i;
    }
}
