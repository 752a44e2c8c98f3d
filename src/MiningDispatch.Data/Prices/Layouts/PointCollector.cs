namespace MiningDispatch.Data.Prices;

/// <summary>Collects the distinct settlement points seen in the files, without allocating for points already seen.</summary>
internal sealed class PointCollector
{
    private readonly HashSet<string> _points = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public PointCollector() => _lookup = _points.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _points.Count;

    public void Add(ReadOnlySpan<char> name, ReadOnlySpan<char> type)
    {
        if (name.IsEmpty) return;
        Span<char> buffer = stackalloc char[Math.Min(name.Length + 8, 512)];
        int n = PointSelector.Canonicalize(name, type, buffer);
        var canonical = buffer[..n];
        if (!_lookup.Contains(canonical)) _lookup.Add(canonical);
    }

    public List<string> Sorted()
    {
        var list = _points.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
