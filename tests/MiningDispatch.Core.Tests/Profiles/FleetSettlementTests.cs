using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Settlement;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Profiles;

/// <summary>
/// PPA, demand response, 4CP and basis on a two-model fleet. Hashprice 3/32 $/TH/day, no fee, adder 2 $/MWh:
/// A (100 TH/s, 2500 W, 25 W/TH) breaks even at 156.25 $/MWh all-in, B (80 TH/s, 2500 W, 31.25 W/TH) at 125.
/// A: 800 machines = 2 MW earning 312.5 $/h; B: 1000 machines = 2.5 MW earning 312.5 $/h; no cap (4.5 MW).
/// </summary>
public class FleetSettlementTests
{
    private const double Tol = 1e-6;
    private static readonly MinerModel A = new("A", 100, 2500);
    private static readonly MinerModel B = new("B", 80, 2500);
    private static readonly FleetSpec Fleet = new([new(B, 1000), new(A, 800)]);
    private static readonly SiteCommercials Commercials = new(0.0, new UsdPerMWh(2), 0.0);
    private static DateTime Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);
    private static DateOnly Day(int y, int mo, int d) => new(y, mo, d);

    /// <summary>
    /// Fri 2024-07-05 20:00, 21:00, 22:00 CDT, Sat 00:00, 06:00, 07:00 CDT. All-in prices 52, 152, 22, −8, 132, 202:
    /// MW = [4.5, 2, 4.5, 4.5, 2, 0] (both, A only, both, both, A only, none), revenue = [625, 312.5, 625, 625, 312.5, 0].
    /// </summary>
    private static readonly double[] Prices = [50, 150, 20, -10, 130, 200];
    private static readonly double[] Mw = [4.5, 2, 4.5, 4.5, 2, 0];
    private static readonly double[] Revenue = [625, 312.5, 625, 625, 312.5, 0];
    private static MarketSeries SixHours() => new(
        [Utc(2024, 7, 6, 1), Utc(2024, 7, 6, 2), Utc(2024, 7, 6, 3), Utc(2024, 7, 6, 5), Utc(2024, 7, 6, 11), Utc(2024, 7, 6, 12)],
        Prices, Enumerable.Repeat(0.09375, 6).ToArray());

    /// <summary>3 MW 7x24 at 40 $/MWh in July and 1 MW 5x16 at 45 all year: Q = [4, 4, 3, 3, 3, 3] (Friday HE21/HE22 are 5x16).</summary>
    private static PpaContract Contract() => new(
    [
        new PpaTranche(PowerBlock.SevenBy24, new Megawatts(3), new UsdPerMWh(40), Day(2024, 7, 1), Day(2024, 7, 31), "base"),
        new PpaTranche(PowerBlock.FiveBy16, new Megawatts(1), new UsdPerMWh(45), Day(2024, 1, 1), Day(2024, 12, 31), "peak"),
    ], "fleet test");
    private static readonly double[] Q = [4, 4, 3, 3, 3, 3];
    private static readonly double[] Pay = [165, 165, 120, 120, 120, 120];

    private static (SiteLoadProfile Profile, SiteLoadProfile AlwaysOn) Profiles(MarketSeries m)
    {
        var f = FleetBacktester.Run(m, Fleet, Commercials, MarketClock.Ercot);
        return (SiteLoadProfile.FromFleet(m, f, 2), SiteLoadProfile.FleetAlwaysOn(m, f, 2));
    }

    [Fact]
    public void Fleet_profile_sums_tranche_MW_and_revenue()
    {
        var (p, on) = Profiles(SixHours());
        Assert.Equal(Mw, p.MwConsumed);
        Assert.Equal(Revenue, p.MiningRevenueUsd);
        Assert.All(on.MwConsumed, x => Assert.Equal(4.5, x));
        Assert.All(on.MiningRevenueUsd, x => Assert.Equal(625, x));
    }

    [Fact]
    public void Ppa_on_a_fleet_hand_computed_and_by_a_plain_loop()
    {
        var m = SixHours();
        var (p, on) = Profiles(m);
        var r = PpaSettlement.Settle(p, on, Contract());

        // Hand: L − Q = [0.5, −2, 1.5, 1.5, −1, −3] MWh → sell-back 2 + 1 + 3 = 6 MWh, spot 0.5 + 1.5 + 1.5 = 3.5 MWh.
        Assert.Equal(6, r.SellBackMWh, 9);
        Assert.Equal(3.5, r.SpotPurchaseMWh, 9);
        Assert.Equal(17.5, r.ConsumedMWh, 9);
        Assert.Equal(20, r.ContractedMWh, 9);
        Assert.Equal(810, r.ContractPaymentsUsd, Tol);             // 6 × 3 × 40 + 2 × 1 × 45
        Assert.Equal(1030, r.PowerSaleCreditsUsd, Tol);            // 2 × 150 + 1 × 130 + 3 × 200
        Assert.Equal(40, r.SpotPurchaseCostUsd, Tol);              // 0.5 × 50 + 1.5 × 20 − 1.5 × 10
        Assert.Equal(35, r.AdderCostUsd, Tol);                     // 17.5 MWh × 2
        Assert.Equal(2500, r.MiningRevenueUsd, Tol);
        Assert.Equal(2645, r.NetProfitUsd, Tol);                   // 2500 − 810 + 1030 − 40 − 35
        // Always-on: 4.5 MW every hour, buys (4.5 − Q) at spot: 0.5×50 + 0.5×150 + 1.5×(20 − 10 + 130 + 200) = 610.
        Assert.Equal(3750 - 810 - 610 - 54, r.AlwaysOnNetProfitUsd, Tol);

        // The same by a plain loop over the MW and prices.
        double pay = 0, credit = 0, buy = 0, adder = 0, net = 0;
        for (int t = 0; t < Prices.Length; t++)
        {
            double l = Mw[t], sell = Math.Max(Q[t] - l, 0), spot = Math.Max(l - Q[t], 0);
            pay += Pay[t];
            credit += sell * Prices[t];
            buy += spot * Prices[t];
            adder += l * 2;
            net += Revenue[t] - Pay[t] + sell * Prices[t] - spot * Prices[t] - l * 2;
        }
        Assert.Equal(pay, r.ContractPaymentsUsd, Tol);
        Assert.Equal(credit, r.PowerSaleCreditsUsd, Tol);
        Assert.Equal(buy, r.SpotPurchaseCostUsd, Tol);
        Assert.Equal(adder, r.AdderCostUsd, Tol);
        Assert.Equal(net, r.NetProfitUsd, Tol);
        Assert.Equal(net, r.NetProfitUsdByInterval.Sum(), Tol);
        // Net power cost = payments + spot + adder − credits.
        Assert.Equal(810 + 40 + 35 - 1030, r.NetPowerCostUsd, Tol);
    }

    [Fact]
    public void Ppa_hub_settled_with_demand_response_and_btc_on_a_fleet()
    {
        var m = SixHours();
        var (p, on) = Profiles(m);
        double[] hub = [45, 140, 25, -5, 120, 210];
        var dr = new AncillaryCapacityContract { PriceUsdPerMwHour = 2.5, MinimumLoadMw = 1 };
        var r = PpaSettlement.Settle(p, on, Contract(), new PpaSettlementOptions { HubPriceUsdPerMWh = hub, Ancillary = dr, Btc = BtcPriceInput.Constant(50_000) });

        // Hub basis on the contract energy: Σ (hub − zone) × Q = −20 − 40 + 15 + 15 − 30 + 30 = −30.
        Assert.Equal(-30, r.HubBasisUsd, Tol);
        // DR: (MW − 1)⁺ = [3.5, 1, 3.5, 3.5, 1, 0] → 12.5 MW-h × 2.5 = 31.25.
        Assert.Equal(31.25, r.AncillaryIncomeUsd, Tol);
        Assert.Equal(12.5, r.Ancillary!.CurtailableMwHours, Tol);
        Assert.Equal(2645 - 30 + 31.25, r.NetProfitUsd, Tol);
        Assert.Equal(2500 / 50_000.0, r.BtcMined!.Value, 12);
    }

    [Fact]
    public void Demand_response_on_a_fleet_by_a_plain_loop()
    {
        var m = SixHours();
        var (p, _) = Profiles(m);
        var dr = new AncillaryCapacityContract { PriceUsdPerMwHour = 2.5, MinimumLoadMw = 1.5, MaxOfferMw = 2.5 };
        var r = AncillaryCapacity.Compute(p, dr, MarketClock.Ercot);
        double expected = 0;
        foreach (double mw in Mw) expected += 2.5 * Math.Min(2.5, Math.Max(0, mw - 1.5));
        Assert.Equal(expected, r.IncomeUsd, Tol);
        Assert.Equal(2.5 * (2.5 + 0.5 + 2.5 + 2.5 + 0.5), r.IncomeUsd, Tol);
    }

    [Fact]
    public void Basis_on_a_fleet_is_sum_of_MWh_times_zone_minus_hub()
    {
        var m = SixHours();
        var (p, _) = Profiles(m);
        double[] hub = [45, 140, 25, -5, 120, 210];
        var r = BasisSettlement.CompareMw(m.StartsUtc, hub, m.PriceUsdPerMWh, p.MwConsumed, m.IntervalHours, "HB", "LZ");
        // (zone − hub) = [5, 10, −5, −5, 10, −10]; × MW = 22.5 + 20 − 22.5 − 22.5 + 20 + 0 = 17.5.
        Assert.Equal(17.5, r.BasisCostUsd, Tol);
        Assert.Equal(17.5, r.EnergyMWh, Tol);
        double loop = 0;
        for (int t = 0; t < Mw.Length; t++) loop += Mw[t] * 1.0 * (Prices[t] - hub[t]);
        Assert.Equal(loop, r.BasisCostUsd, Tol);
        Assert.Equal(r.ZoneCostUsd - r.HubCostUsd, r.BasisCostUsd, Tol);
    }

    /// <summary>One hour in each summer month at 16:00 CDT (21:00 UTC) plus two off-peak hours.</summary>
    private static MarketSeries Summer() => new(
        [Utc(2024, 6, 20, 21), Utc(2024, 7, 15, 4), Utc(2024, 7, 15, 21), Utc(2024, 8, 20, 21), Utc(2024, 9, 10, 4), Utc(2024, 9, 10, 21)],
        [50, 10, 150, 20, 10, 130], Enumerable.Repeat(0.09375, 6).ToArray());

    [Fact]
    public void FourCp_charge_on_a_fleet_at_system_peaks_with_and_without_avoidance()
    {
        var m = Summer();
        var (p, _) = Profiles(m);
        Assert.Equal([4.5, 4.5, 2, 4.5, 4.5, 2], p.MwConsumed);
        var peaks = new List<CoincidentPeak>
        {
            new(2024, 6, m.StartsUtc[0], 70_000), new(2024, 7, m.StartsUtc[2], 71_000),
            new(2024, 8, m.StartsUtc[3], 72_000), new(2024, 9, m.StartsUtc[5], 69_000),
        };
        var curtail = new bool[m.Count];
        foreach (int i in new[] { 0, 2, 3, 5 }) curtail[i] = true;
        var r = FourCpReport.AtPeaks(p, p.CurtailedAt(curtail), peaks, 55, MarketClock.Ercot);

        // Tag = (4.5 + 2 + 4.5 + 2) / 4 = 3.25 MW → 3.25 × 1000 × 55 = 178,750 $.
        Assert.Equal(178_750, r.ChargeWithoutAvoidanceUsd, Tol);
        Assert.Equal(0, r.ChargeWithAvoidanceUsd, Tol);
        Assert.True(r.Years.Single().IsComplete);
        // Given up: Σ revenue − MW × (price + 2) at the four peaks = (625 − 234) + (312.5 − 304) + (625 − 99) + (312.5 − 264).
        Assert.Equal(391 + 8.5 + 526 + 48.5, r.EnergyProfitGivenUpUsd, Tol);
        Assert.Equal(13, r.CurtailedMWh, Tol);
        Assert.Equal(4, r.CurtailedIntervals);

        double tag = 0;
        foreach (int i in new[] { 0, 2, 3, 5 }) tag += Mw4(m, i);
        Assert.Equal(tag / 4 * 1000 * 55, r.ChargeWithoutAvoidanceUsd, Tol);
    }

    [Fact]
    public void FourCp_calendar_worst_case_on_a_fleet_takes_each_month_highest_window_MW()
    {
        var m = Summer();
        var (p, _) = Profiles(m);
        var r = FourCpReport.CalendarWorstCase(p, p, FourCpWindowRule.Default, 55, MarketClock.Ercot);
        // Window hours only (04:00 UTC = 23:00 CDT is outside): June 4.5, July 2, August 4.5, September 2.
        Assert.Equal([4.5, 2, 4.5, 2], r.Months.Select(x => x.SiteMwWithoutAvoidance));
        Assert.Equal(178_750, r.ChargeWithoutAvoidanceUsd, Tol);
        Assert.Equal(0, r.EnergyProfitGivenUpUsd, Tol);
    }

    /// <summary>Fleet MW by the merit rule, computed independently: A runs below 156.25 all-in, B below 125.</summary>
    private static double Mw4(MarketSeries m, int i)
    {
        double allIn = m.PriceUsdPerMWh[i] + 2;
        return (allIn < 156.25 ? 2 : 0) + (allIn < 125 ? 2.5 : 0);
    }

    [Fact]
    public void Single_site_overloads_agree_with_an_independently_built_profile_on_random_inputs()
    {
        var rng = new Random(20240706);
        for (int trial = 0; trial < 25; trial++)
        {
            int n = 24 + rng.Next(72);
            var start = Utc(2024, 6 + rng.Next(3), 1 + rng.Next(27), rng.Next(24));
            var prices = TestSupport.TestData.RandomPrices(rng, n);
            var hp = Enumerable.Range(0, n).Select(_ => 0.04 + 0.03 * rng.NextDouble()).ToArray();
            var m = TestSupport.TestData.Hourly(start, prices, hp);
            double cap = 5 + 50 * rng.NextDouble(), eff = 15 + 15 * rng.NextDouble(), fee = 0.02 * rng.NextDouble(), adder = 5 * rng.NextDouble();
            var site = new SiteSpec(new Megawatts(cap), new WattsPerTerahash(eff), fee, new UsdPerMWh(adder));
            var problem = new DispatchProblem(m, site);
            var run = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.3 ? 0 : rng.NextDouble() < 0.5 ? 1 : rng.NextDouble()).ToArray();
            var avoid = run.Select(x => rng.NextDouble() < 0.2 ? 0 : x).ToArray();

            // The profile built by hand: MW = run × capacity, revenue = run × TH/s × hashprice / 24 × (1 − fee) × Δt.
            double th = cap * 1e6 / eff;
            SiteLoadProfile Build(double[] x) => new(m, adder,
                x.Select(v => v * cap).ToArray(),
                x.Select((v, t) => v * th * hp[t] / 24 * (1 - fee)).ToArray());
            var profile = Build(run);
            var alwaysOn = Build(Enumerable.Repeat(1.0, n).ToArray());

            var contract = new PpaContract(
            [
                new PpaTranche(PowerBlock.SevenBy24, new Megawatts(cap * rng.NextDouble()), new UsdPerMWh(30 + 30 * rng.NextDouble()), Day(2024, 1, 1), Day(2024, 12, 31), "base"),
                new PpaTranche(PowerBlock.FiveBy16, new Megawatts(cap * rng.NextDouble()), new UsdPerMWh(40 + 30 * rng.NextDouble()), Day(2024, 1, 1), Day(2024, 12, 31), "peak"),
            ]);
            var hub = prices.Select(x => x + rng.Next(-10, 10)).ToArray();
            var dr = new AncillaryCapacityContract { PriceUsdPerMwHour = 3 * rng.NextDouble(), MinimumLoadMw = cap * 0.2 * rng.NextDouble() };
            var options = new PpaSettlementOptions { HubPriceUsdPerMWh = hub, Ancillary = dr, Btc = BtcPriceInput.Constant(60_000) };

            var single = PpaSettlement.Settle(problem, run, contract, options);
            var viaProfile = PpaSettlement.Settle(profile, alwaysOn, contract, options);
            double tol = 1e-7 * (1 + Math.Abs(single.MiningRevenueUsd));
            Assert.Equal(single.NetProfitUsd, viaProfile.NetProfitUsd, tol);
            Assert.Equal(single.ContractPaymentsUsd, viaProfile.ContractPaymentsUsd, tol);
            Assert.Equal(single.PowerSaleCreditsUsd, viaProfile.PowerSaleCreditsUsd, tol);
            Assert.Equal(single.SpotPurchaseCostUsd, viaProfile.SpotPurchaseCostUsd, tol);
            Assert.Equal(single.AdderCostUsd, viaProfile.AdderCostUsd, tol);
            Assert.Equal(single.HubBasisUsd, viaProfile.HubBasisUsd, tol);
            Assert.Equal(single.AlwaysOnNetProfitUsd, viaProfile.AlwaysOnNetProfitUsd, tol);
            Assert.Equal(single.AncillaryIncomeUsd, viaProfile.AncillaryIncomeUsd, tol);
            Assert.Equal(single.BtcMined!.Value, viaProfile.BtcMined!.Value, 1e-9);

            var drSingle = AncillaryCapacity.Compute(problem, run, dr, MarketClock.Ercot);
            Assert.Equal(drSingle.IncomeUsd, AncillaryCapacity.Compute(profile, dr, MarketClock.Ercot).IncomeUsd, tol);

            var basisSingle = BasisSettlement.Compare(m.StartsUtc, hub, prices, run, cap, 1.0);
            Assert.Equal(basisSingle.BasisCostUsd, BasisSettlement.CompareMw(m.StartsUtc, hub, prices, profile.MwConsumed, 1.0).BasisCostUsd, tol);

            var window = FourCpWindowRule.Default;
            var calSingle = FourCpReport.CalendarWorstCase(problem, run, avoid, window, 55, MarketClock.Ercot);
            var calProfile = FourCpReport.CalendarWorstCase(profile, Build(avoid), window, 55, MarketClock.Ercot);
            Assert.Equal(calSingle.ChargeWithoutAvoidanceUsd, calProfile.ChargeWithoutAvoidanceUsd, tol);
            Assert.Equal(calSingle.ChargeWithAvoidanceUsd, calProfile.ChargeWithAvoidanceUsd, tol);
            Assert.Equal(calSingle.EnergyProfitGivenUpUsd, calProfile.EnergyProfitGivenUpUsd, tol);
            Assert.Equal(calSingle.CurtailedMWh, calProfile.CurtailedMWh, tol);
            var peaks = new[] { new CoincidentPeak(0, 0, m.StartsUtc[rng.Next(n)], null) }
                .Select(x => x with { Year = MarketClock.Ercot.ToLocal(x.StartUtc).Year, Month = MarketClock.Ercot.ToLocal(x.StartUtc).Month }).ToList();
            Assert.Equal(FourCpReport.AtPeaks(problem, run, avoid, peaks, 55, MarketClock.Ercot).ChargeWithoutAvoidanceUsd,
                FourCpReport.AtPeaks(profile, Build(avoid), peaks, 55, MarketClock.Ercot).ChargeWithoutAvoidanceUsd, tol);
        }
    }

    [Fact]
    public void Curtailed_fleet_is_off_in_flagged_intervals_and_always_on_is_unchanged()
    {
        var m = SixHours();
        bool[] curtail = [false, true, true, false, false, false];
        var f = FleetBacktester.Run(m, Fleet, Commercials, MarketClock.Ercot, curtail, "merit-order+4cp");
        var p = SiteLoadProfile.FromFleet(m, f, 2);
        Assert.Equal([4.5, 0, 0, 4.5, 2, 0], p.MwConsumed);
        Assert.Equal([625, 0, 0, 625, 312.5, 0], p.MiningRevenueUsd);
        Assert.Equal("merit-order+4cp", f.Result.Strategy);
        // Profit: 625 − 4.5 × 52 + 625 − 4.5 × (−8) + 312.5 − 2 × 132.
        Assert.Equal(391 + 661 + 48.5, f.Result.Summary.ProfitUsd, Tol);
        Assert.Equal(FleetBacktester.Run(m, Fleet, Commercials).Result.Summary.AlwaysOnProfitUsd, f.Result.Summary.AlwaysOnProfitUsd, Tol);
        Assert.Throws<ArgumentException>(() => FleetBacktester.Run(m, Fleet, Commercials, MarketClock.Ercot, new bool[5]));
    }

    [Fact]
    public void Bad_profile_input_is_rejected_with_the_interval()
    {
        var m = SixHours();
        var ex = Assert.Throws<ArgumentException>(() => new SiteLoadProfile(m, 2, [1, 1, -1, 1, 1, 1], new double[6]));
        Assert.Contains("2024-07-06T03:00:00", ex.Message);
        Assert.Throws<ArgumentException>(() => new SiteLoadProfile(m, 2, new double[5], new double[6]));
    }
}
