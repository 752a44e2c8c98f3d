using System.Diagnostics;
using MiningDispatch.App;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Core.Strategies.Threshold;
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
    /// e2e-child OUTDIR: the default backtest's work in a fresh (cold) process, phase by phase, through the same service
    /// as the CLI (<see cref="BacktestService"/>: sample data, HB_WEST real-time, 10 MW, 21.5 W/TH, 2 % pool fee,
    /// threshold rule beside always-on and the optimum, the sample's default market days): load, compute, charts, HTML,
    /// other files (hourly CSV, result and summary JSON), the workbook; one after another (the CLI writes the files beside the charts).
    /// </summary>
    public static int EndToEnd(string[] args)
    {
        if (args.Length != 1) throw new ArgumentException("e2e-child needs OUTDIR.");
        string dir = Path.GetFullPath(args[0]);
        string sample = Path.Combine(RepoPaths.Root, "data", "sample");
        var sw = Stopwatch.StartNew();

        var observer = new PhaseObserver(sw);
        var request = BacktestRequest.Sample(sample, new ThresholdStrategy());
        var model = new BacktestService(observer).RunAsync(request).GetAwaiter().GetResult();
        double load = observer.LoadSeconds;
        double compute = Lap(sw);

        Directory.CreateDirectory(dir);
        var charts = ChartRenderer.RenderAll(model, Path.Combine(dir, "charts"));
        double chartSeconds = Lap(sw);

        File.WriteAllText(Path.Combine(dir, "report.html"), HtmlReport.Render(model));
        double html = Lap(sw);

        HourlyCsv.Write(model.Result, Path.Combine(dir, "hourly.csv"));
        ResultJson.Save(model, Path.Combine(dir, "result.json"));
        JsonExport.WriteSummary(model.Result, Path.Combine(dir, "summary.json"));
        double files = Lap(sw);

        XlsxReport.Write(model, Path.Combine(dir, "report.xlsx"));
        double xlsx = Lap(sw);

        ChildProcess.Report(("load", load), ("compute", compute), ("charts", chartSeconds), ("html", html),
            ("files", files), ("xlsx", xlsx), ("hours", model.Result.Times.Length), ("chart_count", charts.Count));
        return 0;
    }

    /// <summary>Splits the service's time at its "compute" phase: loading before, dispatch and settlement after.</summary>
    private sealed class PhaseObserver(Stopwatch sw) : IRunObserver
    {
        public double LoadSeconds { get; private set; }
        public T RunStep<T>(string title, Func<IProgress<string>, T> work) => work(new Progress<string>());
        public T Load<T>(string title, Func<IProgress<LoadProgress>, T> work) => work(new Progress<LoadProgress>());
        public Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work) => work(new Progress<string>());
        public void Note(string text) { }
        public void Warn(string text) { }
        public void Phase(string name)
        {
            if (name == "compute") LoadSeconds = Lap(sw);
        }
    }

    private static double Lap(Stopwatch sw)
    {
        double s = sw.Elapsed.TotalSeconds;
        sw.Restart();
        return s;
    }
}
