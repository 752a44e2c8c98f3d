namespace MiningDispatch.Data.Prices;

/// <summary>Splits a CSV line into trimmed, unquoted field spans; detects the delimiter from a header line.</summary>
internal static class CsvSplitter
{
    /// <summary>The most frequent of ',', ';' and tab outside quotes (',' when none).</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> line)
    {
        int commas = 0, semis = 0, tabs = 0;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted)
            {
                if (c == ',') commas++;
                else if (c == ';') semis++;
                else if (c == '\t') tabs++;
            }
        }
        if (semis > commas && semis >= tabs) return ';';
        if (tabs > commas && tabs > semis) return '\t';
        return ',';
    }

    /// <summary>Splits buffer[start..start+length) into <paramref name="row"/> (external mode).</summary>
    public static void Split(char[] buffer, int start, int length, char delimiter, TableRow row)
    {
        row.BeginExternal(buffer);
        int end = start + length;
        int i = start;
        while (true)
        {
            // skip leading blanks
            while (i < end && (buffer[i] == ' ' || buffer[i] == '\t') && buffer[i] != delimiter) i++;
            int fs, fe;
            if (i < end && buffer[i] == '"')
            {
                // A doubled quote inside a quoted field is one quote: the field is compacted in place (the buffer
                // holds only this line, and the characters left behind belong to no field).
                fs = i + 1;
                // The text before the first quote has nothing to compact: a vectorised search jumps to it.
                int q = buffer.AsSpan(fs, end - fs).IndexOf('"');
                int j = q < 0 ? end : fs + q, w = j;
                while (j < end)
                {
                    if (buffer[j] == '"')
                    {
                        if (j + 1 < end && buffer[j + 1] == '"') { buffer[w++] = '"'; j += 2; continue; }
                        break;
                    }
                    buffer[w++] = buffer[j++];
                }
                fe = w;
                if (j >= end && row.UnbalancedQuote < 0) row.UnbalancedQuote = row.Count;
                i = j < end ? j + 1 : end;
                while (i < end && buffer[i] != delimiter) i++;
            }
            else
            {
                fs = i;
                int d = buffer.AsSpan(i, end - i).IndexOf(delimiter);
                fe = d < 0 ? end : i + d;
                i = fe;
            }
            // trim
            while (fs < fe && char.IsWhiteSpace(buffer[fs])) fs++;
            while (fe > fs && char.IsWhiteSpace(buffer[fe - 1])) fe--;
            row.AddExternal(fs, fe - fs);
            if (i >= end) break;
            i++; // past delimiter
            if (i == end)
            {
                row.AddExternal(end, 0);
                break;
            }
        }
    }
}
