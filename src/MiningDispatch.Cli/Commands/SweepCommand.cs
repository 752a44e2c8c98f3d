using System.CommandLine;
using System.Globalization;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Units;
using MiningDispatch.Reports;
using MiningDispatch.Reports.Sections;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch sweep</c>: the threshold rule over every combination of efficiency, hashprice multiplier, power
/// price adder and minimum profit on the same hours; top scenarios, tornado, profit heat map, breakeven surface, sweep.csv.
/// </summary>
internal static class SweepCommand
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions();
        var eff = new Option<string>("--efficiency", "--eff") { Description = "Efficiency axis, W/TH: from:to:step, a,b,c or one value [default: 21.5 or the config's efficiency]" };
        var mult = new Option<string>("--hashprice-mult") { Description = "Hashprice multiplier axis (1 = as given), e.g. 0.5:1.5:0.25 [default: 1]" };
        var adder = new Option<string>("--adder") { Description = "Power price adder axis, $/MWh, e.g. 0:20:5 [default: 0 or the config's adder]" };
        var minProfit = new Option<string>("--min-profit") { Description = "Minimum profit axis, $/h, e.g. 0:500:250 [default: 0 or the config's minProfit]" };
        var top = new Option<int?>("--top") { Description = "Scenarios in the top table [default: 10]" };
        var cmd = new Command("sweep", "Sensitivity sweep of the threshold rule over efficiency, hashprice multiplier, adder and minimum profit: top scenarios, tornado, profit heat map, breakeven surface, sweep.csv.");
        foreach (var opt in o.Base.Where(x => x != o.Efficiency && x != o.Adder && x != o.MinProfit)) cmd.Options.Add(opt);
        foreach (var opt in new Option[] { eff, mult, adder, minProfit, top }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(stderr, async () =>
        {
            var given = o.Settings(parse).Merge(new BacktestSettings
            {
                EfficiencyRange = parse.Get(eff),
                HashpriceMultRange = parse.Get(mult),
                AdderRange = parse.Get(adder),
                MinProfitRange = parse.Get(minProfit),
                Top = parse.Get(top),
            });
            if (given.Fleet is not null || given.Strategy is not null and not "threshold")
                throw new SettingsException("sweep runs the threshold rule on a single-model site; --fleet and other strategies are not available here.");
            var d = given.WithDefaults("");
            var effs = SweepAxis.Parse(given.EfficiencyRange ?? d.Efficiency!.Value.ToString("R", Ci), "--efficiency");
            var mults = SweepAxis.Parse(given.HashpriceMultRange ?? "1", "--hashprice-mult");
            var adders = SweepAxis.Parse(given.AdderRange ?? d.Adder!.Value.ToString("R", Ci), "--adder");
            var mins = SweepAxis.Parse(given.MinProfitRange ?? d.MinProfit!.Value.ToString("R", Ci), "--min-profit");
            var spec = new SweepSpec(effs, mults, adders, mins);
            spec.Validate();
            // Base scenario: the middle value of each axis (hashprice as given), which is also the tornado's centre.
            static double Mid(double[] a) => a[(a.Length - 1) / 2];
            var runner = new BacktestRunner(console, env) { Timings = parse.Get(o.Timings) ? new PhaseTimings() : null };
            var p = await runner.PrepareAsync(given with { Efficiency = Mid(effs), Adder = Mid(adders), MinProfit = Mid(mins) }, ct);
            var site = p.Site!;

            var result = ProgressRunner(console, env, $"Running {spec.Count:N0} scenarios", () => SweepEngine.Run(p.Market, site, spec, maxDegreeOfParallelism: 2));
            var basePoint = SweepEngine.BasePoint(site);
            var ranges = new List<TornadoRange>();
            if (effs.Length > 1) ranges.Add(new(SweepParameter.Efficiency, effs.Min(), effs.Max()));
            if (mults.Length > 1) ranges.Add(new(SweepParameter.HashpriceMultiplier, mults.Min(), mults.Max()));
            if (adders.Length > 1) ranges.Add(new(SweepParameter.PriceAdder, adders.Min(), adders.Max()));
            if (mins.Length > 1) ranges.Add(new(SweepParameter.MinProfit, mins.Min(), mins.Max()));
            var tornado = SweepEngine.Tornado(p.Market, site, ranges.Count > 0 ? ranges : null);
            ProfitGrid? grid = effs.Length > 1 && mults.Length > 1
                ? SweepEngine.Grid(p.Market, site, SweepParameter.Efficiency, effs, SweepParameter.HashpriceMultiplier, mults)
                : null;
            double meanHpPh = MiningEconomics.PerThDayToPerPhDay(p.Market.HashpriceUsdPerThDay.Average());
            double[] surfaceMults = mults.Length > 1 ? mults : [0.5, 0.75, 1, 1.25, 1.5];
            double[] surfaceEffs = effs.Length > 1 ? effs : [15, 17.5, 20, 22.5, 25, 30, 35];
            var breakeven = BreakevenSurfaces.PowerPrice(surfaceEffs, surfaceMults.Select(m => Math.Round(meanHpPh * m, 2)).ToArray(), site.PoolFee);
            var best = result.Scenarios.OrderByDescending(x => x.ProfitUsd).Take(given.Top ?? 10).ToList();

            // The base scenario as a backtest would show it: beside always-on and the perfect-foresight optimum.
            var baseOutcome = DispatchRun.Run(p.Market, site, p.Setup!, p.Settings, p.Loaded.Companions);
            var info = BacktestRunner.Info(p, "sweep",
            [
                .. baseOutcome.Inputs,
                new("Sweep axes", $"efficiency {Axis(effs)} W/TH; hashprice x {Axis(mults)}; adder {Axis(adders)} $/MWh; min profit {Axis(mins)} $/h ({spec.Count:N0} scenarios)"),
                new("Base scenario (report, tornado centre)", $"{basePoint.EfficiencyWPerTh.ToString("0.##", Ci)} W/TH, hashprice x1, adder {basePoint.PriceAdderUsdPerMWh.ToString("0.##", Ci)} $/MWh, min profit {basePoint.MinProfitUsdPerHour.ToString("0.##", Ci)} $/h"),
                new("Breakeven surface hashprice", $"mean hashprice of the period {meanHpPh.ToString("0.00", Ci)} $/PH/day x the multipliers"),
            ]);
            var model = baseOutcome.Model with
            {
                Info = info,
                Sweep = new SweepSection(result, basePoint, tornado, grid, breakeven, best),
            };
            runner.Finish(model, p.Settings, parse.Get(o.NoReport));
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static string Axis(double[] a) => a.Length == 1 ? a[0].ToString("0.###", Ci)
        : $"{a[0].ToString("0.###", Ci)}..{a[^1].ToString("0.###", Ci)} ({a.Length} values)";

    private static T ProgressRunner<T>(IAnsiConsole console, CliEnvironment env, string title, Func<T> work)
        => Output.ProgressRunner.Run(console, env.Interactive, title, (IProgress<string> _) => work());
}
