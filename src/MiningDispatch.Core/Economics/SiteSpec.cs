using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Economics;

/// <summary>
/// A single-efficiency mining site and its commercial settings.
/// </summary>
/// <param name="Capacity">Power drawn when fully on.</param>
/// <param name="Efficiency">Fleet efficiency, W per TH/s.</param>
/// <param name="PoolFee">Pool fee as a fraction (0.02 = 2 %).</param>
/// <param name="Adder">Added to every settlement price: T&amp;D, REP fees, losses ($/MWh).</param>
/// <param name="MinProfitUsdPerHour">Run only when hourly net profit is strictly above this.</param>
public sealed record SiteSpec(
    Megawatts Capacity,
    WattsPerTerahash Efficiency,
    double PoolFee = 0.0,
    UsdPerMWh Adder = default,
    double MinProfitUsdPerHour = 0.0)
{
    /// <summary>Hashrate of the site when fully on (<see cref="MiningEconomics.Hashrate"/>).</summary>
    public TerahashPerSecond Hashrate => Efficiency.Value > 0
        ? new(MiningEconomics.Hashrate(Capacity.Value, Efficiency.Value))
        : throw new ArgumentOutOfRangeException(nameof(Efficiency), $"Efficiency must be positive (got {Efficiency.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)} W/TH).");

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message when a setting is outside a sane range.</summary>
    public void Validate()
    {
        if (SiteLimits.Mw(Capacity.Value) is { } mw) throw new ArgumentException($"Facility size {mw}.");
        if (SiteLimits.Efficiency(Efficiency.Value) is { } eff) throw new ArgumentException($"Efficiency {eff}.");
        if (!SiteLimits.IsPoolFee(PoolFee))
            throw new ArgumentException($"Pool fee is a fraction in [0, 1) (got {PoolFee.ToString(System.Globalization.CultureInfo.InvariantCulture)}); 2 % is 0.02.");
        if (double.IsNaN(Adder.Value) || double.IsInfinity(Adder.Value))
            throw new ArgumentException("Adder must be a finite number of $/MWh.");
        if (double.IsNaN(MinProfitUsdPerHour) || double.IsInfinity(MinProfitUsdPerHour))
            throw new ArgumentException("Minimum profit must be a finite number of $/h.");
    }
}
