using System.Globalization;
using System.Text;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.App.Tests.Services;

/// <summary>
/// More points than the report draws curves for (<see cref="ScreenRequest.DurationCurvePoints"/>), screened by one worker
/// and by several: every figure, the ranking and the curves must be the same to the bit, and the curves must be those
/// of the top-ranked points, recomputed here from the prices written.
/// </summary>
public sealed class ScreenServiceParallelTests : IDisposable
{
    private const int PointCount = 37, Hours = 72;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = Directory.CreateTempSubdirectory("screen-par-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Name(int i) => $"P{i:00}";

    /// <summary>Price of point i in hour h: a different level and swing per point, and point 5 lacks hours 20..29.</summary>
    private static double Price(int i, int h) => i == 5 && h is >= 20 and < 30 ? double.NaN : 10 + (i * 7 % 23) + ((h * (i + 3)) % 17) * (i % 4 == 0 ? 9 : 5) - (h % 13 == 0 ? 60 : 0);

    private ScreenRequest Request() =>
        new(ScreenTestFiles.Market(_dir, [.. Enumerable.Range(0, PointCount).Select(Name)], Hours, Price, new DateOnly(2024, 7, 3)),
            new SiteRequest { Mw = 1, Efficiency = 25, PoolFee = 0 }, new ThresholdStrategy(), "P00");

    private static string Bits(ScreenRun run) => string.Join("\n",
        run.Points.Select(p => string.Join(",", p.SettlementPoint, p.Intervals, p.GridIntervals, B(p.Hours), B(p.StrategyProfitUsd), B(p.AlwaysOnProfitUsd), B(p.EnergyMWh),
            B(p.UptimePct), B(p.NegativePriceHours), B(p.HoursAboveBreakeven), B(p.AvgPricePaidUsdPerMWh ?? double.NaN), B(p.MeanPriceUsdPerMWh),
            B(p.PriceStdevUsdPerMWh), B(p.BasisToHubUsdPerMWh ?? double.NaN), p.BasisIntervals, B(p.FourCpWindowMWh)))
        .Concat(run.DurationCurves.Select(c => c.SettlementPoint + ":" + string.Join(",", c.PricesUsdPerMWh.Select(B)))));

    private static string B(double x) => BitConverter.DoubleToInt64Bits(x).ToString("X16", Ci);

    [Fact]
    public async Task One_worker_and_several_give_the_same_figures_ranking_and_curves_to_the_bit()
    {
        var request = Request();
        var one = await new ScreenService(SilentObserver.Instance) { MaxDegreeOfParallelism = 1 }.RunAsync(request);
        Assert.Equal(PointCount, one.Points.Count);
        string expected = Bits(one);
        foreach (int workers in new[] { 2, 3, 8 })
        {
            var many = await new ScreenService(SilentObserver.Instance) { MaxDegreeOfParallelism = workers }.RunAsync(request);
            Assert.Equal(expected, Bits(many));
        }
    }

    [Fact]
    public async Task The_curves_are_the_top_points_in_rank_order_from_their_own_prices()
    {
        var run = await new ScreenService(SilentObserver.Instance) { MaxDegreeOfParallelism = 2 }.RunAsync(Request());
        // The ranking by a plain loop: threshold profit = Σ max(0, revenue − price) over the hours the point has.
        double revenue = 1e6 / 25 * 0.05 / 24;
        var byProfit = Enumerable.Range(0, PointCount)
            .Select(i => (Name: Name(i), Profit: Enumerable.Range(0, Hours).Select(h => Price(i, h)).Where(p => !double.IsNaN(p)).Sum(p => Math.Max(0, revenue - p))))
            .OrderByDescending(x => x.Profit).ThenBy(x => x.Name, StringComparer.Ordinal).ToList();
        var topNames = byProfit.Take(ScreenRequest.DurationCurvePoints).Select(x => x.Name).ToList();
        Assert.Equal(topNames, run.DurationCurves.Select(c => c.SettlementPoint).ToList());
        foreach (var curve in run.DurationCurves)
        {
            int i = int.Parse(curve.SettlementPoint[1..], Ci);
            var sorted = Enumerable.Range(0, Hours).Select(h => Price(i, h)).Where(p => !double.IsNaN(p)).OrderByDescending(p => p).ToList();
            Assert.Equal(101, curve.PricesUsdPerMWh.Count);
            for (int s = 0; s <= 100; s++)
                Assert.Equal(sorted[(int)Math.Round(s * (sorted.Count - 1) / 100.0)], curve.PricesUsdPerMWh[s]);
        }
    }

    [Fact]
    public void Fewer_than_one_worker_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScreenService(SilentObserver.Instance) { MaxDegreeOfParallelism = 0 });
}
