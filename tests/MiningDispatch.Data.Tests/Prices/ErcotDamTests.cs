using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class ErcotDamCsvTests
{
    [Fact]
    public void Dam2015_SpringForwardDay_Has23Hours_AndSkipsHourEnding03()
    {
        // grep '^03/08/2015,0[1-4]:00,.,HB_WEST' ercot_dam_lz_hub_spp_2015_dst_days.csv
        //   03/08/2015,01:00,N,HB_WEST,18.77 / 02:00,N,18.07 / 04:00,N,17.75   (no 03:00 row)
        var r = PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(PriceMarket.DayAhead, r.Market);
        Assert.Equal(18.77, r.PriceAt(Utc(2015, 3, 8, 6)));   // 00:00 CST
        Assert.Equal(18.07, r.PriceAt(Utc(2015, 3, 8, 7)));   // 01:00 CST
        Assert.Equal(17.75, r.PriceAt(Utc(2015, 3, 8, 8)));   // 03:00 CDT
        int day = r.HoursUtc.Count(h => h >= Utc(2015, 3, 8, 6) && h < Utc(2015, 3, 9, 5));
        Assert.Equal(23, day);
    }

    [Fact]
    public void Dam2015_FallBackDay_Has25Hours_FlagPicksCdtOrCst()
    {
        // 11/01/2015,01:00,N,HB_WEST,15.71 / 02:00,N,15.48 / 02:00,Y,15.33 / 03:00,N,13.19
        var r = PriceLoader.Load([Ercot("ercot_dam_lz_hub_spp_2015_dst_days.csv")], new PriceQuery("HB_WEST"));
        Assert.Equal(15.71, r.PriceAt(Utc(2015, 11, 1, 5)));  // 00:00 CDT
        Assert.Equal(15.48, r.PriceAt(Utc(2015, 11, 1, 6)));  // 01:00 CDT (flag N)
        Assert.Equal(15.33, r.PriceAt(Utc(2015, 11, 1, 7)));  // 01:00 CST (flag Y)
        Assert.Equal(13.19, r.PriceAt(Utc(2015, 11, 1, 8)));  // 02:00 CST
        int day = r.HoursUtc.Count(h => h >= Utc(2015, 11, 1, 5) && h < Utc(2015, 11, 2, 6));
        Assert.Equal(25, day);
        // 3 days in March (72-1 hours) + 3 days around November (72+1) and no gap inside each block
        Assert.Equal(71 + 73, r.Count);
        Assert.Single(r.Quality.Gaps);
    }
}
