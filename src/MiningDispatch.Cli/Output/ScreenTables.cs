using System.Globalization;
using MiningDispatch.App.Results;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>The terminal table of <c>screen</c>: the top N points in rank order.</summary>
public static class ScreenTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, ScreenRun run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        console.Write(new Rule($"[bold]{Markup.Escape(run.Title)}[/]").LeftJustified());
        int top = Math.Min(run.Top, run.Points.Count);
        var t = new Table().Border(TableBorder.Rounded)
            .Title($"Top {top} of {run.Points.Count.ToString("#,0", Ci)} settlement points by {Markup.Escape(run.Strategy)} profit");
        t.AddColumn(new TableColumn("#").RightAligned());
        t.AddColumn("Settlement point");
        foreach (var h in new[] { "Strategy profit $", "Always-on profit $", "Curtailment value $", "Neg. price h", "Above breakeven h",
                     "Avg paid $/MWh", $"Basis to {run.Hub ?? "hub"} $/MWh", "Stdev $/MWh", "4CP-window MWh", "Coverage %" })
            t.AddColumn(new TableColumn(Markup.Escape(h)).RightAligned());
        for (int i = 0; i < top; i++)
        {
            var p = run.Points[i];
            t.AddRow((i + 1).ToString(Ci), Markup.Escape(p.SettlementPoint), Usd(p.StrategyProfitUsd), Usd(p.AlwaysOnProfitUsd), Usd(p.CurtailmentValueUsd),
                N(p.NegativePriceHours, 2), N(p.HoursAboveBreakeven, 2), N(p.AvgPricePaidUsdPerMWh, 2), N(p.BasisToHubUsdPerMWh, 2),
                N(p.PriceStdevUsdPerMWh, 2), N(p.FourCpWindowMWh, 1), N(Math.Floor(p.CoveragePct * 100) / 100, 2)); // floored: a point missing one interval never shows 100.00
        }
        console.Write(t);
    }

    private static string Usd(double v) => v.ToString("#,0", Ci);

    private static string N(double? v, int decimals) => v is double d ? d.ToString("#,0." + new string('0', decimals), Ci) : "n/a";
}
