using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Sweep;

/// <summary>A breakeven quantity tabulated over two inputs: Values[row, column].</summary>
public sealed record BreakevenSurface(
    string RowName,
    string RowUnit,
    double[] RowValues,
    string ColumnName,
    string ColumnUnit,
    double[] ColumnValues,
    string ValueName,
    string ValueUnit,
    double[,] Values);

/// <summary>
/// Closed-form breakeven surfaces from docs/mining-economics.md §2.1 (pool fee f as a fraction, prices all-in):
/// power price λ* = h(1 − f)·10⁶ / (24·e) with h in $/TH/day; efficiency e* = h(1 − f)·10⁶ / (24·λ);
/// hashprice h* = e·λ·24 / (1000·(1 − f)) in $/PH/day (the hashcost grossed up for the fee).
/// </summary>
public static class BreakevenSurfaces
{
    /// <summary>Breakeven all-in power price ($/MWh) by efficiency (rows, W/TH) × hashprice (columns, $/PH/day).</summary>
    public static BreakevenSurface PowerPrice(double[] efficienciesWPerTh, double[] hashpricesUsdPerPhDay, double poolFee)
    {
        Check(efficienciesWPerTh, "efficiency", positive: true);
        Check(hashpricesUsdPerPhDay, "hashprice", positive: false);
        CheckFee(poolFee);
        var v = new double[efficienciesWPerTh.Length, hashpricesUsdPerPhDay.Length];
        for (int i = 0; i < efficienciesWPerTh.Length; i++)
            for (int j = 0; j < hashpricesUsdPerPhDay.Length; j++)
                v[i, j] = MiningEconomics.BreakevenPrice(MiningEconomics.PerPhDayToPerThDay(hashpricesUsdPerPhDay[j]), poolFee, efficienciesWPerTh[i]);
        return new BreakevenSurface("Efficiency", "W/TH", (double[])efficienciesWPerTh.Clone(), "Hashprice", "$/PH/day",
            (double[])hashpricesUsdPerPhDay.Clone(), "Breakeven all-in power price", "$/MWh", v);
    }

    /// <summary>
    /// Breakeven efficiency (W/TH) by hashprice (rows, $/PH/day) × all-in power price (columns, $/MWh): machines more
    /// efficient (lower W/TH) than this make money. Zero or negative power prices give +∞ (every machine pays).
    /// </summary>
    public static BreakevenSurface Efficiency(double[] hashpricesUsdPerPhDay, double[] allInPricesUsdPerMWh, double poolFee)
    {
        Check(hashpricesUsdPerPhDay, "hashprice", positive: false);
        Check(allInPricesUsdPerMWh, "power price", positive: false, allowNegative: true);
        CheckFee(poolFee);
        var v = new double[hashpricesUsdPerPhDay.Length, allInPricesUsdPerMWh.Length];
        for (int i = 0; i < hashpricesUsdPerPhDay.Length; i++)
            for (int j = 0; j < allInPricesUsdPerMWh.Length; j++)
            {
                double lambda = allInPricesUsdPerMWh[j];
                v[i, j] = lambda <= 0 ? double.PositiveInfinity : MiningEconomics.BreakevenEfficiency(MiningEconomics.PerPhDayToPerThDay(hashpricesUsdPerPhDay[i]), poolFee, lambda);
            }
        return new BreakevenSurface("Hashprice", "$/PH/day", (double[])hashpricesUsdPerPhDay.Clone(), "All-in power price", "$/MWh",
            (double[])allInPricesUsdPerMWh.Clone(), "Breakeven efficiency", "W/TH", v);
    }

    /// <summary>Breakeven hashprice ($/PH/day, before pool fee) by efficiency (rows, W/TH) × all-in power price (columns, $/MWh).</summary>
    public static BreakevenSurface Hashprice(double[] efficienciesWPerTh, double[] allInPricesUsdPerMWh, double poolFee)
    {
        Check(efficienciesWPerTh, "efficiency", positive: true);
        Check(allInPricesUsdPerMWh, "power price", positive: false, allowNegative: true);
        CheckFee(poolFee);
        var v = new double[efficienciesWPerTh.Length, allInPricesUsdPerMWh.Length];
        for (int i = 0; i < efficienciesWPerTh.Length; i++)
            for (int j = 0; j < allInPricesUsdPerMWh.Length; j++)
                v[i, j] = MiningEconomics.BreakevenHashpriceUsdPerPhDay(efficienciesWPerTh[i], allInPricesUsdPerMWh[j], poolFee);
        return new BreakevenSurface("Efficiency", "W/TH", (double[])efficienciesWPerTh.Clone(), "All-in power price", "$/MWh",
            (double[])allInPricesUsdPerMWh.Clone(), "Breakeven hashprice", "$/PH/day", v);
    }

    private static void Check(double[] values, string what, bool positive, bool allowNegative = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException($"The {what} axis is empty.");
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"The {what} axis has a non-finite value.");
            if (positive && !(v > 0)) throw new ArgumentException($"Every {what} must be positive (got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
            if (!allowNegative && v < 0) throw new ArgumentException($"Every {what} must be non-negative (got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        }
    }

    private static void CheckFee(double fee)
    {
        if (!(fee >= 0) || fee >= 1) throw new ArgumentException($"Pool fee is a fraction in [0, 1) (got {fee.ToString(System.Globalization.CultureInfo.InvariantCulture)}); 2 % is 0.02.");
    }
}
