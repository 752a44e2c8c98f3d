using System.CommandLine;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Builds the <c>mining-dispatch</c> command tree.</summary>
internal static class CommandTree
{
    public static RootCommand Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var root = new RootCommand("MiningDispatch: should a Bitcoin mining site in ERCOT run this hour, and what would a dispatch strategy have earned?");
        root.Subcommands.Add(Backtest(console, stderr, env));
        root.Subcommands.Add(ReportCommand.Build(console, stderr, env));
        root.Subcommands.Add(ForecastCommand.Build(console, stderr, env));
        root.Subcommands.Add(RiskCommand.Build(console, stderr, env));
        root.Subcommands.Add(SweepCommand.Build(console, stderr, env));
        root.Subcommands.Add(ScreenCommand.Build(console, stderr, env));
        root.Subcommands.Add(ValidateCommand.Build(console, stderr, env));
        root.Subcommands.Add(FetchCommand.Build(console, stderr, env));
        root.Options.Add(new Option<bool>(VerboseName) { Description = "On an internal error, print the stack trace too", Recursive = true });
        Options.NumericFlags.RejectCommas(root);
        return root;
    }

    private static Command Backtest(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions();
        var cmd = new Command("backtest", "Backtest a dispatch strategy (or a mixed fleet) on ERCOT prices and hashprice beside always-on and the perfect-foresight optimum: tables, charts, HTML report, hourly CSV; optional PPA, 4CP, demand response, basis.");
        foreach (var opt in o.All) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => Guard(parse, stderr, async () =>
        {
            var settings = o.Settings(parse);
            if (env.Interactive && o.NoFlagsGiven(parse) && !parse.GetValue(o.NonInteractive) && settings.Fleet is null)
                settings = settings.Merge(InteractivePrompts.AskCancellable(console, ct));
            return await new BacktestRunner(console, env) { Timings = parse.GetValue(o.Timings) ? new PhaseTimings() : null }.RunAsync(settings, parse.GetValue(o.NoReport), ct);
        }));
        return cmd;
    }

    /// <summary>
    /// Runs a command's action: any failure becomes a message on stderr and an exit code through the one mapping
    /// (<see cref="ExitCodes.Report"/>); the stack trace of an internal error only with <c>--verbose</c>.
    /// </summary>
    internal static async Task<int> Guard(ParseResult parse, TextWriter stderr, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex)
        {
            return ExitCodes.Report(ex, stderr, IsVerbose(parse));
        }
    }

    /// <summary>The recursive <c>--verbose</c> flag (stack traces of internal errors).</summary>
    internal static bool IsVerbose(ParseResult parse) =>
        parse.RootCommandResult.Command.Options.Any(o => o.Name == VerboseName) && parse.GetValue<bool>(VerboseName);

    internal const string VerboseName = "--verbose";
}
