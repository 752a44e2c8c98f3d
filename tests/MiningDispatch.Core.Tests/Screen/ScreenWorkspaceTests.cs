using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Screen;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Screen;

/// <summary>
/// A worker reuses one <see cref="ScreenWorkspace"/> for point after point: nothing of an earlier point may leak into the
/// next one's figures. Two hours, a constant hashprice and a 1 MW site at 25 W/TH without fee or adder: the hour's revenue
/// is 40,000 TH/s × $0.05/TH/day ÷ 24 = $83.33, and the threshold rule runs when the price is below it.
/// </summary>
public sealed class ScreenWorkspaceTests
{
    private static readonly DateTime From = new(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Points_screened_one_after_another_in_one_workspace_each_get_their_own_figures()
    {
        var grid = new ScreenGrid(From, 2, 1.0, [0.05, 0.05], MarketClock.Ercot);
        var site = SiteModel.FromSite(new SiteSpec(new Megawatts(1), new WattsPerTerahash(25), 0, new UsdPerMWh(0)));
        var workspace = new ScreenWorkspace(grid, site);
        var strategy = new ThresholdStrategy();
        double revenue = 1e6 / 25 * 0.05 / 24;

        // A runs both hours (prices 10, 20), B only the first (30, 200), C has only the second hour (50).
        var a = PointScreen.Evaluate(grid, "A", [10, 20], null, site, strategy, workspace)!;
        var b = PointScreen.Evaluate(grid, "B", [30, 200], null, site, strategy, workspace)!;
        var c = PointScreen.Evaluate(grid, "C", [double.NaN, 50], null, site, strategy, workspace)!;
        var b2 = PointScreen.Evaluate(grid, "B", [30, 200], null, site, strategy, workspace)!;

        Assert.Equal(2 * revenue - 30, a.StrategyProfitUsd, 9);
        Assert.Equal(2, a.EnergyMWh, 12);
        Assert.Equal(revenue - 30, b.StrategyProfitUsd, 9);
        Assert.Equal(1, b.EnergyMWh, 12);
        Assert.Equal(2 * revenue - 230, b.AlwaysOnProfitUsd, 9);
        Assert.Equal(1, c.Intervals);
        Assert.Equal(revenue - 50, c.StrategyProfitUsd, 9);
        Assert.Equal(b, b2);
    }

    [Fact]
    public void A_workspace_of_another_grid_is_refused()
    {
        var grid = new ScreenGrid(From, 2, 1.0, [0.05, 0.05], MarketClock.Ercot);
        var other = new ScreenGrid(From, 2, 1.0, [0.05, 0.05], MarketClock.Ercot);
        var site = SiteModel.FromSite(new SiteSpec(new Megawatts(1), new WattsPerTerahash(25), 0, new UsdPerMWh(0)));
        Assert.Throws<ArgumentException>(() => PointScreen.Evaluate(grid, "A", [10, 20], null, site, new ThresholdStrategy(), new ScreenWorkspace(other, site)));
    }
}
