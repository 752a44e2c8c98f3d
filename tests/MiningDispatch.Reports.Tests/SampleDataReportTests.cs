using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Reports.Tests;

/// <summary>
/// End-to-end on the real sample data shipped in data/sample (HB_WEST real-time prices and daily hashprice,
/// 2023-07-06 .. 2024-11-15). Set REPORTS_PREVIEW_DIR to keep the output for a visual check, e.g.
/// <c>REPORTS_PREVIEW_DIR=/tmp/preview dotnet test tests/MiningDispatch.Reports.Tests --filter SampleData</c>.
/// </summary>
public class SampleDataReportTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MiningDispatch.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Repository root (MiningDispatch.slnx) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Minimal reader for the two sample files (the real loaders live in MiningDispatch.Data).</summary>
    internal static MarketSeries LoadSample()
    {
        string dir = Path.Combine(RepoRoot(), "data", "sample");
        var hashprice = new Dictionary<DateOnly, double>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv")).Skip(1))
        {
            var f = line.Split(',');
            hashprice[DateOnly.ParseExact(f[0], "yyyy-MM-dd", Inv)] = double.Parse(f[4], Inv) / 1000.0;
        }
        var clock = MarketClock.Ercot;
        var times = new List<DateTime>();
        var price = new List<double>();
        var hp = new List<double>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv")).Skip(1))
        {
            var f = line.Split(',');
            var utc = DateTime.Parse(f[1], Inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (!hashprice.TryGetValue(clock.MarketDay(utc), out double h)) continue;
            times.Add(utc);
            price.Add(double.Parse(f[3], Inv));
            hp.Add(h);
        }
        return new MarketSeries(times.ToArray(), price.ToArray(), hp.ToArray(), 1.0, null, "HB_WEST", "RT");
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Sample_data_report_renders_and_reconciles()
    {
        var market = LoadSample();
        var site = new SiteSpec(new Megawatts(50), new WattsPerTerahash(21.5), 0.02, new UsdPerMWh(4.5), 0);
        var result = Backtester.Run(market, site, new ThresholdStrategy());
        var info = new RunInfo("HB_WEST real-time, 50 MW at 21.5 W/TH",
            [new("Settlement point", "HB_WEST (real-time, hourly)"), new("Site", "50 MW, 21.5 W/TH, pool fee 2 %, adder $4.50/MWh"),
             new("Strategy", "threshold: run when the hour's margin is positive")],
            [new DataQualityReport("data/sample/ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv", "HB_WEST real-time prices",
                26301, market.Count, 0, SeriesGaps(market), 0, 0, ["Spring-forward hours do not exist; fall-back repeated hours are collapsed."])]);
        var model = new BacktestRun(result, info, []) { WhatIf = new WhatIfInputs(site, ThresholdStrategy.StrategyName, null) };

        string? preview = Environment.GetEnvironmentVariable("REPORTS_PREVIEW_DIR");
        string outDir = string.IsNullOrEmpty(preview) ? TestModels.TempDir() : preview;
        var files = ReportWriter.WriteAll(model, outDir);

        Assert.True(market.Count > 11_000, $"{market.Count} hours loaded");
        Assert.Contains(5257.575, result.Price); // raw file line 1510: 2023-09-07T00:00:00Z,HB_WEST,5257.575 (spike kept)
        var rows = File.ReadLines(files.HourlyCsv).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(market.Count, rows.Count);
        double profit = rows.Sum(r => double.Parse(r[10], Inv));
        Assert.Equal(Math.Round(result.Summary.ProfitUsd, 2), Math.Round(profit, 2));
        // Independent total: the threshold rule keeps every hour with positive margin.
        double hand = 0;
        for (int t = 0; t < market.Count; t++)
        {
            double revenue = 50 * 1e6 / 21.5 * market.HashpriceUsdPerThDay[t] / 24 * 0.98;
            double cost = 50 * (market.PriceUsdPerMWh[t] + 4.5);
            if (revenue - cost > 0) hand += revenue - cost;
        }
        Assert.Equal(Math.Round(hand, 2), Math.Round(profit, 2));
        Assert.All(files.Charts, c => Assert.Equal((1200, 600), Png.ReadSize(c)));
        // The partial plotly bundle (1.4 MB) and the what-if panel's data included, the report stays under 3 MB.
        Assert.InRange(new FileInfo(files.HtmlReport).Length, 1_400_000, 3_000_000);
        Assert.Contains("const whatIfData = ", File.ReadAllText(files.HtmlReport), StringComparison.Ordinal);
        // The 2023-09-06 19:00 CDT spike (5,257.575 + 4.50 adder) is labelled on the clipped price axis.
        string html = File.ReadAllText(files.HtmlReport);
        Assert.Contains("$5,262.0", html);
        // The first market day (2023-07-05) has a single hour and is kept out of the best/worst ranking.
        Assert.Contains("1 partial day(s)", html);
    }

    private static List<DataGap> SeriesGaps(MarketSeries m)
    {
        var gaps = new List<DataGap>();
        for (int i = 1; i < m.Count; i++)
        {
            int missing = (int)Math.Round((m.StartsUtc[i] - m.StartsUtc[i - 1]).TotalHours) - 1;
            if (missing > 0) gaps.Add(new DataGap(m.StartsUtc[i - 1].AddHours(1), m.StartsUtc[i], missing));
        }
        return gaps;
    }
}
