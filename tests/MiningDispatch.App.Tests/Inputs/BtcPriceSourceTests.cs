using MiningDispatch.App.Inputs;

namespace MiningDispatch.App.Tests.Inputs;

/// <summary>The report's "BTC price" row says what the value is, not which file (or path) it came from.</summary>
public class BtcPriceSourceTests
{
    [Fact]
    public void Description_gives_the_level_over_the_run_and_the_column_without_a_path()
    {
        // Mean of 50,000, 60,000, 70,000 and 61,000 = 60,250 by hand.
        string d = BtcPriceSource.Describe([50_000, 60_000, 70_000, 61_000], "the hashprice file", "btc_price_usd");

        Assert.Equal("daily USD/BTC, mean $60,250 (min $50,000, max $70,000) over the run; column btc_price_usd of the hashprice file, each daily value used from the day after", d);
        Assert.DoesNotContain(".csv", d, StringComparison.Ordinal);
        Assert.DoesNotContain("data" + Path.DirectorySeparatorChar, d, StringComparison.Ordinal);
    }
}
