using System.CommandLine;
using System.Runtime.InteropServices;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Cli.Output;
using Spectre.Console;

namespace MiningDispatch.Cli;

public static class Program
{
    public static Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        // Ctrl+C and SIGTERM cancel the run: every phase stops at its next check, no output is published, exit 130.
        // A second Ctrl+C while the first is being honoured ends the process at once (the default signal action).
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            cts.Cancel();
        });
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
            if (parse.Errors.Count > 0 && !ParseErrors.AsksForHelp(parse)) return ParseErrors.Report(parse, stderr);
            // The program handles Ctrl+C and SIGTERM itself (Main): System.CommandLine's own handler would race it and,
            // on a signal that arrives as the command ends, fail with an unhandled exception (exit 134).
            var config = new InvocationConfiguration
            {
                Output = new AnsiTextWriter(console),
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parse.InvokeAsync(config, ct);
        }
        catch (Exception ex)
        {
            return ExitCodes.Report(ex, stderr, args.Contains(CommandTree.VerboseName, StringComparer.Ordinal));
        }
    }
}
