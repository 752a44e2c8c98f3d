using System.Globalization;
using MiningDispatch.Cli.Settings;

namespace MiningDispatch.Cli.Commands.Pipeline;

/// <summary>Parses a sweep axis: "from:to:step" (both ends included), a list "a,b,c", or one value.</summary>
internal static class SweepAxis
{
    public const int MaxValues = 1000;

    public static double[] Parse(string text, string flag)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.Contains(':'))
        {
            var parts = t.Split(':');
            if (parts.Length != 3) throw new SettingsException($"{flag} '{text}': a range is from:to:step, e.g. 15:35:5.");
            double from = Num(parts[0], flag, text), to = Num(parts[1], flag, text), step = Num(parts[2], flag, text);
            if (!(step > 0)) throw new SettingsException($"{flag} '{text}': the step must be positive.");
            if (to < from) throw new SettingsException($"{flag} '{text}': 'to' ({parts[1]}) is below 'from' ({parts[0]}).");
            double count = Math.Floor((to - from) / step + 1e-9) + 1;
            if (count > MaxValues) throw new SettingsException($"{flag} '{text}' has {count:0} values; the limit is {MaxValues} per axis.");
            var values = new double[(int)count];
            for (int i = 0; i < values.Length; i++) values[i] = Math.Round(from + i * step, 10);
            return values;
        }
        var list = t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(x => Num(x, flag, text)).ToArray();
        if (list.Length == 0) throw new SettingsException($"{flag} is empty.");
        if (list.Length > MaxValues) throw new SettingsException($"{flag} has {list.Length} values; the limit is {MaxValues} per axis.");
        if (list.Distinct().Count() != list.Length) throw new SettingsException($"{flag} '{text}' lists a value twice.");
        return list;
    }

    private static double Num(string s, string flag, string whole)
    {
        if (double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new SettingsException($"{flag} '{whole}': '{s}' is not a number.");
    }
}
