namespace MiningDispatch.Data.Prices;

/// <summary>
/// Column lookup by normalised header name: lower case, letters and digits only, so <c>Delivery Date</c>,
/// <c>DeliveryDate</c>, <c>deliveryDate</c> and <c>delivery_date</c> are all <c>deliverydate</c>.
/// </summary>
internal sealed class HeaderMap
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    public HeaderMap(string[] names)
    {
        Names = names;
        Keys = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            Keys[i] = Normalize(names[i]);
            if (Keys[i].Length > 0) _index.TryAdd(Keys[i], i);
        }
    }

    /// <summary>Header names as found (trimmed).</summary>
    public string[] Names { get; }

    /// <summary>Normalised header names.</summary>
    public string[] Keys { get; }

    public static string Normalize(string name)
    {
        Span<char> buf = stackalloc char[Math.Min(name.Length, 256)];
        int n = 0;
        foreach (char c in name)
        {
            if (n == buf.Length) break;
            if (char.IsAsciiLetterOrDigit(c)) buf[n++] = char.ToLowerInvariant(c);
        }
        return new string(buf[..n]);
    }

    /// <summary>Index of the first column whose key is one of <paramref name="keys"/> (in that preference order), or -1.</summary>
    public int Find(params ReadOnlySpan<string> keys)
    {
        foreach (var k in keys)
        {
            if (_index.TryGetValue(k, out int i)) return i;
        }
        return -1;
    }

    public bool Has(string key) => _index.ContainsKey(key);

    /// <summary>Header name of column <paramref name="index"/> for messages.</summary>
    public string Name(int index) => index >= 0 && index < Names.Length ? Names[index] : "";
}
