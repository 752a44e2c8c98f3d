using System.Text;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Reads a text stream line by line into a reusable char buffer (no string per line). Handles LF and CRLF, a UTF-8
/// or UTF-16 byte order mark, and lines of any length.
/// </summary>
internal sealed class CsvLineReader : IDisposable
{
    private readonly StreamReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _pos;
    private int _len;
    private bool _eof;

    /// <summary>Longest line accepted, in characters. A price table line is a few hundred at most; a longer one
    /// means a binary file or a file without line breaks, and reading it whole would only waste memory.</summary>
    public const int MaxLineChars = 1 << 20;

    private readonly string _display;

    public CsvLineReader(Stream stream, string display)
    {
        _reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        _display = display;
    }

    /// <summary>The buffer the returned line positions refer to (valid until the next read).</summary>
    public char[] Buffer => _buffer;

    /// <summary>False when the line last returned is the end of the stream without a line break after it.</summary>
    public bool LastLineTerminated { get; private set; } = true;

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Reads the next line; <paramref name="start"/>/<paramref name="length"/> locate it in <see cref="Buffer"/>.</summary>
    public bool TryReadLine(out int start, out int length)
    {
        while (true)
        {
            int nl = _buffer.AsSpan(_pos, _len - _pos).IndexOf('\n');
            if (nl >= 0)
            {
                start = _pos;
                length = nl;
                _pos += nl + 1;
                if (length > 0 && _buffer[start + length - 1] == '\r') length--;
                StripBom(start, ref length);
                LineNumber++;
                LastLineTerminated = true;
                return true;
            }
            if (_eof)
            {
                if (_pos < _len)
                {
                    start = _pos;
                    length = _len - _pos;
                    _pos = _len;
                    if (length > 0 && _buffer[start + length - 1] == '\r') length--;
                    StripBom(start, ref length);
                    LineNumber++;
                    LastLineTerminated = false;
                    return true;
                }
                start = 0;
                length = 0;
                return false;
            }
            Fill();
        }
    }

    private void StripBom(int start, ref int length)
    {
        // A BOM the decoder did not consume (e.g. a second BOM inside a concatenated file) is not data.
        if (LineNumber == 0 && length > 0 && _buffer[start] == '\uFEFF')
        {
            _buffer[start] = ' ';
        }
    }

    private void Fill()
    {
        if (_pos > 0)
        {
            Array.Copy(_buffer, _pos, _buffer, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
        }
        if (_len == _buffer.Length)
        {
            if (_buffer.Length > MaxLineChars)
                throw new DataFormatException(
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"line longer than {MaxLineChars:#,0} characters: not a delimited price table (a binary file, or text without line breaks?)"),
                    _display, LineNumber + 1);
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        int n = _reader.Read(_buffer, _len, _buffer.Length - _len);
        if (n == 0) _eof = true;
        else _len += n;
    }

    public void Dispose() => _reader.Dispose();
}
