using System.Globalization;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// What a MW running is worth in each interval beyond its energy margin, in USD per MW for the whole interval, for the
/// perfect-foresight optimum (<see cref="SiteComparison.Run(MarketSeries, SiteModel, Strategies.DispatchProblem?[], Strategies.IDispatchStrategy, Strategies.Optimal.OptimalOptions?, MarketClock?, double[]?)"/>):
/// a capacity payment earned by running load, and the 4CP charge a MW running in a known peak interval sets.
/// With these the optimum maximises the site total instead of the energy margin alone.
/// </summary>
public static class OptimumOnValue
{
    /// <summary>
    /// Capacity income per MW running: in each eligible interval, price × Δt × (curtailable MW of the whole site running) / site MW,
    /// where curtailable MW = min(offer cap, max(0, site MW − minimum load)). Exact for a site that runs all or nothing;
    /// for a fleet running part of its MW the minimum load is spread evenly over the site's MW.
    /// </summary>
    public static double[] FromAncillary(MarketSeries market, AncillaryCapacityContract contract, double siteMw, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(clock);
        if (!(siteMw > 0) || !double.IsFinite(siteMw))
            throw new ArgumentOutOfRangeException(nameof(siteMw), siteMw, "The site MW must be a positive number.");
        contract.Validate(market.Count);
        double curtailable = Math.Max(0.0, siteMw - contract.MinimumLoadMw);
        if (contract.MaxOfferMw is double cap) curtailable = Math.Min(curtailable, cap);
        double share = curtailable / siteMw;
        var value = new double[market.Count];
        for (int t = 0; t < market.Count; t++)
        {
            var local = clock.ToLocal(market.StartsUtc[t]);
            if (!contract.AppliesAt(local)) continue;
            double price = contract.PriceSeriesUsdPerMwHour?[t] ?? contract.PriceUsdPerMwHour;
            value[t] = price * market.IntervalHours * share;
        }
        return value;
    }

    /// <summary>
    /// The 4CP charge per MW running at a known peak, as a negative value: a year's charge is rate × 1000 × the average of
    /// the site's MW at its peaks (<see cref="FourCpReport"/>), so a MW running at one of the M peaks of a year found in
    /// the data costs rate × 1000 / M. A peak known only to an hour of load data covering several market intervals
    /// charges each of them (the optimum then stays off for the whole hour, as the worst case of the report does).
    /// Peaks outside the market data are ignored, as in the report.
    /// </summary>
    public static double[] FromFourCpPeaks(MarketSeries market, IReadOnlyList<CoincidentPeak> peaks, double rateUsdPerKwYear)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(peaks);
        if (!(rateUsdPerKwYear >= 0) || !double.IsFinite(rateUsdPerKwYear))
            throw new ArgumentOutOfRangeException(nameof(rateUsdPerKwYear), rateUsdPerKwYear, "The 4CP rate must be a non-negative number of $/kW-yr.");
        var value = new double[market.Count];
        if (market.Count == 0) return value;
        var span = TimeSpan.FromHours(market.IntervalHours);
        DateTime first = market.StartsUtc[0], end = market.StartsUtc[^1] + span;
        var inData = peaks.Where(p => p.StartUtc >= first && p.StartUtc < end).ToList();
        var monthsPerYear = inData.GroupBy(p => p.Year).ToDictionary(g => g.Key, g => g.Count());
        foreach (var p in inData)
        {
            double perMw = rateUsdPerKwYear * 1000.0 / monthsPerYear[p.Year];
            DateTime peakEnd = p.Length is { } len && len > span ? p.StartUtc + len : p.StartUtc + span;
            int i = Array.BinarySearch(market.StartsUtc, p.StartUtc);
            if (i < 0) i = ~i - 1;
            for (int k = Math.Max(i, 0); k < market.Count && market.StartsUtc[k] < peakEnd; k++)
                if (market.StartsUtc[k] + span > p.StartUtc) value[k] -= perMw;
        }
        return value;
    }

    /// <summary>Element-wise sum of the given on-values (null entries skipped); null when all are null.</summary>
    public static double[]? Sum(params double[]?[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        double[]? total = null;
        foreach (var part in parts)
        {
            if (part is null) continue;
            if (total is null) { total = (double[])part.Clone(); continue; }
            if (part.Length != total.Length)
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"On-values of {part.Length} and {total.Length} intervals."), nameof(parts));
            for (int t = 0; t < total.Length; t++) total[t] += part[t];
        }
        return total;
    }
}
