using System.Globalization;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Contracts;

/// <summary>
/// A demand-response / ancillary-service capacity payment (ERS, RRS/ECRS/Non-Spin as a Load Resource, or a DR
/// aggregator): <see cref="PriceUsdPerMwHour"/> USD per MW per hour paid for curtailable MW, i.e. MW that are running
/// and could be switched off, whether or not a deployment happens (docs/mining-economics.md §2.8). Curtailable MW in
/// interval t = min(<see cref="MaxOfferMw"/>, max(0, running MW − <see cref="MinimumLoadMw"/>)).
/// Optionally limited to some months and hours ending (CPT), and optionally priced per interval
/// (<see cref="PriceSeriesUsdPerMwHour"/>, e.g. an MCPC series). Deployments and their energy effect are not modelled.
/// </summary>
public sealed record AncillaryCapacityContract
{
    /// <summary>Flat capacity price, USD per MW per hour. Ignored when <see cref="PriceSeriesUsdPerMwHour"/> is set.</summary>
    public double PriceUsdPerMwHour { get; init; }
    /// <summary>Optional capacity price for each market interval (USD per MW-hour), index-aligned with the market data.</summary>
    public double[]? PriceSeriesUsdPerMwHour { get; init; }
    /// <summary>Load that cannot be curtailed (auxiliaries, cooling), MW. Only running MW above it count.</summary>
    public double MinimumLoadMw { get; init; }
    /// <summary>Cap on the MW offered (the award or contract quantity); null = no cap.</summary>
    public double? MaxOfferMw { get; init; }
    /// <summary>Months (1..12, CPT) in which the payment applies; null = all months.</summary>
    public IReadOnlyCollection<int>? Months { get; init; }
    /// <summary>Hours ending (1..24, CPT) in which the payment applies; null = all hours.</summary>
    public IReadOnlyCollection<int>? HoursEnding { get; init; }
    /// <summary>Label for reports.</summary>
    public string Name { get; init; } = "Demand response";

    /// <summary>True when the payment applies at <paramref name="local"/> (market time): inside <see cref="Months"/> and <see cref="HoursEnding"/>.</summary>
    public bool AppliesAt(DateTime local) =>
        (Months is null || Months.Contains(local.Month)) && (HoursEnding is null || HoursEnding.Contains(local.Hour + 1));

    /// <summary>Throws with a readable message when a setting is out of range.</summary>
    public void Validate(int intervals)
    {
        string who = $"Ancillary contract '{Name}'";
        if (PriceSeriesUsdPerMwHour is null && !double.IsFinite(PriceUsdPerMwHour))
            throw new ArgumentException($"{who}: price must be a finite number of $/MW-h.");
        if (PriceSeriesUsdPerMwHour is not null && PriceSeriesUsdPerMwHour.Length != intervals)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{who}: price series has {PriceSeriesUsdPerMwHour.Length} values but the market data has {intervals} intervals."));
        if (!double.IsFinite(MinimumLoadMw) || MinimumLoadMw < 0)
            throw new ArgumentException($"{who}: minimum load must be a non-negative number of MW.");
        if (MaxOfferMw is double cap && (!double.IsFinite(cap) || cap < 0))
            throw new ArgumentException($"{who}: maximum offer must be a non-negative number of MW.");
        if (Months is not null && Months.Any(m => m is < 1 or > 12))
            throw new ArgumentException($"{who}: months must be 1..12 (got {string.Join(",", Months)}).");
        if (HoursEnding is not null && HoursEnding.Any(h => h is < 1 or > 24))
            throw new ArgumentException($"{who}: hours ending must be 1..24 (got {string.Join(",", HoursEnding)}).");
    }
}

/// <summary>Income from an <see cref="AncillaryCapacityContract"/> over a run schedule. Money in USD.</summary>
/// <param name="Name">Contract label.</param>
/// <param name="IncomeUsd">Total capacity income, USD.</param>
/// <param name="CurtailableMwHours">Σ curtailable MW × Δt over eligible intervals (MW-h of capacity sold).</param>
/// <param name="EligibleIntervals">Intervals inside the contract's months and hours.</param>
/// <param name="AverageCurtailableMw">Average curtailable MW over eligible intervals (0 when there are none).</param>
/// <param name="IncomeUsdByInterval">Income in each market interval, USD.</param>
public sealed record AncillaryIncome(
    string Name,
    double IncomeUsd,
    double CurtailableMwHours,
    int EligibleIntervals,
    double AverageCurtailableMw,
    double[] IncomeUsdByInterval);

/// <summary>Computes <see cref="AncillaryIncome"/> for any run schedule.</summary>
public static class AncillaryCapacity
{
    /// <summary>Income for a single-model site running fraction run[t] (0..1) of its capacity.</summary>
    public static AncillaryIncome Compute(DispatchProblem problem, ReadOnlySpan<double> run, AncillaryCapacityContract contract, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(clock);
        return Compute(SiteLoadProfile.FromRun(problem, run), contract, clock);
    }

    /// <summary>Income for any site's load profile: running MW = <see cref="SiteLoadProfile.MwConsumed"/> (e.g. a mixed fleet).</summary>
    public static AncillaryIncome Compute(SiteLoadProfile profile, AncillaryCapacityContract contract, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(clock);
        var m = profile.Market;
        int n = m.Count;
        contract.Validate(n);
        double dt = m.IntervalHours;
        var income = new double[n];
        double total = 0, mwh = 0;
        int eligible = 0;
        for (int t = 0; t < n; t++)
        {
            var local = clock.ToLocal(m.StartsUtc[t]);
            if (!contract.AppliesAt(local)) continue;
            eligible++;
            double mw = Math.Max(0.0, profile.MwConsumed[t] - contract.MinimumLoadMw);
            if (contract.MaxOfferMw is double offer) mw = Math.Min(mw, offer);
            double price = contract.PriceSeriesUsdPerMwHour?[t] ?? contract.PriceUsdPerMwHour;
            if (!double.IsFinite(price))
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Ancillary price at {m.StartsUtc[t]:O} is not a finite number."));
            income[t] = price * mw * dt;
            total += income[t];
            mwh += mw * dt;
        }
        double avgMw = eligible > 0 ? mwh / (eligible * dt) : 0.0;
        return new AncillaryIncome(contract.Name, total, mwh, eligible, avgMw, income);
    }
}
