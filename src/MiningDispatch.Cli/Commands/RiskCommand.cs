using System.CommandLine;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Sections;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch risk</c>: the backtest, then the distribution of its monthly profit (VaR/CVaR) and a Monte Carlo
/// by block bootstrap of the joint price and hashprice history with a fixed seed.
/// </summary>
internal static class RiskCommand
{
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions();
        var paths = new Option<int?>("--paths") { Description = $"Monte Carlo paths (0 = historical monthly risk only) [default: {BacktestSettings.DefaultPaths}]" };
        var seed = new Option<int?>("--seed") { Description = $"Random seed; the same seed gives the same paths [default: {BacktestSettings.DefaultSeed}]" };
        var blockDays = new Option<int?>("--block-days") { Description = $"Bootstrap block length in market days [default: {BacktestSettings.DefaultBlockDays}]" };
        var horizon = new Option<int?>("--horizon-days") { Description = $"Length of each simulated path in market days, starting the month after the history [default: {BacktestSettings.DefaultHorizonDays}]" };
        var levels = new Option<double[]>("--var-levels") { Description = "Extra VaR/CVaR levels besides 0.95 and 0.99, e.g. 0.9 0.975", AllowMultipleArgumentsPerToken = true };
        var cmd = new Command("risk", "Backtest, then monthly profit VaR/CVaR and a block-bootstrap Monte Carlo of price and hashprice history: tables, histogram, report, risk-paths.csv.");
        foreach (var opt in o.Base.Concat(o.Strategy.All)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { paths, seed, blockDays, horizon, levels }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(stderr, async () =>
        {
            var settings = o.Settings(parse).Merge(new BacktestSettings
            {
                Paths = parse.Get(paths),
                Seed = parse.Get(seed),
                BlockDays = parse.Get(blockDays),
                HorizonDays = parse.Get(horizon),
                VarLevels = parse.Get(levels) is { Length: > 0 } l ? l : null,
            });
            if (settings.Fleet is not null) throw new SettingsException("risk runs a single-model site; --fleet is not available here.");
            var runner = new BacktestRunner(console, env) { Timings = parse.Get(o.Timings) ? new PhaseTimings() : null };
            var p = await runner.PrepareAsync(settings, ct);
            var s = p.Settings;
            var outcome = DispatchRun.Run(p.Market, p.Site!, p.Setup!, s, p.Loaded.Companions);
            var result = outcome.Model.Result;
            double[] extra = s.VarLevels?.ToArray() ?? [];

            var months = RiskMetrics.MonthlyProfitsUsd(result, MarketClock.Ercot, completeMonthsOnly: true);
            RiskSummary? historical = months.Length > 0 ? RiskMetrics.Summarize(months, extra) : null;
            if (historical is null) console.MarkupLine("[yellow]The backtest has no complete market month: no historical monthly VaR.[/]");
            MonteCarloResult? mc = null;
            int n = s.Paths ?? BacktestSettings.DefaultPaths;
            if (n > 0)
            {
                var options = new MonteCarloOptions(n, s.Seed ?? BacktestSettings.DefaultSeed, s.BlockDays ?? BacktestSettings.DefaultBlockDays,
                    s.HorizonDays ?? BacktestSettings.DefaultHorizonDays)
                { ExtraLevels = extra, MaxDegreeOfParallelism = 2 };
                mc = Output.ProgressRunner.Run(console, env.Interactive, $"Simulating {n:N0} paths",
                    (IProgress<string> _) => MonteCarloEngine.Run(p.Market, p.Site!, options, p.Setup!.Strategy, MarketClock.Ercot));
            }
            var info = BacktestRunner.Info(p, "risk", outcome.Inputs.Concat(mc is null ? [] :
            [
                new KeyValuePair<string, string>("Monte Carlo", $"{mc.Options.Paths:N0} paths, seed {mc.Options.Seed}, {mc.Options.BlockDays}-day blocks of joint price and hashprice history, " +
                    $"{mc.Options.HorizonDays} days from {mc.StartDay:yyyy-MM-dd}, seasonal window ±{mc.Options.SeasonalWindowDays} days, same weekday"),
            ]));
            var model = outcome.Model with { Info = info, Risk = new RiskSection(historical, months, mc) };
            runner.Finish(model, s, parse.Get(o.NoReport));
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
