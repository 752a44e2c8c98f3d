using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>Terminal tables for a backtest: summary, monthly, best and worst days, data quality.</summary>
public static class SummaryTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, BacktestResult r, RunInfo info)
    {
        var s = r.Summary;
        console.Write(new Rule($"[bold]{Markup.Escape(info.Title)}[/]").LeftJustified());

        var t = new Table().Border(TableBorder.Rounded).Title("Summary");
        t.AddColumn("Metric");
        t.AddColumn(new TableColumn($"{Markup.Escape(s.Strategy)}").RightAligned());
        t.AddColumn(new TableColumn("always-on").RightAligned());
        t.AddRow("Hours", N0(s.Hours), N0(s.Hours));
        t.AddRow("Operating hours", N1(s.OperatingHours), N0(s.Hours));
        t.AddRow("Uptime", Pct(s.UptimePct), Pct(100));
        t.AddRow("Curtailed hours", N1(s.CurtailedHours), "0");
        t.AddRow("Energy (MWh)", N1(s.EnergyMWh), N1(s.EnergyMWh / Math.Max(s.UptimePct, 1e-12) * 100));
        t.AddRow("Mining revenue", Usd(s.RevenueUsd), Usd(s.AlwaysOnRevenueUsd));
        t.AddRow("Power cost", Usd(s.PowerCostUsd), Usd(s.AlwaysOnPowerCostUsd));
        t.AddRow("[bold]Net profit[/]", Bold(Usd(s.ProfitUsd)), Bold(Usd(s.AlwaysOnProfitUsd)));
        t.AddRow("Avg price paid ($/MWh)", s.AvgPricePaidUsdPerMWh is { } p ? p.ToString("0.00", Ci) : "-", s.AvgSettlementPriceUsdPerMWh.ToString("0.00", Ci));
        console.Write(t);

        string uplift = s.UpliftPct is { } up ? $" ({up.ToString("+0.0;-0.0", Ci)} %)" : "";
        console.MarkupLine($"Uplift over always-on: [bold]{Usd(s.UpliftUsd)}[/]{uplift}");
        console.MarkupLine($"Breakeven all-in power price ($/MWh): min {s.Breakeven.Min.ToString("0.00", Ci)}, mean {s.Breakeven.Mean.ToString("0.00", Ci)}, median {s.Breakeven.Median.ToString("0.00", Ci)}, max {s.Breakeven.Max.ToString("0.00", Ci)}");

        var m = new Table().Border(TableBorder.Simple).Title("By month (Central Prevailing Time)");
        foreach (var c in new[] { "Month", "Hours", "Uptime", "Energy MWh", "Revenue", "Power cost", "Profit", "Always-on", "Avg price", "Avg breakeven" })
            m.AddColumn(c == "Month" ? new TableColumn(c) : new TableColumn(c).RightAligned());
        foreach (var row in r.Monthly)
            m.AddRow($"{row.Year:D4}-{row.Month:D2}", N0(row.Hours), Pct(row.UptimePct), N1(row.EnergyMWh), Usd(row.RevenueUsd), Usd(row.PowerCostUsd),
                Usd(row.ProfitUsd), Usd(row.AlwaysOnProfitUsd), row.AvgSettlementPriceUsdPerMWh.ToString("0.00", Ci), row.AvgBreakevenUsdPerMWh.ToString("0.00", Ci));
        console.Write(m);

        var best = r.BestDays(3);
        var worst = r.WorstDays(3);
        console.MarkupLine("Best days: " + string.Join(", ", best.Select(d => $"{d.Day:yyyy-MM-dd} {Usd(d.ProfitUsd)}")));
        console.MarkupLine("Worst days: " + string.Join(", ", worst.Select(d => $"{d.Day:yyyy-MM-dd} {Usd(d.ProfitUsd)}")));

        foreach (var q in info.DataQuality)
        {
            var gaps = q.Gaps.Count == 0 ? "no gaps" : $"{q.Gaps.Count} gap(s), {q.MissingIntervals} missing interval(s)";
            console.MarkupLine($"[grey]Data: {Markup.Escape(q.Source)}: {N0(q.RowsRead)} rows read, {N0(q.RowsUsed)} used, {q.Duplicates} duplicate(s), {gaps}" +
                $"{(q.PartialIntervals > 0 ? $", {q.PartialIntervals} partial" : "")}{(q.FilledIntervals > 0 ? $", {q.FilledIntervals} filled" : "")}.[/]");
        }
    }

    internal static string Usd(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("#,0", Ci);
    private static string N0(double v) => v.ToString("#,0", Ci);
    private static string N1(double v) => v.ToString("#,0.0", Ci);
    private static string Pct(double v) => v.ToString("0.0", Ci) + " %";
    private static string Bold(string s) => $"[bold]{s}[/]";
}
