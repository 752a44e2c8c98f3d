using System.Buffers;
using System.Text;
using System.Text.Json;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Streams JSON price dumps with <see cref="Utf8JsonReader"/> over a refilled buffer (the file is never held whole):
/// <list type="bullet">
/// <item>the ERCOT public API <c>Report</c> schema — <c>fields</c> (column names) + <c>data</c> (array of arrays) —
/// as one object or an array of pages; each page is a table;</item>
/// <item>an array of flat objects (ERCOT display scraped to JSON: <c>{"Oper Day":…,"Interval Ending":…,"LZ_WEST":…}</c>),
/// whose first object's keys are the header.</item>
/// </list>
/// </summary>
internal sealed class JsonSource
{
    /// <summary>Longest single JSON token accepted (a price file never has one near this).</summary>
    private const int MaxTokenBytes = 64 << 20;

    private enum Role { None, TopArray, Page, FieldsArray, FieldObject, DataArray, DataRow, FlatObject }

    private readonly struct Frame(Role role)
    {
        public Role Role { get; } = role;
    }

    private readonly LoadSession _session;
    private readonly string _display;
    private readonly string _fileName;
    private readonly Func<long> _bytesRead;
    private readonly Stack<Frame> _stack = new();
    private readonly TableRow _row = new();
    private readonly TableRow _headerRow = new();
    private char[] _nameBuffer = new char[128];

    // current table
    private TableConsumer? _consumer;
    private List<string>? _fields;
    private List<string[]>? _pendingRows;
    private Dictionary<string, int>? _flatColumns;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _flatLookup;
    private int _flatColumn;
    private bool _flatHeaderDone;
    private int _column;
    private int _record;
    private int _tables;
    private bool _propIsFields, _propIsData, _propIsName;

    private JsonSource(LoadSession session, string display, string fileName, Func<long> bytesRead)
    {
        _session = session;
        _display = display;
        _fileName = fileName;
        _bytesRead = bytesRead;
    }

    public static void Read(Stream stream, string display, string fileName, LoadSession session, Func<long> bytesRead)
    {
        var source = new JsonSource(session, display, fileName, bytesRead);
        try
        {
            source.Run(stream);
        }
        catch (JsonException e)
        {
            string why = e.Message.Length <= 300 ? e.Message : e.Message[..150] + " ... " + e.Message[^120..];
            int? line = e.LineNumber is { } l ? (int)Math.Min(int.MaxValue, l + 1) : null;
            throw new DataFormatException("malformed JSON (truncated or damaged?): " + why, display, line, innerException: e);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            throw new DataFormatException("the JSON holds bytes that are not UTF-8 text (JSON files must be UTF-8; was it saved as Latin-1 or UTF-16?)", display, innerException: e);
        }
        if (source._tables == 0) throw new DataFormatException("no price table found in the JSON (expected a Report with fields + data, or an array of objects)", display);
    }

    private void Run(Stream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            int length = 0;
            bool final = false;
            var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            bool first = true;
            while (true)
            {
                int n = stream.Read(buffer, length, buffer.Length - length);
                if (n == 0) final = true;
                length += n;
                int offset = 0;
                if (first && length >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) offset = 3;
                if (first && (length >= 3 || final)) first = false;
                var reader = new Utf8JsonReader(buffer.AsSpan(offset, length - offset), final, state);
                while (reader.Read()) Handle(ref reader);
                state = reader.CurrentState;
                int consumed = offset + (int)reader.BytesConsumed;
                if (final) break;
                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
                if (length == buffer.Length)
                {
                    if (buffer.Length >= MaxTokenBytes)
                        throw new DataFormatException(
                            $"a single JSON value is longer than {MaxTokenBytes / (1 << 20)} MiB; not a price table", _display);
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, bigger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Role Parent => _stack.Count > 0 ? _stack.Peek().Role : Role.None;

    private void Handle(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                StartArray();
                break;
            case JsonTokenType.EndArray:
                EndArray();
                break;
            case JsonTokenType.StartObject:
                StartObject();
                break;
            case JsonTokenType.EndObject:
                EndObject();
                break;
            case JsonTokenType.PropertyName:
                PropertyName(ref reader);
                break;
            default:
                Value(ref reader);
                break;
        }
    }

    private void StartArray()
    {
        var parent = Parent;
        Role role = Role.None;
        if (_stack.Count == 0) role = Role.TopArray;
        else if (parent == Role.Page && _propIsFields) { role = Role.FieldsArray; _fields = []; }
        else if (parent == Role.Page && _propIsData) role = Role.DataArray;
        else if (parent == Role.DataArray)
        {
            role = Role.DataRow;
            _row.BeginOwned();
            _column = 0;
        }
        _propIsFields = _propIsData = false;
        _stack.Push(new Frame(role));
    }

    private void EndArray()
    {
        var role = _stack.Pop().Role;
        if (role == Role.DataRow)
        {
            _row.Line = ++_record;
            if (_consumer is not null) _consumer.OnRow(_row);
            else (_pendingRows ??= []).Add(_row.ToArray());
        }
        else if (role == Role.FieldsArray)
        {
            StartTable(_fields!);
        }
        else if (role == Role.TopArray)
        {
            if (_flatColumns is not null) EndTable();
        }
    }

    private void StartObject()
    {
        var parent = Parent;
        Role role = Role.None;
        if (_stack.Count == 0) { role = Role.Page; NewPage(); }
        else if (parent == Role.TopArray)
        {
            // a flat record or a report page: decided by its properties
            role = Role.FlatObject;
            BeginFlat();
        }
        else if (parent == Role.FieldsArray) role = Role.FieldObject;
        else if (parent == Role.DataArray) { role = Role.FlatObject; BeginFlat(); }
        _propIsFields = _propIsData = _propIsName = false;
        _stack.Push(new Frame(role));
    }

    private void EndObject()
    {
        var role = _stack.Pop().Role;
        if (role == Role.FlatObject)
        {
            if (_row.Count > 0) EmitFlat();
        }
        else if (role == Role.Page)
        {
            EndTable();
        }
    }

    private void PropertyName(ref Utf8JsonReader reader)
    {
        var role = Parent;
        _propIsFields = reader.ValueTextEquals("fields"u8);
        _propIsData = reader.ValueTextEquals("data"u8);
        _propIsName = role == Role.FieldObject && reader.ValueTextEquals("name"u8);
        if (role == Role.FlatObject)
        {
            if (_propIsFields || _propIsData)
            {
                // this element of the top array is a report page, not a flat record
                ConvertFlatToPage();
                return;
            }
            var name = CopyString(ref reader, ref _nameBuffer);
            if (!_flatLookup.TryGetValue(name, out _flatColumn))
            {
                if (_flatHeaderDone) { _flatColumn = -1; return; }
                _flatColumn = _flatColumns!.Count;
                _flatLookup.TryAdd(name, _flatColumn);
            }
        }
    }

    private void Value(ref Utf8JsonReader reader)
    {
        var role = Parent;
        if (role == Role.DataRow)
        {
            WriteValue(ref reader, _column++);
        }
        else if (role == Role.FieldObject && _propIsName)
        {
            _fields!.Add(reader.GetString() ?? "");
        }
        else if (role == Role.FlatObject && _flatColumn >= 0)
        {
            WriteValue(ref reader, _flatColumn);
        }
    }

    private void WriteValue(ref Utf8JsonReader reader, int column)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            {
                int max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
                var dest = _row.Reserve(max);
                int n = reader.CopyString(dest);
                _row.Commit(column, n);
                break;
            }
            case JsonTokenType.Number:
            {
                var span = reader.ValueSpan;
                var dest = _row.Reserve(span.Length);
                int n = Encoding.UTF8.GetChars(span, dest);
                _row.Commit(column, n);
                break;
            }
            case JsonTokenType.True:
                _row.Set(column, "true");
                break;
            case JsonTokenType.False:
                _row.Set(column, "false");
                break;
            default:
                _row.Set(column, "");
                break;
        }
    }

    private static ReadOnlySpan<char> CopyString(ref Utf8JsonReader reader, ref char[] buffer)
    {
        int max = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (buffer.Length < max) buffer = new char[Math.Max(max, buffer.Length * 2)];
        int n = reader.CopyString(buffer);
        return buffer.AsSpan(0, n).Trim();
    }

    // ---- tables ----

    private void NewPage()
    {
        _fields = null;
        _pendingRows = null;
        _consumer = null;
        _record = 0;
    }

    private void StartTable(List<string> names)
    {
        _headerRow.BeginOwned();
        for (int i = 0; i < names.Count; i++) _headerRow.Set(i, names[i]);
        _headerRow.Line = 0;
        _consumer = NewConsumer();
        _consumer.OnRow(_headerRow);
        if (_pendingRows is not null)
        {
            // data came before fields
            int record = 0;
            foreach (var values in _pendingRows)
            {
                _row.BeginOwned();
                for (int i = 0; i < values.Length; i++) _row.Set(i, values[i]);
                _row.Line = ++record;
                _consumer.OnRow(_row);
            }
            _pendingRows = null;
        }
    }

    private TableConsumer NewConsumer()
    {
        _tables++;
        string display = _tables == 1 ? _display : $"{_display} [table {_tables}]";
        return new TableConsumer(new TableContext(_session, display, _fileName, "record", _bytesRead), required: true);
    }

    private void EndTable()
    {
        _consumer?.Complete();
        _consumer = null;
        _flatColumns = null;
        _flatHeaderDone = false;
    }

    private void BeginFlat()
    {
        if (_flatColumns is null)
        {
            _flatColumns = new Dictionary<string, int>(StringComparer.Ordinal);
            _flatLookup = _flatColumns.GetAlternateLookup<ReadOnlySpan<char>>();
            _flatHeaderDone = false;
            _record = 0;
        }
        _row.BeginOwned();
        _flatColumn = -1;
    }

    private void EmitFlat()
    {
        if (!_flatHeaderDone)
        {
            var names = new string[_flatColumns!.Count];
            foreach (var (name, index) in _flatColumns) names[index] = name;
            _flatHeaderDone = true;
            var saved = _row.ToArray();
            StartTable([.. names]);
            _row.BeginOwned();
            for (int i = 0; i < saved.Length; i++) _row.Set(i, saved[i]);
        }
        _row.Line = ++_record;
        _consumer!.OnRow(_row);
    }

    private void ConvertFlatToPage()
    {
        // replace the FlatObject frame by a Page frame
        _stack.Pop();
        if (_flatColumns is not null && !_flatHeaderDone) _flatColumns = null;
        NewPage();
        _stack.Push(new Frame(Role.Page));
        _flatColumn = -1;
    }
}
