using BenchmarkDotNet.Attributes;
using MiningDispatch.Benchmarks.Data;
using MiningDispatch.Benchmarks.Figures;
using MiningDispatch.Benchmarks.Reference;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Benchmarks.Bdn;

/// <summary>One settlement point's hourly means from a small NP6-905 file (7 days × 1,000 points, about 30 MB): loader vs DuckDB.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class LoaderBenchmarks
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        var points = SettlementPointCatalog.Build(1000);
        var model = new PriceModel(FiguresCommand.FirstDay, 7);
        _path = ErcotCsvGenerator.Ensure(Path.Combine(RepoPaths.Data, "np6905_rt_1000pts_20230101_7d.csv"), model, points, 7).Path;
    }

    [Benchmark(Description = "PriceLoader.Load, HB_WEST, 30 MB")]
    public int Loader() => PriceLoader.Load([_path], new PriceQuery("HB_WEST", PriceMarket.RealTime)).HoursUtc.Length;

    [Benchmark(Baseline = true, Description = "DuckDB read_csv + GROUP BY, HB_WEST, 30 MB")]
    public int DuckDb() => DuckDbHourlyMeans.Query(_path, "HB_WEST").HoursUtc.Length;
}
