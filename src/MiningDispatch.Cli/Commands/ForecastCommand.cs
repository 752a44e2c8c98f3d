using System.CommandLine;
using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies.Factory;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch forecast</c>: shapes a monthly block forward curve to hours with the historical hourly shape,
/// adds a hashprice path and runs the same dispatch (strategy, fleet, PPA, DR, 4CP calendar) over the forward period,
/// optionally with a Monte Carlo of bootstrapped historical days rescaled to the forward block prices.
/// </summary>
internal static class ForecastCommand
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions("forecast");
        var curve = new Option<string>("--curve") { Description = "Forward curve CSV: month (yyyy-MM), block (5x16, 2x16, 7x8), price ($/MWh)" };
        var history = new Option<string[]>("--history") { Description = $"Historical price files or folders for the hourly shape; {FetchRequest.AliasHelp(Data.ErcotApi.ErcotReport.RealTimePrices)} [default: the sample HB_WEST real-time prices]", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var path = new Option<string>("--hashprice-path") { Description = "flat:45 | growth:45:-2 (USD per PH/s per day, % per month) | a hashprice CSV" };
        var months = new Option<int?>("--months") { Description = "Forward months [default: every curve month from --start]" };
        var start = new Option<string>("--start") { Description = "First forward month: a day yyyy-MM-dd, as every other command's --start, or a month yyyy-MM; the forecast starts on the first of that month [default: the curve's first month]" };
        var paths = new Option<int?>("--paths") { Description = "Also run a Monte Carlo: bootstrapped historical days rescaled to the forward block prices, with a stochastic hashprice around the path (see --hashprice); with --as-price every path books AS at those flat prices (0 = none) [default: 0]" };
        var seed = new Option<int?>("--seed") { Description = $"Monte Carlo seed [default: {BacktestSettings.DefaultSeed}]" };
        var hashprice = new Option<string>("--hashprice") { Description = "Daily hashprice CSV whose daily changes since its last halving make the Monte Carlo's hashprice stochastic (the path x block-bootstrapped, demeaned log-changes) [default with --paths: the sample hashprice]" };
        var blockDays = new Option<int?>("--block-days") { Description = $"Monte Carlo block length in days [default: {BacktestSettings.DefaultBlockDays}]" };
        var cmd = new Command("forecast", "Run dispatch over a forward period: forward block curve shaped to hours with historical shapes, a hashprice path; tables, charts, report.");
        var site = new Option[] { o.SettlementPoint, o.Market, o.HashpriceUnit, o.Mw, o.Efficiency, o.PoolFee, o.Adder, o.MinProfit, o.Config, o.Out, o.Json, o.NoReport, o.CacheDir };
        foreach (var opt in site.Concat(o.Strategy.All.Where(x => x != o.Strategy.DaPrices)).Concat(o.Fleet.All)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { o.Contract.Ppa, o.Contract.BtcPrice, o.Contract.FourCpRate, o.Contract.Avoid4cp, o.Contract.DrPrice, o.Contract.DrMinLoad }) cmd.Options.Add(opt);
        foreach (var opt in o.Contract.AncillaryOffer.Prepend(o.Contract.AsPrice)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { curve, history, path, hashprice, months, start, paths, seed, blockDays }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, () =>
        {
            var given = o.Settings(parse).Merge(new BacktestSettings
            {
                Curve = parse.Get(curve),
                History = parse.List(history),
                HashpricePath = parse.Get(path),
                Hashprice = parse.Get(hashprice),
                Months = parse.Get(months),
                Start = ParseMonth(parse.Get(start)),
                Paths = parse.Get(paths),
                Seed = parse.Get(seed),
                BlockDays = parse.Get(blockDays),
            });
            return Task.FromResult(Run(console, env, given, parse.Get(o.NoReport), ct));
        }));
        return cmd;
    }

    private static int Run(IAnsiConsole console, CliEnvironment env, BacktestSettings given, bool noReport, CancellationToken ct)
    {
        given = given.WithFetchedFiles(env);
        var problems = given.Problems().ToList();
        if (given.Curve is null) problems.Add("forecast needs --curve FILE (CSV with month, block, price).");
        if (given.HashpricePath is null) problems.Add("forecast needs --hashprice-path: flat:45, growth:45:-2 (USD per PH/s per day, % per month) or a hashprice CSV.");
        if (StrategyRegistry.Find(given.Strategy) is { NeedsDayAheadPrices: true } needsDa)
            problems.Add($"--strategy {needsDa.Name} needs day-ahead prices, which a forward curve does not give; use one of {string.Join(", ", StrategyRegistry.All.Where(d => !d.NeedsDayAheadPrices).Select(d => d.Name))}.");
        if (given.BasisPoint is not null || given.SystemLoad is not null || given.FourCpIntervals is not null || given.DaPrices is not null)
            problems.Add("basis points, system load files, 4CP interval files and day-ahead prices are not available in forecast (the forward period has no such data).");
        BacktestSettings.ThrowProblems(problems);
        OutputTargets.Check(given.Out ?? BacktestSettings.DefaultOut, given.Json, !noReport);
        string sampleDir = given.History is { Count: > 0 } ? "" : SampleData.FindDirectory();
        var s = given.WithDefaults(sampleDir) with { History = given.History is { Count: > 0 } h ? h : [Path.Combine(sampleDir, SampleData.PricesFile)] };
        var request = new ForecastRequest(s.Curve!, s.History!, s.SettlementPoint!, s.PriceMarketChoice, s.HashpricePath!, s.HashpriceUnitChoice,
            s.Start, s.Months, s.SiteRequest(), StrategySetup.Build(s).ToRequest(), s.ContractRequest(),
            s.Paths is int paths and > 0 ? new MonteCarloRequest(paths, s.Seed ?? BacktestSettings.DefaultSeed, s.BlockDays ?? BacktestSettings.DefaultBlockDays) : null,
            s.PriceRules())
        {
            HashpriceHistory = s.Paths is not > 0 ? null : given.Hashprice ?? Path.Combine(sampleDir.Length > 0 ? sampleDir : SampleData.FindDirectory(), SampleData.HashpriceFile),
        };
        var runner = new BacktestRunner(console, env);
        var run = new ForecastService(runner.Observer).Run(request, ct);
        runner.Finish(run, s.Out!, s.Json, noReport, ct);
        return ExitCodes.Ok;
    }

    private static DateOnly? ParseMonth(string? s)
    {
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Trim(), ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new SettingsException($"--start '{s}' is not a day (yyyy-MM-dd) or a month (yyyy-MM).");
    }
}
