using System.Globalization;

namespace MiningDispatch.Reports.Common;

/// <summary>Invariant-culture formatting for report text (tables, labels, tick marks).</summary>
internal static class Fmt
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// <paramref name="t"/> as "yyyy-MM-dd" + <paramref name="separator"/> + "HH:mm" (+ ":ss" when <paramref name="seconds"/>),
    /// the same characters as <see cref="DateTime.ToString(string, IFormatProvider)"/> with that invariant pattern writes,
    /// written into <paramref name="dst"/> (at least 19 chars) digit by digit: the report's per-interval columns and
    /// chart points format tens of thousands of times, where parsing the pattern each time was most of the cost.
    /// Returns the number of chars written.
    /// </summary>
    public static int DateTimeChars(Span<char> dst, DateTime t, char separator, bool seconds)
    {
        Digits(dst, t.Year, 4);
        dst[4] = '-';
        Digits(dst[5..], t.Month, 2);
        dst[7] = '-';
        Digits(dst[8..], t.Day, 2);
        dst[10] = separator;
        Digits(dst[11..], t.Hour, 2);
        dst[13] = ':';
        Digits(dst[14..], t.Minute, 2);
        if (!seconds) return 16;
        dst[16] = ':';
        Digits(dst[17..], t.Second, 2);
        return 19;
    }

    /// <summary>A UTC offset as "zzz" writes it: "+hh:mm" / "-hh:mm" (6 chars).</summary>
    public static int OffsetChars(Span<char> dst, TimeSpan offset)
    {
        dst[0] = offset < TimeSpan.Zero ? '-' : '+';
        var a = offset.Duration();
        Digits(dst[1..], (int)a.TotalHours, 2);
        dst[3] = ':';
        Digits(dst[4..], a.Minutes, 2);
        return 6;
    }

    /// <summary>"yyyy-MM-dd HH:mm" (see <see cref="DateTimeChars"/>).</summary>
    public static string Minute(DateTime t) => string.Create(16, t, static (dst, v) => DateTimeChars(dst, v, ' ', seconds: false));

    private static void Digits(Span<char> dst, int value, int width)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            dst[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>"$1,234.56" / "-$1,234.56".</summary>
    public static string Usd(double v) => double.IsFinite(v)
        ? (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N2", Inv)
        : "n/a";

    public static string Usd(double? v) => v is double d ? Usd(d) : "n/a";

    /// <summary>Whole dollars for wide tables: "$1,235" / "-$1,235".</summary>
    public static string Usd0(double v) => double.IsFinite(v)
        ? (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N0", Inv)
        : "n/a";

    /// <summary>Compact money for axes and legends: "$950", "$12.3k", "$4.56M".</summary>
    public static string UsdShort(double v)
    {
        if (!double.IsFinite(v)) return "n/a";
        string sign = v < 0 ? "-$" : "$";
        double a = Math.Abs(v);
        if (a >= 1e9) return sign + (a / 1e9).ToString("0.##", Inv) + "B";
        if (a >= 1e6) return sign + (a / 1e6).ToString("0.##", Inv) + "M";
        if (a >= 1e4) return sign + (a / 1e3).ToString("0.#", Inv) + "k";
        if (a >= 1e3) return sign + (a / 1e3).ToString("0.##", Inv) + "k";
        return sign + a.ToString("0.##", Inv);
    }

    /// <summary>Price in $/MWh with two decimals: "$5,257.58".</summary>
    public static string Price(double v) => Usd(v);

    public static string Price(double? v) => v is double d ? Usd(d) : "n/a";

    public static string Num(double v, int decimals = 2) => double.IsFinite(v) ? v.ToString("N" + decimals.ToString(Inv), Inv) : "n/a";

    public static string Int(int v) => v.ToString("N0", Inv);

    public static string Pct(double v, int decimals = 1) => double.IsFinite(v) ? v.ToString("N" + decimals.ToString(Inv), Inv) + " %" : "n/a";

    public static string Pct(double? v, int decimals = 1) => v is double d ? Pct(d, decimals) : "n/a";

    /// <summary>Signed percent for uplift: "+12.3 %".</summary>
    public static string SignedPct(double? v) => v is double d && double.IsFinite(d) ? (d >= 0 ? "+" : "") + d.ToString("N1", Inv) + " %" : "n/a";

    public static string SignedUsd(double v) => double.IsFinite(v) ? (v >= 0 ? "+" : "") + Usd(v) : "n/a";

    /// <summary>UTC instant as "2024-01-31 06:00 UTC".</summary>
    public static string Utc(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", Inv) + " UTC";

    /// <summary>
    /// An instant in market time with its actual zone abbreviation, "2023-11-05 01:00 CDT" vs "2023-11-05 01:00 CST",
    /// so the repeated fall-back hour is unambiguous.
    /// </summary>
    public static string Market(DateTime utc, MiningDispatch.Core.Time.MarketClock clock)
    {
        var u = utc.Kind == DateTimeKind.Utc ? utc : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        string zone = clock.Zone.IsDaylightSavingTime(u) ? "CDT" : "CST";
        return clock.ToLocal(u).ToString("yyyy-MM-dd HH:mm", Inv) + " " + zone;
    }

    /// <summary>Market wall-clock time as "2024-01-31 00:00 CPT".</summary>
    public static string Local(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", Inv) + " CPT";

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd (ddd)", Inv);

    public static string Month(int year, int month) => new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM yyyy", Inv);

    /// <summary>Round-trip number for machine-readable files ("R" = shortest string that parses back to the same double).</summary>
    public static string R(double v) => v.ToString("R", Inv);
}
