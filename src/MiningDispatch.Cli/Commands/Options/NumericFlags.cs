using System.CommandLine;
using System.CommandLine.Parsing;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary>
/// Numbers on the command line take a decimal point and no thousands separator. The parser reads numbers with the
/// invariant culture, where a comma is a group separator, so "--mw 2,5" (a decimal comma) would silently be 25 MW;
/// every numeric flag of every command refuses a comma instead, naming the flag and the value.
/// </summary>
internal static class NumericFlags
{
    /// <summary>Adds the check to every numeric option of <paramref name="command"/> and its subcommands.</summary>
    public static void RejectCommas(Command command)
    {
        foreach (var option in command.Options)
        {
            var t = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
            if (t.IsArray) t = t.GetElementType()!;
            if (t == typeof(double) || t == typeof(int) || t == typeof(decimal) || t == typeof(float) || t == typeof(long))
                option.Validators.Add(Check);
        }
        foreach (var sub in command.Subcommands) RejectCommas(sub);
    }

    private static void Check(OptionResult result)
    {
        foreach (var token in result.Tokens)
            if (token.Value.Contains(',', StringComparison.Ordinal))
                result.AddError($"{result.Option.Name} '{token.Value}' is not a number as written: use a decimal point and no thousands separator " +
                    $"(e.g. {token.Value.Replace(',', '.')} if the comma is a decimal comma).");
    }
}
