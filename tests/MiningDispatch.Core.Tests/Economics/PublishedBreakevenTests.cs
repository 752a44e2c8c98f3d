using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Economics;

/// <summary>The published breakeven table, through the economics kernel.</summary>
public class PublishedBreakevenTests
{
    [Fact]
    public void Efficiency17_5JPerTh_At39UsdPerPhDay_BreaksEvenAt92_86UsdPerMWh()
    {
        // Breakeven table: a 17.5 J/TH machine at a hashprice of $39/PH/day breaks even at $92.86/MWh (no pool fee).
        // By hand: 1 MW runs 1e6 / 17.5 = 57,142.857 TH/s earning 57,142.857 x 0.039 $/TH/day / 24 h = 92.857 $/h.
        double breakeven = MiningEconomics.BreakevenPrice(MiningEconomics.PerPhDayToPerThDay(39), 0, 17.5);
        Assert.Equal(92.86, breakeven, 0.005); // published to the cent
        Assert.Equal(39.0 * 1e6 / 1000 / (24 * 17.5), breakeven, 1e-12);
        // And back: at $92.86/MWh a 17.5 J/TH machine needs $39/PH/day.
        Assert.Equal(39, MiningEconomics.BreakevenHashpriceUsdPerPhDay(17.5, 92.86, 0), 0.005);
    }
}
