using System.CommandLine;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch risk</c>: the backtest, then the distribution of its monthly profit (VaR/CVaR) and a Monte Carlo
/// by block bootstrap of the joint price and hashprice history with a fixed seed; with <c>--as-prices</c> the AS prices
/// are bootstrapped jointly from the same hours.
/// </summary>
internal static class RiskCommand
{
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions("risk");
        var paths = new Option<int?>("--paths") { Description = $"Monte Carlo paths (0 = historical monthly risk only) [default: {BacktestSettings.DefaultPaths}]" };
        var seed = new Option<int?>("--seed") { Description = $"Random seed; the same seed gives the same paths [default: {BacktestSettings.DefaultSeed}]" };
        var blockDays = new Option<int?>("--block-days") { Description = $"Bootstrap block length in market days [default: {BacktestSettings.DefaultBlockDays}]" };
        var horizon = new Option<int?>("--horizon-days") { Description = $"Length of each simulated path in market days, starting the month after the history [default: {BacktestSettings.DefaultHorizonDays}]" };
        var levels = new Option<double[]>("--var-levels") { Description = "Extra VaR/CVaR levels besides 0.95 and 0.99, e.g. 0.9 0.975", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("risk", "Backtest, then monthly profit VaR/CVaR and a block-bootstrap Monte Carlo of price and hashprice history (and AS prices with --as-prices, single site): tables, histogram, report, risk-paths.csv.");
        foreach (var opt in o.Base.Concat(o.Strategy.All).Concat(o.Fleet.All).Concat(o.Contract.Ancillary)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { paths, seed, blockDays, horizon, levels }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, async () =>
        {
            var settings = o.Settings(parse).Merge(new BacktestSettings
            {
                Paths = parse.Get(paths),
                Seed = parse.Get(seed),
                BlockDays = parse.Get(blockDays),
                HorizonDays = parse.Get(horizon),
                VarLevels = parse.Get(levels) is { Length: > 0 } l ? l : null,
            });
            OutputTargets.Check(settings.Out ?? BacktestSettings.DefaultOut, settings.Json, !parse.Get(o.NoReport));
            var runner = new BacktestRunner(console, env) { Timings = parse.Get(o.Timings) ? new PhaseTimings() : null };
            var request = new RiskRequest(settings.ToBacktestRequest(env),
                new MonteCarloRequest(settings.Paths ?? BacktestSettings.DefaultPaths, settings.Seed ?? BacktestSettings.DefaultSeed, settings.BlockDays ?? BacktestSettings.DefaultBlockDays),
                settings.HorizonDays ?? BacktestSettings.DefaultHorizonDays, settings.VarLevels ?? []);
            var run = await new RiskService(runner.Observer).RunAsync(request, ct);
            runner.Finish(run, settings.Out ?? BacktestSettings.DefaultOut, settings.Json, parse.Get(o.NoReport), ct);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
