using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Allocation-free parsers for the field kinds found in ERCOT price files. All culture-invariant; each returns
/// false on malformed input so the caller can raise a <see cref="DataFormatException"/> naming the location.
/// </summary>
internal static class FieldParsers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A price: invariant decimal point, optional thousands separators (<c>1,286.90</c>, as Excel "Save as CSV"
    /// writes), exponent allowed. With <paramref name="decimalComma"/> (semicolon-delimited files) a comma that
    /// is the last separator is the decimal mark (<c>1.286,90</c> or <c>23,45</c>).
    /// </summary>
    public static bool TryParsePrice(ReadOnlySpan<char> s, bool decimalComma, out double value)
    {
        s = s.Trim();
        if (s.IsEmpty) { value = 0; return false; }
        if (decimalComma)
        {
            int lastComma = s.LastIndexOf(',');
            int lastDot = s.LastIndexOf('.');
            if (lastComma > lastDot)
            {
                Span<char> tmp = s.Length <= 64 ? stackalloc char[s.Length] : new char[s.Length];
                int n = 0;
                foreach (char c in s)
                {
                    if (c == '.' || c == ' ' || c == '\u00A0' || c == '\'') continue;
                    tmp[n++] = c == ',' ? '.' : c;
                }
                return Finish(double.TryParse(tmp[..n], NumberStyles.Float, Inv, out value), ref value);
            }
        }
        if (double.TryParse(s, NumberStyles.Float, Inv, out value)) return Finish(true, ref value);
        if (s.Contains(',') && IsThousandsGrouped(s))
        {
            return Finish(double.TryParse(s, NumberStyles.Float | NumberStyles.AllowThousands, Inv, out value), ref value);
        }
        return false;
    }

    /// <summary>
    /// True when every comma in <paramref name="s"/> separates thousands: one to three digits before the first, exactly
    /// three between commas and after the last (before the decimal point or exponent). <c>17,97</c> is not (a decimal
    /// comma, which must never be read as 1797); <c>1,286.90</c> is.
    /// </summary>
    public static bool IsThousandsGrouped(ReadOnlySpan<char> s)
    {
        int i = 0;
        if (i < s.Length && (s[i] == '-' || s[i] == '+')) i++;
        int end = s[i..].IndexOfAny('.', 'e', 'E');
        var integer = end < 0 ? s[i..] : s[i..(i + end)];
        if (integer.IndexOf(',') < 0) return false;
        int group = 0;
        bool first = true;
        foreach (char c in integer)
        {
            if (c == ',')
            {
                if (first ? group is < 1 or > 3 : group != 3) return false;
                first = false;
                group = 0;
            }
            else if (char.IsAsciiDigit(c)) group++;
            else return false;
        }
        return group == 3;
    }

    /// <summary>Digits after the decimal mark (the last '.' or, with <paramref name="decimalComma"/>, ',').</summary>
    public static int Decimals(ReadOnlySpan<char> s, bool decimalComma)
    {
        s = s.Trim();
        int e = s.IndexOfAny('e', 'E');
        if (e >= 0) s = s[..e];
        int mark = decimalComma ? s.LastIndexOfAny('.', ',') : s.LastIndexOf('.');
        return mark < 0 ? 0 : s.Length - mark - 1;
    }

    private static bool Finish(bool ok, ref double v) => ok && double.IsFinite(v);

    /// <summary>
    /// A delivery date: <c>MM/dd/yyyy</c> (also <c>M/d/yyyy</c>), <c>yyyy-MM-dd</c>, either optionally followed by a
    /// midnight time (<c>2025-02-20 00:00:00</c>), or an Excel serial day number.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        s = s.Trim();
        date = default;
        if (s.IsEmpty) return false;
        int cut = s.IndexOfAny(' ', 'T');
        if (cut > 0)
        {
            var rest = s[(cut + 1)..].Trim();
            if (!IsMidnight(rest)) return false;
            s = s[..cut];
        }
        if (s.Length >= 8 && s[4] == '-')
        {
            // yyyy-MM-dd
            return TryInt(s[..4], out int y) && s.Length >= 8 && SplitTwo(s[5..], '-', out int m, out int d) && Make(y, m, d, out date);
        }
        int slash = s.IndexOf('/');
        if (slash > 0)
        {
            var rest = s[(slash + 1)..];
            int slash2 = rest.IndexOf('/');
            if (slash2 <= 0) return false;
            return TryInt(s[..slash], out int m) && TryInt(rest[..slash2], out int d) && TryInt(rest[(slash2 + 1)..], out int y)
                   && y >= 1000 && Make(y, m, d, out date);
        }
        // Excel serial date (a workbook re-saved with real dates)
        if (double.TryParse(s, NumberStyles.Float, Inv, out double serial) && serial >= 1 && serial < 2958466 && serial == Math.Floor(serial))
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }

    private static bool IsMidnight(ReadOnlySpan<char> t)
    {
        foreach (char c in t) if (c != '0' && c != ':' && c != '.') return false;
        return true;
    }

    private static bool SplitTwo(ReadOnlySpan<char> s, char sep, out int a, out int b)
    {
        a = b = 0;
        int i = s.IndexOf(sep);
        return i > 0 && TryInt(s[..i], out a) && TryInt(s[(i + 1)..], out b);
    }

    private static bool Make(int y, int m, int d, out DateOnly date)
    {
        date = default;
        if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>Non-negative integer, also written as <c>7.0</c> or <c>7.00</c> (pandas/Excel re-serialised).</summary>
    public static bool TryInt(ReadOnlySpan<char> s, out int value)
    {
        s = s.Trim();
        value = 0;
        if (s.IsEmpty) return false;
        int i = 0;
        long v = 0;
        for (; i < s.Length && char.IsAsciiDigit(s[i]); i++)
        {
            v = v * 10 + (s[i] - '0');
            if (v > int.MaxValue) return false;
        }
        if (i == 0) return false;
        if (i < s.Length)
        {
            if (s[i] != '.') return false;
            for (int j = i + 1; j < s.Length; j++) if (s[j] != '0') return false;
        }
        value = (int)v;
        return true;
    }

    /// <summary>An hour: <c>"01:00"</c>..<c>"24:00"</c> or an integer. Range checks are the caller's.</summary>
    public static bool TryParseHour(ReadOnlySpan<char> s, out int hour)
    {
        s = s.Trim();
        int colon = s.IndexOf(':');
        if (colon > 0)
        {
            var minutes = s[(colon + 1)..];
            hour = 0;
            foreach (char c in minutes) if (c != '0' && c != ':') return false;
            return TryInt(s[..colon], out hour);
        }
        return TryInt(s, out hour);
    }

    /// <summary>A repeated-hour / DST flag: Y/N, true/false, 1/0; empty means "not given".</summary>
    public static bool TryParseFlag(ReadOnlySpan<char> s, out bool? flag)
    {
        s = s.Trim();
        flag = null;
        if (s.IsEmpty) return true;
        if (s.Equals("Y", StringComparison.OrdinalIgnoreCase) || s.Equals("true", StringComparison.OrdinalIgnoreCase)
            || s.Equals("1", StringComparison.Ordinal) || s.Equals("yes", StringComparison.OrdinalIgnoreCase))
        {
            flag = true;
            return true;
        }
        if (s.Equals("N", StringComparison.OrdinalIgnoreCase) || s.Equals("false", StringComparison.OrdinalIgnoreCase)
            || s.Equals("0", StringComparison.Ordinal) || s.Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            flag = false;
            return true;
        }
        return false;
    }

    /// <summary>
    /// A timestamp. With an explicit offset or <c>Z</c> it is an instant (<paramref name="utc"/> set, returns
    /// <see cref="TimestampKind.Instant"/>); without, a wall-clock reading (<paramref name="wall"/>, kind unspecified).
    /// </summary>
    public static TimestampKind ParseTimestamp(ReadOnlySpan<char> s, out DateTime wall, out DateTime utc)
    {
        s = s.Trim();
        wall = default;
        utc = default;
        if (s.IsEmpty) return TimestampKind.Invalid;
        if (HasOffset(s))
        {
            if (!DateTimeOffset.TryParse(s, Inv, DateTimeStyles.None, out var dto)) return TimestampKind.Invalid;
            utc = dto.UtcDateTime;
            return TimestampKind.Instant;
        }
        if (!DateTime.TryParse(s, Inv, DateTimeStyles.NoCurrentDateDefault | DateTimeStyles.AllowWhiteSpaces, out wall))
        {
            return TimestampKind.Invalid;
        }
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        return TimestampKind.Wall;
    }

    private static bool HasOffset(ReadOnlySpan<char> s)
    {
        if (s[^1] == 'Z' || s[^1] == 'z') return true;
        // an offset sign after the time part: look for ':' (time) then '+' or '-' later
        int colon = s.IndexOf(':');
        if (colon < 0) return false;
        return s[colon..].IndexOfAny('+', '-') >= 0;
    }
}

/// <summary>What <see cref="FieldParsers.ParseTimestamp"/> found.</summary>
internal enum TimestampKind
{
    Invalid,
    Wall,
    Instant,
}
