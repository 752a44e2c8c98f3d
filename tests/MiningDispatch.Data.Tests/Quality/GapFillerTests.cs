using MiningDispatch.Core.Series;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.Data.Tests.Quality;

public sealed class GapFillerTests
{
    private static DateTime H(int day, int hour) => new(2024, 3, day, hour, 0, 0, DateTimeKind.Utc);

    // Hours 00, 01, [02 03 missing], 04, [05 missing], 06, [07..11 missing: 5 h], 12 on 2024-03-01.
    private static readonly DateTime[] Hours = [H(1, 0), H(1, 1), H(1, 4), H(1, 6), H(1, 12)];
    private static readonly double[] Prices = [20, 30, -10, 5000.5, 100];

    [Fact]
    public void None_is_the_default_and_changes_nothing()
    {
        var r = GapFiller.Fill(Hours, Prices, GapFillOptions.None);
        Assert.Equal(Hours, r.HoursUtc);
        Assert.Equal(Prices, r.PriceUsdPerMWh);
        Assert.Equal(0, r.FilledCount);
        Assert.Empty(r.FilledGaps);
        Assert.Equal(3, r.UnfilledGaps.Count);
        Assert.Equal(new DataGap(H(1, 2), H(1, 4), 2), r.UnfilledGaps[0]);
        Assert.Equal(new DataGap(H(1, 7), H(1, 12), 5), r.UnfilledGaps[2]);
        Assert.StartsWith("none:", r.RuleText);
    }

    [Fact]
    public void Previous_carries_the_last_price_forward_up_to_the_maximum_gap()
    {
        var r = GapFiller.Fill(Hours, Prices, new GapFillOptions(GapFillRule.Previous, MaxGapHours: 2));
        // 02, 03 take 30 (hour 01); 05 takes -10 (hour 04); the 5-hour gap 07..11 is longer than 2: left alone.
        Assert.Equal([H(1, 0), H(1, 1), H(1, 2), H(1, 3), H(1, 4), H(1, 5), H(1, 6), H(1, 12)], r.HoursUtc);
        Assert.Equal([20, 30, 30, 30, -10, -10, 5000.5, 100], r.PriceUsdPerMWh);
        Assert.Equal([false, false, true, true, false, true, false, false], r.IsFilled);
        Assert.Equal(3, r.FilledCount);
        Assert.Equal(2, r.FilledGaps.Count);
        Assert.Equal(new DataGap(H(1, 7), H(1, 12), 5), Assert.Single(r.UnfilledGaps));
        Assert.Contains("last hour before the gap", r.RuleText);
        Assert.Contains("at most 2 hour(s)", r.RuleText);
    }

    [Fact]
    public void Linear_interpolates_between_the_neighbours()
    {
        var r = GapFiller.Fill(Hours, Prices, new GapFillOptions(GapFillRule.Linear, MaxGapHours: 5));
        // 02, 03 between 30 (01) and -10 (04): 30 - 40/3, 30 - 80/3. 05 between -10 and 5000.5: 2495.25.
        // 07..11 between 5000.5 (06) and 100 (12): step (100 - 5000.5)/6 = -816.75.
        double[] expected =
        [
            20, 30, 30 - 40.0 / 3, 30 - 80.0 / 3, -10, 2495.25, 5000.5,
            5000.5 - 816.75, 5000.5 - 2 * 816.75, 5000.5 - 3 * 816.75, 5000.5 - 4 * 816.75, 5000.5 - 5 * 816.75, 100,
        ];
        Assert.Equal(13, r.HoursUtc.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], r.PriceUsdPerMWh[i], 9);
        Assert.Equal(8, r.FilledCount);
        Assert.Empty(r.UnfilledGaps);
        for (int i = 0; i < 13; i++) Assert.Equal(H(1, 0).AddHours(i), r.HoursUtc[i]);
    }

    [Fact]
    public void A_gap_longer_than_the_maximum_is_never_partly_filled()
    {
        var r = GapFiller.Fill(Hours, Prices, new GapFillOptions(GapFillRule.Linear, MaxGapHours: 4));
        Assert.DoesNotContain(H(1, 7), r.HoursUtc);
        Assert.DoesNotContain(H(1, 11), r.HoursUtc);
        Assert.Equal(3, r.FilledCount);
    }

    [Fact]
    public void Inputs_are_not_modified_and_edges_are_not_invented()
    {
        var hours = (DateTime[])Hours.Clone();
        var prices = (double[])Prices.Clone();
        var r = GapFiller.Fill(hours, prices, new GapFillOptions(GapFillRule.Previous, 10));
        Assert.Equal(Hours, hours);
        Assert.Equal(Prices, prices);
        Assert.Equal(H(1, 0), r.HoursUtc[0]);
        Assert.Equal(H(1, 12), r.HoursUtc[^1]);
    }

    [Fact]
    public void Quality_report_gets_the_filled_count_and_the_rule()
    {
        var q = new DataQualityReport("f.csv", "test", 5, 5, 0, [new DataGap(H(1, 2), H(1, 4), 2)], 0, 0, ["Layout: x"]);
        var r = GapFiller.Fill(Hours, Prices, new GapFillOptions(GapFillRule.Previous, 2));
        var q2 = r.ApplyTo(q);
        Assert.Equal(3, q2.FilledIntervals);
        Assert.Equal(q.Gaps, q2.Gaps);
        Assert.Equal([new DataGap(H(1, 2), H(1, 4), 2), new DataGap(H(1, 5), H(1, 6), 1)], q2.FilledGaps);
        Assert.Empty(q.FilledGaps);
        Assert.Contains(q2.Notes, n => n.StartsWith("Gap filling: previous:", StringComparison.Ordinal));
        Assert.Contains(q2.Notes, n => n.StartsWith("3 hour(s) in 2 gap(s) filled", StringComparison.Ordinal) && n.Contains("1 gap(s) (5 hour(s)) left unfilled"));
        Assert.Equal(0, q.FilledIntervals); // the original is a record: unchanged
    }

    [Fact]
    public void No_gaps_means_nothing_to_fill()
    {
        DateTime[] hours = [H(2, 0), H(2, 1), H(2, 2)];
        var r = GapFiller.Fill(hours, [1.0, 2.0, 3.0], new GapFillOptions(GapFillRule.Linear));
        Assert.Equal(hours, r.HoursUtc);
        Assert.Equal(0, r.FilledCount);
        var empty = GapFiller.Fill([], [], new GapFillOptions(GapFillRule.Previous));
        Assert.Empty(empty.HoursUtc);
    }

    [Theory]
    [InlineData("none", GapFillRule.None)]
    [InlineData("PREVIOUS", GapFillRule.Previous)]
    [InlineData("ffill", GapFillRule.Previous)]
    [InlineData(" linear ", GapFillRule.Linear)]
    public void Rule_names_parse(string text, GapFillRule expected) => Assert.Equal(expected, GapFillOptions.ParseRule(text));

    [Fact]
    public void Bad_requests_are_clear_errors()
    {
        Assert.Contains("none, previous or linear", Assert.Throws<ArgumentException>(() => GapFillOptions.ParseRule("spline")).Message);
        Assert.Contains("between 1 and", Assert.Throws<ArgumentException>(() => GapFiller.Fill(Hours, Prices, new GapFillOptions(GapFillRule.Previous, 0))).Message);
        Assert.Contains("strictly increasing", Assert.Throws<ArgumentException>(() => GapFiller.Fill([H(1, 1), H(1, 0)], [1.0, 2.0], GapFillOptions.None)).Message);
        Assert.Contains("whole UTC hour", Assert.Throws<ArgumentException>(() => GapFiller.Fill([H(1, 0).AddMinutes(15)], [1.0], GapFillOptions.None)).Message);
        Assert.Contains("not a finite", Assert.Throws<ArgumentException>(() => GapFiller.Fill([H(1, 0)], [double.NaN], GapFillOptions.None)).Message);
        Assert.Contains("2 hours but 1 prices", Assert.Throws<ArgumentException>(() => GapFiller.Fill([H(1, 0), H(1, 1)], [1.0], GapFillOptions.None)).Message);
    }
}
