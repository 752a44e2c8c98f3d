namespace MiningDispatch.Data.Prices;

/// <summary>
/// One row of a table (CSV line, worksheet row or JSON record) as trimmed character spans over a buffer. The row is
/// reused for every line of a table, so a consumer must not keep spans beyond its call.
/// </summary>
internal sealed class TableRow
{
    private char[] _buffer = new char[256];
    private char[] _own;
    private int _used;
    private int[] _start = new int[16];
    private int[] _length = new int[16];

    public TableRow() => _own = _buffer;

    /// <summary>Number of fields (the highest filled column index + 1).</summary>
    public int Count { get; private set; }

    /// <summary>1-based line, row or record number in the source.</summary>
    public int Line { get; set; }

    /// <summary>The last line of a text file that ends without a line break (it may have been cut off).</summary>
    public bool Unterminated { get; set; }

    /// <summary>Index of a quoted field whose closing quote is missing; -1 when every quote is closed.</summary>
    public int UnbalancedQuote { get; set; } = -1;

    /// <summary>Field <paramref name="index"/>, trimmed and unquoted; empty when absent.</summary>
    public ReadOnlySpan<char> this[int index] =>
        (uint)index < (uint)Count ? _buffer.AsSpan(_start[index], _length[index]) : default;

    /// <summary>Field text as a string (for messages and headers).</summary>
    public string Text(int index) => this[index].ToString();

    /// <summary>True when every field is empty.</summary>
    public bool IsBlank
    {
        get
        {
            for (int i = 0; i < Count; i++) if (_length[i] > 0) return false;
            return true;
        }
    }

    /// <summary>Starts a row whose fields point into an external buffer (a CSV line reader's).</summary>
    public void BeginExternal(char[] buffer)
    {
        _buffer = buffer;
        Count = 0;
        UnbalancedQuote = -1;
    }

    /// <summary>Starts a row whose field text is copied into the row's own buffer.</summary>
    public void BeginOwned()
    {
        _buffer = _own;
        _used = 0;
        Count = 0;
        UnbalancedQuote = -1;
    }

    /// <summary>Appends a field located in the external buffer (already trimmed).</summary>
    public void AddExternal(int start, int length)
    {
        EnsureFields(Count + 1);
        _start[Count] = start;
        _length[Count] = length;
        Count++;
    }

    /// <summary>Sets field <paramref name="index"/> to a trimmed copy of <paramref name="text"/> (own buffer mode).</summary>
    public void Set(int index, ReadOnlySpan<char> text)
    {
        text = text.Trim();
        EnsureFields(index + 1);
        for (int i = Count; i < index; i++) { _start[i] = 0; _length[i] = 0; }
        if (index >= Count) Count = index + 1;
        if (_used + text.Length > _own.Length)
        {
            Array.Resize(ref _own, Math.Max(_own.Length * 2, _used + text.Length));
            _buffer = _own;
        }
        text.CopyTo(_own.AsSpan(_used));
        _start[index] = _used;
        _length[index] = text.Length;
        _used += text.Length;
    }

    /// <summary>Reserves <paramref name="maxLength"/> chars in the own buffer for a value written in place.</summary>
    public Span<char> Reserve(int maxLength)
    {
        if (_used + maxLength > _own.Length)
        {
            Array.Resize(ref _own, Math.Max(_own.Length * 2, _used + maxLength));
            _buffer = _own;
        }
        return _own.AsSpan(_used, maxLength);
    }

    /// <summary>Commits <paramref name="written"/> chars written into the last <see cref="Reserve"/> as field <paramref name="index"/>.</summary>
    public void Commit(int index, int written)
    {
        var span = _own.AsSpan(_used, written);
        var trimmedStart = span.Length - span.TrimStart().Length;
        var trimmed = span.Trim();
        EnsureFields(index + 1);
        for (int i = Count; i < index; i++) { _start[i] = 0; _length[i] = 0; }
        if (index >= Count) Count = index + 1;
        _start[index] = _used + trimmedStart;
        _length[index] = trimmed.Length;
        _used += written;
    }

    /// <summary>A snapshot of the fields as strings (used for headers).</summary>
    public string[] ToArray()
    {
        var a = new string[Count];
        for (int i = 0; i < Count; i++) a[i] = Text(i);
        return a;
    }

    private void EnsureFields(int n)
    {
        if (n <= _start.Length) return;
        int size = Math.Max(n, _start.Length * 2);
        Array.Resize(ref _start, size);
        Array.Resize(ref _length, size);
    }
}
