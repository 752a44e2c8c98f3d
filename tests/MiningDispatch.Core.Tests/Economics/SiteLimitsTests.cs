using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Economics;

/// <summary>The site ranges, at and just past each end; the message names the range and the value.</summary>
public class SiteLimitsTests
{
    [Theory]
    [InlineData(0.001, true)]
    [InlineData(10_000, true)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(10_000.001, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    public void Mw_is_in_0_to_10000(double mw, bool valid)
    {
        string? problem = SiteLimits.Mw(mw);
        Assert.Equal(valid, problem is null);
        if (!valid) Assert.StartsWith("must be between 0 and 10,000 MW (got ", problem);
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(200, true)]
    [InlineData(4.999, false)]
    [InlineData(200.001, false)]
    [InlineData(double.NaN, false)]
    public void Efficiency_is_in_5_to_200(double e, bool valid)
    {
        string? problem = SiteLimits.Efficiency(e);
        Assert.Equal(valid, problem is null);
        if (!valid) Assert.StartsWith("must be between 5 and 200 W/TH (got ", problem);
    }

    [Fact]
    public void Every_user_of_the_range_says_the_same()
    {
        var site = new SiteSpec(new Core.Units.Megawatts(20_000), new Core.Units.WattsPerTerahash(20));
        var ex = Assert.Throws<ArgumentException>(site.Validate);
        Assert.Equal("Facility size must be between 0 and 10,000 MW (got 20000).", ex.Message);
        var miner = new Core.Fleet.MinerModel("kW typo", 100, 3.2);
        Assert.Contains("is outside 5..200", Assert.Throws<ArgumentException>(miner.Validate).Message);
    }
}
