using MiningDispatch.Core.Screen;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Tests.Screen;

public sealed class PointScreenRankTests
{
    private static ScreenPoint P(string name, double profit) => new(name, 1, 1, 1, profit, 0, 0, 0, 0, 0, null, 0, 0, null, 0, 0);

    [Fact]
    public void Points_are_ranked_by_the_strategys_profit_and_ties_by_name()
    {
        var ranked = PointScreen.Rank([P("LZ_WEST", 10), P("HB_WEST", 30), P("b_tie", 20), P("A_TIE", 20), P("HB_NORTH", -5)]);
        // Ordinal order puts upper case before lower case: A_TIE before b_tie.
        Assert.Equal(["HB_WEST", "A_TIE", "b_tie", "LZ_WEST", "HB_NORTH"], ranked.Select(p => p.SettlementPoint));
    }

    [Fact]
    public void The_duration_curve_runs_from_the_highest_to_the_lowest_price_and_skips_missing_ones()
    {
        double[] prices = [5, double.NaN, -2, 40, 12, 7];
        var curve = PointScreen.DurationCurve(prices, samples: 5);
        // Sorted high to low: 40, 12, 7, 5, -2; five samples pick every one.
        Assert.Equal([40, 12, 7, 5, -2], curve);
    }

    [Fact]
    public void Prices_go_on_the_grid_by_time_and_a_time_off_the_grid_is_an_error()
    {
        var from = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var grid = new ScreenGrid(from, 4, 1.0, [1, 1, 1, 1], MarketClock.Ercot);
        var g = grid.ToGrid([from.AddHours(3), from.AddHours(1), from.AddHours(-1), from.AddHours(9)], [30, 10, 99, 99]);
        Assert.True(double.IsNaN(g[0]));
        Assert.Equal(10, g[1]);
        Assert.True(double.IsNaN(g[2]));
        Assert.Equal(30, g[3]);
        Assert.Throws<ArgumentException>(() => grid.ToGrid([from.AddMinutes(30)], [1]));
    }

    [Fact]
    public void A_series_one_step_apart_is_placed_as_a_block_clipped_to_the_grid_and_overwrites_the_destination()
    {
        var from = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var grid = new ScreenGrid(from, 5, 1.0, [1, 1, 1, 1, 1], MarketClock.Ercot);
        double[] dest = [7, 7, 7, 7, 7]; // stale values of an earlier point must not survive
        // hours -1 .. 2: the first falls before the grid, the rest land on grid intervals 0, 1, 2
        grid.ToGrid([from.AddHours(-1), from, from.AddHours(1), from.AddHours(2)], [99, 10, 11, 12], dest);
        Assert.Equal([10, 11, 12], dest[..3]);
        Assert.True(double.IsNaN(dest[3]) && double.IsNaN(dest[4]));
        // hours 3 .. 6: intervals 3 and 4, the rest after the grid
        grid.ToGrid([from.AddHours(3), from.AddHours(4), from.AddHours(5), from.AddHours(6)], [13, 14, 98, 97], dest);
        Assert.True(double.IsNaN(dest[0]) && double.IsNaN(dest[1]) && double.IsNaN(dest[2]));
        Assert.Equal([13, 14], dest[3..]);
        // one step apart but off the grid (half past): still an error, not a shifted copy
        Assert.Throws<ArgumentException>(() => grid.ToGrid([from.AddMinutes(30), from.AddMinutes(90)], [1, 2], dest));
        Assert.Throws<ArgumentException>(() => grid.ToGrid([from], [1], new double[4]));
    }

    [Fact]
    public void The_4cp_window_is_weekday_summer_afternoons_in_central_time()
    {
        // Friday 2024-07-05 and Saturday 2024-07-06, hourly from 00:00 CDT (05:00 UTC).
        var from = new DateTime(2024, 7, 5, 5, 0, 0, DateTimeKind.Utc);
        var grid = new ScreenGrid(from, 48, 1.0, new double[48], MarketClock.Ercot);
        var inWindow = Enumerable.Range(0, 48).Where(i => grid.FourCpWindow[i]).ToList();
        // 15:00, 16:00 and 17:00 CDT (17:00–18:00 overlaps 17:00–17:30) on the Friday only.
        Assert.Equal([15, 16, 17], inWindow);
    }
}
