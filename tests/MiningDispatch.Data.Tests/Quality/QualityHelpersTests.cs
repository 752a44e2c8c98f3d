using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.Quality;

public sealed class QualityHelpersTests
{
    private static DateTime U(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Stats_find_extremes_spikes_and_negatives()
    {
        DateTime[] hours = [U(2024, 1, 1, 0), U(2024, 1, 1, 1), U(2024, 1, 1, 2), U(2024, 1, 1, 3), U(2024, 1, 1, 4)];
        double[] prices = [5000, 5000.01, -251, 9000, -0.01];
        var s = PriceSeriesStats.Of(hours, prices);
        Assert.Equal(-251, s.Min);
        Assert.Equal(U(2024, 1, 1, 2), s.MinHourUtc);
        Assert.Equal(9000, s.Max);
        Assert.Equal(U(2024, 1, 1, 3), s.MaxHourUtc);
        Assert.Equal(2, s.SpikeHours);     // 5000.01 and 9000; exactly 5000 is not above the threshold
        Assert.Equal(2, s.NegativeHours);
        Assert.Contains("max 9,000.00 $/MWh at 2024-01-01 03:00Z", s.ToString());
        Assert.Equal(s, PriceSeriesStats.Of(hours.ToList(), prices.ToList())); // any list, not only arrays
        Assert.Throws<ArgumentException>(() => PriceSeriesStats.Of([], []));
    }

    [Fact]
    public void Range_coverage_counts_DST_days_and_missing_edges()
    {
        // Market days 2024-03-10 (spring forward, 23 h) .. 2024-03-11 (24 h): [2024-03-10 06:00Z, 2024-03-12 05:00Z) = 47 h.
        var from = U(2024, 3, 10, 6);
        var hours = Enumerable.Range(0, 47).Select(i => from.AddHours(i)).ToList();
        var full = RangeCoverage.Of(hours, new DateOnly(2024, 3, 10), new DateOnly(2024, 3, 11));
        Assert.Equal(47, full.ExpectedHours);
        Assert.True(full.Complete);

        // drop the first 2 hours, 1 in the middle and the last 3
        var part = hours.Skip(2).Take(42).Where(h => h != from.AddHours(20)).ToList();
        var c = RangeCoverage.Of(part, new DateOnly(2024, 3, 10), new DateOnly(2024, 3, 11));
        Assert.Equal((2, 3, 1, 41), (c.MissingBefore, c.MissingAfter, c.MissingInside, c.PresentHours));
        Assert.True(c.EdgesMissing);

        // fall-back day 2024-11-03 has 25 hours
        Assert.Equal(25, RangeCoverage.Of([], new DateOnly(2024, 11, 3), new DateOnly(2024, 11, 3)).MissingBefore);
        // a series wholly before the range: everything is missing after it
        var before = RangeCoverage.Of([U(2020, 1, 1, 0)], new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1));
        Assert.Equal((0, 24), (before.MissingBefore, before.MissingAfter));
        Assert.Throws<ArgumentException>(() => RangeCoverage.Of(hours, new DateOnly(2024, 3, 11), new DateOnly(2024, 3, 10)));
    }

    [Fact]
    public void Inventory_lists_every_point_with_its_own_rows()
    {
        var file = TestFiles.Ercot("meltvar_June_2024_first_day.csv");
        var inv = PriceInventory.Scan([file], null, 10, out int found);
        Assert.Equal(4, found);
        Assert.Equal(["HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST"], inv.Select(i => i.SettlementPoint));
        foreach (var i in inv)
        {
            Assert.Null(i.Error);
            Assert.Equal(24, i.Result!.Count);
            Assert.Equal(96, i.Result.Quality.RowsUsed);
        }
        // HB_NORTH hour 05:00Z: lines 6-9 = 17.69 18.33 17.85 18.01, mean 17.97
        Assert.Equal(17.97, inv[1].Result!.PriceUsdPerMWh[0], 9);
        Assert.Equal(2, PriceInventory.Scan([file], null, 2, out found).Count);
        Assert.Equal(4, found);
    }

    [Fact]
    public void Inventory_reports_a_bad_row_against_its_point_and_keeps_the_others()
    {
        using var dir = new TempDir();
        var lines = File.ReadAllLines(TestFiles.Ercot("meltvar_June_2024_first_day.csv"));
        lines[6] = lines[6].Replace("18.33", "18.3x3", StringComparison.Ordinal); // an HB_NORTH row
        var file = dir.Write("bad.csv", string.Join("\n", lines) + "\n");
        var inv = PriceInventory.Scan([file], null, 10, out _);
        var north = inv.Single(i => i.SettlementPoint == "HB_NORTH");
        Assert.Null(north.Result);
        Assert.Equal(7, north.Error!.Line);
        Assert.Equal("18.3x3", north.Error.Value);
        var others = inv.Where(i => i.SettlementPoint != "HB_NORTH").ToList();
        Assert.NotEmpty(others); // the other points of the file still load
        Assert.All(others, i => Assert.Equal(24, i.Result!.Count));
    }
}
