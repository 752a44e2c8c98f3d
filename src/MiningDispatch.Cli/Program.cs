using System.CommandLine;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Cli.Output;
using Spectre.Console;

namespace MiningDispatch.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        var console = AnsiConsole.Console;
        // Redirected output defaults to 80 columns, which folds the monthly table; files and pipes can be wider.
        if (Console.IsOutputRedirected) console.Profile.Width = 160;
        return RunAsync(args, console, Console.Error, CliEnvironment.Process, cts.Token);
    }

    /// <summary>Entry point used by the tests: output to <paramref name="console"/>, errors to <paramref name="stderr"/>.</summary>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter stderr, CliEnvironment env, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        // Never an unhandled exception: the commands map their failures (CommandTree.Guard); this catches the rest
        // (building the tree, parsing, an exception thrown outside a command's action) through the same mapping.
        try
        {
            var root = CommandTree.Build(console, stderr, env);
            if (args.Length == 0) args = ["backtest"];
            var parse = root.Parse(args);
            var config = new InvocationConfiguration { Output = new AnsiTextWriter(console), Error = stderr, EnableDefaultExceptionHandler = false };
            return await parse.InvokeAsync(config, ct);
        }
        catch (Exception ex)
        {
            return ExitCodes.Report(ex, stderr, args.Contains(CommandTree.VerboseName, StringComparer.Ordinal));
        }
    }
}
