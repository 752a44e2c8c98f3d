using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Economics;

/// <summary>
/// The unit economics of a mining site, from docs/mining-economics.md §2.1:
/// hashrate TH/s = MW × 1e6 / (W/TH); revenue per hour = TH/s × hashprice($/TH/day) / 24 × (1 − fee);
/// cost per hour = MW × (price + adder); breakeven power price = hashprice × (1 − fee) × 1e6 / (24 × W/TH).
/// </summary>
public static class MiningEconomics
{
    public static TerahashPerSecond Hashrate(Megawatts power, WattsPerTerahash efficiency)
    {
        if (efficiency.Value <= 0) throw new ArgumentOutOfRangeException(nameof(efficiency), "Efficiency must be positive.");
        return new(power.Value * 1e6 / efficiency.Value);
    }

    /// <summary>Pool revenue in USD for <paramref name="hours"/> hours at a hashrate and hashprice, net of the pool fee.</summary>
    public static double RevenueUsd(TerahashPerSecond hashrate, UsdPerThDay hashprice, double poolFee, double hours = 1.0)
        => hashrate.Value * hashprice.Value / 24.0 * (1.0 - poolFee) * hours;

    /// <summary>Power cost in USD for <paramref name="hours"/> hours at a price plus a per-MWh adder.</summary>
    public static double PowerCostUsd(Megawatts power, UsdPerMWh price, UsdPerMWh adder, double hours = 1.0)
        => power.Value * (price.Value + adder.Value) * hours;

    /// <summary>All-in power price (settlement price plus adders) at which mining revenue equals power cost.</summary>
    public static UsdPerMWh BreakevenPrice(UsdPerThDay hashprice, double poolFee, WattsPerTerahash efficiency)
        => new(hashprice.Value * (1.0 - poolFee) * 1e6 / (24.0 * efficiency.Value));

    /// <summary>Revenue per MWh consumed; numerically the same as the breakeven all-in price.</summary>
    public static double RevenuePerMWh(double hashpriceUsdPerThDay, double poolFee, double wattsPerTh)
        => hashpriceUsdPerThDay * (1.0 - poolFee) * 1e6 / (24.0 * wattsPerTh);

    /// <summary>Hashcost ($/PH/day) of running at a given all-in power price: e × λ × 24 / 1000.</summary>
    public static UsdPerPhDay Hashcost(WattsPerTerahash efficiency, UsdPerMWh allInPrice)
        => new(efficiency.Value * allInPrice.Value * 24.0 / 1000.0);
}
