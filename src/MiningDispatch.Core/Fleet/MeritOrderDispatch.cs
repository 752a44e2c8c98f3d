using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// Merit-order dispatch of a mixed fleet for one interval (docs/mining-economics.md §2.3): each tranche k has its own
/// breakeven λ*_k = hashprice × (1 − fee) × 1e6 / (24 × e_k); tranche k runs when λ*_k − all-in price is strictly above
/// the minimum profit per MWh. Under a site cap, whole machines are filled from the most efficient tranche down, so
/// the fleet sheds its least efficient machines first and restores its most efficient first.
/// </summary>
public static class MeritOrderDispatch
{
    /// <summary>
    /// Machines running per tranche for one interval.
    /// </summary>
    /// <param name="meritOrder">Tranches sorted most efficient first.</param>
    /// <param name="hashprice">USD per TH/s per day.</param>
    /// <param name="allInPrice">Settlement price plus adder, $/MWh.</param>
    /// <param name="commercials">Pool fee and min profit.</param>
    /// <param name="capMw">MW limit for the whole site.</param>
    /// <param name="ignorePrice">True for always-on (fill to the cap whatever the price).</param>
    /// <param name="machines">Output: machines running in each tranche.</param>
    public static void Allocate(IReadOnlyList<FleetTranche> meritOrder, double hashprice, double allInPrice, SiteCommercials commercials,
        double capMw, bool ignorePrice, Span<int> machines)
    {
        double remainingW = MiningEconomics.MegawattsToWatts(capMw);
        for (int k = 0; k < meritOrder.Count; k++)
        {
            var tr = meritOrder[k];
            machines[k] = 0;
            if (!ignorePrice)
            {
                double breakeven = MiningEconomics.BreakevenPrice(hashprice, commercials.PoolFee, tr.Model.Efficiency.Value);
                if (!(breakeven - allInPrice > commercials.MinProfitUsdPerMWh)) continue;
            }
            // Whole machines that fit; the small epsilon keeps "exactly at the cap" from rounding down a machine.
            int fit = (int)Math.Floor(remainingW / tr.Model.Watts + 1e-9);
            int n = Math.Clamp(fit, 0, tr.Count);
            machines[k] = n;
            remainingW -= n * tr.Model.Watts;
        }
    }
}
