using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Contracts;

public class AncillaryCapacityTests
{
    private static DateTime Utc(int mo, int d, int h) => new(2024, mo, d, h, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// CDT local starts: Jul 31 14:00 (HE15), 15:00 (HE16), 16:00 (HE17), 21:00 (HE22; already Aug 1 in UTC),
    /// Aug 1 14:00 (HE15). 25 MW site.
    /// </summary>
    private static DispatchProblem Problem() => new(
        new MarketSeries(
            [Utc(7, 31, 19), Utc(7, 31, 20), Utc(7, 31, 21), Utc(8, 1, 2), Utc(8, 1, 19)],
            [30, 30, 30, 30, 30],
            [0.06, 0.06, 0.06, 0.06, 0.06]),
        new SiteSpec(new Megawatts(25), new WattsPerTerahash(25)));

    private static readonly double[] Run = [1, 0.5, 0.04, 1, 1];

    [Fact]
    public void Compute_HandComputed_WithMonthHourFloorAndCap()
    {
        var c = new AncillaryCapacityContract
        {
            PriceUsdPerMwHour = 10, MinimumLoadMw = 2, MaxOfferMw = 20,
            Months = [7], HoursEnding = [15, 16, 17, 18, 19, 20], Name = "ERS",
        };
        var r = AncillaryCapacity.Compute(Problem(), Run, c, MarketClock.Ercot);
        // HE15: min(20, 25 − 2) = 20 MW → 200; HE16: 12.5 − 2 = 10.5 MW → 105; HE17: 1 − 2 < 0 → 0;
        // HE22 outside the hours; Aug 1 outside the months.
        Assert.Equal([200.0, 105, 0, 0, 0], r.IncomeUsdByInterval);
        Assert.Equal(305, r.IncomeUsd, 9);
        Assert.Equal(30.5, r.CurtailableMwHours, 9);
        Assert.Equal(3, r.EligibleIntervals);
        Assert.Equal(30.5 / 3, r.AverageCurtailableMw, 9);
        Assert.Equal("ERS", r.Name);
    }

    [Fact]
    public void Compute_PriceSeries_NoFilters()
    {
        var c = new AncillaryCapacityContract { PriceSeriesUsdPerMwHour = [1, 2, 3, 4, 5], MinimumLoadMw = 2, MaxOfferMw = 20 };
        var r = AncillaryCapacity.Compute(Problem(), Run, c, MarketClock.Ercot);
        // MW = [20, 10.5, 0, 20, 20] → 20 + 21 + 0 + 80 + 100.
        Assert.Equal(221, r.IncomeUsd, 9);
        Assert.Equal(5, r.EligibleIntervals);
    }

    [Fact]
    public void Compute_BadSettings_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => AncillaryCapacity.Compute(Problem(), Run,
            new AncillaryCapacityContract { PriceUsdPerMwHour = 1, HoursEnding = [0, 25], Name = "RRS" }, MarketClock.Ercot));
        Assert.Contains("RRS", ex.Message);
        Assert.Contains("1..24", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => AncillaryCapacity.Compute(Problem(), Run,
            new AncillaryCapacityContract { PriceSeriesUsdPerMwHour = [1, 2] }, MarketClock.Ercot));
        Assert.Contains("2 values", ex.Message);
    }
}
