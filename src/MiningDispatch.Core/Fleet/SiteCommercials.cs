using System.Globalization;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Fleet;

/// <summary>Commercial settings shared by every tranche of a fleet.</summary>
/// <param name="PoolFee">Pool fee as a fraction (0.02 = 2 %).</param>
/// <param name="Adder">Added to every settlement price: T&amp;D, REP fees, losses ($/MWh).</param>
/// <param name="MinProfitUsdPerMWh">A tranche runs only when its margin (breakeven − all-in price) is strictly above
/// this, in $ per MWh consumed (so it scales with the tranche size).</param>
public sealed record SiteCommercials(double PoolFee = 0.0, UsdPerMWh Adder = default, double MinProfitUsdPerMWh = 0.0)
{
    /// <summary>Throws <see cref="ArgumentException"/> with a readable message when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(PoolFee >= 0) || PoolFee >= 1)
            throw new ArgumentException($"Pool fee is a fraction in [0, 1) (got {PoolFee.ToString(CultureInfo.InvariantCulture)}); 2 % is 0.02.");
        if (!double.IsFinite(Adder.Value)) throw new ArgumentException("Adder must be a finite number of $/MWh.");
        if (!double.IsFinite(MinProfitUsdPerMWh)) throw new ArgumentException("Minimum profit must be a finite number of $/MWh.");
    }
}
