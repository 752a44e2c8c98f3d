using System.Runtime.CompilerServices;

namespace MiningDispatch.Data.Prices;

/// <summary>Streams a delimited text file (',' ';' or tab, detected per candidate header line) into a table consumer.</summary>
internal static class CsvSource
{
    public static void Read(Stream stream, TableConsumer consumer)
    {
        var head = new byte[4];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (IsUtf16Or32(head.AsSpan(0, n)))
        {
            ReadDecoded(new PrefixedStream(head, n, stream), consumer);
            return;
        }
        ReadUtf8(stream, head.AsSpan(0, n), consumer);
    }

    /// <summary>UTF-8 (or ASCII) text: lines are read as bytes; rows of other points are passed over when the layout allows.</summary>
    // Called once per file and looping for all of it: ReadyToRun code, which tiered compilation cannot replace in the
    // middle of a loop, would run the whole read. Compiled optimised for the machine at its first call instead.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadUtf8(Stream stream, ReadOnlySpan<byte> head, TableConsumer consumer)
    {
        using var lines = new Utf8LineReader(stream, head, consumer.Table.Display);
        consumer.Table.DelimitedText = true;
        var row = new TableRow();
        char delimiter = ',';
        bool headerFound = false;
        while (true)
        {
            if (headerFound && consumer.FastRows is { } fast)
            {
                // every point at once: ordinary rows are parsed from their bytes; any other row is read below
                while (true)
                {
                    int used = fast.TryFastRow(lines.Pending, lines.LineNumber + 1);
                    if (used > 0) lines.AcceptLine(used);
                    else if (used == 0 || !lines.ReadMore()) break;
                }
            }
            if (headerFound && consumer.OtherPointsNeedle is { } needle)
            {
                int skipped = lines.SkipLinesWithout(needle);
                if (skipped > 0) consumer.OnRowsOfOtherPoints(skipped);
            }
            if (!lines.TryReadLine(out int length)) break;
            if (!headerFound)
            {
                RejectNul(lines.Chars.AsSpan(0, length), consumer, lines.LineNumber);
                delimiter = CsvSplitter.DetectDelimiter(lines.Chars.AsSpan(0, length));
                consumer.Table.DecimalComma = delimiter == ';';
            }
            CsvSplitter.Split(lines.Chars, 0, length, delimiter, row);
            row.Line = lines.LineNumber;
            row.Unterminated = !lines.LastLineTerminated;
            consumer.OnRow(row);
            if (!consumer.WantsRows) break;
            headerFound = consumer.HasLayout;
        }
        consumer.Complete();
    }

    /// <summary>UTF-16 or UTF-32 text (byte order mark): decoded by a <see cref="StreamReader"/>.</summary>
    private static void ReadDecoded(Stream stream, TableConsumer consumer)
    {
        using var lines = new CsvLineReader(stream, consumer.Table.Display);
        consumer.Table.DelimitedText = true;
        var row = new TableRow();
        char delimiter = ',';
        bool headerFound = false;
        while (lines.TryReadLine(out int start, out int length))
        {
            if (!headerFound)
            {
                RejectNul(lines.Buffer.AsSpan(start, length), consumer, lines.LineNumber);
                delimiter = CsvSplitter.DetectDelimiter(lines.Buffer.AsSpan(start, length));
                consumer.Table.DecimalComma = delimiter == ';';
            }
            CsvSplitter.Split(lines.Buffer, start, length, delimiter, row);
            row.Line = lines.LineNumber;
            row.Unterminated = !lines.LastLineTerminated;
            consumer.OnRow(row);
            if (!consumer.WantsRows) break;
            headerFound = consumer.HasLayout;
        }
        consumer.Complete();
    }

    /// <summary>NUL characters before the header means UTF-16 without a byte order mark, or a binary file.</summary>
    private static void RejectNul(ReadOnlySpan<char> text, TableConsumer consumer, int line)
    {
        if (text.Contains('\0'))
            throw new DataFormatException(
                "the text holds NUL characters: it looks like UTF-16 saved without a byte-order mark, or a binary file. Save it as UTF-8 CSV (or UTF-16 with a BOM)",
                consumer.Table.Display, line);
    }

    private static bool IsUtf16Or32(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
}
