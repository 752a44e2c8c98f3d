using System.Text;

namespace MiningDispatch.Data.Hashprice;

/// <summary>Splits one CSV line (RFC 4180 quoting, no embedded newlines) into trimmed fields.</summary>
internal static class CsvFields
{
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
