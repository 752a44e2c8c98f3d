using System.Globalization;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Reports;
using MiningDispatch.Reports.Sections;
using Spectre.Console;
using static MiningDispatch.Cli.Output.SummaryTables;

namespace MiningDispatch.Cli.Output;

/// <summary>Terminal tables for the optional report sections: fleet, contract, 4CP, DR, basis, DA/RT, risk, sweep, forecast.</summary>
internal static class SectionTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, BacktestRun m)
    {
        if (m.AncillaryServices is { } ancillary) AncillaryTables.Write(console, ancillary);
        if (m.Fleet is { } fleet)
        {
            var t = NewTable("Fleet by model (merit order, most efficient first)",
                "Model", "Machines", "W/TH", "Nameplate MW", "Avg MW running", "Uptime", "Energy MWh", "Revenue", "Power cost", "Profit");
            double hours = m.Result.Summary.Hours; // hours, not intervals
            foreach (var tr in fleet.Tranches)
                t.AddRow(Markup.Escape(tr.Model.Name), N0(tr.Count), tr.Model.Efficiency.Value.ToString("0.00", Ci), tr.NameplateMw.ToString("0.###", Ci),
                    (tr.EnergyMWh / hours).ToString("0.###", Ci), Pct(tr.UtilisationPct), N1(tr.EnergyMWh), Usd(tr.RevenueUsd), Usd(tr.PowerCostUsd), Usd(tr.ProfitUsd));
            console.Write(t);
        }
        if (m.Contract is { } c)
        {
            var t = NewTable($"Contract: {Markup.Escape(c.ContractName)}{(c.HubSettled ? " (hub-settled)" : "")}", "Line", "Value");
            t.AddRow("Mining revenue", Usd(c.MiningRevenueUsd));
            t.AddRow("Contract payments (take-or-pay)", Usd(-c.ContractPaymentsUsd));
            t.AddRow("Power sale credits (sell-back)", Usd(c.PowerSaleCreditsUsd));
            t.AddRow("Spot purchases above the contract", Usd(-c.SpotPurchaseCostUsd));
            t.AddRow("Adders on consumed energy", Usd(-c.AdderCostUsd));
            if (c.HubSettled) t.AddRow("Hub basis on contract energy", Usd(c.HubBasisUsd));
            if (c.AncillaryIncomeUsd != 0 || c.Ancillary is not null) t.AddRow("Demand response / ancillary income", Usd(c.AncillaryIncomeUsd));
            t.AddRow("[bold]Total net profit[/]", Bold(Usd(c.NetProfitUsd)));
            t.AddRow("  of which mining profit at market prices", Usd(c.MiningProfitAtMarketUsd));
            t.AddRow("  of which contract value vs market", Usd(c.ContractValueUsd));
            t.AddRow("Always-on under the same contract", Usd(c.AlwaysOnNetProfitUsd));
            t.AddRow("Contracted / consumed / sold back / bought MWh",
                $"{N1(c.ContractedMWh)} / {N1(c.ConsumedMWh)} / {N1(c.SellBackMWh)} / {N1(c.SpotPurchaseMWh)}");
            t.AddRow("Avg contract price / sell-back price ($/MWh)", $"{P(c.AvgContractPriceUsdPerMWh)} / {P(c.AvgSellBackPriceUsdPerMWh)}");
            t.AddRow("Net power cost (after credits)", Usd(c.NetPowerCostUsd));
            t.AddRow("BTC mined", c.BtcMined is { } btc ? btc.ToString("#,0.0000", Ci) : "n/a (no BTC price)");
            t.AddRow("[bold]Cost to mine one BTC, net of credits[/]", c.CostToMinePerBtcUsd is { } cpb ? Bold(Usd(cpb)) : "n/a");
            console.Write(t);
        }
        if (m.Btc is { } b)
        {
            console.MarkupLine($"BTC mined: [bold]{b.BtcMined.ToString("#,0.0000", Ci)}[/]; power cost per BTC: [bold]{(b.CostPerBtcUsd is { } cpb ? Usd(cpb) : "n/a")}[/]");
            console.MarkupLine($"BTC price: {Markup.Escape(b.Source)}.");
        }
        if (m.FourCp is { } f)
        {
            var t = NewTable($"4CP transmission charge (${f.RateUsdPerKwYear.ToString("0.##", Ci)}/kW-yr, peaks: {Markup.Escape(f.PeakBasis)})",
                "Month", "Peak interval (UTC)", "System load MW", "Site MW without avoidance", "Site MW with");
            foreach (var mo in f.Months)
                t.AddRow($"{mo.Year:D4}-{mo.Month:D2}", mo.PeakStartUtc is { } ps ? ps.ToString("yyyy-MM-dd HH:mm", Ci) : "worst window hour",
                    mo.SystemLoadMw is { } l ? N0(l) : "-", mo.SiteMwWithoutAvoidance.ToString("0.###", Ci), mo.SiteMwWithAvoidance.ToString("0.###", Ci));
            console.Write(t);
            foreach (var y in f.Years)
                console.MarkupLine($"4CP summer {y.Year}{(y.IsComplete ? "" : $" ({y.MonthsFound} of 4 months in the data)")}: tag {y.TagMwWithoutAvoidance.ToString("0.###", Ci)} MW -> {y.TagMwWithAvoidance.ToString("0.###", Ci)} MW; " +
                    $"charge {Usd(y.ChargeWithoutAvoidanceUsd)} -> {Usd(y.ChargeWithAvoidanceUsd)} for {y.Year + 1}.");
            console.MarkupLine($"4CP avoided charge: [bold]{Usd(f.AvoidedChargeUsd)}[/]; mining profit given up: {Usd(f.EnergyProfitGivenUpUsd)} " +
                $"({N0(f.CurtailedIntervals)} interval(s), {N1(f.CurtailedMWh)} MWh); net benefit [bold]{Usd(f.NetBenefitUsd)}[/].");
            if (f.Months.Count > 0)
                console.MarkupLine($"4CP hit rate: peaks avoided [bold]{f.PeaksAvoided} of {f.Months.Count}[/]" + (f.PeaksAlreadyOff > 0 ? $" ({f.PeaksAlreadyOff} with the site already off)" : "") +
                    $"; hours curtailed {N1(f.CurtailedHours)}; profit given up {Usd(f.EnergyProfitGivenUpUsd)}; charge avoided {Usd(f.AvoidedChargeUsd)}; net value [bold]{Usd(f.NetBenefitUsd)}[/].");
            if (f.Months.Count == 0) console.MarkupLine("[yellow]No 4CP month (June-September) lies in the backtest period: no charge.[/]");
            foreach (var note in f.Notes) console.MarkupLine($"[yellow]{Markup.Escape(note)}[/]");
            if (f.RuleBacktest is { } rb)
            {
                var bt = NewTable($"4CP rule on every summer of the system load ({rb.Resolution} peaks; {Markup.Escape(rb.Rule)})",
                    "Summer", "Peaks caught", "Hours curtailed", "Months not caught", "Note");
                foreach (var su in rb.Summers)
                {
                    var missed = rb.Months.Where(x => x.Year == su.Year && !x.Caught).Select(x => x.Month.ToString("00", Ci));
                    string note = su.CompleteMonths < su.Months ? $"{su.Months - su.CompleteMonths} partial month(s) in the load file" : "";
                    if (rb.Months.Any(x => x.Year == su.Year && x.Official)) note = (note.Length > 0 ? note + "; " : "") + "official intervals";
                    bt.AddRow(su.Year.ToString(Ci), $"{su.PeaksCaught} of {su.Months}", N0(su.HoursCurtailed), string.Join(", ", missed), note);
                }
                bt.AddRow("[bold]All[/]", $"[bold]{rb.PeaksCaught} of {rb.Peaks}[/]", N0(rb.Summers.Sum(x => x.HoursCurtailed)), "", "");
                console.Write(bt);
            }
        }
        if (m.Ancillary is { } a)
            console.MarkupLine($"{Markup.Escape(a.Name)} income: [bold]{Usd(a.IncomeUsd)}[/] ({N1(a.CurtailableMwHours)} MW-h of curtailable capacity, average {a.AverageCurtailableMw.ToString("0.###", Ci)} MW)" +
                (m.Contract is null ? $"; profit including it: [bold]{Usd(m.Result.Summary.ProfitUsd + a.IncomeUsd)}[/]." : " (included in the contract total)."));
        if (m.Basis is { } bs)
        {
            var t = NewTable($"Settlement at {Markup.Escape(bs.ZoneName)} vs {Markup.Escape(bs.HubName)} (basis = {Markup.Escape(bs.ZoneName)} - {Markup.Escape(bs.HubName)})", "Line", "Value");
            t.AddRow($"Energy cost at {Markup.Escape(bs.ZoneName)}", Usd(bs.ZoneCostUsd));
            t.AddRow($"Energy cost at {Markup.Escape(bs.HubName)}", Usd(bs.HubCostUsd));
            t.AddRow("[bold]Basis cost[/]", Bold(Usd(bs.BasisCostUsd)));
            t.AddRow("Average basis, all hours ($/MWh)", bs.AverageBasisUsdPerMWh.ToString("0.00", Ci));
            t.AddRow("Load-weighted basis ($/MWh)", P(bs.LoadWeightedBasisUsdPerMWh));
            t.AddRow("Basis range ($/MWh)", $"{bs.MinBasisUsdPerMWh.ToString("0.00", Ci)} to {bs.MaxBasisUsdPerMWh.ToString("0.00", Ci)}");
            console.Write(t);
        }
        if (m.TwoSettlement is { } ts)
        {
            var t = NewTable("Day-ahead vs real-time settlement (buy the day-ahead schedule in the DAM, deviate in real time)", "Line", "Value");
            t.AddRow("Day-ahead purchase MWh / cost", $"{N1(ts.DayAheadMWh)} / {Usd(ts.DayAheadCostUsd)}");
            t.AddRow("Real-time deviation bought / sold MWh", $"{N1(ts.DeviationBoughtMWh)} / {N1(ts.DeviationSoldMWh)}");
            t.AddRow("Real-time deviation cost", Usd(ts.RealTimeDeviationCostUsd));
            t.AddRow("Energy cost, two-settlement", Usd(ts.EnergyCostUsd));
            t.AddRow("Energy cost, all real-time", Usd(ts.RealTimeOnlyCostUsd));
            t.AddRow("[bold]Day-ahead gain (RT-only minus two-settlement)[/]", Bold(Usd(ts.DayAheadGainUsd)));
            t.AddRow("Profit with two-settlement", Usd(ts.ProfitUsd));
            console.Write(t);
        }
        if (m.Forecast is { } fc) Forecast(console, fc);
        if (m.Risk is { } risk) Risk(console, risk);
        if (m.Sweep is { } sw) Sweep(console, sw);
    }

    private static void Forecast(IAnsiConsole console, ForecastSection fc)
    {
        var t = NewTable($"Forward curve {Markup.Escape(fc.Curve)} shaped to hours (history: {Markup.Escape(fc.History)})",
            "Month", "Block", "Hours", "Price $/MWh", "Shape", "Hourly min", "Hourly max");
        foreach (var b in fc.Blocks)
            t.AddRow($"{b.Year:D4}-{b.Month:D2}", ForwardBlockCalendar.Name(b.Block), N0(b.Hours), b.BlockPriceUsdPerMWh.ToString("0.00", Ci), b.Mode.ToString(),
                b.MinUsdPerMWh.ToString("0.00", Ci), b.MaxUsdPerMWh.ToString("0.00", Ci));
        console.Write(t);
        console.MarkupLine($"Hashprice path: {Markup.Escape(fc.HashpricePath)}.");
    }

    private static void Risk(IAnsiConsole console, RiskSection r)
    {
        // Two tables, so neither wraps at 160 columns: the distribution of profit, then the losses in words.
        var t = NewTable("Profit risk", "Measure", "Mean", "P5", "P50", "P95", "P(loss)", "N");
        var tail = NewTable("Loss at 95 % and 99 % (VaR, CVaR)", "Measure", RiskText.VaR95, RiskText.CVaR95, RiskText.VaR99, RiskText.CVaR99);
        void Add(string name, RiskSummary s)
        {
            t.AddRow(name, RiskText.Usd(s.MeanUsd), RiskText.Usd(s.P5Usd), RiskText.Usd(s.P50Usd), RiskText.Usd(s.P95Usd), Pct(100 * s.ProbabilityOfLoss), N0(s.Count));
            tail.AddRow(name, RiskText.Loss(s.VaR95Usd), RiskText.Loss(s.CVaR95Usd), RiskText.Loss(s.VaR99Usd), RiskText.Loss(s.CVaR99Usd));
        }
        if (r.HistoricalMonthly is { } h) Add("Historical monthly profit", h);
        if (r.MonteCarlo is { } mc)
        {
            Add($"Simulated monthly profit", mc.MonthlyProfit);
            Add($"Simulated {mc.Options.HorizonDays}-day profit", mc.HorizonProfit);
            Add($"Simulated uplift over always-on", mc.HorizonUplift);
        }
        console.Write(t);
        console.Write(tail);
        console.MarkupLine(Markup.Escape(RiskText.Convention));
        if (RiskText.NotMeaningfulNote(r.HistoricalMonthly) is { } nm) console.MarkupLine(Markup.Escape(nm));
        var levels = (r.MonteCarlo?.HorizonProfit ?? r.HistoricalMonthly)?.Tail.Where(x => x.Level is not (0.95 or 0.99)).ToList() ?? [];
        foreach (var l in levels)
            console.MarkupLine(Markup.Escape($"At {(100 * l.Level).ToString("0.##", Ci)} % ({(r.MonteCarlo is null ? "historical monthly" : "simulated horizon")}): VaR {RiskText.Loss(l.VaRUsd)}; CVaR {RiskText.Loss(l.CVaRUsd)}."));
        if (r.MonteCarlo is { } m)
            console.MarkupLine($"Monte Carlo: {N0(m.Options.Paths)} paths, seed {m.Options.Seed}, {m.Options.BlockDays}-day blocks, {m.StartDay:yyyy-MM-dd} to {m.EndDay:yyyy-MM-dd}, " +
                $"drawn from {N0(m.HistoryCompleteDays)} complete historical days (fewest candidate blocks: {m.MinCandidateBlocks})" +
                (m.HashpriceModel.Length > 0 ? $"; {Markup.Escape(m.HashpriceModel)}." : "."));
    }

    private static void Sweep(IAnsiConsole console, SweepSection sw)
    {
        bool fleet = sw.Base.IsFleet;
        var t = fleet
            ? NewTable($"Top {sw.Top.Count} of {N0(sw.Result.Count)} scenarios by profit (whole fleet)",
                "Site cap MW", "W/TH under cap", "Hashprice x", "Adder $/MWh", "Min profit $/h", "Profit", "Always-on", "Uplift", "Uptime", "Mean breakeven $/MWh")
            : NewTable($"Top {sw.Top.Count} of {N0(sw.Result.Count)} scenarios by profit (threshold rule)",
                "Efficiency W/TH", "Hashprice x", "Adder $/MWh", "Min profit $/h", "Profit", "Always-on", "Uplift", "Uptime", "Mean breakeven $/MWh");
        foreach (var s in sw.Top)
        {
            string[] row = [s.Point.EfficiencyWPerTh.ToString("0.##", Ci), s.Point.HashpriceMultiplier.ToString("0.###", Ci), s.Point.PriceAdderUsdPerMWh.ToString("0.##", Ci),
                s.Point.MinProfitUsdPerHour.ToString("0.##", Ci), Usd(s.ProfitUsd), Usd(s.AlwaysOnProfitUsd), Usd(s.UpliftUsd), Pct(s.UptimePct), s.MeanBreakevenUsdPerMWh.ToString("0.00", Ci)];
            t.AddRow(fleet ? [Cap(s.Point.SiteCapMw), .. row] : row);
        }
        console.Write(t);
        var tor = NewTable($"Tornado: profit with one input at its low and high end, the others at base (base profit {Usd(sw.Tornado.Base.ProfitUsd)})",
            "Input", "Base", "Low", "High", "Profit at low", "Profit at high", "Swing");
        foreach (var b in sw.Tornado.Bars)
            tor.AddRow(Markup.Escape(b.Label + " (" + b.Unit + ")"), b.BaseValue.ToString("0.###", Ci), b.LowValue.ToString("0.###", Ci), b.HighValue.ToString("0.###", Ci),
                Usd(b.ProfitAtLowUsd), Usd(b.ProfitAtHighUsd), Usd(b.SwingUsd));
        console.Write(tor);
        var grid = sw.Grid;
        if (grid is not null)
        {
            bool byCap = grid.RowParameter == SweepParameter.SiteCap;
            var g = byCap
                ? NewTable("Profit by site cap (rows, MW) and hashprice multiplier (columns), others at base",
                    ["MW \\ x", .. grid.ColumnValues.Select(v => v.ToString("0.###", Ci))])
                : NewTable("Profit by efficiency (rows, W/TH) and hashprice multiplier (columns), others at base",
                    ["W/TH \\ x", .. grid.ColumnValues.Select(v => v.ToString("0.###", Ci))]);
            for (int i = 0; i < grid.RowValues.Length; i++)
                g.AddRow([byCap ? Cap(grid.RowValues[i]) : grid.RowValues[i].ToString("0.##", Ci), .. Enumerable.Range(0, grid.ColumnValues.Length).Select(j => Usd(grid.ProfitUsd[i, j]))]);
            console.Write(g);
        }
    }

    private static Table NewTable(string title, params string[] columns)
    {
        var t = new Table().Border(TableBorder.Simple).Title(title);
        for (int i = 0; i < columns.Length; i++) t.AddColumn(i == 0 ? new TableColumn(columns[i]) : new TableColumn(columns[i]).RightAligned());
        return t;
    }

    /// <summary>A fleet scenario's site cap, MW ("none" for no cap).</summary>
    private static string Cap(double? mw) => mw is not double v ? "" : double.IsPositiveInfinity(v) ? "none" : v.ToString("0.###", Ci);

    private static string P(double? v) => v is { } d ? d.ToString("0.00", Ci) : "n/a";
}
