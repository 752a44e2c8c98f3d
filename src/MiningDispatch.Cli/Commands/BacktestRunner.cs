using System.Globalization;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Environment the runner reads: variables and whether a person is at a terminal.</summary>
public sealed record CliEnvironment(Func<string, string?> GetVariable, bool Interactive)
{
    public static CliEnvironment Process { get; } = new(Environment.GetEnvironmentVariable,
        !Console.IsInputRedirected && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null);
}

/// <summary>Settings resolved and market data loaded, ready to dispatch.</summary>
/// <param name="Settings">Settings with defaults applied.</param>
/// <param name="Loaded">Prices and hashprice on the backtest hours.</param>
/// <param name="Market">The market series (with day-ahead prices when loaded).</param>
/// <param name="Site">The single-model site; null for a mixed fleet.</param>
/// <param name="Setup">The strategy; null for a mixed fleet.</param>
internal sealed record PreparedRun(BacktestSettings Settings, LoadedMarket Loaded, MarketSeries Market, SiteSpec? Site, StrategySetup? Setup);

/// <summary>
/// The backtest pipeline: settings -> load prices and hashprice -> align to UTC hours -> dispatch beside always-on and
/// the optimum -> contracts, 4CP, DR, basis -> tables and reports.
/// </summary>
public sealed class BacktestRunner(IAnsiConsole console, CliEnvironment env)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Phase timings to print at the end (<c>--timings</c>); null for none.</summary>
    public PhaseTimings? Timings { get; init; }

    public async Task<int> RunAsync(BacktestSettings given, bool noReport, CancellationToken ct)
    {
        var p = await PrepareAsync(given, ct);
        var outcome = p.Site is null
            ? FleetRun.Run(p.Market, p.Settings, p.Loaded.Companions)
            : DispatchRun.Run(p.Market, p.Site, p.Setup!, p.Settings, p.Loaded.Companions);
        var info = Info(p, "backtest", outcome.Inputs);
        Finish(outcome.Model with { Info = info }, p.Settings, noReport);
        return ExitCodes.Ok;
    }

    /// <summary>Checks settings, applies defaults, builds the strategy and loads the market data with any companions.</summary>
    internal async Task<PreparedRun> PrepareAsync(BacktestSettings given, CancellationToken ct)
    {
        var problems = given.Problems();
        if (problems.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, problems));
        bool sample = given.UsesSampleData;
        var s = given.WithDefaults(sample || given.Prices is not { Count: > 0 } || given.Hashprice is null ? SampleData.FindDirectory() : "");
        SiteSpec? site = null;
        StrategySetup? setup = null;
        if (s.Fleet is null)
        {
            site = new SiteSpec(new Megawatts(s.Mw!.Value), new WattsPerTerahash(s.Efficiency!.Value), s.PoolFee!.Value,
                new UsdPerMWh(s.Adder!.Value), s.MinProfit!.Value);
            site.Validate();
            setup = StrategySetup.Build(s);
        }
        if (sample) console.MarkupLine("[grey]No data flags given: using the real sample data in data/sample (HB_WEST real-time, daily hashprice).[/]");

        var companions = new List<CompanionRequest>();
        if (setup is { NeedsDayAhead: true } || s.DaPrices is { Count: > 0 })
            companions.Add(new CompanionRequest(DispatchRun.DayAheadLabel, s.DaPrices is { Count: > 0 } d ? d : s.Prices!,
                new PriceQuery(s.SettlementPoint!, PriceMarket.DayAhead),
                $"Day-ahead prices for {s.SettlementPoint} are needed" + (setup is { NeedsDayAhead: true } ? " by --strategy day-ahead" : "") +
                ": pass files that hold them with --da-prices FILE (e.g. ERCOT DAM settlement point prices, NP4-180-ER workbooks, or a CSV with a dam_lmp column)."));
        if (s.BasisPoint is { } bp)
        {
            bool? rt = s.Market is null ? null : BacktestSettings.ParseMarket(s.Market);
            companions.Add(new CompanionRequest(DispatchRun.BasisLabel(bp), s.BasisPrices is { Count: > 0 } f ? f : s.Prices!,
                new PriceQuery(bp, rt is null ? null : rt.Value ? PriceMarket.RealTime : PriceMarket.DayAhead),
                $"Pass the files holding {bp} with --basis-prices FILE."));
        }
        var loaded = await new MarketLoader(console, env).LoadAsync(s, companions, ct);
        var market = loaded.Market;
        if (loaded.Companions.TryGetValue(DispatchRun.DayAheadLabel, out var da))
            market = new MarketSeries(market.StartsUtc, market.PriceUsdPerMWh, market.HashpriceUsdPerThDay, market.IntervalHours, da,
                market.SettlementPoint, market.Market);
        Timings?.Mark("compute");
        return new PreparedRun(s, loaded, market, site, setup);
    }

    /// <summary>The run description for the tables and the report.</summary>
    internal static RunInfo Info(PreparedRun p, string command, IEnumerable<KeyValuePair<string, string>> extra)
    {
        var l = p.Loaded;
        string title = $"MiningDispatch {command}: {l.Prices.SettlementPoint} {MarketLabel(l.Prices.Market)}, {l.Start:yyyy-MM-dd} to {l.End:yyyy-MM-dd}";
        var inputs = new List<KeyValuePair<string, string>>(BaseInputs(p));
        if (p.Setup is not null) inputs.AddRange(p.Setup.Inputs);
        inputs.AddRange(extra);
        return new RunInfo(title, inputs, l.Quality);
    }

    /// <summary>Prints the tables and writes the report files and JSON summary.</summary>
    internal void Finish(ReportModel model, BacktestSettings s, bool noReport)
    {
        Timings?.Mark("tables");
        SummaryTables.Write(console, model);
        if (!noReport)
        {
            Timings?.Mark("charts");
            WriteReport(console, env.Interactive, model, s.Out!, Timings);
        }
        if (s.Json is { } json)
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(json));
            if (dir is not null) Directory.CreateDirectory(dir);
            JsonExport.WriteSummary(model.Result, model.Info, json);
            console.MarkupLine($"Summary JSON: {Markup.Escape(Path.GetFullPath(json))}");
        }
        Timings?.Write(console);
    }

    /// <summary>Writes the report files (charts, HTML, CSVs, JSON) into <paramref name="outDir"/> and lists them.</summary>
    internal static void WriteReport(IAnsiConsole console, bool interactive, ReportModel model, string outDir, PhaseTimings? timings = null)
    {
        var files = ProgressRunner.Run(console, interactive, "Writing charts and report",
            progress => ReportWriter.WriteAll(model, outDir, timings?.Track(progress) ?? progress));
        console.MarkupLine($"Report: [link]{Markup.Escape(Path.GetFullPath(files.HtmlReport))}[/]");
        console.MarkupLine($"Hourly CSV: {Markup.Escape(Path.GetFullPath(files.HourlyCsv))}; charts: {files.Charts.Count} PNG in {Markup.Escape(Path.GetFullPath(Path.Combine(outDir, "charts")))}");
        foreach (var csv in files.SectionCsvs) console.MarkupLine($"CSV: {Markup.Escape(Path.GetFullPath(csv))}");
    }

    private static IReadOnlyList<KeyValuePair<string, string>> BaseInputs(PreparedRun p)
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        var s = p.Settings;
        var l = p.Loaded;
        var list = new List<KeyValuePair<string, string>>
        {
            P("Date range (market days, CPT)", $"{l.Start:yyyy-MM-dd} to {l.End:yyyy-MM-dd} (inclusive)"),
            P("Settlement point", l.Prices.SettlementPoint),
            P("Market", MarketLabel(l.Prices.Market)),
            P("Price files", string.Join("; ", l.Prices.Files.Select(Path.GetFileName))),
            P("Price layouts", string.Join("; ", l.Prices.Layouts)),
        };
        if (l.Market.IntervalHours != 1.0)
            list.Add(P("Interval", "15 minutes (ERCOT real-time settlement intervals; --resolution " + (s.Resolution ?? "native") + ")"));
        foreach (var (label, src) in l.CompanionSources)
            list.Add(P(char.ToUpperInvariant(label[0]) + label[1..], string.Join("; ", src.Files.Select(Path.GetFileName))));
        list.Add(P("Price gap filling", s.GapFill().Describe()));
        list.Add(P("Hashprice source", l.Hashprice.Source));
        list.Add(P("Hashprice alignment", l.Alignment == HashpriceAlignment.Published
            ? "published: an hour uses the latest value published at or before its start"
            : "period-start: a value applies from its own timestamp"));
        if (p.Site is { } site)
        {
            list.Add(P("Facility size", site.Capacity.Value.ToString("0.###", Ci) + " MW"));
            list.Add(P("Efficiency", site.Efficiency.Value.ToString("0.###", Ci) + " W/TH"));
            list.Add(P("Hashrate", (site.Hashrate.Value / 1000).ToString("#,0.###", Ci) + " PH/s"));
        }
        list.Add(P("Pool fee", (s.PoolFee!.Value * 100).ToString("0.###", Ci) + " %"));
        list.Add(P("Power price adder", s.Adder!.Value.ToString("0.00", Ci) + " $/MWh"));
        list.Add(P("Minimum profit to run", s.MinProfit!.Value.ToString("#,0.00", Ci) + " $/h"));
        return list;
    }

    internal static string MarketLabel(PriceMarket m) => m == PriceMarket.RealTime ? "real-time" : "day-ahead";
}
