using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Economics;

public class HalvingScheduleTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(2009, 1, 3, 0)]
    [InlineData(2012, 11, 27, 0)]
    [InlineData(2012, 11, 28, 1)]     // the halving day itself is in the new epoch
    [InlineData(2016, 7, 8, 1)]
    [InlineData(2016, 7, 9, 2)]
    [InlineData(2020, 5, 10, 2)]
    [InlineData(2020, 5, 11, 3)]
    [InlineData(2024, 4, 19, 3)]
    [InlineData(2024, 4, 20, 4)]
    [InlineData(2030, 1, 1, 4)]       // undated future halvings are not applied
    public void Epoch_ByDate(int y, int m, int d, int epoch) => Assert.Equal(epoch, HalvingSchedule.Epoch(Utc(y, m, d)));

    [Fact]
    public void Subsidy_AndRatios()
    {
        Assert.Equal(50.0, HalvingSchedule.SubsidyBtc(0));
        Assert.Equal(3.125, HalvingSchedule.SubsidyBtc(4));
        Assert.Equal(6.25, HalvingSchedule.SubsidyBtcAt(Utc(2024, 4, 19, 23)));
        Assert.Equal(3.125, HalvingSchedule.SubsidyBtcAt(Utc(2024, 4, 20)));
        Assert.Equal(0.5, HalvingSchedule.SubsidyRatio(3, 4));
        Assert.Equal(0.25, HalvingSchedule.SubsidyRatio(2, 4));
        Assert.Equal(2.0, HalvingSchedule.SubsidyRatio(4, 3));
        Assert.Equal(1.0, HalvingSchedule.SubsidyRatio(4, 4));
        Assert.Equal(3, HalvingSchedule.EpochOfHeight(839_999));
        Assert.Equal(4, HalvingSchedule.EpochOfHeight(840_000));
    }
}
