using System.Buffers;
using System.Text;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Reads a UTF-8 stream line by line from a large byte buffer (no decoding of the whole stream, no string per line).
/// A line handed to the parser is decoded into a reusable char buffer exactly as a <see cref="StreamReader"/> would
/// decode it (invalid bytes become U+FFFD). Handles LF and CRLF and a UTF-8 byte order mark; a line longer than <see cref="MaxLineBytes"/> is an error.
/// <para>
/// <see cref="SkipLinesWithout"/> is the fast path for a large multi-point file: it passes over whole lines that
/// cannot belong to the requested settlement point without decoding or splitting them, using vectorised searches
/// over the buffer. A line is passed over only when it is certain to be a non-blank row of another point: it is pure
/// ASCII in a stretch with no lower-case letter, starts with a letter or digit (or a quote and a letter or digit: quoted
/// fields, as ERCOT writes them), and does not contain the point's (upper-case) name anywhere. Every other line is left for <see cref="TryReadLine"/>.
/// </para>
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int BufferSize = 1 << 20;
    private const int CheckWindow = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _pos;
    private int _len;
    private bool _eof;
    private char[] _chars = new char[256];

    // Fast-path state, as positions in _buffer (reset when the buffer is compacted).
    private int _checkedEnd;   // [_pos, _checkedEnd) holds complete lines verified ASCII without lower case
    private int _slowUntil;    // lines before this position go to TryReadLine
    private int _hit = -1;     // position of the next occurrence of the needle at or after _pos (int.MaxValue: none before _checkedEnd)

    /// <param name="stream">The rest of the stream.</param>
    /// <param name="head">Bytes already read from the start of the stream (a UTF-8 byte order mark is dropped).</param>
    /// <summary>Longest line accepted, in bytes. A price table line is a few hundred at most; a longer one means a
    /// binary file or a file without line breaks, and reading it whole would only waste memory.</summary>
    public const int MaxLineBytes = 1 << 22;

    private readonly string _display;

    public Utf8LineReader(Stream stream, ReadOnlySpan<byte> head, string display)
    {
        _stream = stream;
        _display = display;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferSize, head.Length));
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        head.CopyTo(_buffer);
        _len = head.Length;
    }

    /// <summary>The decoded text of the line last returned by <see cref="TryReadLine"/> (valid until the next read).</summary>
    public char[] Chars => _chars;

    /// <summary>False when the line last returned is the end of the stream without a line break after it.</summary>
    public bool LastLineTerminated { get; private set; } = true;

    /// <summary>1-based number of the line last returned or passed over.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads and decodes the next line into <see cref="Chars"/>; false at the end of the stream.</summary>
    public bool TryReadLine(out int length)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_pos, _len - _pos).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                length = Decode(_pos, nl);
                _pos += nl + 1;
                LastLineTerminated = true;
                return true;
            }
            if (_eof)
            {
                if (_pos < _len)
                {
                    length = Decode(_pos, _len - _pos);
                    _pos = _len;
                    LastLineTerminated = false;
                    return true;
                }
                length = 0;
                return false;
            }
            Fill();
        }
    }

    /// <summary>
    /// The bytes not read yet that are in the buffer (from the next line on), for a reader that takes whole lines
    /// from them itself (<see cref="AcceptLine"/>); <see cref="TryReadLine"/> still reads the next line as usual.
    /// </summary>
    public ReadOnlySpan<byte> Pending => _buffer.AsSpan(_pos, _len - _pos);

    /// <summary>Consumes one line of <see cref="Pending"/>, <paramref name="bytes"/> long with its line break.</summary>
    public void AcceptLine(int bytes)
    {
        _pos += bytes;
        LineNumber++;
        LastLineTerminated = true;
    }

    /// <summary>Reads more of the stream into the buffer (for <see cref="Pending"/>); false at its end.</summary>
    public bool ReadMore()
    {
        if (_eof) return false;
        Fill();
        return true;
    }

    /// <summary>
    /// Passes over the lines from the current position that certainly do not mention <paramref name="needle"/>
    /// (ASCII, upper case) and are not blank; stops before the first line that might. Returns how many it passed over.
    /// </summary>
    public int SkipLinesWithout(ReadOnlySpan<byte> needle)
    {
        int skipped = 0;
        while (true)
        {
            if (_pos < _slowUntil) return skipped;
            if (_checkedEnd <= _pos && !CheckNextWindow()) return skipped;
            if (_pos < _slowUntil) return skipped;
            if (_hit < _pos)
            {
                int h = _buffer.AsSpan(_pos, _checkedEnd - _pos).IndexOf(needle);
                _hit = h < 0 ? int.MaxValue : _pos + h;
            }
            var buffer = _buffer;
            int end = _checkedEnd;
            while (_pos < end)
            {
                if (!StartsNonBlankField(buffer, _pos, end)) return skipped;
                int lineEnd = _pos + buffer.AsSpan(_pos, end - _pos).IndexOf((byte)'\n');
                if (lineEnd > _hit) return skipped;
                _pos = lineEnd + 1;
                LineNumber++;
                skipped++;
            }
        }
    }

    /// <summary>
    /// True when the line at <paramref name="pos"/> certainly has a non-empty first field: it starts with a letter or a
    /// digit, or (ERCOT's MIS files quote every field: <c>"01/10/2024","1",…</c>) with a quote followed by one. Such a
    /// line is never blank, whatever the delimiter, and its quotes cannot hide the point's name: unquoting only removes
    /// quote characters, so a name without a quote appears in the unquoted fields only if it appears in the raw bytes.
    /// </summary>
    private static bool StartsNonBlankField(byte[] buffer, int pos, int end)
    {
        byte b = buffer[pos];
        if (char.IsAsciiLetterOrDigit((char)b)) return true;
        return b == (byte)'"' && pos + 1 < end && char.IsAsciiLetterOrDigit((char)buffer[pos + 1]);
    }

    /// <summary>
    /// Verifies the next window of complete lines for the fast path. False when there is no complete line to check
    /// (more data is read first when the stream has any).
    /// </summary>
    private bool CheckNextWindow()
    {
        while (true)
        {
            int available = _len - _pos;
            int window = Math.Min(available, CheckWindow);
            int last = _buffer.AsSpan(_pos, window).LastIndexOf((byte)'\n');
            if (last < 0)
            {
                if (window < available || _eof) return false;   // a line longer than the window, or the final line
                Fill();
                continue;
            }
            var region = _buffer.AsSpan(_pos, last + 1);
            if (!Ascii.IsValid(region) || region.ContainsAnyInRange((byte)'a', (byte)'z'))
            {
                _slowUntil = _pos + last + 1;
                return true;
            }
            _checkedEnd = _pos + last + 1;
            _hit = -1;
            return true;
        }
    }

    private int Decode(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == '\r') length--;
        var bytes = _buffer.AsSpan(start, length);
        int max = Utf8.GetMaxCharCount(length);
        if (_chars.Length < max) _chars = new char[Math.Max(max, _chars.Length * 2)];
        int n = Utf8.GetChars(bytes, _chars);
        // A byte order mark the first line still starts with (e.g. a second BOM in a concatenated file) is not data.
        if (LineNumber == 0 && n > 0 && _chars[0] == '\uFEFF') _chars[0] = ' ';
        LineNumber++;
        return n;
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
            _checkedEnd = 0;
            _slowUntil = 0;
            _hit = -1;
        }
        if (_len == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
                throw new DataFormatException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"line longer than {MaxLineBytes:#,0} bytes: not a delimited price table (a binary file, or text without line breaks?)"),
                    _display, LineNumber + 1);
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Array.Copy(_buffer, bigger, _len);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        int n = _stream.Read(_buffer, _len, _buffer.Length - _len);
        if (n == 0) _eof = true;
        else _len += n;
    }

    public void Dispose()
    {
        var b = _buffer;
        _buffer = [];
        if (b.Length > 0) ArrayPool<byte>.Shared.Return(b);
    }
}
