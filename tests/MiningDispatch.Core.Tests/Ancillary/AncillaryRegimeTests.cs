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

/// <summary>Flat monthly AS prices (forecast --as-price) on market intervals.</summary>
public class AncillaryFlatPriceTests
{
    [Fact]
    public void A_months_own_price_wins_over_the_every_month_price_and_a_product_without_either_has_none()
    {
        var jan = new DateOnly(2027, 1, 1);
        var feb = new DateOnly(2027, 2, 1);
        var prices = new List<AncillaryFlatPrice> { new(null, AncillaryProduct.Rrs, 12.5), new(feb, AncillaryProduct.Rrs, 30), new(jan, AncillaryProduct.Ecrs, 8) };
        var p = AncillaryFlatPrice.OnIntervals(prices, [jan, feb]);
        int rrs = AncillaryCoOptimizer.Index(AncillaryProduct.Rrs), ecrs = AncillaryCoOptimizer.Index(AncillaryProduct.Ecrs), nspin = AncillaryCoOptimizer.Index(AncillaryProduct.NonSpin);
        Assert.Equal([12.5, 30], p[rrs]);
        Assert.Equal(8, p[ecrs][0]);
        Assert.True(double.IsNaN(p[ecrs][1]));
        Assert.All(p[nspin], v => Assert.True(double.IsNaN(v)));
    }
}
