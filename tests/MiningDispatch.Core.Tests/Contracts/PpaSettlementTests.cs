using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Contracts;

public class PpaSettlementTests
{
    private static DateTime Utc(int y, int mo, int d, int h) => new(y, mo, d, h, 0, 0, DateTimeKind.Utc);
    private static DateOnly Day(int y, int mo, int d) => new(y, mo, d);

    // 25 MW at 25 W/TH = 1,000,000 TH/s; hashprice 0.06 $/TH/day, no fee → revenue 2,500 $/h = 100 $/MWh.
    private static readonly SiteSpec Site = new(new Megawatts(25), new WattsPerTerahash(25), 0.0, new UsdPerMWh(2));

    /// <summary>
    /// Six hours straddling Friday 2024-07-05 → Saturday 2024-07-06 (CDT, UTC−5), local start times:
    /// Fri 20:00 (HE21, 5x16), Fri 21:00 (HE22, 5x16), Fri 22:00 (HE23, 7x8), Sat 00:00 (HE1, 7x8),
    /// Sat 06:00 (HE7, 2x16), Sat 07:00 (HE8, 2x16).
    /// </summary>
    private static MarketSeries SixHours() => new(
        [Utc(2024, 7, 6, 1), Utc(2024, 7, 6, 2), Utc(2024, 7, 6, 3), Utc(2024, 7, 6, 5), Utc(2024, 7, 6, 11), Utc(2024, 7, 6, 12)],
        [50, 150, 20, -10, 99, 120],
        [0.06, 0.06, 0.06, 0.06, 0.06, 0.06]);

    /// <summary>A 7x24 tranche ending Friday, a 5x16 and a 2x16 all year, a 7x8 starting Saturday.</summary>
    private static PpaContract FourTranches() => new(
    [
        new PpaTranche(PowerBlock.SevenBy24, new Megawatts(10), new UsdPerMWh(30), Day(2024, 7, 1), Day(2024, 7, 5), "A"),
        new PpaTranche(PowerBlock.FiveBy16, new Megawatts(20), new UsdPerMWh(40), Day(2024, 1, 1), Day(2024, 12, 31), "B"),
        new PpaTranche(PowerBlock.TwoBy16, new Megawatts(15), new UsdPerMWh(35), Day(2024, 1, 1), Day(2024, 12, 31), "C"),
        new PpaTranche(PowerBlock.SevenBy8, new Megawatts(5), new UsdPerMWh(25), Day(2024, 7, 6), Day(2024, 12, 31), "D"),
    ], "test");

    [Fact]
    public void ContractedMegawatts_FollowBlocksAcrossWeekendAndTrancheDates()
    {
        // Fri HE21/HE22: A 10 + B 20; Fri HE23: A 10 only (D starts Saturday); Sat HE1: D 5 (A ended Friday);
        // Sat HE7/HE8: C 15.
        var q = FourTranches().ContractedMegawatts(SixHours().StartsUtc, MarketClock.Ercot);
        Assert.Equal([30.0, 30, 10, 5, 15, 15], q);
    }

    [Fact]
    public void Settle_HandComputedSixHours()
    {
        var problem = new DispatchProblem(SixHours(), Site);
        double[] run = [1, 0, 0.2, 1, 0.4, 0];
        var r = PpaSettlement.Settle(problem, run, FourTranches(), new PpaSettlementOptions { Btc = BtcPriceInput.Constant(50_000) });

        // L = run × 25 = [25, 0, 5, 25, 10, 0]; Q = [30, 30, 10, 5, 15, 15].
        Assert.Equal(105, r.ContractedMWh, 9);
        Assert.Equal(65, r.ConsumedMWh, 9);
        // (Q − L)+ = [5, 30, 5, 0, 5, 15]; (L − Q)+ = [0, 0, 0, 20, 0, 0].
        Assert.Equal(60, r.SellBackMWh, 9);
        Assert.Equal(20, r.SpotPurchaseMWh, 9);
        // Payments: 10×30 + 20×40 = 1100 (×2), 10×30 = 300, 5×25 = 125, 15×35 = 525 (×2) → 3675.
        Assert.Equal(3675, r.ContractPaymentsUsd, 6);
        // Credits: 5×50 + 30×150 + 5×20 + 0 + 5×99 + 15×120 = 250 + 4500 + 100 + 495 + 1800 = 7145.
        Assert.Equal(7145, r.PowerSaleCreditsUsd, 6);
        // Purchases: 20 MWh at −10 $/MWh = −200 (paid to take power).
        Assert.Equal(-200, r.SpotPurchaseCostUsd, 6);
        Assert.Equal(130, r.AdderCostUsd, 6);            // 65 MWh × 2
        Assert.Equal(6500, r.MiningRevenueUsd, 6);       // 100 $/MWh × 65 MWh
        Assert.Equal(0, r.HubBasisUsd);
        Assert.Equal(10_040, r.NetProfitUsd, 6);         // 6500 − 3675 + 7145 + 200 − 130
        // Mining at market: 25×(100−52) + 0 + 5×(100−22) + 25×(100+8) + 10×(100−101) + 0 = 1200 + 390 + 2700 − 10.
        Assert.Equal(4280, r.MiningProfitAtMarketUsd, 6);
        // Contract value: ΣQλ = 1500 + 4500 + 200 − 50 + 1485 + 1800 = 9435, minus 3675.
        Assert.Equal(5760, r.ContractValueUsd, 6);
        Assert.Equal(-3540, r.NetPowerCostUsd, 6);       // 3675 − 200 + 130 − 7145
        // Always on: 25 × Σ(98 − λ) = 25 × (48 − 52 + 78 + 108 − 1 − 22) = 3975, plus 5760.
        Assert.Equal(9735, r.AlwaysOnNetProfitUsd, 6);
        Assert.Equal(305, r.FlexibilityUpliftUsd, 6);
        Assert.Equal(7145.0 / 60, r.AvgSellBackPriceUsdPerMWh!.Value, 9);
        Assert.Equal(35, r.AvgContractPriceUsdPerMWh!.Value, 9);
        // BTC at 50,000: 6500/50000 mined; cost per BTC = −3540 / 0.13.
        Assert.Equal(0.13, r.BtcMined!.Value, 12);
        Assert.Equal(0.1429, r.PowerSaleCreditsBtc!.Value, 12);
        Assert.Equal(-3540 / 0.13, r.CostToMinePerBtcUsd!.Value, 6);

        Assert.Equal([250.0, 4500, 100, 0, 495, 1800], r.PowerSaleCreditUsdByInterval);
        var tr = r.Tranches;
        Assert.Equal(["A", "B", "C", "D"], tr.Select(x => x.Label));
        Assert.Equal([30.0, 40, 30, 5], tr.Select(x => x.ContractedMWh));
        Assert.Equal([900.0, 1600, 1050, 125], tr.Select(x => x.PaymentsUsd));
        // A at market: 10×(50 + 150 + 20) = 2200; D: 5 × −10 = −50.
        Assert.Equal(2200, tr[0].MarketValueUsd, 9);
        Assert.Equal(-50, tr[3].MarketValueUsd, 9);
        var month = Assert.Single(r.Monthly);
        Assert.Equal((2024, 7), (month.Year, month.Month));
        Assert.Equal(10_040, month.NetProfitUsd, 6);
    }

    [Fact]
    public void Settle_WithAncillaryIncome_AddsASeparateLineAndNetsItInCostPerBtc()
    {
        var problem = new DispatchProblem(SixHours(), Site);
        double[] run = [1, 0, 0.2, 1, 0.4, 0];
        var r = PpaSettlement.Settle(problem, run, FourTranches(), new PpaSettlementOptions
        {
            Btc = BtcPriceInput.Constant(50_000),
            Ancillary = new AncillaryCapacityContract { PriceUsdPerMwHour = 5 },
        });
        // Running MW = [25, 0, 5, 25, 10, 0] → 65 MW-h × 5 $.
        Assert.Equal(325, r.AncillaryIncomeUsd, 9);
        Assert.Equal(10_040 + 325, r.NetProfitUsd, 6);
        Assert.Equal(-3540, r.NetPowerCostUsd, 6);
        Assert.Equal((-3540 - 325) / 0.13, r.CostToMinePerBtcUsd!.Value, 6);
        Assert.Equal(325 / 50_000.0, r.AncillaryIncomeBtc!.Value, 12);
        // Always on sells 25 MW × 6 h of capacity: 9735 + 750.
        Assert.Equal(10_485, r.AlwaysOnNetProfitUsd, 6);
        Assert.Equal(325, Assert.Single(r.Monthly).AncillaryIncomeUsd, 9);
    }

    [Fact]
    public void Settle_TrancheEndingAtMonthEnd_StopsAtLocalMidnightAndSplitsMonthsInCpt()
    {
        // Jul 31 23:00 CDT (04:00Z Aug 1) and Aug 1 00:00 CDT (05:00Z Aug 1): both are August in UTC.
        var market = new MarketSeries([Utc(2024, 8, 1, 4), Utc(2024, 8, 1, 5)], [30, 50], [0.06, 0.06]);
        var contract = new PpaContract([new PpaTranche(PowerBlock.SevenBy24, new Megawatts(10), new UsdPerMWh(20), Day(2024, 7, 1), Day(2024, 7, 31))]);
        var r = PpaSettlement.Settle(new DispatchProblem(market, Site), [0, 0], contract);
        Assert.Equal([10.0, 0], r.ContractedMWhByInterval);
        Assert.Equal([(2024, 7), (2024, 8)], r.Monthly.Select(m => (m.Year, m.Month)));
        // July: pay 200, sell 10 MWh at 30 → net 100. August: nothing.
        Assert.Equal(100, r.Monthly[0].NetProfitUsd, 9);
        Assert.Equal(0, r.Monthly[1].NetProfitUsd, 9);
        Assert.Equal(100, r.NetProfitUsd, 9);
    }

    [Fact]
    public void Settle_MiningProfitAtMarketEqualsBacktesterProfitForTheSameRun()
    {
        var market = SixHours();
        var problem = new DispatchProblem(market, Site);
        double[] run = [1, 0, 0.2, 1, 0.4, 0];
        var bt = Backtester.Evaluate(problem, run, "manual", MarketClock.Ercot);
        var r = PpaSettlement.Settle(problem, run, FourTranches());
        Assert.Equal(bt.Summary.ProfitUsd, r.MiningProfitAtMarketUsd, 6);
    }

    [Fact]
    public void Settle_HubSettledContract_AddsBasisOnContractVolume()
    {
        var problem = new DispatchProblem(SixHours(), Site);
        double[] run = [1, 0, 0.2, 1, 0.4, 0];
        double[] hub = [45, 160, 20, -5, 90, 100];
        var r = PpaSettlement.Settle(problem, run, FourTranches(), new PpaSettlementOptions { HubPriceUsdPerMWh = hub });
        // (h − λ)·Q = (−5)×30 + 10×30 + 0 + 5×5 + (−9)×15 + (−20)×15 = −150 + 300 + 25 − 135 − 300 = −260.
        Assert.True(r.HubSettled);
        Assert.Equal(-260, r.HubBasisUsd, 6);
        Assert.Equal(10_040 - 260, r.NetProfitUsd, 6);
        Assert.Equal(4280, r.MiningProfitAtMarketUsd, 6);      // the site still values energy at λ
        Assert.Equal(5760 - 260, r.ContractValueUsd, 6);       // ΣQh − payments
    }

    [Fact]
    public void Settle_BtcFromHashpriceInBtc_ImpliesThePrice()
    {
        var problem = new DispatchProblem(SixHours(), Site);
        double[] run = [1, 0, 0.2, 1, 0.4, 0];
        // 0.06 $/TH/day ÷ 1.2e-6 BTC/TH/day = 50,000 $/BTC in every hour.
        var r = PpaSettlement.Settle(problem, run, FourTranches(),
            new PpaSettlementOptions { Btc = BtcPriceInput.FromHashpriceBtc([1.2e-6, 1.2e-6, 1.2e-6, 1.2e-6, 1.2e-6, 1.2e-6]) });
        // BTC mined = 1e6 TH/s × 1.2e-6 BTC/TH/day / 24 × Σrun h = 0.05 × 2.6 = 0.13.
        Assert.Equal(0.13, r.BtcMined!.Value, 12);
    }

    [Fact]
    public void Settle_ContractPriceDoesNotChangeOptimalDispatchOrMiningProfit()
    {
        // Two weeks of hourly prices (deterministic pseudo-random with spikes and negatives), three tranches.
        int n = 24 * 14;
        var rng = new Random(7);
        var starts = new DateTime[n];
        var price = new double[n];
        var hp = new double[n];
        for (int t = 0; t < n; t++)
        {
            starts[t] = Utc(2024, 7, 1, 5).AddHours(t);
            double u = rng.NextDouble();
            price[t] = u < 0.05 ? 300 + 2000 * rng.NextDouble() : u < 0.1 ? -20 * rng.NextDouble() : 15 + 90 * rng.NextDouble();
            hp[t] = 0.05 + 0.02 * rng.NextDouble();
        }
        var market = new MarketSeries(starts, price, hp);
        PpaContract At(double k) => new(
        [
            new PpaTranche(PowerBlock.SevenBy24, new Megawatts(10), new UsdPerMWh(k), Day(2024, 7, 1), Day(2024, 7, 9)),
            new PpaTranche(PowerBlock.FiveBy16, new Megawatts(12), new UsdPerMWh(k), Day(2024, 7, 1), Day(2024, 7, 31)),
            new PpaTranche(PowerBlock.SevenBy8, new Megawatts(4), new UsdPerMWh(k), Day(2024, 7, 3), Day(2024, 7, 31)),
        ]);
        var strategy = new ThresholdStrategy();
        var r20 = PpaSettlement.Settle(market, Site, strategy, At(20));
        var r80 = PpaSettlement.Settle(market, Site, strategy, At(80));

        Assert.Equal(r20.ConsumedMWhByInterval, r80.ConsumedMWhByInterval);
        Assert.Equal(r20.MiningProfitAtMarketUsd, r80.MiningProfitAtMarketUsd);
        Assert.Equal(r20.ContractedMWh, r80.ContractedMWh);
        Assert.Equal(-(80 - 20) * r20.ContractedMWh, r80.NetProfitUsd - r20.NetProfitUsd, 6);
        // Contracted MWh counted independently: 7x24 for 9 days, 5x16 on the 10 weekdays (4 Jul is a NERC holiday → 9),
        // 7x8 from 3 Jul on (12 days).
        Assert.Equal(10 * 24 * 9 + 12 * 16 * 9 + 4 * 8 * 12, r20.ContractedMWh, 9);

        // The threshold schedule maximises the PPA total whatever K is: any single flip of an interval lowers it.
        var problem = new DispatchProblem(market, Site);
        var best = new double[n];
        strategy.Dispatch(problem, best);
        foreach (var k in new[] { 20.0, 80.0 })
        {
            double baseTotal = PpaSettlement.Settle(problem, best, At(k)).NetProfitUsd;
            for (int t = 0; t < n; t += 5)
            {
                var flipped = (double[])best.Clone();
                flipped[t] = 1 - flipped[t];
                Assert.True(PpaSettlement.Settle(problem, flipped, At(k)).NetProfitUsd <= baseTotal + 1e-6);
            }
        }
    }

    [Fact]
    public void Settle_BruteForceOptimumIsTheSameScheduleForK20AndK80()
    {
        // 8 hours, every 0/1 schedule: the schedule with the highest PPA total is the same for both prices,
        // and it is "run when λ + adder < revenue per MWh (100)".
        var starts = Enumerable.Range(0, 8).Select(i => Utc(2024, 7, 8, 14).AddHours(i)).ToArray(); // Mon 09:00–16:00 CDT
        double[] price = [30, 120, 97, 99, 250, -5, 60, 101];
        var market = new MarketSeries(starts, price, Enumerable.Repeat(0.06, 8).ToArray());
        var problem = new DispatchProblem(market, Site);
        int Best(double k)
        {
            var c = new PpaContract([new PpaTranche(PowerBlock.FiveBy16, new Megawatts(18), new UsdPerMWh(k), Day(2024, 7, 1), Day(2024, 7, 31))]);
            int arg = -1;
            double max = double.NegativeInfinity;
            for (int mask = 0; mask < 256; mask++)
            {
                var run = Enumerable.Range(0, 8).Select(i => (double)((mask >> i) & 1)).ToArray();
                double v = PpaSettlement.Settle(problem, run, c).NetProfitUsd;
                if (v > max) { max = v; arg = mask; }
            }
            return arg;
        }
        // λ + 2 < 100 ⇔ λ < 98: hours 0 (30), 2 (97), 5 (−5), 6 (60) → bits 0, 2, 5, 6.
        int expected = 1 | 4 | 32 | 64;
        Assert.Equal(expected, Best(20));
        Assert.Equal(expected, Best(80));
    }

    [Fact]
    public void Settle_BadInputs_ThrowReadableMessages()
    {
        var problem = new DispatchProblem(SixHours(), Site);
        var ex = Assert.Throws<ArgumentException>(() => PpaSettlement.Settle(problem, new double[5], FourTranches()));
        Assert.Contains("5 values", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => PpaSettlement.Settle(problem, [1, 1, 1.5, 1, 1, 1], FourTranches()));
        Assert.Contains("2024-07-06T03:00:00", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new PpaContract(
            [new PpaTranche(PowerBlock.SevenBy24, new Megawatts(10), new UsdPerMWh(30), Day(2024, 7, 5), Day(2024, 7, 1), "late")], "bad"));
        Assert.Contains("tranche 1 (late)", ex.Message);
        Assert.Contains("before first day", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => new PpaContract(
            [new PpaTranche(PowerBlock.SevenBy24, new Megawatts(-1), new UsdPerMWh(30), Day(2024, 7, 1), Day(2024, 7, 5))], "neg"));
        Assert.Contains("positive", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => PpaSettlement.Settle(problem, new double[6], FourTranches(),
            new PpaSettlementOptions { Btc = BtcPriceInput.FromUsdPerBtc([1, 1, 0, 1, 1, 1]) }));
        Assert.Contains("BTC price at 2024-07-06T03:00:00", ex.Message);
    }
}
