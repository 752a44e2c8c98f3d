using System.Globalization;
using System.Text;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.App.Tests.Services;

/// <summary>
/// Three settlement points over two July market days (2024-07-01 and 02, CDT = UTC−5), a constant hashprice and a
/// 1 MW site at 25 W/TH without pool fee or adder, so the hour's revenue is 40,000 TH/s × $0.05/TH/day ÷ 24 and the
/// threshold rule runs when the price is below it. Every figure is recomputed here by a plain loop over the rows written.
/// </summary>
public sealed class ScreenServiceTests : IDisposable
{
    private const double HashpriceThDay = ScreenTestFiles.HashpriceThDay, Mw = 1, Efficiency = 25;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly DateTime From = ScreenTestFiles.From; // 2024-07-01 00:00 CDT
    private readonly string _dir = Directory.CreateTempSubdirectory("screen-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Prices by point and hour index 0..47 (NaN = no row).</summary>
    private static double Price(string point, int h) => point switch
    {
        "HB_HUBAVG" => 40 + 7 * (h % 7),
        "HB_WEST" => h % 11 == 0 ? -15 : 20 + 15 * (h % 6),
        // LZ_WEST lacks hours 10..13 (a gap) and has a spike.
        "LZ_WEST" => h is >= 10 and < 14 ? double.NaN : h == 30 ? 900 : 70 - 3 * (h % 9),
        _ => throw new ArgumentOutOfRangeException(nameof(point)),
    };

    private static readonly string[] Points = ["HB_HUBAVG", "HB_WEST", "LZ_WEST"];

    private ScreenRequest Request(string? hub = null) =>
        new(ScreenTestFiles.Market(_dir, Points, 48, (i, h) => Price(Points[i], h), new DateOnly(2024, 7, 2)),
            new SiteRequest { Mw = Mw, Efficiency = Efficiency, PoolFee = 0 }, new ThresholdStrategy(), hub);

    [Fact]
    public async Task Every_figure_of_every_point_matches_a_plain_loop()
    {
        var run = await new ScreenService(SilentObserver.Instance).RunAsync(Request());
        Assert.Equal("HB_HUBAVG", run.Hub);
        Assert.Equal(3, run.Points.Count);
        double revenue = Mw * 1e6 / Efficiency * HashpriceThDay / 24; // $ per hour fully on = breakeven $/MWh at 1 MW
        foreach (var name in Points)
        {
            double profit = 0, alwaysOn = 0, energy = 0, paid = 0, negative = 0, above = 0, window = 0, sum = 0, basis = 0;
            int n = 0, basisN = 0;
            var prices = new List<double>();
            for (int h = 0; h < 48; h++)
            {
                double p = Price(name, h);
                if (double.IsNaN(p)) continue;
                n++;
                prices.Add(p);
                sum += p;
                double run1 = revenue - p > 0 ? 1 : 0;
                profit += run1 * (revenue - p);
                alwaysOn += revenue - p;
                energy += run1;
                paid += run1 * p;
                if (p < 0) negative++;
                if (p > revenue) above++;
                // 4CP window: weekdays in June–September, 15:00–17:30 CDT = 20:00–22:30 UTC: the hours starting 20, 21 and 22 UTC.
                int utcHour = From.AddHours(h).Hour;
                if (utcHour is 20 or 21 or 22) window += run1;
                basis += p - Price("HB_HUBAVG", h);
                basisN++;
            }
            double mean = sum / n;
            double stdev = Math.Sqrt(prices.Sum(p => (p - mean) * (p - mean)) / n);
            var got = run.Points.Single(x => x.SettlementPoint == name);
            Assert.Equal(n, got.Intervals);
            Assert.Equal(48, got.GridIntervals);
            Assert.Equal(profit, got.StrategyProfitUsd, 6);
            Assert.Equal(alwaysOn, got.AlwaysOnProfitUsd, 6);
            Assert.Equal(profit - alwaysOn, got.CurtailmentValueUsd, 6);
            Assert.Equal(energy, got.EnergyMWh, 9);
            Assert.Equal(negative, got.NegativePriceHours, 9);
            Assert.Equal(above, got.HoursAboveBreakeven, 9);
            Assert.Equal(paid / energy, got.AvgPricePaidUsdPerMWh!.Value, 9);
            Assert.Equal(mean, got.MeanPriceUsdPerMWh, 9);
            Assert.Equal(stdev, got.PriceStdevUsdPerMWh, 9);
            Assert.Equal(basis / basisN, got.BasisToHubUsdPerMWh!.Value, 9);
            Assert.Equal(basisN, got.BasisIntervals);
            Assert.Equal(window, got.FourCpWindowMWh, 9);
            Assert.Equal(100.0 * n / 48, got.CoveragePct, 9);
        }
        // Ranked by the strategy's profit, highest first.
        var expectedOrder = run.Points.OrderByDescending(p => p.StrategyProfitUsd).Select(p => p.SettlementPoint).ToList();
        Assert.Equal(expectedOrder, run.Points.Select(p => p.SettlementPoint).ToList());
        // The gap is said.
        Assert.Contains(run.Warnings, w => w.Contains("LZ_WEST", StringComparison.Ordinal) && w.Contains("coverage", StringComparison.Ordinal));
        // ... in counts, so a point missing one interval of thousands never reads "100 %".
        var lz = run.Points.Single(p => p.SettlementPoint == "LZ_WEST");
        Assert.Contains(run.Warnings, w => w.Contains(string.Create(CultureInfo.InvariantCulture, $"LZ_WEST {lz.Intervals:N0} of 48"), StringComparison.Ordinal));
        // The duration curve of the top point runs from its highest to its lowest price.
        var top = run.DurationCurves[0];
        Assert.Equal(run.Points[0].SettlementPoint, top.SettlementPoint);
        var topPrices = Enumerable.Range(0, 48).Select(h => Price(top.SettlementPoint, h)).Where(p => !double.IsNaN(p)).ToList();
        Assert.Equal(topPrices.Max(), top.PricesUsdPerMWh[0]);
        Assert.Equal(topPrices.Min(), top.PricesUsdPerMWh[^1]);
    }

    [Fact]
    public async Task An_unknown_hub_names_the_flag_and_the_points_the_files_hold()
    {
        var ex = await Assert.ThrowsAsync<SettingsException>(() => new ScreenService(SilentObserver.Instance).RunAsync(Request("HB_NOWHERE")));
        Assert.Contains("--hub HB_NOWHERE", ex.Message, StringComparison.Ordinal);
        foreach (var p in Points) Assert.Contains(p, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_is_matched_without_case_and_its_own_basis_is_zero()
    {
        var run = await new ScreenService(SilentObserver.Instance).RunAsync(Request("hb_west"));
        Assert.Equal("HB_WEST", run.Hub);
        Assert.Equal(0, run.Points.Single(p => p.SettlementPoint == "HB_WEST").BasisToHubUsdPerMWh);
    }

    [Theory]
    [InlineData("optimal", "perfect-foresight")]
    [InlineData("day-ahead", "day-ahead prices")]
    public void Strategies_that_cannot_screen_one_point_are_refused_naming_the_flag(string name, string expected)
    {
        var problem = ScreenService.StrategyProblem(name);
        Assert.NotNull(problem);
        Assert.Contains("--strategy", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.Null(ScreenService.StrategyProblem(ThresholdStrategy.StrategyName));
    }
}
