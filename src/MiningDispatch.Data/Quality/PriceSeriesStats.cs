using System.Globalization;

namespace MiningDispatch.Data.Quality;

/// <summary>
/// Extremes of an hourly price series, for the data-quality summary: lowest and highest price with their hours, and
/// how many hours are price spikes (above <see cref="SpikeThresholdUsdPerMWh"/>) or negative. Such prices are real
/// ERCOT outcomes (the offer cap is $5,000/MWh plus adders; the floor is -$251/MWh) and are kept as they are.
/// </summary>
/// <param name="Hours">Number of hours.</param>
/// <param name="FirstHourUtc">First hour start (UTC).</param>
/// <param name="LastHourUtc">Last hour start (UTC).</param>
/// <param name="Min">Lowest price in USD/MWh.</param>
/// <param name="MinHourUtc">First hour with the lowest price.</param>
/// <param name="Max">Highest price in USD/MWh.</param>
/// <param name="MaxHourUtc">First hour with the highest price.</param>
/// <param name="SpikeHours">Hours priced above <see cref="SpikeThresholdUsdPerMWh"/>.</param>
/// <param name="NegativeHours">Hours priced below zero.</param>
public sealed record PriceSeriesStats(
    int Hours,
    DateTime FirstHourUtc,
    DateTime LastHourUtc,
    double Min,
    DateTime MinHourUtc,
    double Max,
    DateTime MaxHourUtc,
    int SpikeHours,
    int NegativeHours)
{
    /// <summary>Prices above this (USD/MWh) are flagged as spikes: kept, never clamped.</summary>
    public const double SpikeThresholdUsdPerMWh = 5000;

    /// <summary>Stats of a series; throws <see cref="ArgumentException"/> when it is empty or the lengths differ.</summary>
    public static PriceSeriesStats Of(IReadOnlyList<DateTime> hoursUtc, IReadOnlyList<double> prices)
    {
        ArgumentNullException.ThrowIfNull(hoursUtc);
        ArgumentNullException.ThrowIfNull(prices);
        if (hoursUtc.Count != prices.Count) throw new ArgumentException($"{hoursUtc.Count} hours but {prices.Count} prices.", nameof(prices));
        if (hoursUtc.Count == 0) throw new ArgumentException("The series is empty.", nameof(hoursUtc));
        // a series' prices are an array (the loader's): read as a span, not through the interface per element
        var (iMin, iMax, spikes, negatives) = prices is double[] array ? Scan(array) : Scan([.. prices]);
        return new PriceSeriesStats(hoursUtc.Count, hoursUtc[0], hoursUtc[^1], prices[iMin], hoursUtc[iMin], prices[iMax], hoursUtc[iMax], spikes, negatives);
    }

    private static (int Min, int Max, int Spikes, int Negatives) Scan(ReadOnlySpan<double> prices)
    {
        int iMin = 0, iMax = 0, spikes = 0, negatives = 0;
        for (int i = 0; i < prices.Length; i++)
        {
            double p = prices[i];
            if (p < prices[iMin]) iMin = i;
            if (p > prices[iMax]) iMax = i;
            if (p > SpikeThresholdUsdPerMWh) spikes++;
            if (p < 0) negatives++;
        }
        return (iMin, iMax, spikes, negatives);
    }

    /// <summary>One-line summary, e.g. "min -251.00 $/MWh at 2024-01-01 05:00Z, max 9,000.00 $/MWh at …; 3 spike hour(s) above $5,000 kept".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"min {Min:#,0.00} $/MWh at {MinHourUtc:yyyy-MM-dd HH:mm}Z, max {Max:#,0.00} $/MWh at {MaxHourUtc:yyyy-MM-dd HH:mm}Z; " +
        $"{SpikeHours} hour(s) above ${SpikeThresholdUsdPerMWh:#,0} and {NegativeHours} negative hour(s), all kept as they are");
}
