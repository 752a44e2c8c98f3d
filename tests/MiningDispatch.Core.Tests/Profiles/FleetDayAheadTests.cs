using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Profiles;

/// <summary>
/// Day-ahead schedule and two-settlement of a two-model fleet. No pool fee, adder 2 $/MWh. A: 800 × (100 TH/s,
/// 2500 W) = 2 MW at 25 W/TH; B: 1000 × (80 TH/s, 2500 W) = 2.5 MW at 31.25 W/TH. Breakeven all-in price =
/// hashprice × 10⁶ / (24 × W/TH): at 0.09375 $/TH/day A 156.25, B 125; at 0.0625 A 104.17, B 83.33.
/// </summary>
public class FleetDayAheadTests
{
    private static readonly FleetSpec Fleet = new([new(new MinerModel("B", 80, 2500), 1000), new(new MinerModel("A", 100, 2500), 800)]);
    private static readonly SiteCommercials Commercials = new(0.0, new UsdPerMWh(2), 0.0);
    private static DateTime Utc(int d, int h) => new(2024, 7, d, h, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Market day 2024-07-05 (CDT): 10:00, 15:00, 23:00; market day 2024-07-06: 00:00. Hashprice is 0.0625 at 10:00 on the
    /// 5th, when the day-ahead market for the 6th closes, and 0.09375 from 15:00 on.
    /// </summary>
    private static MarketSeries Market() => new(
        [Utc(5, 15), Utc(5, 20), Utc(6, 4), Utc(6, 5)],
        [50, 150, 20, 30],
        [0.0625, 0.09375, 0.09375, 0.09375],
        1.0,
        [100, 140, 10, 110]);

    [Fact]
    public void Day_ahead_schedule_uses_day_ahead_prices_and_the_hashprice_known_at_the_market_close()
    {
        var mw = FleetDayAhead.ScheduleMw(Market(), Fleet, Commercials, MarketClock.Ercot);
        // Day 5 closed on the 4th, before the series: the earliest value, 0.0625 (A 104.17, B 83.33): all-in DA 102 → A;
        // 142 → none; 12 → both. Day 6 closed at 10:00 on the 5th, when the hashprice was 0.0625: all-in 112 is above
        // A's 104.17 → none, although the hashprice of the last hour of the 5th and of the hour itself (0.09375, A 156.25,
        // B 125) would have run both: the schedule knows only what was known when the market closed.
        Assert.Equal([2, 0, 4.5, 0], mw);
    }

    [Fact]
    public void Two_settlement_of_the_fleet_hand_computed()
    {
        var m = Market();
        var rt = FleetBacktester.Run(m, Fleet, Commercials, MarketClock.Ercot);
        var profile = SiteLoadProfile.FromFleet(m, rt, 2);
        // Real time (actual hashprice): all-in 52 (0.0625: both), 152 (0.09375: A only), 22, 32 → MW 4.5, 2, 4.5, 4.5.
        Assert.Equal([4.5, 2, 4.5, 4.5], profile.MwConsumed);
        var r = TwoSettlement.Settle(profile, FleetDayAhead.ScheduleMw(m, Fleet, Commercials, MarketClock.Ercot));

        Assert.Equal(6.5, r.DayAheadMWh, 9);                       // 2 + 0 + 4.5 + 0
        Assert.Equal(15.5, r.RealTimeMWh, 9);
        Assert.Equal(245, r.DayAheadCostUsd, 9);                   // 2×100 + 0×140 + 4.5×10 + 0×110
        Assert.Equal(560, r.RealTimeDeviationCostUsd, 9);          // 2.5×50 + 2×150 + 0×20 + 4.5×30
        Assert.Equal(805, r.EnergyCostUsd, 9);
        Assert.Equal(750, r.RealTimeOnlyCostUsd, 9);               // 4.5×50 + 2×150 + 4.5×20 + 4.5×30
        Assert.Equal(-55, r.DayAheadGainUsd, 9);
        Assert.Equal(9, r.DeviationBoughtMWh, 9);                  // 2.5 + 2 + 0 + 4.5
        Assert.Equal(0, r.DeviationSoldMWh, 9);
        // Revenue: 160,000 TH/s × h / 24 per hour at full fleet (416.67 at 0.0625, 625 at 0.09375); A alone 312.5.
        Assert.Equal(160_000 * 0.0625 / 24 + 312.5 + 625 + 625, r.MiningRevenueUsd, 9);
        Assert.Equal(31, r.AdderCostUsd, 9);                       // 15.5 MWh × 2
    }

    [Fact]
    public void Without_day_ahead_prices_the_schedule_is_refused()
    {
        var m = new MarketSeries([Utc(5, 20)], [50], [0.09375]);
        Assert.Contains("day-ahead", Assert.Throws<ArgumentException>(() => FleetDayAhead.ScheduleMw(m, Fleet, Commercials)).Message);
    }
}
