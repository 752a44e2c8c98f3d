namespace MiningDispatch.Data.Prices;

/// <summary>Streams a delimited text file (',' ';' or tab, detected per candidate header line) into a table consumer.</summary>
internal static class CsvSource
{
    public static void Read(Stream stream, TableConsumer consumer)
    {
        using var lines = new CsvLineReader(stream, consumer.Table.Display);
        var row = new TableRow();
        char delimiter = ',';
        bool headerFound = false;
        while (lines.TryReadLine(out int start, out int length))
        {
            if (!headerFound)
            {
                var text = lines.Buffer.AsSpan(start, length);
                if (text.Contains('\0'))
                    throw new DataFormatException(
                        "the text holds NUL characters: it looks like UTF-16 saved without a byte-order mark, or a binary file. Save it as UTF-8 CSV (or UTF-16 with a BOM)",
                        consumer.Table.Display, lines.LineNumber);
                delimiter = CsvSplitter.DetectDelimiter(lines.Buffer.AsSpan(start, length));
                consumer.Table.DecimalComma = delimiter == ';';
            }
            CsvSplitter.Split(lines.Buffer, start, length, delimiter, row);
            row.Line = lines.LineNumber;
            consumer.OnRow(row);
            if (!consumer.WantsRows) break;
            headerFound = consumer.HasLayout;
        }
        consumer.Complete();
    }
}
