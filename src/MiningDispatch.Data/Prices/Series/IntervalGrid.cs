using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>Puts a companion series (day-ahead prices, a basis point) onto the interval grid of the main series.</summary>
public static class IntervalGrid
{
    /// <summary>
    /// The companion's value for each of <paramref name="targetStartsUtc"/> (intervals of <paramref name="targetIntervalHours"/>):
    /// a companion interval applies to every target interval that starts inside it, so an hourly day-ahead price
    /// applies to the four 15-minute intervals of its hour. A 15-minute companion on an hourly grid is not averaged
    /// here: load it at hourly resolution instead (an <see cref="ArgumentException"/> says so). NaN where the
    /// companion has no interval covering the target.
    /// </summary>
    public static double[] Align(
        IReadOnlyList<DateTime> companionStartsUtc, IReadOnlyList<double> companionValues, double companionIntervalHours,
        IReadOnlyList<DateTime> targetStartsUtc, double targetIntervalHours)
    {
        ArgumentNullException.ThrowIfNull(companionStartsUtc);
        ArgumentNullException.ThrowIfNull(companionValues);
        ArgumentNullException.ThrowIfNull(targetStartsUtc);
        if (companionStartsUtc.Count != companionValues.Count)
            throw new ArgumentException($"{companionStartsUtc.Count} interval starts but {companionValues.Count} values.", nameof(companionValues));
        if (companionIntervalHours < targetIntervalHours)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A {companionIntervalHours * 60:0.##}-minute companion series cannot be put on {targetIntervalHours * 60:0.##}-minute intervals without averaging; load it at the same resolution."),
                nameof(companionIntervalHours));
        long span = TimeSpan.FromHours(companionIntervalHours).Ticks;
        var index = new Dictionary<long, double>(companionStartsUtc.Count);
        for (int i = 0; i < companionStartsUtc.Count; i++) index[companionStartsUtc[i].Ticks] = companionValues[i];
        var result = new double[targetStartsUtc.Count];
        for (int i = 0; i < result.Length; i++)
        {
            long t = targetStartsUtc[i].Ticks;
            result[i] = index.TryGetValue(t - t % span, out double v) ? v : double.NaN;
        }
        return result;
    }
}
