using System.CommandLine;
using System.Globalization;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Forward;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports;
using MiningDispatch.Reports.Sections;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch forecast</c>: shapes a monthly block forward curve to hours with the historical hourly shape,
/// adds a hashprice path and runs the same dispatch (strategy, fleet, PPA, DR, 4CP calendar) over the forward period,
/// optionally with a Monte Carlo of bootstrapped historical days rescaled to the forward block prices.
/// </summary>
internal static class ForecastCommand
{
    private static readonly MarketClock Clock = MarketClock.Ercot;
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions();
        var curve = new Option<string>("--curve") { Description = "Forward curve CSV: month (yyyy-MM), block (5x16, 2x16, 7x8), price ($/MWh)" };
        var history = new Option<string[]>("--history") { Description = "Historical price files for the hourly shape [default: the sample HB_WEST real-time prices]", AllowMultipleArgumentsPerToken = true, Arity = ArgumentArity.OneOrMore };
        var path = new Option<string>("--hashprice-path") { Description = "flat:45 | growth:45:-2 (USD per PH/s per day, % per month) | a hashprice CSV" };
        var months = new Option<int?>("--months") { Description = "Forward months [default: every curve month from --start]" };
        var start = new Option<string>("--start") { Description = "First forward month, yyyy-MM [default: the curve's first month]" };
        var paths = new Option<int?>("--paths") { Description = "Also run a Monte Carlo: bootstrapped historical days rescaled to the forward block prices (0 = none) [default: 0]" };
        var seed = new Option<int?>("--seed") { Description = $"Monte Carlo seed [default: {BacktestSettings.DefaultSeed}]" };
        var blockDays = new Option<int?>("--block-days") { Description = $"Monte Carlo block length in days [default: {BacktestSettings.DefaultBlockDays}]" };
        var cmd = new Command("forecast", "Run dispatch over a forward period: forward block curve shaped to hours with historical shapes, a hashprice path; tables, charts, report.");
        var site = new Option[] { o.SettlementPoint, o.Market, o.HashpriceUnit, o.Mw, o.Efficiency, o.PoolFee, o.Adder, o.MinProfit, o.Config, o.Out, o.Json, o.NoReport };
        foreach (var opt in site.Concat(o.Strategy.All.Where(x => x != o.Strategy.DaPrices)).Concat(o.Fleet.All)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { o.Contract.Ppa, o.Contract.BtcPrice, o.Contract.FourCpRate, o.Contract.Avoid4cp, o.Contract.DrPrice, o.Contract.DrMinLoad }) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { curve, history, path, months, start, paths, seed, blockDays }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(stderr, () =>
        {
            var given = o.Settings(parse).Merge(new BacktestSettings
            {
                Curve = parse.Get(curve),
                History = parse.List(history),
                HashpricePath = parse.Get(path),
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
        var problems = given.Problems().ToList();
        if (given.Curve is null) problems.Add("forecast needs --curve FILE (CSV with month, block, price).");
        if (given.HashpricePath is null) problems.Add("forecast needs --hashprice-path: flat:45, growth:45:-2 (USD per PH/s per day, % per month) or a hashprice CSV.");
        if (StrategyRegistry.Find(given.Strategy) is { NeedsDayAheadPrices: true } needsDa)
            problems.Add($"--strategy {needsDa.Name} needs day-ahead prices, which a forward curve does not give; use one of {string.Join(", ", StrategyRegistry.All.Where(d => !d.NeedsDayAheadPrices).Select(d => d.Name))}.");
        if (given.BasisPoint is not null || given.SystemLoad is not null || given.DaPrices is not null)
            problems.Add("basis points, system load files and day-ahead prices are not available in forecast (the forward period has no such data).");
        if (given.Fleet is not null && given.Paths is > 0) problems.Add("--paths (forward Monte Carlo) works on a single-model site, not with --fleet.");
        if (problems.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, problems));
        string sampleDir = given.History is { Count: > 0 } ? "" : SampleData.FindDirectory();
        var s = given.WithDefaults(sampleDir) with { History = given.History is { Count: > 0 } h ? h : [Path.Combine(sampleDir, SampleData.PricesFile)] };

        ForwardCurve fc;
        try { fc = ForwardCurveCsvLoader.Load(s.Curve!); }
        catch (ArgumentException ex) { throw new SettingsException($"{s.Curve}: {ex.Message}"); }
        var first = fc.Prices[0];
        var startMonth = s.Start is { } st ? new DateOnly(st.Year, st.Month, 1) : new DateOnly(first.Year, first.Month, 1);
        var last = fc.Prices[^1];
        int curveMonths = (last.Year - startMonth.Year) * 12 + last.Month - startMonth.Month + 1;
        int n = s.Months ?? curveMonths;
        if (n < 1) throw new SettingsException($"--start {startMonth:yyyy-MM} is after the curve's last month {last.Year:D4}-{last.Month:D2}.");
        var hours = ForwardScenario.MonthHours(Clock, startMonth.Year, startMonth.Month, n);
        var hp = HashpricePathSpec.Parse(s.HashpricePath!, s.HashpriceUnit);

        bool? rt = s.Market is null ? null : BacktestSettings.ParseMarket(s.Market);
        var hist = ProgressRunner.Run(console, env.Interactive, "Loading price history",
            progress => PriceLoader.Load(s.History!, new PriceQuery(s.SettlementPoint!, rt is null ? null : rt.Value ? PriceMarket.RealTime : PriceMarket.DayAhead), progress, ct));
        if (hist.Count == 0) throw new SettingsException($"No {s.SettlementPoint} prices in {string.Join(", ", s.History!)} for the hourly shape.");
        ShapedCurve shaped;
        try { shaped = HourlyShaper.ShapeDetailed(fc, hist.HoursUtc, hist.PriceUsdPerMWh, hours, Clock); }
        catch (KeyNotFoundException ex) { throw new SettingsException(ex.Message + $" Shorten --months or start later (--start {startMonth:yyyy-MM}, --months {n})."); }
        var market = new MarketSeries(hours, shaped.PriceUsdPerMWh, hp.Evaluate(hours), 1.0, null, fc.SettlementPoint.Length > 0 ? fc.SettlementPoint : hist.SettlementPoint, ForwardScenario.MarketName);

        SiteSpec? siteSpec = null;
        StrategySetup? setup = null;
        DispatchOutcome outcome;
        if (s.Fleet is not null) outcome = FleetRun.Run(market, s);
        else
        {
            siteSpec = new SiteSpec(new Megawatts(s.Mw!.Value), new WattsPerTerahash(s.Efficiency!.Value), s.PoolFee!.Value, new UsdPerMWh(s.Adder!.Value), s.MinProfit!.Value);
            siteSpec.Validate();
            setup = StrategySetup.Build(s);
            outcome = DispatchRun.Run(market, siteSpec, setup, s, new Dictionary<string, double[]>());
        }

        RiskSection? risk = null;
        if (s.Paths is int paths && paths > 0 && siteSpec is not null)
        {
            var histSeries = new MarketSeries(hist.HoursUtc, hist.PriceUsdPerMWh, new double[hist.Count], 1.0, null, hist.SettlementPoint, hist.Market.ToString());
            int days = startMonth.AddMonths(n).DayNumber - startMonth.DayNumber;
            var options = new MonteCarloOptions(paths, s.Seed ?? BacktestSettings.DefaultSeed, s.BlockDays ?? BacktestSettings.DefaultBlockDays, days)
            {
                StartDay = startMonth,
                MaxDegreeOfParallelism = 2,
            };
            var mc = ProgressRunner.Run(console, env.Interactive, $"Simulating {paths:N0} forward paths",
                (IProgress<string> _) => MonteCarloEngine.RunForward(histSeries, siteSpec, options, fc, hp.Evaluate, null, setup!.Strategy, Clock));
            risk = new RiskSection(null, [], mc);
        }

        string title = $"MiningDispatch forecast: {market.SettlementPoint} forward, {startMonth:yyyy-MM} to {startMonth.AddMonths(n - 1):yyyy-MM}";
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("Forward period (market months, CPT)", $"{startMonth:yyyy-MM} to {startMonth.AddMonths(n - 1):yyyy-MM} ({n} months, {hours.Length:N0} hours)"),
            new("Forward curve", $"{Path.GetFileName(s.Curve!)} ({fc.Prices.Count} block prices{(fc.SettlementPoint.Length > 0 ? ", " + fc.SettlementPoint : "")})"),
            new("Hourly shape", $"{hist.SettlementPoint} {BacktestRunner.MarketLabel(hist.Market)} history, {string.Join("; ", hist.Files.Select(Path.GetFileName))}: each hour's ratio to its block's mean in the same calendar month, rescaled so every block keeps its forward price"),
            new("Hashprice path", hp.Description),
        };
        if (siteSpec is not null)
        {
            inputs.Add(new("Facility size", siteSpec.Capacity.Value.ToString("0.###", Ci) + " MW"));
            inputs.Add(new("Efficiency", siteSpec.Efficiency.Value.ToString("0.###", Ci) + " W/TH"));
        }
        inputs.Add(new("Pool fee", (s.PoolFee!.Value * 100).ToString("0.###", Ci) + " %"));
        inputs.Add(new("Power price adder", s.Adder!.Value.ToString("0.00", Ci) + " $/MWh"));
        inputs.Add(new("Minimum profit to run", s.MinProfit!.Value.ToString("#,0.00", Ci) + " $/h"));
        if (setup is not null) inputs.AddRange(setup.Inputs);
        inputs.AddRange(outcome.Inputs);
        var info = new RunInfo(title, inputs, [hist.Quality]);
        var model = outcome.Model with
        {
            Info = info,
            Forecast = new ForecastSection(Path.GetFileName(s.Curve!), hp.Description, $"{hist.SettlementPoint} {string.Join("; ", hist.Files.Select(Path.GetFileName))}", shaped.Blocks),
            Risk = risk,
        };
        new BacktestRunner(console, env).Finish(model, s, noReport);
        return ExitCodes.Ok;
    }

    private static DateOnly? ParseMonth(string? s)
    {
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Trim(), ["yyyy-MM", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new SettingsException($"--start '{s}' is not a month in yyyy-MM form.");
    }
}
