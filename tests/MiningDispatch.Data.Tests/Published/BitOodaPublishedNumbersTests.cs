using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Published;

/// <summary>
/// Figures BitOoda published on ERCOT real-time prices in summer 2023, recomputed from the real prices
/// (AchrafAzzaoui's 2023 real-time file: the hourly mean of the four 15-minute load-zone SPPs, hour-beginning CPT)
/// read by the product's <see cref="PriceLoader"/> and priced with the economics kernel.
/// </summary>
public class BitOodaPublishedNumbersTests
{
    private const string Prices = "20230101-20231231_ERCOT_Real-time_Price_2023-06-20_2023-08-04.csv";
    private static readonly MarketClock Clock = MarketClock.Ercot;

    /// <summary>The 24 hours of a market day at <paramref name="zone"/>, keyed by ERCOT hour ending (1..24, CPT).</summary>
    private static Dictionary<int, double> Day(string zone, DateOnly day)
    {
        var r = PriceLoader.Load([Ercot(Prices)], new PriceQuery(zone));
        Assert.Equal(PriceMarket.RealTime, r.Market);
        var start = Clock.DayStartUtc(day);
        var hours = new Dictionary<int, double>();
        for (int i = 0; i < r.HoursUtc.Length; i++)
        {
            var t = r.HoursUtc[i];
            if (t < start || t >= start.AddHours(24)) continue;
            hours.Add(Clock.ToLocal(t).Hour + 1, r.PriceUsdPerMWh[i]); // hour beginning 00:00 CPT = HE1
        }
        Assert.Equal(24, hours.Count);
        return hours;
    }

    [Fact]
    public void Aug4_2023_LzNorth_Above90InEightHours_AndOnPeakAverageAbout551()
    {
        var day = new DateOnly(2023, 8, 4); // a Friday: every on-peak definition includes it
        Assert.Equal(DayOfWeek.Friday, day.DayOfWeek);
        var p = Day("LZ_NORTH", day);

        // BitOoda: LZ_NORTH real-time above $90/MWh in 8 hours that day. The file: HE14..HE21 (146.96 .. 343.38 $/MWh).
        var above = p.Where(kv => kv.Value > 90).Select(kv => kv.Key).Order().ToList();
        Assert.Equal([14, 15, 16, 17, 18, 19, 20, 21], above);

        // BitOoda: on-peak real-time average about $551/MWh. A 16-hour on-peak block reproduces it:
        // HE6-HE21 (05:00-21:00 CPT) averages 551.14 $/MWh, within $0.50 of the published figure; ERCOT's standard
        // on-peak block HE7-HE22 (06:00-22:00 CPT) averages 554.71 $/MWh, 0.7 % above it. The 8 load zones' 15-minute
        // averaging is the file's; the difference between the two blocks is HE6 (18.76) against HE22 (75.85).
        double he6to21 = Enumerable.Range(6, 16).Average(h => p[h]);
        double he7to22 = Enumerable.Range(7, 16).Average(h => p[h]);
        Assert.Equal(551, he6to21, 0.5);
        Assert.Equal(551, he7to22, 551 * 0.01);
        // The file's 16 values HE6..HE21 summed by hand: 18.755 + 21 + 20.535 + 19.21 + 18.5575 + 22.335 + 43.98 + 69.1225
        // + 146.955 + 584.9575 + 1035.0275 + 2252.9 + 1350.1775 + 1459.66 + 1411.77 + 343.375 = 8818.3175.
        Assert.Equal(8818.3175 / 16, he6to21, 1e-9);
        Assert.Equal((8818.3175 - 18.755 + 75.8525) / 16, he7to22, 1e-9);
    }

    [Fact]
    public void Jun20_2023_100MwOffForSevenHours_IsWorthOver2Million()
    {
        // BitOoda: a 100 MW miner that switched off for 7 hours on 20 June 2023 saved over $2M. In the file the 7
        // highest-priced hours of that day at LZ_NORTH are one block, HE15-HE21 (14:00-21:00 CPT); the power not bought
        // in them is 100 MW x sum of the 7 prices = $2.27M (the kernel's power cost), and even net of the mining revenue
        // given up (a 21.5 J/TH fleet, 2 % pool fee, that day's hashprice 69.216 $/PH/day from blockchain.com miners'
        // revenue / hash rate) the value of being off is $2.17M. Tolerance: "over $2M" is a bound, checked as stated.
        var p = Day("LZ_NORTH", new DateOnly(2023, 6, 20));
        var top7 = p.OrderByDescending(kv => kv.Value).Take(7).Select(kv => kv.Key).Order().ToList();
        Assert.Equal([15, 16, 17, 18, 19, 20, 21], top7);

        double avoided = top7.Sum(h => MiningEconomics.PowerCostUsd(100, p[h], 1));
        Assert.Equal(100 * top7.Sum(h => p[h]), avoided, 1e-6);
        Assert.True(avoided > 2_000_000, $"power not bought: {avoided:N0}");
        Assert.Equal(2_266_208.25, avoided, 0.01); // 100 x (the file's 7 prices summed by hand)

        var hp = HashpriceCsvLoader.Load(Path.Combine(RepoRoot, "tests", "MiningDispatch.Data.Tests", "TestData", "hashprice",
            "hashprice_daily_2023-04-30_2024-04-27_from_blockchaincom.csv"));
        double usdPerThDay = hp.Points.Single(x => x.TimestampUtc == new DateTime(2023, 6, 20, 0, 0, 0, DateTimeKind.Utc)).UsdPerThDay;
        Assert.Equal(0.069216, usdPerThDay, 9);
        double forgone = MiningEconomics.RevenueUsd(MiningEconomics.Hashrate(100, 21.5), usdPerThDay, 0.02, 7);
        Assert.Equal(100e6 / 21.5 * 0.069216 / 24 * 0.98 * 7, forgone, 1e-6); // 92,020 USD given up, so 2,174,189 USD net
        Assert.True(avoided - forgone > 2_000_000, $"net value of being off: {avoided - forgone:N0}");
    }
}
