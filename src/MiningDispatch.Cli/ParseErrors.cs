using System.CommandLine;
using System.CommandLine.Parsing;

namespace MiningDispatch.Cli;

/// <summary>
/// Command-line mistakes as a few lines instead of the whole help: each unknown flag with the closest real ones, the
/// value after an unknown flag not reported again as a second unknown token, other errors as the parser words them,
/// and a pointer to <c>--help</c>. Exit 1 (usage).
/// </summary>
internal static class ParseErrors
{
    /// <summary>True when the command line asks for help (then the parser's own help output is wanted).</summary>
    public static bool AsksForHelp(ParseResult parse) =>
        parse.Tokens.Any(t => t.Value is "-h" or "--help" or "-?" or "/?" or "/h");

    /// <summary>Prints the errors of <paramref name="parse"/> and returns <see cref="ExitCodes.Usage"/>.</summary>
    public static int Report(ParseResult parse, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(stderr);
        var command = parse.CommandResult.Command;
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
        var unmatched = parse.UnmatchedTokens.ToList();
        var afterUnknownFlag = new HashSet<int>();
        for (int i = 0; i + 1 < unmatched.Count; i++)
            if (unmatched[i].StartsWith('-') && !unmatched[i + 1].StartsWith('-')) afterUnknownFlag.Add(i + 1);
        for (int i = 0; i < unmatched.Count; i++)
        {
            if (afterUnknownFlag.Contains(i)) continue;
            string token = unmatched[i];
            if (token.StartsWith('-'))
            {
                var close = Closest(token, names);
                stderr.WriteLine($"error: unknown option '{token}' for '{command.Name}'" + (close.Count > 0 ? $"; did you mean {string.Join(" or ", close)}?" : "."));
            }
            else if (command is RootCommand root)
            {
                var subs = root.Subcommands.Select(c => c.Name).ToList();
                var close = Closest(token, subs);
                stderr.WriteLine($"error: unknown command '{token}'" + (close.Count > 0 ? $"; did you mean {string.Join(" or ", close)}?" : $"; the commands are {string.Join(", ", subs)}."));
            }
            else stderr.WriteLine($"error: unexpected argument '{token}' for '{command.Name}' (values follow their flag, e.g. --mw 10).");
        }
        bool unknownCommand = command is RootCommand && unmatched.Count > 0;
        foreach (var error in parse.Errors.Where(e => !IsUnmatched(e, unmatched)))
        {
            if (unknownCommand && error.Message.Contains("Required command", StringComparison.Ordinal)) continue;
            stderr.WriteLine("error: " + error.Message);
        }
        string path = command is RootCommand ? "mining-dispatch" : "mining-dispatch " + command.Name;
        stderr.WriteLine($"Run '{path} --help' to list every option.");
        return ExitCodes.Usage;
    }

    /// <summary>The parser's own error for a token already reported above.</summary>
    private static bool IsUnmatched(ParseError e, List<string> unmatched) =>
        unmatched.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal));

    /// <summary>
    /// Up to three names within an edit distance that grows with the token (1 up to 6 characters, 2 up to 10, else 3),
    /// or that start like it (its first 6 characters), closest first.
    /// </summary>
    internal static List<string> Closest(string token, IEnumerable<string> names)
    {
        int max = token.Length <= 6 ? 1 : token.Length <= 10 ? 2 : 3;
        return names.Select(n => (Name: n, D: Distance(token, n)))
            .Where(x => x.D <= max || (token.Length >= 6 && x.Name.StartsWith(token[..6], StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.D).ThenBy(x => x.Name, StringComparer.Ordinal).Take(3).Select(x => x.Name).ToList();
    }

    private static int Distance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) d[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int prev = d[0];
            d[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cur = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), prev + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1));
                prev = cur;
            }
        }
        return d[b.Length];
    }
}
