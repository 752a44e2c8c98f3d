using System.Numerics;
using System.Runtime.CompilerServices;

namespace MiningDispatch.Core.Economics;

/// <summary>
/// The economics kernel: the one place where revenue, power cost, breakeven, hashrate and the TH/PH and W/MW
/// conversions are written (docs/mining-economics.md §2.1). Every caller in the solution goes through it.
/// <para>
/// hashrate TH/s = MW × 1e6 / (W/TH); revenue = TH/s × hashprice ($/TH/day) / 24 × (1 − fee) × hours;
/// cost = MW × (price + adder) × hours; breakeven all-in power price = hashprice × (1 − fee) × 1e6 / (24 × W/TH).
/// </para>
/// <para>
/// Floating-point order is part of the contract: each method evaluates left to right exactly as written, and every
/// figure the product prints was computed in that order. Where two callers group the same formula differently (and
/// so differ in the last bit), the kernel keeps both as separately named methods and says why; merging them would
/// move printed figures by an ulp and can flip a dispatch decision that sits exactly on a threshold.
/// The scalar methods are inlined; the span methods fill arrays with the same operations, so bulk and scalar agree
/// bit for bit. No fused multiply-add is used (the JIT never contracts a × b + c on its own), so the
/// <see cref="Vector{T}"/> forms also match the scalar ones lane by lane.
/// </para>
/// </summary>
public static class MiningEconomics
{
    /// <summary>Hours in a day: hashprice is quoted per day, revenue is booked per interval.</summary>
    public const double HoursPerDay = 24.0;

    /// <summary>Watts in a megawatt.</summary>
    public const double WattsPerMegawatt = 1e6;

    /// <summary>TH/s in one PH/s (and $/TH/day in one $/PH/day, the other way round).</summary>
    public const double TerahashPerPetahash = 1000.0;

    // ---- Unit conversions -------------------------------------------------------------------------------------

    /// <summary>Hashprice in USD/TH/day from USD/PH/day (÷ 1000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PerPhDayToPerThDay(double usdPerPhDay) => usdPerPhDay / TerahashPerPetahash;

    /// <summary>Hashprice in USD/PH/day from USD/TH/day (× 1000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PerThDayToPerPhDay(double usdPerThDay) => usdPerThDay * TerahashPerPetahash;

    /// <summary>Hashrate in PH/s from TH/s (÷ 1000).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TerahashToPetahash(double terahashPerSecond) => terahashPerSecond / TerahashPerPetahash;

    /// <summary>MW from W (÷ 1e6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double WattsToMegawatts(double watts) => watts / WattsPerMegawatt;

    /// <summary>W from MW (× 1e6).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MegawattsToWatts(double megawatts) => megawatts * WattsPerMegawatt;

    // ---- Hashrate and efficiency ------------------------------------------------------------------------------

    /// <summary>Hashrate (TH/s) of <paramref name="megawatts"/> of machines at <paramref name="wattsPerTh"/>: MW × 1e6 / (W/TH).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Hashrate(double megawatts, double wattsPerTh) => megawatts * WattsPerMegawatt / wattsPerTh;

    /// <summary>Efficiency (W/TH) of machines drawing <paramref name="watts"/> at <paramref name="terahashPerSecond"/>: W / (TH/s).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Efficiency(double watts, double terahashPerSecond) => watts / terahashPerSecond;

    // ---- Revenue ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Pool revenue in USD, net of the pool fee: TH/s × hashprice / 24 × (1 − fee) × hours (in that order; the
    /// dispatch problem, the sweep and the Monte Carlo paths).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RevenueUsd(double terahashPerSecond, double hashpriceUsdPerThDay, double poolFee, double hours)
        => terahashPerSecond * hashpriceUsdPerThDay / HoursPerDay * (1.0 - poolFee) * hours;

    /// <summary>
    /// <see cref="RevenueUsd(double, double, double, double)"/> on SIMD lanes, with 1 − fee precomputed: the same
    /// operations in the same order in every lane (the sweep's inner loop).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> RevenueUsd(Vector<double> terahashPerSecond, Vector<double> hashpriceUsdPerThDay, Vector<double> oneMinusFee, Vector<double> hours)
        => terahashPerSecond * hashpriceUsdPerThDay / new Vector<double>(HoursPerDay) * oneMinusFee * hours;

    /// <summary>
    /// USD earned per unit of hashprice ($/TH/day) by <paramref name="terahashPerSecond"/> over <paramref name="hours"/>:
    /// TH/s / 24 × (1 − fee) × hours, so that revenue = hashprice × this. Day-ahead scheduling groups the formula
    /// this way (one factor per run, one multiply per interval); the result can differ from
    /// <see cref="RevenueUsd(double, double, double, double)"/> in the last bit, and the day-ahead schedules were
    /// computed with it, so it stays separate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RevenuePerUnitHashprice(double terahashPerSecond, double poolFee, double hours)
        => terahashPerSecond / HoursPerDay * (1.0 - poolFee) * hours;

    /// <summary>
    /// Revenue in USD of one TH/s over <paramref name="hours"/>: hashprice / 24 × (1 − fee) × hours. A fleet books
    /// machines × TH/s per machine × this (per-tranche revenue shares one factor per interval), which groups the
    /// formula differently from <see cref="RevenueUsd(double, double, double, double)"/>; the fleet figures were
    /// computed this way, so it stays separate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double RevenuePerTerahash(double hashpriceUsdPerThDay, double poolFee, double hours)
        => hashpriceUsdPerThDay / HoursPerDay * (1.0 - poolFee) * hours;

    // ---- Cost -------------------------------------------------------------------------------------------------

    /// <summary>All-in power price: settlement price + adder ($/MWh).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double AllInPrice(double priceUsdPerMWh, double adderUsdPerMWh) => priceUsdPerMWh + adderUsdPerMWh;

    /// <summary>Power cost in USD: MW × all-in price × hours.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double PowerCostUsd(double megawatts, double allInPriceUsdPerMWh, double hours) => megawatts * allInPriceUsdPerMWh * hours;

    /// <summary><see cref="PowerCostUsd(double, double, double)"/> on SIMD lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> PowerCostUsd(Vector<double> megawatts, Vector<double> allInPriceUsdPerMWh, Vector<double> hours)
        => megawatts * allInPriceUsdPerMWh * hours;

    // ---- Breakeven --------------------------------------------------------------------------------------------

    /// <summary>
    /// Breakeven $/MWh per unit of hashprice ($/TH/day): (1 − fee) × 1e6 / (24 × W/TH). A single-efficiency site
    /// computes it once and multiplies (<see cref="Breakeven"/>); the single-site breakevens and the sweep's mean
    /// breakeven are this product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BreakevenFactor(double poolFee, double wattsPerTh) => (1.0 - poolFee) * WattsPerMegawatt / (HoursPerDay * wattsPerTh);

    /// <summary>Breakeven all-in power price ($/MWh) from a hashprice and a <see cref="BreakevenFactor"/>: hashprice × factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Breakeven(double hashpriceUsdPerThDay, double breakevenFactor) => hashpriceUsdPerThDay * breakevenFactor;

    /// <summary>
    /// Breakeven all-in power price ($/MWh), evaluated left to right: hashprice × (1 − fee) × 1e6 / (24 × W/TH).
    /// Numerically the revenue per MWh consumed. The fleet's merit order (per model and per interval) and the
    /// breakeven surfaces use this grouping; it can differ from <see cref="Breakeven"/> × <see cref="BreakevenFactor"/>
    /// in the last bit, and a merit-order decision compares it with the price, so it stays separate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BreakevenPrice(double hashpriceUsdPerThDay, double poolFee, double wattsPerTh)
        => hashpriceUsdPerThDay * (1.0 - poolFee) * WattsPerMegawatt / (HoursPerDay * wattsPerTh);

    /// <summary>
    /// Breakeven efficiency (W/TH) at an all-in power price: hashprice × (1 − fee) × 1e6 / (24 × price), the
    /// breakeven formula solved for the efficiency (same operations as <see cref="BreakevenPrice"/>). Only meaningful
    /// for a positive price.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BreakevenEfficiency(double hashpriceUsdPerThDay, double poolFee, double allInPriceUsdPerMWh)
        => BreakevenPrice(hashpriceUsdPerThDay, poolFee, allInPriceUsdPerMWh);

    /// <summary>Hashcost ($/PH/day) of running at an all-in power price: W/TH × price × 24 / 1000.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double HashcostUsdPerPhDay(double wattsPerTh, double allInPriceUsdPerMWh)
        => wattsPerTh * allInPriceUsdPerMWh * HoursPerDay / TerahashPerPetahash;

    /// <summary>Breakeven hashprice ($/PH/day, before the pool fee): the hashcost grossed up for the fee, hashcost / (1 − fee).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double BreakevenHashpriceUsdPerPhDay(double wattsPerTh, double allInPriceUsdPerMWh, double poolFee)
        => HashcostUsdPerPhDay(wattsPerTh, allInPriceUsdPerMWh) / (1.0 - poolFee);

    // ---- Bulk (span) forms ------------------------------------------------------------------------------------

    /// <summary>Hashprices in USD/PH/day from USD/TH/day, element by element (<see cref="PerThDayToPerPhDay(double)"/>).</summary>
    public static void PerThDayToPerPhDay(ReadOnlySpan<double> usdPerThDay, Span<double> usdPerPhDay)
    {
        CheckLength(usdPerThDay.Length, usdPerPhDay.Length, nameof(usdPerPhDay));
        for (int i = 0; i < usdPerThDay.Length; i++) usdPerPhDay[i] = PerThDayToPerPhDay(usdPerThDay[i]);
    }

    /// <summary>Hashprices in USD/TH/day from USD/PH/day, element by element (<see cref="PerPhDayToPerThDay(double)"/>).</summary>
    public static void PerPhDayToPerThDay(ReadOnlySpan<double> usdPerPhDay, Span<double> usdPerThDay)
    {
        CheckLength(usdPerPhDay.Length, usdPerThDay.Length, nameof(usdPerThDay));
        for (int i = 0; i < usdPerPhDay.Length; i++) usdPerThDay[i] = PerPhDayToPerThDay(usdPerPhDay[i]);
    }

    /// <summary>Hashprices in USD/PH/day from USD/TH/day, as a new array.</summary>
    public static double[] PerThDayToPerPhDay(ReadOnlySpan<double> usdPerThDay)
    {
        var r = new double[usdPerThDay.Length];
        PerThDayToPerPhDay(usdPerThDay, r);
        return r;
    }

    /// <summary>
    /// The per-interval economics of a single-efficiency site running fully on, in one pass: all-in price, breakeven
    /// (hashprice × <see cref="BreakevenFactor"/>), revenue (<see cref="RevenueUsd(double, double, double, double)"/>),
    /// cost (<see cref="PowerCostUsd(double, double, double)"/>) and net = revenue − cost. Every output has the
    /// inputs' length.
    /// </summary>
    /// <param name="hashpriceUsdPerThDay">Hashprice per interval, $/TH/day.</param>
    /// <param name="priceUsdPerMWh">Settlement price per interval, $/MWh.</param>
    /// <param name="megawatts">Site power when on.</param>
    /// <param name="wattsPerTh">Site efficiency.</param>
    /// <param name="poolFee">Pool fee as a fraction.</param>
    /// <param name="adderUsdPerMWh">Added to every settlement price.</param>
    /// <param name="hours">Interval length in hours.</param>
    /// <param name="allInPrice">Output: price + adder.</param>
    /// <param name="breakeven">Output: breakeven all-in price, $/MWh.</param>
    /// <param name="revenue">Output: revenue, USD per interval.</param>
    /// <param name="cost">Output: power cost, USD per interval.</param>
    /// <param name="net">Output: revenue − cost, USD per interval.</param>
    public static void SiteIntervals(ReadOnlySpan<double> hashpriceUsdPerThDay, ReadOnlySpan<double> priceUsdPerMWh,
        double megawatts, double wattsPerTh, double poolFee, double adderUsdPerMWh, double hours,
        Span<double> allInPrice, Span<double> breakeven, Span<double> revenue, Span<double> cost, Span<double> net)
    {
        int n = hashpriceUsdPerThDay.Length;
        CheckLength(n, priceUsdPerMWh.Length, nameof(priceUsdPerMWh));
        CheckLength(n, allInPrice.Length, nameof(allInPrice));
        CheckLength(n, breakeven.Length, nameof(breakeven));
        CheckLength(n, revenue.Length, nameof(revenue));
        CheckLength(n, cost.Length, nameof(cost));
        CheckLength(n, net.Length, nameof(net));
        double th = Hashrate(megawatts, wattsPerTh);
        double factor = BreakevenFactor(poolFee, wattsPerTh);
        for (int t = 0; t < n; t++)
        {
            double hp = hashpriceUsdPerThDay[t];
            double allIn = AllInPrice(priceUsdPerMWh[t], adderUsdPerMWh);
            double r = RevenueUsd(th, hp, poolFee, hours);
            double c = PowerCostUsd(megawatts, allIn, hours);
            allInPrice[t] = allIn;
            breakeven[t] = Breakeven(hp, factor);
            revenue[t] = r;
            cost[t] = c;
            net[t] = r - c;
        }
    }

    private static void CheckLength(int expected, int actual, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has {actual} values but the input has {expected}; every span must have the same length.", name);
    }
}
