namespace MiningDispatch.Data.Prices;

/// <summary>
/// Matches rows to the requested settlement point. A point is identified by its name and whether it is the
/// energy-weighted load-zone price: ERCOT gives load zones twice in real time, type <c>LZ</c> and type <c>LZEW</c>
/// (same name, different prices); gridstatus renames the second <c>LZ_xxx_EW</c>. Canonical names follow gridstatus.
/// </summary>
internal sealed class PointSelector
{
    private const string EwSuffix = "_EW";
    private readonly string _name;
    private readonly bool _energyWeighted;
    private readonly string? _type;

    private PointSelector(string name, bool energyWeighted, string? type)
    {
        _name = name;
        _energyWeighted = energyWeighted;
        _type = type;
        Canonical = energyWeighted ? name + EwSuffix : name;
        BaseName = name;
        AsciiName = name.Length > 0 && System.Text.Ascii.IsValid(name) && name.AsSpan().IndexOfAny('\n', '\r', '"') < 0
            ? System.Text.Encoding.ASCII.GetBytes(name)
            : null;
    }

    /// <summary>
    /// The base name (upper case) as ASCII bytes, or null when it is not ASCII or holds a quote. Every row of the point
    /// has a name field that contains it, ignoring case, and so does the raw line (quotes removed by unquoting cannot
    /// join its characters).
    /// </summary>
    public byte[]? AsciiName { get; }

    /// <summary>A selector that matches nothing (used to list points).</summary>
    public static PointSelector None { get; } = new("\0", false, null);

    /// <summary>The base name (upper case), without the energy-weighted suffix or type.</summary>
    public string BaseName { get; }

    /// <summary>Canonical name of the requested point.</summary>
    public string Canonical { get; }

    /// <summary>Parses <c>NAME</c>, <c>NAME_EW</c> or <c>NAME:TYPE</c> (case-insensitive).</summary>
    public static PointSelector Parse(string point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var text = point.Trim().ToUpperInvariant();
        if (text.Length == 0) throw new ArgumentException("The settlement point is empty.", nameof(point));
        int colon = text.IndexOf(':');
        if (colon >= 0)
        {
            var name = text[..colon].Trim();
            var type = text[(colon + 1)..].Trim();
            if (name.Length == 0 || type.Length == 0)
                throw new ArgumentException($"Settlement point '{point}' should be NAME or NAME:TYPE.", nameof(point));
            return new PointSelector(name, IsEnergyWeightedType(type), type);
        }
        if (text.EndsWith(EwSuffix, StringComparison.Ordinal) && text.Length > EwSuffix.Length)
        {
            return new PointSelector(text[..^EwSuffix.Length], true, null);
        }
        return new PointSelector(text, false, null);
    }

    /// <summary>True for settlement point types (or gridstatus location types) that are energy-weighted.</summary>
    public static bool IsEnergyWeightedType(ReadOnlySpan<char> type) =>
        type.Equals("LZEW", StringComparison.OrdinalIgnoreCase)
        || type.Equals("LZ_DCEW", StringComparison.OrdinalIgnoreCase)
        || type.Contains("Energy Weighted", StringComparison.OrdinalIgnoreCase);

    /// <summary>Does a row with this name and (possibly empty) type belong to the requested point?</summary>
    public bool Matches(ReadOnlySpan<char> name, ReadOnlySpan<char> type)
    {
        // cheap length test first: almost every row of a multi-point file fails here
        if (name.Length != _name.Length && name.Length != _name.Length + EwSuffix.Length) return false;
        Classify(name, type, out var baseName, out bool ew);
        if (ew != _energyWeighted || !baseName.Equals(_name, StringComparison.OrdinalIgnoreCase)) return false;
        return _type is null || type.IsEmpty || type.Equals(_type, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Splits a row's point into base name and energy-weighted flag.</summary>
    public static void Classify(ReadOnlySpan<char> name, ReadOnlySpan<char> type, out ReadOnlySpan<char> baseName, out bool energyWeighted)
    {
        energyWeighted = !type.IsEmpty && IsEnergyWeightedType(type);
        baseName = name;
        if (name.EndsWith(EwSuffix, StringComparison.OrdinalIgnoreCase) && name.Length > EwSuffix.Length
            && (type.IsEmpty || energyWeighted))
        {
            energyWeighted = true;
            baseName = name[..^EwSuffix.Length];
        }
    }

    /// <summary>Writes the canonical name of a row's point into <paramref name="destination"/>; returns its length.</summary>
    public static int Canonicalize(ReadOnlySpan<char> name, ReadOnlySpan<char> type, Span<char> destination)
    {
        Classify(name, type, out var baseName, out bool ew);
        int n = Math.Min(baseName.Length, destination.Length - EwSuffix.Length);
        for (int i = 0; i < n; i++) destination[i] = char.ToUpperInvariant(baseName[i]);
        if (ew)
        {
            EwSuffix.AsSpan().CopyTo(destination[n..]);
            n += EwSuffix.Length;
        }
        return n;
    }
}
