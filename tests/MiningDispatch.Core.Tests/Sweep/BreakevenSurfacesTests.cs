using MiningDispatch.Core.Sweep;

namespace MiningDispatch.Core.Tests.Sweep;

public class BreakevenSurfacesTests
{
    [Fact]
    public void PowerPrice_MatchesPublishedAnchor()
    {
        // docs/mining-economics.md §7: 17.5 J/TH at $39/PH/day → $92.86/MWh (= 39 × 1e6 / (1000 × 24 × 17.5)).
        var s = BreakevenSurfaces.PowerPrice([17.5, 35], [39, 78], 0.0);
        Assert.Equal(92.857142857142857, s.Values[0, 0], 9);
        Assert.Equal(92.857142857142857 / 2, s.Values[1, 0], 9);     // twice the W/TH: half the breakeven
        Assert.Equal(92.857142857142857 * 2, s.Values[0, 1], 9);     // twice the hashprice: twice the breakeven
        Assert.Equal("$/MWh", s.ValueUnit);
        var withFee = BreakevenSurfaces.PowerPrice([17.5], [39], 0.02);
        Assert.Equal(92.857142857142857 * 0.98, withFee.Values[0, 0], 9);
    }

    [Fact]
    public void Efficiency_And_Hashprice_InvertThePowerPrice()
    {
        double lambda = 92.857142857142857;
        var e = BreakevenSurfaces.Efficiency([39], [lambda, 0, -5], 0.0);
        Assert.Equal(17.5, e.Values[0, 0], 9);
        Assert.Equal(double.PositiveInfinity, e.Values[0, 1]);
        Assert.Equal(double.PositiveInfinity, e.Values[0, 2]);
        var h = BreakevenSurfaces.Hashprice([17.5], [lambda], 0.0);
        Assert.Equal(39, h.Values[0, 0], 9);
        // With a 2 % fee the breakeven hashprice is grossed up: 39 / 0.98.
        Assert.Equal(39 / 0.98, BreakevenSurfaces.Hashprice([17.5], [lambda], 0.02).Values[0, 0], 9);
        Assert.Contains("Pool fee", Assert.Throws<ArgumentException>(() => BreakevenSurfaces.PowerPrice([17.5], [39], 2)).Message);
        Assert.Throws<ArgumentException>(() => BreakevenSurfaces.PowerPrice([0], [39], 0));
    }
}
