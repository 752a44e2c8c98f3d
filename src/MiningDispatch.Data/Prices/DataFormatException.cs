using System.Globalization;
using System.Text;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// A price file could not be read as it stands: unknown layout, a malformed number or time, conflicting duplicates,
/// an unknown settlement point... The message names the file, the line (row or record), the column and the value.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(
        string problem,
        string? file = null,
        int? line = null,
        string? column = null,
        string? value = null,
        IReadOnlyList<string>? availableSettlementPoints = null,
        Exception? innerException = null)
        : base(Compose(problem, file, line, column, value), innerException)
    {
        Problem = problem;
        File = file;
        Line = line;
        Column = column;
        Value = value;
        AvailableSettlementPoints = availableSettlementPoints ?? [];
    }

    /// <summary>The file (and sheet or zip entry) at fault, if any.</summary>
    public string? File { get; }

    /// <summary>1-based line (CSV), row (xlsx) or record (JSON) number, if known.</summary>
    public int? Line { get; }

    /// <summary>Column (header name) at fault, if known.</summary>
    public string? Column { get; }

    /// <summary>The offending value as found in the file, if any.</summary>
    public string? Value { get; }

    /// <summary>The problem alone, without the location prefix.</summary>
    public string Problem { get; }

    /// <summary>For an unknown settlement point: the points the files do contain.</summary>
    public IReadOnlyList<string> AvailableSettlementPoints { get; }

    private static string Compose(string problem, string? file, int? line, string? column, string? value)
    {
        var sb = new StringBuilder();
        if (file is not null) sb.Append(file);
        if (line is not null) sb.Append(sb.Length > 0 ? ", " : "").Append("line ").Append(line.Value.ToString(CultureInfo.InvariantCulture));
        if (column is not null) sb.Append(sb.Length > 0 ? ", " : "").Append("column '").Append(column).Append('\'');
        if (value is not null) sb.Append(sb.Length > 0 ? ", " : "").Append("value '").Append(value.Length <= 200 ? value : value[..200] + "...").Append('\'');
        if (sb.Length > 0) sb.Append(": ");
        sb.Append(problem);
        return Printable(sb);
    }

    /// <summary>Control characters from a damaged file (NUL, escape...) are shown as \xNN so the message stays readable.</summary>
    private static string Printable(StringBuilder sb)
    {
        bool clean = true;
        for (int i = 0; i < sb.Length && clean; i++) clean = !char.IsControl(sb[i]);
        if (clean) return sb.ToString();
        var o = new StringBuilder(sb.Length + 16);
        for (int i = 0; i < sb.Length; i++)
        {
            char c = sb[i];
            if (char.IsControl(c)) o.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else o.Append(c);
        }
        return o.ToString();
    }
}
