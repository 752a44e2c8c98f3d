using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Economics;

public class BlockRewardTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 50)]
    [InlineData(209_999, 50)]
    [InlineData(210_000, 25)]
    [InlineData(419_999, 25)]
    [InlineData(630_000, 6.25)]
    [InlineData(839_999, 6.25)]
    [InlineData(840_000, 3.125)]
    [InlineData(1_050_000, 1.5625)]
    [InlineData(6_720_000, 0.00000001)] // 32 halvings: 5,000,000,000 sat >> 32 = 1 sat
    [InlineData(6_930_000, 0)]          // 33 halvings: 0.58 sat, truncated to 0
    [InlineData(13_440_000, 0)]         // 64 halvings
    public void SubsidyAtHeight_HalvesEvery210000Blocks(long height, double btc)
    {
        // 50 / 2^k BTC, truncated to whole satoshis as Bitcoin Core does (5,000,000,000 sat >> k).
        long k = height / 210_000;
        double byHand = k >= 64 ? 0 : Math.Floor(5_000_000_000 / Math.Pow(2, k)) / 1e8;
        Assert.Equal(byHand, BlockReward.SubsidyBtcAtHeight(height));
        Assert.Equal(btc, BlockReward.SubsidyBtcAtHeight(height));
    }

    [Fact]
    public void SubsidyOnDay_TakesTheSubsidyAtNoon()
    {
        Assert.Equal(6.25, BlockReward.SubsidyBtcOnDay(Utc(2024, 4, 19)));
        Assert.Equal(3.125, BlockReward.SubsidyBtcOnDay(Utc(2024, 4, 20))); // halving at 00:09: most of the day at 3.125
        Assert.Equal(12.5, BlockReward.SubsidyBtcOnDay(Utc(2020, 5, 11)));  // halving at 19:23: most of the day at 12.5
        Assert.Equal(6.25, BlockReward.SubsidyBtcOnDay(Utc(2020, 5, 12)));
        Assert.Equal(25, BlockReward.SubsidyBtcOnDay(Utc(2016, 7, 9)));      // 16:46
        Assert.Equal(50, BlockReward.SubsidyBtcOnDay(Utc(2012, 11, 28)));    // 15:24
        Assert.Equal(6.25, BlockReward.SubsidyBtcAt(Utc(2024, 4, 20, 0, 9)));
        Assert.Equal(3.125, BlockReward.SubsidyBtcAt(Utc(2027, 12, 31, 23, 59)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlockReward.SubsidyBtcAt(Utc(2028, 1, 1)));
    }

    [Fact]
    public void HashpriceFormulas_ByHand()
    {
        // Difficulty 1e14, BTC 100,000 USD, 3.125 BTC subsidy + 0.05 BTC fees per block:
        // one TH/s finds 86400e12 / (1e14 × 2^32) = 2.0116567611694336e-7 blocks a day.
        double perTh = 86400e12 / (1e14 * 4294967296.0);
        Assert.Equal(2.0116567611694336, perTh * 1e7, 14);
        Assert.Equal(3.175 * 100_000 * 2.0116567611694336e-7, BlockReward.HashpriceFromDifficulty(3.125, 0.05, 100_000, 1e14), 12); // 0.0639 $/TH/day = 63.9 $/PH/day
        // 144 blocks a day on 700 EH/s = 7e8 TH/s: 144 × 3.175 × 100,000 / 7e8 = 0.06531 $/TH/day.
        Assert.Equal(0.06531428571428571, BlockReward.HashpriceFromHashRate(144, 3.125, 0.05, 100_000, 7e8), 15);
        // The network hash rate at which both agree is difficulty × 2^32 / 600 s: 144 blocks a day.
        double h = 1e14 * 4294967296.0 / 600 / 1e12;
        Assert.Equal(144, BlockReward.ImpliedBlocksPerDay(h, 1e14), 9);
    }
}
