using System.CommandLine;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary>Reads option values that may not belong to the command being parsed (then they are unset).</summary>
internal static class FlagValues
{
    public static T? Get<T>(this ParseResult r, Option<T> option) => r.GetResult(option) is null ? default : r.GetValue(option);

    /// <summary>A boolean switch: true when given, null (not false) otherwise, so a config file can still set it.</summary>
    public static bool? Switch(this ParseResult r, Option<bool> option) => r.Get(option) ? true : null;

    public static IReadOnlyList<string>? List(this ParseResult r, Option<string[]> option) => r.Get(option) is { Length: > 0 } v ? v : null;
}
