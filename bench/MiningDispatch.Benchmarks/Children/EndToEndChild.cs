using System.Diagnostics;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports;
using MiningDispatch.Reports.Charts;

namespace MiningDispatch.Benchmarks.Children;

internal static partial class ChildModes
{
    /// <summary>The sample data of the default <c>mining-dispatch backtest</c> run.</summary>
    public const string SamplePrices = "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv";
    public const string SampleHashprice = "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv";

    /// <summary>
    /// e2e-child OUTDIR: the default backtest's work in a fresh (cold) process, phase by phase, with the same library
    /// calls and defaults as the CLI (sample data, HB_WEST real-time, 10 MW, 21.5 W/TH, 2 % pool fee, threshold rule,
    /// the sample's default market days): load, compute, charts, HTML, other files (hourly CSV, result and summary JSON).
    /// </summary>
    public static int EndToEnd(string[] args)
    {
        if (args.Length != 1) throw new ArgumentException("e2e-child needs OUTDIR.");
        string dir = Path.GetFullPath(args[0]);
        string sample = Path.Combine(RepoPaths.Root, "data", "sample");
        var clock = MarketClock.Ercot;
        var sw = Stopwatch.StartNew();

        var prices = PriceLoader.Load([Path.Combine(sample, SamplePrices)], new PriceQuery("HB_WEST", PriceMarket.RealTime));
        var hashprice = HashpriceCsvLoader.Load(Path.Combine(sample, SampleHashprice));
        double[] hp = HashpriceAligner.ToHourly(hashprice, prices.HoursUtc, HashpriceAlignment.Published, out var coverage);
        double load = Lap(sw);

        // The CLI's default range on the sample data (BacktestSettings.SampleData: 2023-07-06 to 2024-11-15).
        var startDay = new DateOnly(2023, 7, 6);
        var endDay = new DateOnly(2024, 11, 15);
        int a = Array.BinarySearch(prices.HoursUtc, clock.DayStartUtc(startDay)), b = Array.BinarySearch(prices.HoursUtc, clock.DayStartUtc(endDay.AddDays(1)));
        a = a < 0 ? ~a : a;
        b = b < 0 ? ~b : b;
        var market = new MarketSeries(prices.HoursUtc[a..b], prices.PriceUsdPerMWh[a..b], hp[a..b], 1.0, null, prices.SettlementPoint, prices.Market.ToString());
        var site = new SiteSpec(new Megawatts(10), new WattsPerTerahash(21.5), 0.02);
        var result = Backtester.Run(market, site, new ThresholdStrategy(), clock);
        var info = new RunInfo($"MiningDispatch backtest: HB_WEST real-time, {startDay:yyyy-MM-dd} to {endDay:yyyy-MM-dd}",
            [new("Settlement point", "HB_WEST")], [prices.Quality, hashprice.Quality, coverage]);
        var model = new ReportModel(result, info, []);
        double compute = Lap(sw);

        Directory.CreateDirectory(dir);
        var charts = ChartRenderer.RenderAll(model, Path.Combine(dir, "charts"));
        double chartSeconds = Lap(sw);

        File.WriteAllText(Path.Combine(dir, "report.html"), HtmlReport.Render(model));
        double html = Lap(sw);

        HourlyCsv.Write(result, Path.Combine(dir, "hourly.csv"));
        ResultJson.Save(model, Path.Combine(dir, "result.json"));
        JsonExport.WriteSummary(result, Path.Combine(dir, "summary.json"));
        double files = Lap(sw);

        ChildProcess.Report(("load", load), ("compute", compute), ("charts", chartSeconds), ("html", html),
            ("files", files), ("hours", market.Count), ("chart_count", charts.Count));
        return 0;
    }

    private static double Lap(Stopwatch sw)
    {
        double s = sw.Elapsed.TotalSeconds;
        sw.Restart();
        return s;
    }
}
