using System.Text;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Html;
using static MiningDispatch.Reports.Html.HtmlText;

namespace MiningDispatch.Reports;

/// <summary>
/// Renders the self-contained HTML report: summary, comparison with always-on and benchmarks, interactive charts
/// (plotly.js inlined, no network needed), monthly table, best and worst days, inputs used and data quality.
/// All text that comes from inputs is HTML-escaped and all embedded JSON is script-safe.
/// </summary>
public static class HtmlReport
{
    private const int MaxGapsListed = 200;

    public static string Render(BacktestRun model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        if (model.Result.Times.Length == 0) throw new ArgumentException("The backtest result has no intervals to report.");
        var info = model.Info ?? new RunInfo("", [], []);
        var r = model.Result;
        var clock = MarketClock.Ercot;
        var figures = PlotlyFigures.Build(model);
        string title = string.IsNullOrWhiteSpace(info.Title) ? "Mining dispatch backtest" : info.Title;

        var sb = new StringBuilder(4_000_000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(title)).Append(" — mining dispatch report</title>\n")
          .Append("<style>").Append(Css).Append("</style>\n")
          .Append("<script>/* ").Append(E(PlotlyBundle.ResourceName)).Append(" (plotly.js partial bundle, MIT licence) */\n")
          .Append(PlotlyBundle.InlineScript)
          .Append("\n</script>\n</head>\n<body>\n<main>\n");

        bool comparison = model.Benchmarks.Count > 0 || model.Comparison is not null;
        Header(sb, r, title, clock);
        Kpis(sb, r, model.SiteTotal);
        WhatIfPanel.Render(sb, model);
        Toc(sb, figures, comparison, SectionsHtml.Toc(model));
        SummaryTable(sb, r, clock);
        if (comparison) Comparison(sb, model);
        var sectionFigures = new List<PlotlyFigure>();
        SectionsHtml.Render(sb, model, sectionFigures);
        sb.Append("<section id=\"charts\"><h2>Charts</h2>\n");
        foreach (var f in figures)
        {
            sb.Append("<figure class=\"chart-box\"><figcaption><strong>").Append(E(f.Heading)).Append("</strong> — ")
              .Append(E(f.Caption)).Append("</figcaption><div id=\"").Append(f.Id).Append("\" class=\"chart\"></div></figure>\n");
        }
        sb.Append("</section>\n");
        MonthlyTable(sb, r);
        Days(sb, r);
        Inputs(sb, info);
        DataQuality(sb, info, clock);
        sb.Append("<footer>Times are ERCOT market time (Central Prevailing Time, America/Chicago) unless marked UTC. ")
          .Append("Money in USD; energy in MWh; prices in USD/MWh; hashprice in USD per PH/s per day. ")
          .Append("The hourly data behind this report are in hourly.csv; the full result in result.json.</footer>\n");
        sb.Append("</main>\n");

        var figureJson = figures.Concat(sectionFigures).ToDictionary(f => f.Id, f => new { data = f.Data, layout = f.Layout });
        sb.Append("<script>\n\"use strict\";\nconst figures = ").Append(ScriptSafeJson(figureJson)).Append(";\n")
          .Append("const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['sendDataToCloud'] };\n")
          .Append("for (const [id, f] of Object.entries(figures)) { Plotly.newPlot(id, f.data, f.layout, config); }\n")
          .Append("window.reportFigures = figures;\n")
          .Append(WhatIfPanel.Script(model, clock))
          .Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, BacktestResult r, string title, MarketClock clock)
    {
        var s = r.Summary;
        DateTime lastEndUtc = s.LastHourUtc.AddHours(r.IntervalHours);
        sb.Append("<header><h1>").Append(E(title)).Append("</h1>\n<p class=\"sub\">Strategy <strong>").Append(E(r.Strategy))
          .Append("</strong> · ").Append(E(Fmt.Market(s.FirstHourUtc, clock))).Append(" to ")
          .Append(E(Fmt.Market(lastEndUtc, clock))).Append(" (").Append(E(Fmt.Utc(s.FirstHourUtc))).Append(" to ")
          .Append(E(Fmt.Utc(lastEndUtc))).Append(") · ").Append(Fmt.Int(s.Hours)).Append(" hours</p></header>\n");
    }

    private static void Kpis(StringBuilder sb, BacktestResult r, SiteTotalSection? total)
    {
        var s = r.Summary;
        sb.Append("<section class=\"kpis\">\n");
        if (total is not null)
        {
            // The site total heads the report: mining profit after restarts, contract value, DR income, 4CP charge.
            Kpi(sb, "Site total", Fmt.Usd(total.Strategy.SiteTotalUsd), total.Strategy.SiteTotalUsd, AsRun);
            Kpi(sb, "Always-on site total", Fmt.Usd(total.AlwaysOn.SiteTotalUsd), total.AlwaysOn.SiteTotalUsd, AsRun);
            Kpi(sb, "Uplift vs always-on", Fmt.SignedUsd(total.UpliftUsd) + " (" + Fmt.SignedPct(total.UpliftPct) + ")", total.UpliftUsd, AsRun);
            Kpi(sb, "Mining profit", Fmt.Usd(s.ProfitUsd), s.ProfitUsd, "profit");
        }
        else
        {
            Kpi(sb, "Profit", Fmt.Usd(s.ProfitUsd), s.ProfitUsd, "profit");
            Kpi(sb, "Always-on profit", Fmt.Usd(s.AlwaysOnProfitUsd), s.AlwaysOnProfitUsd, "aoprofit");
            Kpi(sb, "Uplift vs always-on", Fmt.SignedUsd(s.UpliftUsd) + " (" + Fmt.SignedPct(s.UpliftPct) + ")", s.UpliftUsd, "uplift");
        }
        Kpi(sb, "Uptime", Fmt.Pct(s.UptimePct) + " (" + Fmt.Num(s.OperatingHours, 0) + " h)", null, "uptime");
        Kpi(sb, "Avg price paid", Fmt.Price(s.AvgPricePaidUsdPerMWh) + "/MWh", null, "avgpaid");
        Kpi(sb, "Energy", Fmt.Num(s.EnergyMWh, 1) + " MWh", null, "energy");
        sb.Append("</section>\n");
    }

    /// <summary>Marks a headline card the what-if panel leaves as run.</summary>
    private const string AsRun = "";

    /// <summary>A headline card; <paramref name="whatIf"/> names the what-if figure it shows ("" = stays as run).</summary>
    private static void Kpi(StringBuilder sb, string label, string value, double? sign, string whatIf)
    {
        string cls = sign is double d && d < 0 ? " neg" : "";
        sb.Append("<div class=\"kpi\"").Append(whatIf.Length > 0 ? " data-wi=\"" + whatIf + "\"" : " data-asrun=\"\"").Append("><div class=\"kpi-label\">").Append(E(label)).Append("</div><div class=\"kpi-value").Append(cls)
          .Append("\">").Append(E(value)).Append("</div></div>\n");
    }

    private static void Toc(StringBuilder sb, IReadOnlyList<PlotlyFigure> figures, bool benchmarks, IReadOnlyList<(string Id, string Heading)> sections)
    {
        sb.Append("<nav><a href=\"#summary\">Summary</a>");
        if (benchmarks) sb.Append("<a href=\"#comparison\">Comparison</a>");
        foreach (var (id, heading) in sections) sb.Append("<a href=\"#").Append(id).Append("\">").Append(E(heading)).Append("</a>");
        foreach (var f in figures) sb.Append("<a href=\"#").Append(f.Id).Append("\">").Append(E(f.Heading)).Append("</a>");
        sb.Append("<a href=\"#monthly\">Monthly</a><a href=\"#days\">Best / worst days</a><a href=\"#inputs\">Inputs</a><a href=\"#data-quality\">Data quality</a></nav>\n");
    }

    private static void SummaryTable(StringBuilder sb, BacktestResult r, MarketClock clock)
    {
        var s = r.Summary;
        double mw = SeriesMath.CapacityMW(r);
        var rows = new List<(string, string)>
        {
            ("Strategy", s.Strategy),
            ("First interval (start)", Fmt.Market(s.FirstHourUtc, clock) + " (" + Fmt.Utc(s.FirstHourUtc) + ")"),
            ("Last interval (start)", Fmt.Market(s.LastHourUtc, clock) + " (" + Fmt.Utc(s.LastHourUtc) + ")"),
            ("Hours in the backtest", Fmt.Int(s.Hours)),
            ("Operating hours", Fmt.Num(s.OperatingHours, 2) + " h"),
            ("Uptime", Fmt.Pct(s.UptimePct, 2)),
            ("Curtailed hours", Fmt.Num(s.CurtailedHours, 2) + " h"),
            ("Energy consumed", Fmt.Num(s.EnergyMWh, 3) + " MWh"),
            ("Mining revenue", Fmt.Usd(s.RevenueUsd)),
            ("Power cost", Fmt.Usd(s.PowerCostUsd)),
            ("Profit", Fmt.Usd(s.ProfitUsd)),
            ("Always-on revenue", Fmt.Usd(s.AlwaysOnRevenueUsd)),
            ("Always-on power cost", Fmt.Usd(s.AlwaysOnPowerCostUsd)),
            ("Always-on profit", Fmt.Usd(s.AlwaysOnProfitUsd)),
            ("Uplift vs always-on", Fmt.SignedUsd(s.UpliftUsd) + " (" + Fmt.SignedPct(s.UpliftPct) + ")"),
            ("Average settlement price (all hours)", Fmt.Price(s.AvgSettlementPriceUsdPerMWh) + "/MWh"),
            ("Average settlement price paid (while running)", Fmt.Price(s.AvgPricePaidUsdPerMWh) + "/MWh"),
            ("Average all-in price paid (while running)", Fmt.Price(s.AvgAllInPricePaidUsdPerMWh) + "/MWh"),
            ("Breakeven all-in price: min / mean / median / max",
                Fmt.Price(s.Breakeven.Min) + " / " + Fmt.Price(s.Breakeven.Mean) + " / " + Fmt.Price(s.Breakeven.Median) + " / " + Fmt.Price(s.Breakeven.Max) + " per MWh"),
        };
        if (mw > 0) rows.Add(("Site capacity (from energy ÷ operating hours)", Fmt.Num(mw, 3) + " MW"));
        sb.Append("<section id=\"summary\"><h2>Summary</h2>\n<table class=\"kv\"><tbody>\n");
        foreach (var (k, v) in rows) sb.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        sb.Append("</tbody></table></section>\n");
    }

    private static void Comparison(StringBuilder sb, BacktestRun model)
    {
        var r = model.Result;
        var s = r.Summary;
        double mw = SeriesMath.CapacityMW(r);
        sb.Append("<section id=\"comparison\"><h2>Strategy comparison</h2>\n<div class=\"scroll\"><table class=\"data\"><thead><tr>")
          .Append("<th>Strategy</th><th>Profit</th><th>vs always-on</th><th>Uptime</th><th>Energy (MWh)</th><th>Avg price paid ($/MWh)</th><th>Share of benchmark</th></tr></thead><tbody>\n");
        double? best = model.Benchmarks.Count > 0 ? model.Benchmarks.Max(b => b.Summary.ProfitUsd) : null;
        void Row(string name, double profit, double uptime, double energy, double? avgPaid, string cls)
        {
            sb.Append("<tr class=\"").Append(cls).Append("\"><td>").Append(E(name)).Append("</td>");
            Money(sb, profit);
            Money(sb, profit - s.AlwaysOnProfitUsd, signed: true);
            sb.Append("<td class=\"num\">").Append(E(Fmt.Pct(uptime))).Append("</td><td class=\"num\">").Append(E(Fmt.Num(energy, 1)))
              .Append("</td><td class=\"num\">").Append(E(Fmt.Price(avgPaid))).Append("</td><td class=\"num\">")
              .Append(E(best is double b && b > 0 ? Fmt.Pct(100 * profit / b) : "n/a")).Append("</td></tr>\n");
        }
        Row(r.Strategy + " (this report)", s.ProfitUsd, s.UptimePct, s.EnergyMWh, s.AvgPricePaidUsdPerMWh, "hl");
        Row(AlwaysOnStrategy.StrategyName, s.AlwaysOnProfitUsd, 100, mw * s.Hours, s.AvgSettlementPriceUsdPerMWh, "");
        foreach (var b in model.Benchmarks)
            Row(b.Strategy, b.Summary.ProfitUsd, b.Summary.UptimePct, b.Summary.EnergyMWh, b.Summary.AvgPricePaidUsdPerMWh, "");
        sb.Append("</tbody></table></div>\n");
        if (model.SiteTotal is { } total) SiteTotalTable(sb, total);
        if (model.Comparison is { } c)
        {
            sb.Append("<h3>Against the perfect-foresight optimum</h3>\n<p class=\"muted\">Switching constraints (the optimum obeys them; every schedule pays the same restart cost): ")
              .Append(E(c.Constraints)).Append(".</p>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>Schedule</th><th>Profit</th><th>Uptime</th><th>Starts</th>")
              .Append("<th>Restart costs</th><th>Profit after restarts</th><th>Min-up violations</th><th>Min-down violations</th></tr></thead><tbody>\n");
            foreach (var row in c.Rows)
            {
                sb.Append("<tr").Append(row.Role == "strategy" ? " class=\"hl\"" : "").Append("><td>").Append(E(row.Name)).Append("</td>");
                Money(sb, row.ProfitUsd);
                Cell(sb, Fmt.Pct(row.UptimePct));
                Cell(sb, Fmt.Int(row.Starts));
                Money(sb, row.RestartCostUsd);
                Money(sb, row.ProfitAfterRestartsUsd);
                Cell(sb, Fmt.Int(row.MinUpViolations));
                Cell(sb, Fmt.Int(row.MinDownViolations));
                sb.Append("</tr>\n");
            }
            bool feasible = model.SiteTotal?.StrategyFeasible ?? true;
            sb.Append("</tbody></table></div>\n<table class=\"kv\"><tbody><tr><th>Regret (optimum − strategy, on site totals after restart costs)</th><td>")
              .Append(E(feasible ? Fmt.Usd(c.RegretUsd) : "n/a (infeasible schedule)"))
              .Append("</td></tr><tr><th>Captured uplift (share of the optimum's gain over always-on)</th><td>").Append(E(feasible ? Fmt.Pct(c.CapturedUpliftPct) : "n/a (infeasible schedule)"))
              .Append("</td></tr></tbody></table>\n");
        }
        sb.Append("</section>\n");
    }

    /// <summary>Site total of every schedule, line by line, with the infeasibility flag and what the optimum sees.</summary>
    private static void SiteTotalTable(StringBuilder sb, SiteTotalSection total)
    {
        sb.Append("<h3>Site total</h3>\n<div class=\"scroll\"><table class=\"data\"><thead><tr><th>Line</th>");
        foreach (var l in total.Lines) sb.Append("<th>").Append(E(l.Schedule)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in total.Rows())
        {
            sb.Append(row.IsTotal ? "<tr class=\"hl\">" : "<tr>").Append("<td>").Append(E(row.Label)).Append("</td>");
            foreach (var l in total.Lines) Money(sb, row.Value(l));
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
        if (total.OneIntervalLate is { } late)
            sb.Append("<p>Decided one interval late, on the last settled price (").Append(E(late.Schedule)).Append("): site total <strong>")
              .Append(E(Fmt.Usd0(late.SiteTotalUsd))).Append("</strong>; instant response is worth <strong>").Append(E(Fmt.Usd0(total.InstantResponseValueUsd ?? 0)))
              .Append("</strong> (").Append(E(total.Strategy.Schedule)).Append(" decides each interval on its own price, published only after it ends).</p>\n");
        sb.Append("<p class=\"muted\">");
        if (total.InfeasibleReason is { } why) sb.Append("<strong>Infeasible:</strong> ").Append(E(why)).Append(". ");
        if (total.Optimum is not null) sb.Append("The optimum maximises the ").Append(E(total.OptimumSees)).Append(". ");
        if (total.ContractPaymentsUsd is { } paid)
            sb.Append("PPA cash lines inside the total: contract payments ").Append(E(Fmt.Usd0(paid))).Append(", power-sale credits ")
              .Append(E(Fmt.Usd0(total.PowerSaleCreditsUsd ?? 0))).Append(". ");
        if (total.BasisCostUsd is { } basis)
            sb.Append("Basis vs ").Append(E(total.BasisPoint ?? "")).Append(": ").Append(E(Fmt.Usd0(basis)))
              .Append(" of the power cost, already inside the mining profit. ");
        sb.Append("</p>\n");
    }

    /// <summary>A money cell in whole dollars (exact values are in hourly.csv and summary.json).</summary>
    private static void Money(StringBuilder sb, double v, bool signed = false)
    {
        string text = (signed && v >= 0 ? "+" : "") + Fmt.Usd0(v);
        sb.Append("<td class=\"num").Append(v < 0 ? " neg" : "").Append("\">").Append(E(text)).Append("</td>");
    }

    private static void Cell(StringBuilder sb, string text) => sb.Append("<td class=\"num\">").Append(E(text)).Append("</td>");

    private static void MonthlyTable(StringBuilder sb, BacktestResult r)
    {
        sb.Append("<section id=\"monthly\"><h2>Monthly results</h2>\n<div class=\"scroll\"><table class=\"data\" id=\"monthly-table\"><thead><tr>")
          .Append("<th>Month (CPT)</th><th>Hours</th><th>Operating h</th><th>Uptime</th><th>Energy (MWh)</th><th>Revenue</th><th>Power cost</th>")
          .Append("<th>Profit</th><th>Always-on profit</th><th>Uplift</th><th>Avg price ($/MWh)</th><th>Avg breakeven ($/MWh)</th></tr></thead><tbody>\n");
        foreach (var m in r.Monthly)
        {
            sb.Append("<tr><td class=\"nowrap\">").Append(E(Fmt.Month(m.Year, m.Month))).Append("</td>");
            Cell(sb, Fmt.Int(m.Hours));
            Cell(sb, Fmt.Num(m.OperatingHours, 1));
            Cell(sb, Fmt.Pct(m.UptimePct));
            Cell(sb, Fmt.Num(m.EnergyMWh, 1));
            Money(sb, m.RevenueUsd);
            Money(sb, m.PowerCostUsd);
            Money(sb, m.ProfitUsd);
            Money(sb, m.AlwaysOnProfitUsd);
            Money(sb, m.ProfitUsd - m.AlwaysOnProfitUsd, signed: true);
            Cell(sb, Fmt.Price(m.AvgSettlementPriceUsdPerMWh));
            Cell(sb, Fmt.Price(m.AvgBreakevenUsdPerMWh));
            sb.Append("</tr>\n");
        }
        var s = r.Summary;
        sb.Append("</tbody><tfoot><tr><td>Total</td>");
        Cell(sb, Fmt.Int(s.Hours));
        Cell(sb, Fmt.Num(s.OperatingHours, 1));
        Cell(sb, Fmt.Pct(s.UptimePct));
        Cell(sb, Fmt.Num(s.EnergyMWh, 1));
        Money(sb, s.RevenueUsd);
        Money(sb, s.PowerCostUsd);
        Money(sb, s.ProfitUsd);
        Money(sb, s.AlwaysOnProfitUsd);
        Money(sb, s.UpliftUsd, signed: true);
        Cell(sb, Fmt.Price(s.AvgSettlementPriceUsdPerMWh));
        Cell(sb, Fmt.Price(s.Breakeven.Mean));
        sb.Append("</tr></tfoot></table></div></section>\n");
    }

    private static void Days(StringBuilder sb, BacktestResult r)
    {
        // Rank complete market days only (23-25 h with DST), so a 1-hour first or last day is not the "worst day".
        var full = r.Daily.Where(d => d.Hours >= 23).ToList();
        bool partialExcluded = full.Count > 0 && full.Count < r.Daily.Count;
        var days = full.Count > 0 ? full : r.Daily.ToList();
        var best = days.OrderByDescending(d => d.ProfitUsd).ThenBy(d => d.Day).Take(5).ToList();
        var worst = days.OrderBy(d => d.ProfitUsd).ThenBy(d => d.Day).Take(5).ToList();
        sb.Append("<section id=\"days\"><h2>Best and worst days</h2>\n");
        if (partialExcluded)
            sb.Append("<p class=\"muted\">Ranked over complete market days; ").Append(Fmt.Int(r.Daily.Count - full.Count))
              .Append(" partial day(s) at the edges or with missing data are left out.</p>\n");
        sb.Append("<div class=\"two\">");
        DayTable(sb, "Best days (by strategy profit)", best);
        DayTable(sb, "Worst days (by strategy profit)", worst);
        sb.Append("</div></section>\n");
    }

    private static void DayTable(StringBuilder sb, string heading, IReadOnlyList<DailyRow> days)
    {
        sb.Append("<div><h3>").Append(E(heading)).Append("</h3><div class=\"scroll\"><table class=\"data\"><thead><tr><th>Market day</th><th>Hours</th><th>Operating h</th>")
          .Append("<th>Profit</th><th>Always-on profit</th><th>Uplift</th></tr></thead><tbody>\n");
        foreach (var d in days)
        {
            sb.Append("<tr><td class=\"nowrap\">").Append(E(Fmt.Day(d.Day))).Append("</td>");
            Cell(sb, Fmt.Int(d.Hours));
            Cell(sb, Fmt.Num(d.OperatingHours, 1));
            Money(sb, d.ProfitUsd);
            Money(sb, d.AlwaysOnProfitUsd);
            Money(sb, d.ProfitUsd - d.AlwaysOnProfitUsd, signed: true);
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div></div>");
    }

    private static void Inputs(StringBuilder sb, RunInfo info)
    {
        sb.Append("<section id=\"inputs\"><h2>Inputs used</h2>\n");
        if (info.Inputs.Count == 0)
        {
            sb.Append("<p class=\"muted\">No inputs were recorded for this run.</p></section>\n");
            return;
        }
        sb.Append("<table class=\"kv\"><tbody>\n");
        foreach (var kv in info.Inputs)
            sb.Append("<tr><th>").Append(E(kv.Key)).Append("</th><td>").Append(E(kv.Value)).Append("</td></tr>\n");
        sb.Append("</tbody></table></section>\n");
    }

    private static void DataQuality(StringBuilder sb, RunInfo info, MarketClock clock)
    {
        sb.Append("<section id=\"data-quality\"><h2>Data quality</h2>\n");
        if (info.DataQuality.Count == 0)
        {
            sb.Append("<p class=\"muted\">No data-quality information was recorded for this run.</p></section>\n");
            return;
        }
        foreach (var q in info.DataQuality)
        {
            bool clean = q.Duplicates == 0 && q.Gaps.Count == 0 && q.PartialIntervals == 0 && q.FilledIntervals == 0 && q.RowsRead == q.RowsUsed;
            sb.Append("<div class=\"dq").Append(clean ? " clean" : "").Append("\"><h3>").Append(E(q.Description)).Append("</h3>\n")
              .Append("<p class=\"src\">Source: <code>").Append(E(q.Source)).Append("</code></p>\n<table class=\"data narrow\"><tbody>\n");
            void Row(string k, int v, bool warn) => sb.Append("<tr><th>").Append(E(k)).Append("</th><td class=\"num").Append(warn && v > 0 ? " warn" : "")
                .Append("\">").Append(Fmt.Int(v)).Append("</td></tr>\n");
            Row("Rows read", q.RowsRead, false);
            Row("Rows used", q.RowsUsed, false);
            Row("Rows not used", q.RowsRead - q.RowsUsed, true);
            Row("Duplicates", q.Duplicates, true);
            Row("Gaps", q.Gaps.Count, true);
            Row("Missing intervals", q.MissingIntervals, true);
            Row("Partial intervals", q.PartialIntervals, true);
            Row("Filled intervals", q.FilledIntervals, true);
            sb.Append("</tbody></table>\n");
            if (q.Gaps.Count > 0)
            {
                sb.Append("<details").Append(q.Gaps.Count <= 10 ? " open" : "").Append("><summary>")
                  .Append(Fmt.Int(q.Gaps.Count)).Append(" gap(s), ").Append(Fmt.Int(q.MissingIntervals)).Append(" missing interval(s)</summary>\n")
                  .Append("<table class=\"data\"><thead><tr><th>From (market time)</th><th>To (market time, exclusive)</th><th>From (UTC)</th><th>To (UTC)</th><th>Missing intervals</th>")
                  .Append(q.FilledGaps.Count > 0 ? "<th>Filled</th>" : "").Append("</tr></thead><tbody>\n");
                foreach (var g in q.Gaps.Take(MaxGapsListed))
                {
                    sb.Append("<tr><td>").Append(E(Fmt.Market(g.FromUtc, clock))).Append("</td><td>").Append(E(Fmt.Market(g.ToUtc, clock)))
                      .Append("</td><td>").Append(E(Fmt.Utc(g.FromUtc))).Append("</td><td>").Append(E(Fmt.Utc(g.ToUtc))).Append("</td>");
                    Cell(sb, Fmt.Int(g.MissingIntervals));
                    if (q.FilledGaps.Count > 0) sb.Append(q.FilledGaps.Contains(g) ? "<td>yes</td>" : "<td class=\"warn\">no</td>");
                    sb.Append("</tr>\n");
                }
                sb.Append("</tbody></table>");
                if (q.Gaps.Count > MaxGapsListed)
                    sb.Append("<p class=\"muted\">… and ").Append(Fmt.Int(q.Gaps.Count - MaxGapsListed)).Append(" more gap(s) not listed.</p>");
                sb.Append("</details>\n");
            }
            if (q.Notes.Count > 0)
            {
                sb.Append("<ul class=\"notes\">");
                foreach (var n in q.Notes) sb.Append("<li>").Append(E(n)).Append("</li>");
                sb.Append("</ul>\n");
            }
            sb.Append("</div>\n");
        }
        sb.Append("</section>\n");
    }

    internal const string Css = """
        :root { --ink:#1d2733; --muted:#5f6b7a; --line:#e3e7ec; --bg:#f6f8fa; --accent:#2A9D8F; --neg:#b3261e; --warn:#a15c00; }
        * { box-sizing: border-box; }
        body { margin:0; font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color:var(--ink); background:var(--bg); font-size:14px; line-height:1.45; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; }
        header h1 { margin: 0 0 4px; font-size: 26px; }
        .sub { margin: 0 0 18px; color: var(--muted); }
        h2 { font-size: 19px; margin: 34px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
        h3 { font-size: 15px; margin: 16px 0 8px; }
        nav { display:flex; flex-wrap:wrap; gap:6px 14px; margin: 8px 0 4px; font-size: 13px; }
        nav a { color: var(--accent); text-decoration: none; } nav a:hover { text-decoration: underline; }
        .kpis { display:grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 6px 0 14px; }
        .kpi { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
        .kpi-label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
        .kpi-value { font-size: 20px; font-weight: 600; margin-top: 4px; font-variant-numeric: tabular-nums; }
        table { border-collapse: collapse; background:#fff; border:1px solid var(--line); font-variant-numeric: tabular-nums; }
        th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.data { font-size: 13px; }
        table.data th, table.data td { padding: 5px 8px; }
        table.data thead th { background: #eef2f5; font-size: 12px; vertical-align: bottom; }
        table.data thead th:not(:first-child) { text-align: right; }
        table.data tbody tr:nth-child(even) { background: #fafbfc; }
        table.data tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
        table.kv th { width: 380px; font-weight: 500; color: var(--muted); background: #fafbfc; }
        td.num { text-align: right; white-space: nowrap; } .nowrap { white-space: nowrap; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .neg { color: var(--neg); } .warn { color: var(--warn); font-weight: 600; }
        tr.hl td { font-weight: 600; background: #eef8f6; }
        .chart-box { background:#fff; border:1px solid var(--line); border-radius: 8px; margin: 0 0 18px; padding: 10px 12px; }
        .chart-box figcaption { color: var(--muted); font-size: 13px; margin-bottom: 4px; }
        .chart { width: 100%; min-height: 520px; }
        .two { display:grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 560px), 1fr)); gap: 18px; }
        .two > div { min-width: 0; }
        .dq { background:#fff; border:1px solid var(--line); border-left: 4px solid var(--warn); border-radius: 6px; padding: 4px 16px 12px; margin-bottom: 14px; }
        .dq.clean { border-left-color: var(--accent); }
        .src { color: var(--muted); margin: 0 0 8px; } code { background: #f0f2f4; padding: 1px 5px; border-radius: 4px; word-break: break-all; }
        table.narrow th { width: 200px; font-weight: 500; }
        details { margin: 10px 0; } summary { cursor: pointer; color: var(--warn); font-weight: 600; }
        .notes { margin: 10px 0 0; padding-left: 20px; } .muted { color: var(--muted); }
        .whatif { background:#fff; border:1px solid var(--line); border-radius:8px; padding: 4px 16px 12px; }
        .wi-grid { display:grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px 18px; margin: 8px 0; }
        .wi-in { display:grid; grid-template-columns: 1fr 110px; gap: 2px 8px; align-items:center; font-size: 13px; }
        .wi-in span { grid-column: 1 / -1; color: var(--muted); } .wi-in em { font-style: normal; }
        footer { margin-top: 36px; color: var(--muted); font-size: 12.5px; }
        """;
}
