using System.Text;

namespace MiningDispatch.Data.Hashprice;

/// <summary>Splits one CSV line (RFC 4180 quoting, no embedded newlines) into trimmed fields.</summary>
internal static class CsvFields
{
    /// <summary>
    /// The data lines of a small CSV file as (line number, fields): a byte order mark is dropped, blank lines and
    /// lines starting with <c>#</c> are skipped, and a quoting error becomes a <see cref="Prices.DataFormatException"/>
    /// naming the file and line.
    /// </summary>
    public static IEnumerable<(int Line, List<string> Fields)> ReadLines(string path)
    {
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        int lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            string trimmed = line.Trim().TrimStart('\uFEFF');
            if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
            List<string> fields;
            try { fields = Split(trimmed, path, lineNo); }
            catch (FormatException ex) { throw new Prices.DataFormatException(ex.Message, path, lineNo); }
            yield return (lineNo, fields);
        }
    }

    public static List<string> Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        bool inQuotes = false, wasQuoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                    else inQuotes = false;
                }
                else sb.Append(c);
            }
            else if (c == '"' && sb.ToString().Trim().Length == 0 && !wasQuoted) { inQuotes = true; wasQuoted = true; sb.Clear(); }
            else if (c == ',') { fields.Add(wasQuoted ? sb.ToString() : sb.ToString().Trim()); sb.Clear(); wasQuoted = false; }
            else sb.Append(c);
        }
        if (inQuotes) throw new FormatException($"{path} line {lineNumber}: unterminated quoted field.");
        fields.Add(wasQuoted ? sb.ToString() : sb.ToString().Trim());
        return fields;
    }
}
