using System.CommandLine;
using System.Globalization;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies.Factory;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch sweep</c>: the threshold rule over every combination of efficiency, hashprice multiplier, power
/// price adder and minimum profit on the same hours (with <c>--fleet</c>: any strategy on the whole fleet over site cap,
/// hashprice multiplier, adder and minimum profit); top scenarios, tornado, profit heat map, breakeven surface, sweep.csv.
/// </summary>
internal static class SweepCommand
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions("sweep");
        var eff = new Option<string>("--efficiency", "--eff") { Description = "Efficiency axis, W/TH: from:to:step, a,b,c or one value (single site only) [default: 21.5 or the config's efficiency]" };
        var mult = new Option<string>("--hashprice-mult") { Description = "Hashprice multiplier axis (1 = as given), e.g. 0.5:1.5:0.25 [default: 1]" };
        var adder = new Option<string>("--adder") { Description = "Power price adder axis, $/MWh, e.g. 0:20:5 [default: 0 or the config's adder]" };
        var minProfit = new Option<string>("--min-profit") { Description = "Minimum profit axis, $/h, e.g. 0:500:250 [default: 0 or the config's minProfit]" };
        var siteCap = new Option<string>("--site-cap-range") { Description = "Site cap axis of a --fleet, MW, e.g. 2:4:1 [default: --site-cap, or no cap]" };
        var top = new Option<int?>("--top") { Description = "Scenarios in the top table [default: 10]" };
        var cmd = new Command("sweep", "Sensitivity sweep over efficiency, hashprice multiplier, adder and minimum profit (threshold rule), or with --fleet over site cap, " +
            "hashprice multiplier, adder and minimum profit (any strategy): top scenarios, tornado, profit heat map, breakeven surface, sweep.csv.");
        foreach (var opt in o.Base.Where(x => x != o.Efficiency && x != o.Adder && x != o.MinProfit)) cmd.Options.Add(opt);
        foreach (var opt in o.Strategy.All.Concat(o.Fleet.All)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { eff, mult, adder, minProfit, siteCap, top }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, async () =>
        {
            var given = o.Settings(parse).Merge(new BacktestSettings
            {
                EfficiencyRange = parse.Get(eff),
                HashpriceMultRange = parse.Get(mult),
                AdderRange = parse.Get(adder),
                MinProfitRange = parse.Get(minProfit),
                SiteCapRange = parse.Get(siteCap),
                Top = parse.Get(top),
            });
            OutputTargets.Check(given.Out ?? BacktestSettings.DefaultOut, given.Json, !parse.Get(o.NoReport));
            bool fleet = given.Fleet is not null;
            // Switching constraints: the sweeps run without them (a config file's keys stay ignored by the single-site sweep, as before).
            if ((fleet && (given.MinUp is not null || given.MinDown is not null || given.RestartCost is not null))
                || new Option[] { o.Strategy.MinUp, o.Strategy.MinDown, o.Strategy.RestartCost }.Any(x => parse.GetResult(x) is { Implicit: false }))
                throw new SettingsException("sweep runs without switching constraints; --min-up, --min-down and --restart-cost (minUp, minDown, restartCost) are not available here.");
            if (!fleet && given.SiteCapRange is not null)
                throw new SettingsException("--site-cap-range sweeps the site cap of a fleet; give --fleet, or sweep a single site's size with separate runs of --mw.");
            if (!fleet && given.Strategy is not null && StrategyRegistry.Find(given.Strategy) is not { IsDefault: true })
                throw new SettingsException($"sweep runs the {StrategyFactory.DefaultName} rule on a single-model site; other strategies need --fleet (a fleet of one model is a single site).");
            if (fleet && given.EfficiencyRange is not null)
                throw new SettingsException("--efficiency (the efficiency axis) is not available with --fleet: each model has its own W/TH. " +
                    "Remove --efficiency (or efficiencyRange in the config), or sweep a single site without --fleet.");
            if (given.SiteCap is not null && given.SiteCapRange is not null)
                throw new SettingsException("Give --site-cap (one cap) or --site-cap-range (the cap axis), not both.");
            var d = given.SiteRequest();
            var effs = fleet ? [] : SweepAxis.Parse(given.EfficiencyRange ?? d.Efficiency.ToString("R", Ci), "--efficiency");
            var mults = SweepAxis.Parse(given.HashpriceMultRange ?? "1", "--hashprice-mult");
            var adders = SweepAxis.Parse(given.AdderRange ?? d.Adder.ToString("R", Ci), "--adder");
            var mins = SweepAxis.Parse(given.MinProfitRange ?? d.MinProfitUsdPerHour.ToString("R", Ci), "--min-profit");
            var caps = given.SiteCapRange is { } cr ? SweepAxis.Parse(cr, "--site-cap-range") : null;
            foreach (double c in caps ?? [])
                if (SiteLimits.Mw(c) is { } problem) throw new SettingsException($"--site-cap-range value {problem}.");
            var runner = new BacktestRunner(console, env) { Timings = parse.Get(o.Timings) ? new PhaseTimings() : null };
            // The site is checked at the axes' middle values (the base scenario the service runs).
            static double Mid(double[] a) => a[(a.Length - 1) / 2];
            var baseSettings = fleet
                ? given with { Adder = Mid(adders), MinProfit = Mid(mins), SiteCap = caps is null ? given.SiteCap : Mid(caps) }
                : given with { Efficiency = Mid(effs), Adder = Mid(adders), MinProfit = Mid(mins) };
            var backtest = baseSettings.ToBacktestRequest(env);
            var request = new SweepRequest(backtest, effs, mults, adders, mins, given.Top ?? SweepRequest.DefaultTop) { SiteCapsMw = caps };
            var run = await new SweepService(runner.Observer).RunAsync(request, ct);
            runner.Finish(run, given.Out ?? BacktestSettings.DefaultOut, given.Json, parse.Get(o.NoReport), ct);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
