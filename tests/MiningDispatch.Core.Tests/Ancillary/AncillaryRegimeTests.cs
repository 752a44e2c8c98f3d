using MiningDispatch.Core.Ancillary;

namespace MiningDispatch.Core.Tests.Ancillary;

/// <summary>The AS market regime (before / from the RTC+B go-live on 5 Dec 2025) and real-time prices on market intervals.</summary>
public class AncillaryRegimeTests
{
    private static DateTime Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("2025-11-01", "2025-11-30", "before RTC+B")]
    [InlineData("2025-12-01", "2025-12-04", "before RTC+B")]
    [InlineData("2025-12-01", "2025-12-31", "both")]
    [InlineData("2025-12-05", "2025-12-31", "RTC+B")]
    [InlineData("2026-01-01", "2026-01-31", "RTC+B")]
    public void A_period_is_before_rtcb_from_it_or_both(string first, string last, string expected) =>
        Assert.Equal(expected, AncillaryProducts.Regime(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void An_hour_takes_the_mean_of_its_four_quarter_hours_and_a_missing_quarter_leaves_it_unpriced()
    {
        var starts = new[] { Utc(2025, 12, 6, 6), Utc(2025, 12, 6, 6, 15), Utc(2025, 12, 6, 6, 30), Utc(2025, 12, 6, 6, 45), Utc(2025, 12, 6, 7) };
        var rt = new AncillaryRealTimePrices(starts, new Dictionary<AncillaryProduct, double[]> { [AncillaryProduct.Rrs] = [1, 2, 3, 6, 10] });
        // Hour 06Z: (1 + 2 + 3 + 6) / 4 = 3. Hour 07Z has one quarter of four: no price.
        var hourly = rt.OnIntervals([Utc(2025, 12, 6, 6), Utc(2025, 12, 6, 7)], 1.0)[AncillaryProduct.Rrs];
        Assert.Equal(3, hourly[0], 12);
        Assert.True(double.IsNaN(hourly[1]));
        // Quarter hours get their own price.
        var quarters = rt.OnIntervals([Utc(2025, 12, 6, 6, 30), Utc(2025, 12, 6, 7)], 0.25)[AncillaryProduct.Rrs];
        Assert.Equal([3.0, 10], quarters);
    }

    [Fact]
    public void Quarter_hours_must_be_utc_on_the_quarter_and_increasing() =>
        Assert.Throws<ArgumentException>(() => new AncillaryRealTimePrices([Utc(2025, 12, 6, 6, 10)],
            new Dictionary<AncillaryProduct, double[]> { [AncillaryProduct.Rrs] = [1] }));
}
