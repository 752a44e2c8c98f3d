using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Risk;

/// <summary>Monte Carlo on a whole site (a fleet under a cap, or a single site as a fleet of one).</summary>
public class FleetMonteCarloTests
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static MarketSeries History()
    {
        var hours = ForwardScenario.Hours(Clock, new DateOnly(2023, 6, 1), new DateOnly(2024, 6, 30));
        var rng = new Random(17);
        var price = new double[hours.Length];
        var hp = new double[hours.Length];
        for (int i = 0; i < hours.Length; i++)
        {
            var l = TimeZoneInfo.ConvertTimeFromUtc(hours[i], Central);
            price[i] = 30 + 30 * Math.Sin((l.Hour - 9) * Math.PI / 12) + 40 * rng.NextDouble();
            if (rng.NextDouble() < 0.02) price[i] = 300 + 2000 * rng.NextDouble();
            if (rng.NextDouble() < 0.03) price[i] = -20 * rng.NextDouble();
            hp[i] = 0.055 + 0.01 * Math.Sin(i / 500.0);
        }
        return new MarketSeries(hours, price, hp, settlementPoint: "HB_WEST");
    }

    private static readonly MarketSeries Hist = History();
    private static readonly MonteCarloOptions Options = new(Paths: 6, Seed: 9, BlockDays: 7, HorizonDays: 62);

    // S21 XP 13.5 W/TH, S19j Pro 30.5, M30S++ 31; nameplate 1.8225 + 3.05 + 1.7360 = 6.6085 MW; cap 5 MW binds.
    private static readonly FleetSpec Fleet = FleetSpec.Create(MinerCatalog.BuiltIn, 5.0, ("S19j Pro", 1000), ("M30S++", 500), ("S21 XP", 500));
    private static readonly SiteCommercials Commercials = new(0.02, new UsdPerMWh(4), 3);

    [Fact]
    public void Threshold_paths_on_a_capped_fleet_match_a_plain_merit_order_loop()
    {
        var mc = MonteCarloEngine.Run(Hist, SiteModel.FromFleet(Fleet, Commercials), Options, new ThresholdStrategy(), Clock);
        var models = Fleet.Tranches.OrderBy(t => t.Model.Watts / t.Model.TerahashPerSecond).ToArray();
        Assert.Equal(["S21 XP", "S19j Pro", "M30S++"], models.Select(t => t.Model.Name));
        bool capBound = false;
        for (int p = 0; p < Options.Paths; p++)
        {
            var s = MonteCarloEngine.GeneratePath(Hist, Options, p, Clock).Series;
            double profit = 0, alwaysOn = 0, energy = 0;
            for (int t = 0; t < s.Count; t++)
            {
                double allIn = s.PriceUsdPerMWh[t] + 4, hp = s.HashpriceUsdPerThDay[t];
                double roomW = 5e6, aoRoomW = 5e6;
                foreach (var tr in models)
                {
                    // Per machine per hour: revenue TH × hp / 24 × (1 − fee); cost W / 1e6 × all-in price.
                    double machineNet = tr.Model.TerahashPerSecond * hp / 24 * 0.98 - tr.Model.Watts / 1e6 * allIn;
                    int fitAo = Math.Min(tr.Count, (int)Math.Floor(aoRoomW / tr.Model.Watts + 1e-9));
                    alwaysOn += fitAo * machineNet;
                    aoRoomW -= fitAo * tr.Model.Watts;
                    // Runs when its net per MWh beats the 3 $/MWh minimum profit.
                    if (!(machineNet / (tr.Model.Watts / 1e6) > 3)) continue;
                    int fit = Math.Min(tr.Count, (int)Math.Floor(roomW / tr.Model.Watts + 1e-9));
                    if (fit < tr.Count) capBound = true;
                    profit += fit * machineNet;
                    energy += fit * tr.Model.Watts / 1e6;
                    roomW -= fit * tr.Model.Watts;
                }
            }
            Assert.Equal(profit, mc.PathProfitUsd[p], Math.Abs(profit) * 1e-9);
            Assert.Equal(alwaysOn, mc.PathAlwaysOnProfitUsd[p], Math.Abs(alwaysOn) * 1e-9);
            Assert.Equal(energy, mc.PathEnergyMWh[p], energy * 1e-9);
        }
        Assert.True(capBound, "the cap should bind on some interval");
        Assert.Equal(RiskMetrics.Percentile(mc.PathProfitUsd, 0.05), mc.HorizonProfit.P5Usd, 1e-6);
    }

    [Fact]
    public void A_single_site_as_a_fleet_of_one_gives_the_single_site_Monte_Carlo()
    {
        var site = new SiteSpec(new Megawatts(10), new WattsPerTerahash(22), 0.02, new UsdPerMWh(4), MinProfitUsdPerHour: 50);
        foreach (var strategy in new MiningDispatch.Core.Strategies.IDispatchStrategy[]
                 {
                     new ThresholdStrategy(), new HysteresisStrategy(HysteresisOptions.AroundBreakeven(6, 6, 2, 3)), new LaggedStrategy(),
                     new OptimalStrategy(new OptimalOptions(3, 2, 20)),
                 })
        {
            var e = MonteCarloEngine.Run(Hist, site, Options, strategy, Clock);
            var a = MonteCarloEngine.Run(Hist, SiteModel.FromSite(site), Options, strategy, Clock);
            AssertSame(e, a, strategy.Name);
        }
    }

    [Fact]
    public void Fleet_paths_with_the_optimum_match_the_site_backtester()
    {
        var site = SiteModel.FromFleet(Fleet, Commercials);
        var strategy = new OptimalStrategy(new OptimalOptions(4, 2, 15));
        var mc = MonteCarloEngine.Run(Hist, site, Options, strategy, Clock);
        for (int p = 0; p < Options.Paths; p += 2)
        {
            var bt = SiteBacktester.Run(MonteCarloEngine.GeneratePath(Hist, Options, p, Clock).Series, site, strategy, Clock).Result;
            Assert.Equal(bt.Summary.ProfitUsd, mc.PathProfitUsd[p], Math.Abs(bt.Summary.ProfitUsd) * 1e-9);
            Assert.Equal(bt.Summary.OperatingHours, mc.PathOperatingHours[p], 1e-9 * bt.Summary.OperatingHours);
            Assert.Equal(bt.Summary.EnergyMWh, mc.PathEnergyMWh[p], 1e-9 * bt.Summary.EnergyMWh);
            Assert.Equal(bt.Summary.AlwaysOnProfitUsd, mc.PathAlwaysOnProfitUsd[p], Math.Abs(bt.Summary.AlwaysOnProfitUsd) * 1e-9);
            for (int k = 0; k < bt.Monthly.Count; k++) Assert.Equal(bt.Monthly[k].ProfitUsd, mc.MonthlyProfitUsd[p, k], 1e-6);
        }
    }

    [Fact]
    public void Forward_Monte_Carlo_on_a_fleet_matches_the_site_backtester_and_the_single_site()
    {
        var list = new List<ForwardBlockPrice>();
        foreach (var m in new[] { 7, 8 })
        {
            list.Add(new(2025, m, ForwardBlock.Peak5x16, 60 + m));
            list.Add(new(2025, m, ForwardBlock.Weekend2x16, 40 + m));
            list.Add(new(2025, m, ForwardBlock.Night7x8, 25 + m));
        }
        var curve = new ForwardCurve(list, "HB_WEST");
        var o = Options with { StartDay = new DateOnly(2025, 7, 1) };
        static double[] Hp(DateTime[] h) => HashpricePath.Growth(new UsdPerPhDay(55).ToPerThDay(), -2, h);
        var site = SiteModel.FromFleet(Fleet, Commercials);
        var mc = MonteCarloEngine.RunForward(Hist, site, o, curve, Hp, clock: Clock);
        for (int p = 0; p < o.Paths; p += 3)
        {
            var series = MonteCarloEngine.GenerateForwardPath(Hist, o, curve, Hp, p, clock: Clock).Series;
            var bt = SiteBacktester.Run(series, site, new ThresholdStrategy(), Clock).Result;
            Assert.Equal(bt.Summary.ProfitUsd, mc.PathProfitUsd[p], Math.Abs(bt.Summary.ProfitUsd) * 1e-9);
        }
        var single = new SiteSpec(new Megawatts(8), new WattsPerTerahash(19), 0.01, new UsdPerMWh(3));
        AssertSame(MonteCarloEngine.RunForward(Hist, single, o, curve, Hp, clock: Clock),
            MonteCarloEngine.RunForward(Hist, SiteModel.FromSite(single), o, curve, Hp, clock: Clock), "forward");
    }

    private static void AssertSame(MonteCarloResult e, MonteCarloResult a, string at)
    {
        Assert.Equal(e.Strategy, a.Strategy);
        Close(e.PathProfitUsd, a.PathProfitUsd, at);
        Close(e.PathRevenueUsd, a.PathRevenueUsd, at);
        Close(e.PathPowerCostUsd, a.PathPowerCostUsd, at);
        Close(e.PathEnergyMWh, a.PathEnergyMWh, at);
        Close(e.PathOperatingHours, a.PathOperatingHours, at);
        Close(e.PathAlwaysOnProfitUsd, a.PathAlwaysOnProfitUsd, at);
        Assert.Equal(e.Months.Count, a.Months.Count);
        for (int p = 0; p < e.PathProfitUsd.Length; p++)
            for (int k = 0; k < e.Months.Count; k++)
                Assert.True(Math.Abs(e.MonthlyProfitUsd[p, k] - a.MonthlyProfitUsd[p, k]) <= 1e-9 * Math.Max(1, Math.Abs(e.MonthlyProfitUsd[p, k])), at);
        Assert.True(Math.Abs(e.HorizonProfit.MeanUsd - a.HorizonProfit.MeanUsd) <= 1e-9 * Math.Max(1, Math.Abs(e.HorizonProfit.MeanUsd)), at);
    }

    private static void Close(double[] e, double[] a, string at)
    {
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= 1e-9 * Math.Max(1, Math.Abs(e[i])), $"{at}[{i}]: {e[i]:R} vs {a[i]:R}");
    }
}
