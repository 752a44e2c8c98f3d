using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>Terminal tables for a backtest: summary, monthly, best and worst days, data quality.</summary>
public static class SummaryTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Tables for a result without benchmarks or sections.</summary>
    public static void Write(IAnsiConsole console, BacktestResult r, RunInfo info) => Write(console, new BacktestRun(r, info));

    /// <summary>Summary (strategy beside always-on and the optimum), monthly table, best and worst days, every section, data quality.</summary>
    public static void Write(IAnsiConsole console, BacktestRun model)
    {
        var r = model.Result;
        var info = model.Info;
        var s = r.Summary;
        console.Write(new Rule($"[bold]{Markup.Escape(info.Title)}[/]").LeftJustified());
        if (SiteLine(info) is { } site) console.MarkupLine(site);
        if (model.SiteTotal is { } headline) console.MarkupLine(Headline(headline));

        var opt = model.Benchmarks.FirstOrDefault(b => b.Strategy == OptimalStrategy.StrategyName)?.Summary ?? (s.Strategy == OptimalStrategy.StrategyName ? s : null);
        var t = new Table().Border(TableBorder.Rounded).Title("Summary");
        t.AddColumn("Metric");
        t.AddColumn(new TableColumn($"{Markup.Escape(s.Strategy)}").RightAligned());
        t.AddColumn(new TableColumn(AlwaysOnStrategy.StrategyName).RightAligned());
        if (opt is not null) t.AddColumn(new TableColumn(ComparisonSection.OptimumLabel).RightAligned());
        void Row(string label, string strategy, string alwaysOn, Func<BacktestSummary, string> optimum)
        {
            if (opt is null) t.AddRow(label, strategy, alwaysOn);
            else t.AddRow(label, strategy, alwaysOn, optimum(opt));
        }
        double aoEnergy = SiteMw(r) * s.Hours; // Summary.Hours counts hours (not intervals)
        Row("Hours", N0(s.Hours), N0(s.Hours), o => N0(o.Hours));
        Row("Operating hours", N1(s.OperatingHours), N0(s.Hours), o => N1(o.OperatingHours));
        Row("Uptime", Pct(s.UptimePct), Pct(100), o => Pct(o.UptimePct));
        Row("Curtailed hours", N1(s.CurtailedHours), "0", o => N1(o.CurtailedHours));
        Row("Energy (MWh)", N1(s.EnergyMWh), N1(aoEnergy), o => N1(o.EnergyMWh));
        Row("Mining revenue", Usd(s.RevenueUsd), Usd(s.AlwaysOnRevenueUsd), o => Usd(o.RevenueUsd));
        Row("Power cost", Usd(s.PowerCostUsd), Usd(s.AlwaysOnPowerCostUsd), o => Usd(o.PowerCostUsd));
        Row("[bold]Net profit[/]", Bold(Usd(s.ProfitUsd)), Bold(Usd(s.AlwaysOnProfitUsd)), o => Bold(Usd(o.ProfitUsd)));
        Row("Avg price paid ($/MWh)", s.AvgPricePaidUsdPerMWh is { } p ? p.ToString("0.00", Ci) : "-", s.AvgSettlementPriceUsdPerMWh.ToString("0.00", Ci),
            o => o.AvgPricePaidUsdPerMWh is { } op ? op.ToString("0.00", Ci) : "-");
        if (model.Comparison is { } cmpRows && cmpRows.Rows.Count == 3 && opt is not null)
        {
            var c = cmpRows; var (cs, ca, co) = (c.Rows[0], c.Rows[1], c.Rows[2]);
            t.AddRow("Starts", N0(cs.Starts), N0(ca.Starts), N0(co.Starts));
            if (c.Rows.Any(x => x.RestartCostUsd != 0))
            {
                t.AddRow("Restart costs", Usd(cs.RestartCostUsd), Usd(ca.RestartCostUsd), Usd(co.RestartCostUsd));
                t.AddRow("[bold]Profit after restarts[/]", Bold(Usd(cs.ProfitAfterRestartsUsd)), Bold(Usd(ca.ProfitAfterRestartsUsd)), Bold(Usd(co.ProfitAfterRestartsUsd)));
            }
            if (c.Rows.Any(x => x.MinUpViolations + x.MinDownViolations > 0))
                t.AddRow("Min up/down violations", $"{cs.MinUpViolations}/{cs.MinDownViolations}", $"{ca.MinUpViolations}/{ca.MinDownViolations}", $"{co.MinUpViolations}/{co.MinDownViolations}");
        }
        console.Write(t);

        if (model.SiteTotal is { } total) WriteSiteTotal(console, total);
        else
        {
            string uplift = s.UpliftPct is { } up ? $" ({up.ToString("+0.0;-0.0", Ci)} %)" : "";
            console.MarkupLine($"Uplift over always-on: [bold]{Usd(s.UpliftUsd)}[/]{uplift}");
            if (model.Comparison is { } cmp)
            {
                string captured = cmp.CapturedUpliftPct is { } cu ? $"; captured uplift [bold]{cu.ToString("0.0", Ci)} %[/] of the optimum's gain over always-on" : "; the optimum gains nothing over always-on";
                console.MarkupLine($"Regret vs the perfect-foresight optimum: [bold]{Usd(cmp.RegretUsd)}[/]{captured}.");
            }
        }
        if (model.Comparison is { } constraints)
            console.MarkupLine($"[grey]Switching constraints (the optimum obeys them; every schedule pays the restart cost): {Markup.Escape(constraints.Constraints)}.[/]");
        console.MarkupLine($"Breakeven all-in power price ($/MWh): min {s.Breakeven.Min.ToString("0.00", Ci)}, mean {s.Breakeven.Mean.ToString("0.00", Ci)}, median {s.Breakeven.Median.ToString("0.00", Ci)}, max {s.Breakeven.Max.ToString("0.00", Ci)}");

        // A terminal narrower than the full table gets the columns a desk reads first, never numbers folded across lines.
        bool narrow = console.Profile.Width < FullMonthlyWidth;
        var m = new Table().Border(TableBorder.Simple).Title("By month (Central Prevailing Time)");
        string[] columns = narrow
            ? ["Month", "Uptime", "Revenue", "Profit", "Always-on", "Avg price"]
            : ["Month", "Hours", "Uptime", "Energy MWh", "Revenue", "Power cost", "Profit", "Always-on", "Avg price", "Avg breakeven"];
        foreach (var col in columns)
            m.AddColumn(col == "Month" ? new TableColumn(col).NoWrap() : new TableColumn(col).RightAligned().NoWrap());
        foreach (var row in r.Monthly)
        {
            string month = $"{row.Year:D4}-{row.Month:D2}", price = row.AvgSettlementPriceUsdPerMWh.ToString("0.00", Ci);
            if (narrow) m.AddRow(month, Pct(row.UptimePct), Usd(row.RevenueUsd), Usd(row.ProfitUsd), Usd(row.AlwaysOnProfitUsd), price);
            else
                m.AddRow(month, N0(row.Hours), Pct(row.UptimePct), N1(row.EnergyMWh), Usd(row.RevenueUsd), Usd(row.PowerCostUsd),
                    Usd(row.ProfitUsd), Usd(row.AlwaysOnProfitUsd), price, row.AvgBreakevenUsdPerMWh.ToString("0.00", Ci));
        }
        console.Write(m);
        if (narrow)
            console.MarkupLine($"[grey]Narrow terminal ({console.Profile.Width} columns): hours, energy, power cost and breakeven by month are in the report and hourly.csv.[/]");

        var best = r.BestDays(3);
        var worst = r.WorstDays(3);
        console.MarkupLine("Best days: " + string.Join(", ", best.Select(d => $"{d.Day:yyyy-MM-dd} {Usd(d.ProfitUsd)}")));
        console.MarkupLine("Worst days: " + string.Join(", ", worst.Select(d => $"{d.Day:yyyy-MM-dd} {Usd(d.ProfitUsd)}")));

        SectionTables.Write(console, model);

        foreach (var q in info.DataQuality)
        {
            var gaps = q.Gaps.Count == 0 ? "no gaps" : $"{q.Gaps.Count} gap(s), {q.MissingIntervals} missing interval(s)";
            console.MarkupLine($"[grey]Data: {Markup.Escape(q.Source)}: {N0(q.RowsRead)} rows read, {N0(q.RowsUsed)} used, {q.Duplicates} duplicate(s), {gaps}" +
                $"{(q.PartialIntervals > 0 ? $", {q.PartialIntervals} partial" : "")}{(q.FilledIntervals > 0 ? $", {q.FilledIntervals} filled" : "")}.[/]");
        }
    }

    /// <summary>
    /// The site the run used, as read from the flags and files (so a mistyped size or efficiency shows at once): MW and
    /// W/TH of a single-model site, or the fleet's models and cap; null when the inputs name neither.
    /// </summary>
    internal static string? SiteLine(RunInfo info)
    {
        string? Get(string key) => info.Inputs.FirstOrDefault(kv => kv.Key == key).Value;
        if (Get("Fleet") is { } fleet)
            return $"[grey]Site:[/] {Markup.Escape(fleet)}; site cap {Markup.Escape(Get("Site cap") ?? "none")}";
        if (Get("Facility size") is { } mw)
        {
            var parts = new List<string> { Get("Efficiency") is { } eff ? mw + " at " + eff : mw };
            if (Get("Pool fee") is { } fee) parts.Add("pool fee " + fee);
            if (Get("Power price adder") is { } adder) parts.Add("adder " + adder);
            return "[grey]Site:[/] " + Markup.Escape(string.Join(", ", parts));
        }
        return null;
    }

    /// <summary>The one-line headline: the strategy's site total and its uplift over always-on.</summary>
    internal static string Headline(SiteTotalSection total)
    {
        string pct = total.UpliftPct is { } up ? $" ({up.ToString("+0.0;-0.0", Ci)} %)" : "";
        string colour = total.UpliftUsd >= 0 ? "green" : "red";
        return $"[bold]Site total ({Markup.Escape(total.Strategy.Schedule)}): {Usd(total.Strategy.SiteTotalUsd)}[/]   always-on {Usd(total.AlwaysOn.SiteTotalUsd)}   " +
            $"uplift [bold {colour}]{Usd(total.UpliftUsd)}[/]{pct}";
    }

    /// <summary>
    /// The site total of every schedule, line by line (mining profit, restart costs, contract value, DR income, 4CP
    /// charge), then uplift, regret and captured uplift on those totals, or why the strategy cannot be compared.
    /// </summary>
    private static void WriteSiteTotal(IAnsiConsole console, SiteTotalSection total)
    {
        var t = new Table().Border(TableBorder.Rounded).Title("Site total (USD)");
        t.AddColumn("Line");
        foreach (var line in total.Lines) t.AddColumn(new TableColumn(Markup.Escape(line.Schedule)).RightAligned());
        foreach (var row in total.Rows())
            t.AddRow([row.IsTotal ? Bold(row.Label) : row.Label, .. total.Lines.Select(l => row.IsTotal ? Bold(Usd(row.Value(l))) : Usd(row.Value(l)))]);
        console.Write(t);

        string pct = total.UpliftPct is { } up ? $" ({up.ToString("+0.0;-0.0", Ci)} %)" : "";
        console.MarkupLine($"Uplift over always-on (site totals): [bold]{Usd(total.UpliftUsd)}[/]{pct}");
        if (total.InfeasibleReason is { } why)
            console.MarkupLine($"[yellow]Infeasible:[/] {Markup.Escape(why)}: regret and captured uplift are not shown, as the schedule could not have been run under the constraints.");
        else if (total.RegretUsd is { } regret)
        {
            string captured = total.CapturedUpliftPct is { } cu ? $"; captured uplift [bold]{cu.ToString("0.0", Ci)} %[/] of the optimum's gain over always-on" : "; the optimum gains nothing over always-on";
            console.MarkupLine($"Regret vs the perfect-foresight optimum (site totals): [bold]{Usd(regret)}[/]{captured}.");
        }
        if (total.OneIntervalLate is { } late)
            console.MarkupLine($"Decided one interval late, on the last settled price: site total [bold]{Usd(late.SiteTotalUsd)}[/]; " +
                $"instant response is worth [bold]{Usd(total.InstantResponseValueUsd ?? 0)}[/] ({Markup.Escape(total.Strategy.Schedule)} decides each interval on its own price, published only after it ends).");
        if (total.Optimum is not null) console.MarkupLine($"[grey]The optimum maximises the {Markup.Escape(total.OptimumSees)}.[/]");
        if (total.ContractPaymentsUsd is { } paid)
            console.MarkupLine($"[grey]PPA cash lines inside the total: contract payments {Usd(paid)}, power-sale credits {Usd(total.PowerSaleCreditsUsd ?? 0)} (see the contract section).[/]");
        if (total.BasisCostUsd is { } basis)
            console.MarkupLine($"[grey]Basis vs {Markup.Escape(total.BasisPoint ?? "")}: {Usd(basis)} of the power cost, already inside the mining profit (the site buys at its own point).[/]");
    }

    /// <summary>Columns a terminal needs for the full monthly table of a multi-million-dollar site.</summary>
    internal const int FullMonthlyWidth = 122;

    /// <summary>MW drawn by always-on: its power cost over Σ all-in price × interval length (exact for a site and a fleet).</summary>
    private static double SiteMw(BacktestResult r)
    {
        double sum = 0;
        foreach (double p in r.AllInPrice) sum += p * r.IntervalHours;
        if (Math.Abs(sum) > 1e-9) return r.Summary.AlwaysOnPowerCostUsd / sum;
        return r.Summary.OperatingHours > 0 ? r.Summary.EnergyMWh / r.Summary.OperatingHours : 0;
    }

    internal static string Usd(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("#,0", Ci);
    internal static string N0(double v) => v.ToString("#,0", Ci);
    internal static string N1(double v) => v.ToString("#,0.0", Ci);
    internal static string Pct(double v) => v.ToString("0.0", Ci) + " %";
    internal static string Bold(string s) => $"[bold]{s}[/]";
}
