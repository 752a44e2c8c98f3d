using System.Numerics;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Economics;

/// <summary>
/// The economics kernel: hand-computed values for every formula, the exact floating-point order of each one (the
/// printed figures depend on it), and the bulk and SIMD forms against the scalar ones bit for bit.
/// </summary>
public class MiningEconomicsTests
{
    private const double Rel = 1e-12;

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Rel * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void Unit_conversions_by_hand()
    {
        Assert.Equal(0.045, MiningEconomics.PerPhDayToPerThDay(45), 15);
        Assert.Equal(52.3, MiningEconomics.PerThDayToPerPhDay(0.0523), 12);
        Assert.Equal(500.0, MiningEconomics.TerahashToPetahash(500_000));
        Assert.Equal(3.5, MiningEconomics.WattsToMegawatts(3_500_000));
        Assert.Equal(6_000_000.0, MiningEconomics.MegawattsToWatts(6));
    }

    [Fact]
    public void Hashrate_and_efficiency_by_hand()
    {
        // 10 MW at 20 W/TH: 10e6 W / 20 W per TH/s = 500,000 TH/s (500 PH/s).
        Assert.Equal(500_000.0, MiningEconomics.Hashrate(10, 20));
        // An S21: 3,500 W at 200 TH/s = 17.5 W/TH.
        Assert.Equal(17.5, MiningEconomics.Efficiency(3500, 200));
    }

    [Fact]
    public void Revenue_and_cost_by_hand()
    {
        // 500,000 TH/s × 0.05 $/TH/day = 25,000 $/day; per hour 1,041.666…; after a 2 % fee 1,020.8333… $.
        Near(24_500.0 / 24, MiningEconomics.RevenueUsd(500_000, 0.05, 0.02, 1.0));
        // A 15-minute interval earns a quarter of that.
        Near(24_500.0 / 96, MiningEconomics.RevenueUsd(500_000, 0.05, 0.02, 0.25));
        // The two regroupings give the same money up to rounding.
        Near(24_500.0 / 24, 0.05 * MiningEconomics.RevenuePerUnitHashprice(500_000, 0.02, 1.0));
        Near(24_500.0 / 24, 500_000 * MiningEconomics.RevenuePerTerahash(0.05, 0.02, 1.0));

        Assert.Equal(45.0, MiningEconomics.AllInPrice(40, 5));
        Assert.Equal(-15.0, MiningEconomics.AllInPrice(-20, 5)); // a negative price is a credit, never clamped
        Assert.Equal(112.5, MiningEconomics.PowerCostUsd(10, 45, 0.25));
    }

    [Fact]
    public void Breakeven_by_hand()
    {
        // 0.05 × 0.98 × 1e6 / (24 × 20) = 49,000 / 480 = 102.0833… $/MWh.
        Near(49_000.0 / 480, MiningEconomics.BreakevenPrice(0.05, 0.02, 20));
        Near(980_000.0 / 480, MiningEconomics.BreakevenFactor(0.02, 20));
        Near(49_000.0 / 480, MiningEconomics.Breakeven(0.05, MiningEconomics.BreakevenFactor(0.02, 20)));
        // Solved for the efficiency: at 102.0833… $/MWh the same hashprice breaks even at 20 W/TH.
        Near(20, MiningEconomics.BreakevenEfficiency(0.05, 0.02, 49_000.0 / 480));
        // Hashcost: 20 W/TH × 50 $/MWh × 24 h / 1000 = 24 $/PH/day; grossed up for a 20 % fee: 30 $/PH/day.
        Near(24, MiningEconomics.HashcostUsdPerPhDay(20, 50));
        Near(30, MiningEconomics.BreakevenHashpriceUsdPerPhDay(20, 50, 0.2));
    }

    [Fact]
    public void At_the_breakeven_price_revenue_equals_cost()
    {
        var rng = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            double mw = 0.5 + 100 * rng.NextDouble(), e = 12 + 30 * rng.NextDouble(), hp = 0.02 + 0.1 * rng.NextDouble();
            double fee = 0.05 * rng.NextDouble(), dt = rng.Next(2) == 0 ? 1.0 : 0.25;
            double revenue = MiningEconomics.RevenueUsd(MiningEconomics.Hashrate(mw, e), hp, fee, dt);
            Assert.Equal(1.0, MiningEconomics.PowerCostUsd(mw, MiningEconomics.BreakevenPrice(hp, fee, e), dt) / revenue, 12);
            Assert.Equal(1.0, MiningEconomics.PowerCostUsd(mw, MiningEconomics.Breakeven(hp, MiningEconomics.BreakevenFactor(fee, e)), dt) / revenue, 12);
            // Hashcost at the breakeven price is the hashprice net of the fee, in $/PH/day.
            Assert.Equal(1.0, MiningEconomics.BreakevenHashpriceUsdPerPhDay(e, MiningEconomics.BreakevenPrice(hp, fee, e), fee) / (hp * 1000), 12);
        }
    }

    /// <summary>
    /// Each kernel method evaluates its formula in the order the product has always used; these are the literal
    /// expressions from before the kernel existed (DispatchProblem, day-ahead, fleet, sweep, surfaces), compared bit for bit.
    /// </summary>
    [Fact]
    public void Each_formula_keeps_its_historical_operation_order_bit_for_bit()
    {
        var rng = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            double mw = 0.1 + 200 * rng.NextDouble(), e = 5 + 60 * rng.NextDouble(), hp = 0.01 + 0.2 * rng.NextDouble();
            double fee = 0.1 * rng.NextDouble(), dt = rng.NextDouble(), price = -50 + 500 * rng.NextDouble(), adder = 10 * rng.NextDouble();
            double th = mw * 1e6 / e;
            Assert.Equal(th, MiningEconomics.Hashrate(mw, e));
            Assert.Equal(th * hp / 24.0 * (1.0 - fee) * dt, MiningEconomics.RevenueUsd(th, hp, fee, dt));
            Assert.Equal(th / 24.0 * (1.0 - fee) * dt, MiningEconomics.RevenuePerUnitHashprice(th, fee, dt));
            Assert.Equal(hp / 24.0 * (1.0 - fee) * dt, MiningEconomics.RevenuePerTerahash(hp, fee, dt));
            Assert.Equal(mw * (price + adder) * dt, MiningEconomics.PowerCostUsd(mw, MiningEconomics.AllInPrice(price, adder), dt));
            Assert.Equal(hp * ((1.0 - fee) * 1e6 / (24.0 * e)), MiningEconomics.Breakeven(hp, MiningEconomics.BreakevenFactor(fee, e)));
            Assert.Equal(hp * (1.0 - fee) * 1e6 / (24.0 * e), MiningEconomics.BreakevenPrice(hp, fee, e));
            Assert.Equal(hp * 1000 / 1000.0 * (1.0 - fee) * 1e6 / (24.0 * price), MiningEconomics.BreakevenEfficiency(MiningEconomics.PerPhDayToPerThDay(hp * 1000), fee, price));
            Assert.Equal(e * price * 24.0 / 1000.0 / (1.0 - fee), MiningEconomics.BreakevenHashpriceUsdPerPhDay(e, price, fee));
            Assert.Equal(mw * 1e6 / th, MiningEconomics.Efficiency(MiningEconomics.MegawattsToWatts(mw), th));
        }
    }

    /// <summary>
    /// Why the kernel keeps two breakeven groupings and three revenue groupings: they do differ in the last bit on
    /// ordinary inputs, so merging them would move printed figures (and could flip a decision at a tie).
    /// </summary>
    [Fact]
    public void The_separately_kept_groupings_really_differ_in_the_last_bit()
    {
        var rng = new Random(3);
        int breakevenDiffers = 0, revenueDiffers = 0;
        for (int i = 0; i < 10_000; i++)
        {
            double e = 5 + 60 * rng.NextDouble(), hp = 0.01 + 0.2 * rng.NextDouble(), fee = 0.1 * rng.NextDouble(), th = 1e6 * rng.NextDouble();
            double a = MiningEconomics.BreakevenPrice(hp, fee, e), b = MiningEconomics.Breakeven(hp, MiningEconomics.BreakevenFactor(fee, e));
            if (a != b) breakevenDiffers++;
            Assert.Equal(1.0, a / b, 14);
            double r1 = MiningEconomics.RevenueUsd(th, hp, fee, 1.0), r2 = hp * MiningEconomics.RevenuePerUnitHashprice(th, fee, 1.0);
            if (r1 != r2) revenueDiffers++;
            Assert.Equal(1.0, r1 / r2, 14);
        }
        Assert.True(breakevenDiffers > 0, "the two breakeven groupings never differed; they could be merged");
        Assert.True(revenueDiffers > 0, "the two revenue groupings never differed; they could be merged");
    }

    [Fact]
    public void SiteIntervals_by_hand()
    {
        // 10 MW at 20 W/TH (500,000 TH/s), 2 % fee, 5 $/MWh adder, hourly.
        double[] hp = [0.05, 0.04], price = [40, 100];
        var allIn = new double[2];
        var be = new double[2];
        var rev = new double[2];
        var cost = new double[2];
        var net = new double[2];
        MiningEconomics.SiteIntervals(hp, price, 10, 20, 0.02, 5, 1.0, allIn, be, rev, cost, net);
        Assert.Equal([45.0, 105.0], allIn);
        Near(49_000.0 / 480, be[0]);          // 0.05 × 0.98e6 / 480
        Near(39_200.0 / 480, be[1]);          // 0.04 × 0.98e6 / 480
        Near(24_500.0 / 24, rev[0]);          // 500,000 × 0.05 / 24 × 0.98
        Near(19_600.0 / 24, rev[1]);
        Assert.Equal([450.0, 1050.0], cost); // 10 MW × all-in
        Near(24_500.0 / 24 - 450, net[0]);
        Near(19_600.0 / 24 - 1050, net[1]);
    }

    [Fact]
    public void SiteIntervals_equals_the_scalar_methods_bit_for_bit()
    {
        var rng = new Random(5);
        int n = 1000;
        var hp = new double[n];
        var price = new double[n];
        for (int t = 0; t < n; t++) { hp[t] = 0.03 + 0.05 * rng.NextDouble(); price[t] = -30 + 400 * rng.NextDouble(); }
        double mw = 17.3, e = 23.7, fee = 0.0175, adder = 4.2, dt = 0.25;
        var allIn = new double[n];
        var be = new double[n];
        var rev = new double[n];
        var cost = new double[n];
        var net = new double[n];
        MiningEconomics.SiteIntervals(hp, price, mw, e, fee, adder, dt, allIn, be, rev, cost, net);
        double th = mw * 1e6 / e, factor = (1.0 - fee) * 1e6 / (24.0 * e);
        for (int t = 0; t < n; t++)
        {
            Assert.Equal(price[t] + adder, allIn[t]);
            Assert.Equal(hp[t] * factor, be[t]);
            Assert.Equal(th * hp[t] / 24.0 * (1.0 - fee) * dt, rev[t]);
            Assert.Equal(mw * (price[t] + adder) * dt, cost[t]);
            Assert.Equal(rev[t] - cost[t], net[t]);
        }
    }

    [Fact]
    public void Span_methods_reject_a_length_mismatch_naming_the_span()
    {
        var ex = Assert.Throws<ArgumentException>(() => MiningEconomics.SiteIntervals([0.05, 0.05], [40.0], 10, 20, 0, 0, 1,
            new double[2], new double[2], new double[2], new double[2], new double[2]));
        Assert.Contains("priceUsdPerMWh has 1 values but the input has 2", ex.Message);
        Assert.Throws<ArgumentException>(() => MiningEconomics.PerThDayToPerPhDay([0.05, 0.06], new double[1]));
    }

    [Fact]
    public void Bulk_conversions_match_the_scalar_ones()
    {
        double[] th = [0.0523, 0.04, 0.061];
        var ph = MiningEconomics.PerThDayToPerPhDay(th);
        Assert.Equal([0.0523 * 1000.0, 0.04 * 1000.0, 0.061 * 1000.0], ph);
        var back = new double[3];
        MiningEconomics.PerPhDayToPerThDay(ph, back);
        Assert.Equal([ph[0] / 1000.0, ph[1] / 1000.0, ph[2] / 1000.0], back);
    }

    [Fact]
    public void Vector_forms_equal_the_scalar_ones_lane_by_lane()
    {
        var rng = new Random(9);
        int w = Vector<double>.Count;
        var th = new double[w];
        var hp = new double[w];
        var fee = new double[w];
        var omf = new double[w];
        var dt = new double[w];
        var mw = new double[w];
        var allIn = new double[w];
        for (int round = 0; round < 200; round++)
        {
            for (int i = 0; i < w; i++)
            {
                th[i] = 1e6 * rng.NextDouble(); hp[i] = 0.1 * rng.NextDouble(); fee[i] = 0.05 * rng.NextDouble(); omf[i] = 1.0 - fee[i];
                dt[i] = rng.NextDouble(); mw[i] = 50 * rng.NextDouble(); allIn[i] = -50 + 500 * rng.NextDouble();
            }
            var r = MiningEconomics.RevenueUsd(new Vector<double>(th), new Vector<double>(hp), new Vector<double>(omf), new Vector<double>(dt));
            var c = MiningEconomics.PowerCostUsd(new Vector<double>(mw), new Vector<double>(allIn), new Vector<double>(dt));
            for (int i = 0; i < w; i++)
            {
                Assert.Equal(MiningEconomics.RevenueUsd(th[i], hp[i], fee[i], dt[i]), r[i]);
                Assert.Equal(MiningEconomics.PowerCostUsd(mw[i], allIn[i], dt[i]), c[i]);
            }
        }
    }
}
