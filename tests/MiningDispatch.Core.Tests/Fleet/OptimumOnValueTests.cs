using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Fleet;

/// <summary>
/// The value of a MW running beyond its energy margin, as the perfect-foresight optimum sees it (DR income, the 4CP
/// charge at known peaks), and the optimum maximising it. Model B of <see cref="SiteComparisonTests"/>: 1000 × 2500 W =
/// 2.5 MW, breakeven 125 $/MWh at hashprice 3/32 $/TH/day and no fee.
/// </summary>
public class OptimumOnValueTests
{
    private const double Tol = 1e-9;
    private static readonly MinerModel B = new("B", 80, 2500);

    [Fact]
    public void Four_cp_peaks_cost_each_mw_running_rate_times_1000_over_the_peaks_of_its_year()
    {
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1, 20), [10, 10, 10, 10, 10, 10], 0.1);
        CoincidentPeak[] peaks =
        [
            new(2024, 7, TestData.Utc(2024, 7, 1, 21), 80_000),
            new(2024, 8, TestData.Utc(2024, 7, 2, 0), 81_000),   // a second peak inside the data (month label as given)
            new(2024, 9, TestData.Utc(2024, 9, 1, 0), 82_000),   // outside the data: ignored, as in the report
        ];
        var v = OptimumOnValue.FromFourCpPeaks(m, peaks, 55);
        // Two peaks of 2024 in the data: a MW at one of them raises the year's tag by 1/2 MW = 500 kW × $55.
        Assert.Equal([0, -27_500, 0, 0, -27_500, 0], v);
    }

    [Fact]
    public void A_peak_known_to_an_hour_of_load_charges_each_quarter_hour_of_it()
    {
        var quarter = new double[8];
        var hp = new double[8];
        Array.Fill(quarter, 10);
        Array.Fill(hp, 0.1);
        var m = TestData.Intervals(TestData.Utc(2024, 7, 1, 20), quarter, hp, 0.25);
        var peaks = new[] { new CoincidentPeak(2024, 7, TestData.Utc(2024, 7, 1, 21), 80_000) { Length = TimeSpan.FromHours(1) } };
        var v = OptimumOnValue.FromFourCpPeaks(m, peaks, 40);
        Assert.Equal([0, 0, 0, 0, -40_000, -40_000, -40_000, -40_000], v);
    }

    [Fact]
    public void Dr_income_per_mw_is_the_curtailable_share_of_the_site_in_eligible_hours()
    {
        // 2024-07-01 00:00 UTC is 19:00 CDT (hour ending 20) on 30 June; hours ending 20 and 21 only.
        var m = TestData.Hourly(TestData.Utc(2024, 7, 1, 0), [10, 10, 10], 0.1);
        var dr = new AncillaryCapacityContract { PriceUsdPerMwHour = 3, MinimumLoadMw = 2, HoursEnding = [20, 21] };
        var v = OptimumOnValue.FromAncillary(m, dr, 10, MarketClock.Ercot);
        // Running the whole 10 MW earns 3 × (10 − 2) per hour: 2.4 per MW.
        Assert.Equal(3 * 8 / 10.0, v[0], Tol);
        Assert.Equal(3 * 8 / 10.0, v[1], Tol);
        Assert.Equal(0, v[2], Tol);
    }

    [Fact]
    public void The_optimum_runs_at_a_small_loss_when_the_value_of_running_pays_for_it()
    {
        // At 130 $/MWh model B loses 5 $/MWh × 2.5 MW = 12.5 per hour. A value of 6 per MW running in hour 0 (15 for
        // 2.5 MW) pays for it: the optimum runs B in hour 0 only. Without on-values it never runs.
        var m = SiteBacktesterTests.Market([130, 130]);
        var site = SiteModel.FromFleet(new FleetSpec([new(B, 1000)]), new SiteCommercials());
        var plain = SiteComparison.Run(m, site, new ThresholdStrategy());
        Assert.Equal([0.0, 0.0], plain.Optimal.Fleet.MwRunning[0]);

        var r = SiteComparison.Run(m, site, site.Problems(m), new ThresholdStrategy(), null, null, [6, 0]);
        Assert.Equal([2.5, 0.0], r.Optimal.Fleet.MwRunning[0], new ToleranceComparer(Tol));
        // Booked on the plain economics (the caller books the extra value); the bound compares energy + on-value.
        Assert.Equal(-12.5, r.Optimal.Fleet.Result.Summary.ProfitUsd, 1e-6);
        Assert.Equal(-12.5 + 15, r.OptimumBound.ProfitAfterRestartsUsd, 1e-6);
        Assert.True(r.OptimumBound.IsExact);
    }

    [Fact]
    public void Deciding_on_the_real_prices_books_exactly_the_strategy_and_on_last_settled_prices_one_interval_late()
    {
        // Prices 100, 130, 100, 130 against B's breakeven 125: the instant rule runs hours 0 and 2; decided on the last
        // settled price (hour 0 keeps its own) it runs hours 0, 1 and 3, and is booked on the real prices.
        var m = SiteBacktesterTests.Market([100, 130, 100, 130]);
        var site = SiteModel.FromFleet(new FleetSpec([new(B, 1000)]), new SiteCommercials());
        var same = SiteBacktester.RunDecidedOn(m, m, site, new ThresholdStrategy());
        var direct = SiteBacktester.Run(m, site, new ThresholdStrategy());
        Assert.Equal(direct.Result.Summary.ProfitUsd, same.Result.Summary.ProfitUsd);

        var late = SiteBacktester.RunDecidedOn(m, m.LastSettledPrices(), site, new ThresholdStrategy());
        Assert.Equal([2.5, 2.5, 0.0, 2.5], late.MwRunning[0], new ToleranceComparer(Tol));
        Assert.Equal(2.5 * (25 - 5 - 5), late.Result.Summary.ProfitUsd, 1e-6);
    }

    private sealed class ToleranceComparer(double tol) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tol;
        public int GetHashCode(double obj) => 0;
    }
}
