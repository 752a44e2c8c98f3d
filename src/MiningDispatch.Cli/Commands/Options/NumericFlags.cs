using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary>
/// Numbers on the command line take a decimal point and no thousands separator. The parser reads numbers with the
/// invariant culture, where a comma is a group separator, so "--mw 2,5" (a decimal comma) would silently be 25 MW;
/// every numeric flag of every command refuses a comma instead, naming the flag and the value. A value that is not a
/// number at all ("--mw 10MW") gets a message naming the flag and what a number looks like, not a .NET type name.
/// </summary>
internal static class NumericFlags
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Adds the checks to every numeric option of <paramref name="command"/> and its subcommands.</summary>
    public static void RejectCommas(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<double?> d: d.CustomParser = r => Single(r, ParseDouble) is { } v ? v : null; continue;
                case Option<double> d: d.CustomParser = r => Single(r, ParseDouble) ?? 0; continue;
                case Option<int?> i: i.CustomParser = r => Single(r, ParseInt) is { } v ? (int)v : null; continue;
                case Option<int> i: i.CustomParser = r => Single(r, ParseInt) is { } v ? (int)v : 0; continue;
            }
            var t = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (t.IsArray) t = t.GetElementType()!;
            if (t == typeof(double) || t == typeof(int) || t == typeof(decimal) || t == typeof(float) || t == typeof(long))
                option.Validators.Add(Check);
        }
        foreach (var sub in command.Subcommands) RejectCommas(sub);
    }

    /// <summary>The one token's value, or null with an error on the result naming the flag and the value.</summary>
    private static double? Single(ArgumentResult r, Func<string, double?> parse)
    {
        string flag = (r.Parent as OptionResult)?.Option.Name ?? r.Argument.Name;
        if (r.Tokens.Count == 0) { r.AddError($"{flag} needs a value."); return null; }
        string text = r.Tokens[^1].Value;
        if (text.Contains(',', StringComparison.Ordinal))
        {
            r.AddError(CommaMessage(flag, text));
            return null;
        }
        if (parse(text) is { } v) return v;
        r.AddError($"{flag} '{text}' is not a number: write digits with a decimal point and no unit or separator (e.g. {flag} 2.5).");
        return null;
    }

    private static double? ParseDouble(string s) =>
        double.TryParse(s, NumberStyles.Float, Ci, out double v) ? v : null; // NaN and infinities parse; the range checks name them

    private static double? ParseInt(string s) => int.TryParse(s, NumberStyles.Integer, Ci, out int v) ? v : null;

    private static string CommaMessage(string flag, string value) =>
        $"{flag} '{value}' is not a number as written: use a decimal point and no thousands separator " +
        $"(e.g. {value.Replace(',', '.')} if the comma is a decimal comma).";

    private static void Check(OptionResult result)
    {
        foreach (var token in result.Tokens)
            if (token.Value.Contains(',', StringComparison.Ordinal))
                result.AddError(CommaMessage(result.Option.Name, token.Value));
    }
}
