using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Core.Settlement;

/// <summary>
/// Cost of a run schedule settled at a hub versus at a load zone (or node). Basis_t = zone price − hub price ($/MWh);
/// <see cref="BasisCostUsd"/> = Σ L_t × basis_t = <see cref="ZoneCostUsd"/> − <see cref="HubCostUsd"/> (positive:
/// settling at the zone costs more). Energy costs only; adders are the same under both and cancel.
/// </summary>
/// <param name="HubName">Hub label (e.g. HB_NORTH).</param>
/// <param name="ZoneName">Load-zone label (e.g. LZ_NORTH).</param>
/// <param name="EnergyMWh">Σ L_t, the consumed energy.</param>
/// <param name="HubCostUsd">Σ L_t × hub price.</param>
/// <param name="ZoneCostUsd">Σ L_t × zone price.</param>
/// <param name="BasisCostUsd">Σ L_t × (zone − hub).</param>
/// <param name="AverageBasisUsdPerMWh">Time-average basis over all intervals.</param>
/// <param name="LoadWeightedBasisUsdPerMWh"><see cref="BasisCostUsd"/> / <see cref="EnergyMWh"/>; null when nothing was consumed.</param>
/// <param name="MinBasisUsdPerMWh">Lowest interval basis.</param>
/// <param name="MaxBasisUsdPerMWh">Highest interval basis.</param>
/// <param name="BasisByInterval">Basis per interval, $/MWh.</param>
/// <param name="BasisCostUsdByInterval">L_t × basis_t, USD.</param>
public sealed record BasisResult(
    string HubName,
    string ZoneName,
    double EnergyMWh,
    double HubCostUsd,
    double ZoneCostUsd,
    double BasisCostUsd,
    double AverageBasisUsdPerMWh,
    double? LoadWeightedBasisUsdPerMWh,
    double MinBasisUsdPerMWh,
    double MaxBasisUsdPerMWh,
    double[] BasisByInterval,
    double[] BasisCostUsdByInterval);

/// <summary>Hub vs load-zone settlement of a run schedule (<see cref="BasisResult"/>).</summary>
public static class BasisSettlement
{
    /// <summary>
    /// Compares settling at <paramref name="hub"/> and at <paramref name="zone"/> (same interval times, checked) for a
    /// run schedule (fraction 0..1 of <paramref name="capacityMw"/> running in each interval).
    /// </summary>
    public static BasisResult Compare(MarketSeries hub, MarketSeries zone, ReadOnlySpan<double> run, double capacityMw)
    {
        ArgumentNullException.ThrowIfNull(hub);
        ArgumentNullException.ThrowIfNull(zone);
        if (hub.Count != zone.Count)
            throw new ArgumentException(Msg($"Hub '{hub.SettlementPoint}' has {hub.Count} intervals but zone '{zone.SettlementPoint}' has {zone.Count}."));
        if (hub.IntervalHours != zone.IntervalHours)
            throw new ArgumentException(Msg($"Hub '{hub.SettlementPoint}' has {hub.IntervalHours} h intervals but zone '{zone.SettlementPoint}' has {zone.IntervalHours} h."));
        for (int t = 0; t < hub.Count; t++)
            if (hub.StartsUtc[t] != zone.StartsUtc[t])
                throw new ArgumentException(Msg($"Interval {t} differs: hub '{hub.SettlementPoint}' at {hub.StartsUtc[t]:O}, zone '{zone.SettlementPoint}' at {zone.StartsUtc[t]:O}."));
        return Compare(hub.StartsUtc, hub.PriceUsdPerMWh, zone.PriceUsdPerMWh, run, capacityMw, hub.IntervalHours, hub.SettlementPoint, zone.SettlementPoint);
    }

    /// <summary>Span form: prices and run index-aligned with <paramref name="startsUtc"/> (used only in error messages).</summary>
    public static BasisResult Compare(
        ReadOnlySpan<DateTime> startsUtc, ReadOnlySpan<double> hubPrice, ReadOnlySpan<double> zonePrice, ReadOnlySpan<double> run,
        double capacityMw, double intervalHours, string hubName = "hub", string zoneName = "zone")
    {
        int n = startsUtc.Length;
        if (hubPrice.Length != n || zonePrice.Length != n || run.Length != n)
            throw new ArgumentException(Msg($"Times ({n}), hub prices ({hubPrice.Length}), zone prices ({zonePrice.Length}) and run ({run.Length}) must have the same length."));
        if (n == 0) throw new ArgumentException("No intervals to compare.");
        if (!(capacityMw > 0) || !double.IsFinite(capacityMw)) throw new ArgumentOutOfRangeException(nameof(capacityMw), capacityMw, "Capacity must be a positive number of MW.");
        if (!(intervalHours > 0)) throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "Interval length must be positive.");
        var mw = new double[n];
        for (int t = 0; t < n; t++)
        {
            double x = run[t];
            if (!(x >= 0 && x <= 1)) throw new ArgumentException(Msg($"Run fraction {x} at {startsUtc[t]:O} is outside [0, 1]."));
            mw[t] = x * capacityMw;
        }
        return CompareMw(startsUtc, hubPrice, zonePrice, mw, intervalHours, hubName, zoneName);
    }

    /// <summary>
    /// Load form for any site (e.g. a mixed fleet): <paramref name="mwConsumed"/> is the MW consumed in each interval
    /// (finite, ≥ 0), so L_t = MW × Δt; prices index-aligned with <paramref name="startsUtc"/>.
    /// </summary>
    public static BasisResult CompareMw(
        ReadOnlySpan<DateTime> startsUtc, ReadOnlySpan<double> hubPrice, ReadOnlySpan<double> zonePrice, ReadOnlySpan<double> mwConsumed,
        double intervalHours, string hubName = "hub", string zoneName = "zone")
    {
        int n = startsUtc.Length;
        if (hubPrice.Length != n || zonePrice.Length != n || mwConsumed.Length != n)
            throw new ArgumentException(Msg($"Times ({n}), hub prices ({hubPrice.Length}), zone prices ({zonePrice.Length}) and MW ({mwConsumed.Length}) must have the same length."));
        if (n == 0) throw new ArgumentException("No intervals to compare.");
        if (!(intervalHours > 0)) throw new ArgumentOutOfRangeException(nameof(intervalHours), intervalHours, "Interval length must be positive.");
        var basis = new double[n];
        var basisCost = new double[n];
        double energy = 0, hubCost = 0, zoneCost = 0, sumBasis = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int t = 0; t < n; t++)
        {
            double mw = mwConsumed[t];
            if (!(mw >= 0) || !double.IsFinite(mw)) throw new ArgumentException(Msg($"MW consumed {mw} at {startsUtc[t]:O} must be a finite number ≥ 0."));
            if (!double.IsFinite(hubPrice[t])) throw new ArgumentException(Msg($"{hubName} price at {startsUtc[t]:O} is not a finite number."));
            if (!double.IsFinite(zonePrice[t])) throw new ArgumentException(Msg($"{zoneName} price at {startsUtc[t]:O} is not a finite number."));
            double l = mw * intervalHours;
            double b = zonePrice[t] - hubPrice[t];
            basis[t] = b;
            basisCost[t] = l * b;
            energy += l;
            hubCost += l * hubPrice[t];
            zoneCost += l * zonePrice[t];
            sumBasis += b;
            min = Math.Min(min, b);
            max = Math.Max(max, b);
        }
        double basisTotal = basisCost.Sum();
        return new BasisResult(hubName, zoneName, energy, hubCost, zoneCost, basisTotal, sumBasis / n,
            energy > 0 ? basisTotal / energy : null, min, max, basis, basisCost);
    }

    private static string Msg(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
