using System.CommandLine;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports.Screen;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch screen</c>: every settlement point in the price files, the site run with the strategy beside
/// always-on at each, ranked by the strategy's profit: a terminal top N, screen.csv, report.html, report.xlsx and
/// (with --parquet) screen.parquet.
/// </summary>
internal static class ScreenCommand
{
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var o = new BacktestOptions("screen");
        var hub = new Option<string>("--hub") { Description = $"Settlement point the basis column is taken to [default: {ScreenRequest.DefaultHub} when the files hold it, else no basis]" };
        var top = new Option<int?>("--top") { Description = $"Points in the terminal table [default: {ScreenRequest.DefaultTop}]" };
        var parquet = new Option<bool>("--parquet") { Description = "Also write the per-point table as screen.parquet (the columns of screen.csv) for DuckDB, pandas or Spark" };
        o.Out.Description = "Output folder for screen.csv, report.html, report.xlsx (and screen.parquet) [default: out]";
        o.Json.Description = "Also write every point's figures (and the inputs) as JSON to this file";
        o.Timings.Description = "Print the wall-clock time of each phase (start-up, load, grid and hashprice, compute, duration curves, tables, report files) and the total";
        var cmd = new Command("screen", "Rank every settlement point in the price files by what the site earns there with the strategy: profit beside always-on, curtailment value, " +
            "negative-price hours, hours above breakeven, average price paid, basis to a hub, volatility, 4CP-window MWh. Terminal top N, screen.csv, report.html, report.xlsx, screen.parquet.");
        Option[] data = [o.Prices, o.Market, o.Hashprice, o.HashpriceSource, o.ChainDir, o.HashpriceUnit, o.HashpriceAlignment, o.Mw, o.Efficiency, o.Start, o.End,
            o.PoolFee, o.Adder, o.MinProfit, o.Resolution, o.PriceBounds, o.AllowExtremePrices, o.DateOrder, o.Config, o.Out, o.Json, o.CacheDir, o.Timings];
        foreach (var opt in data.Concat(o.Strategy.Rules).Concat(o.Fleet.All)) cmd.Options.Add(opt);
        var memoryLimit = new Option<int?>("--memory-limit") { Description = $"Memory (MB) the one-pass read of every point may use; it stops with the numbers before exceeding it (narrow with --start/--end) [default: {AllPointsQuery.DefaultMemoryLimitBytes >> 20}]" };
        foreach (var opt in new Option[] { hub, top, parquet, memoryLimit }) cmd.Options.Add(opt);
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, async () =>
        {
            var settings = o.Settings(parse).Merge(new BacktestSettings { Hub = parse.Get(hub), Top = parse.Get(top), Parquet = parse.Switch(parquet), MemoryLimit = parse.Get(memoryLimit) });
            string outDir = settings.Out ?? BacktestSettings.DefaultOut;
            OutputTargets.Check(outDir, settings.Json, writesReport: true);
            var request = settings.ToScreenRequest(env);
            var timings = parse.Get(o.Timings) ? new PhaseTimings() : null;
            var observer = new ConsoleObserver(console, env.Interactive, timings);
            var run = await new ScreenService(observer).RunAsync(request, ct);
            ct.ThrowIfCancellationRequested();
            timings?.Mark("tables");
            ScreenTables.Write(console, run);
            timings?.Mark("report files");
            var files = ProgressRunner.Run(console, env.Interactive, "Writing the screen report",
                progress => ScreenReportWriter.WriteAll(run, outDir, settings.Parquet == true, progress, ct));
            console.MarkupLine($"Report: [link]{Markup.Escape(files.HtmlReport)}[/]");
            console.MarkupLine($"Screen CSV: {Markup.Escape(files.Csv)}; Excel workbook: {Markup.Escape(files.Workbook)}");
            if (files.Parquet is { } pq) console.MarkupLine($"Screen Parquet: {Markup.Escape(pq)}");
            if (settings.Json is { } json)
            {
                ct.ThrowIfCancellationRequested();
                ScreenJson.Write(run, json);
                console.MarkupLine($"Screen JSON: {Markup.Escape(Path.GetFullPath(json))}");
            }
            timings?.Write(console);
            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
