using System.Globalization;
using System.Text;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Sections;
using static MiningDispatch.Reports.Html.HtmlText;

namespace MiningDispatch.Reports.Html;

/// <summary>HTML of the optional report sections. Every value from inputs is escaped; figures go into <c>figures</c>.</summary>
internal static partial class SectionsHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>(anchor id, heading) of every section the model has, in report order.</summary>
    public static IReadOnlyList<(string Id, string Heading)> Toc(BacktestRun m)
    {
        var list = new List<(string, string)>();
        if (m.Fleet is not null) list.Add(("fleet", "Fleet"));
        if (m.Contract is not null) list.Add(("contract", "Contract"));
        if (m.Btc is not null) list.Add(("btc", "Cost per BTC"));
        if (m.AncillaryServices is not null) list.Add(("ancillary", "Ancillary services"));
        if (m.FourCp is not null) list.Add(("fourcp", "4CP"));
        if (m.Ancillary is not null && m.Contract is null) list.Add(("dr", "Demand response"));
        if (m.Basis is not null) list.Add(("basis", "Basis"));
        if (m.TwoSettlement is not null) list.Add(("two-settlement", "DA vs RT"));
        if (m.Forecast is not null) list.Add(("forecast", "Forecast"));
        if (m.Risk is not null) list.Add(("risk", "Risk"));
        if (m.Sweep is not null) list.Add(("sweep", "Sweep"));
        return list;
    }

    public static void Render(StringBuilder sb, BacktestRun m, List<PlotlyFigure> figures)
    {
        if (m.AncillaryServices is { } ancillary) Ancillary(sb, ancillary, figures);
        if (m.Fleet is { } fleet)
        {
            Open(sb, "fleet", "Mixed fleet by model");
            double hours = m.Result.Summary.Hours; // hours, not intervals
            Table(sb, ["Model (merit order)", "Machines", "TH/s each", "W each", "W/TH", "Nameplate MW", "Avg MW running", "Uptime", "Energy (MWh)", "Revenue", "Power cost", "Profit"],
                fleet.Tranches.Select(t => new[]
                {
                    t.Model.Name, Fmt.Int(t.Count), Fmt.Num(t.Model.TerahashPerSecond, 1), Fmt.Num(t.Model.Watts, 0), Fmt.Num(t.Model.Efficiency.Value, 2),
                    Fmt.Num(t.NameplateMw, 3), Fmt.Num(t.EnergyMWh / hours, 3), Fmt.Pct(t.UtilisationPct), Fmt.Num(t.EnergyMWh, 1),
                    Fmt.Usd0(t.RevenueUsd), Fmt.Usd0(t.PowerCostUsd), Fmt.Usd0(t.ProfitUsd),
                }));
            Note(sb, $"Available MW (whole machines under the site cap): {Fmt.Num(fleet.AvailableMw, 3)} MW. Each tranche runs when its own breakeven minus the all-in price exceeds the minimum margin.");
            Figure(sb, figures, SectionFigures.Fleet(m));
            Close(sb);
        }
        if (m.Contract is { } c)
        {
            Open(sb, "contract", $"Contract: {c.ContractName}{(c.HubSettled ? " (hub-settled)" : "")}");
            var rows = new List<(string, string)>
            {
                ("Mining revenue", Fmt.Usd(c.MiningRevenueUsd)),
                ("Contract payments (take-or-pay)", Fmt.Usd(-c.ContractPaymentsUsd)),
                ("Power sale credits (unused contract energy sold back)", Fmt.Usd(c.PowerSaleCreditsUsd)),
                ("Spot purchases above the contract", Fmt.Usd(-c.SpotPurchaseCostUsd)),
                ("Adders on consumed energy", Fmt.Usd(-c.AdderCostUsd)),
            };
            if (c.HubSettled) rows.Add(("Hub basis on contract energy", Fmt.Usd(c.HubBasisUsd)));
            if (c.Ancillary is not null) rows.Add(("Demand response / ancillary income", Fmt.Usd(c.AncillaryIncomeUsd)));
            rows.Add(("Total net profit", Fmt.Usd(c.NetProfitUsd)));
            rows.Add(("… of which mining profit at market prices", Fmt.Usd(c.MiningProfitAtMarketUsd)));
            rows.Add(("… of which contract value vs market", Fmt.Usd(c.ContractValueUsd)));
            rows.Add(("Always-on under the same contract", Fmt.Usd(c.AlwaysOnNetProfitUsd)));
            rows.Add(("Value of flexibility under the contract", Fmt.SignedUsd(c.FlexibilityUpliftUsd)));
            rows.Add(("Contracted / consumed / sold back / bought (MWh)", $"{Fmt.Num(c.ContractedMWh, 1)} / {Fmt.Num(c.ConsumedMWh, 1)} / {Fmt.Num(c.SellBackMWh, 1)} / {Fmt.Num(c.SpotPurchaseMWh, 1)}"));
            rows.Add(("Average contract price / sell-back price", $"{Fmt.Price(c.AvgContractPriceUsdPerMWh)} / {Fmt.Price(c.AvgSellBackPriceUsdPerMWh)} per MWh"));
            rows.Add(("Net power cost after credits", Fmt.Usd(c.NetPowerCostUsd)));
            rows.Add(("BTC mined", c.BtcMined is { } btc ? btc.ToString("#,0.0000", Inv) : "n/a (no BTC price)"));
            rows.Add(("Cost to mine one BTC, net of credits", Fmt.Usd(c.CostToMinePerBtcUsd)));
            Kv(sb, rows);
            sb.Append("<h3>Tranches</h3>");
            Table(sb, ["Tranche", "Contracted MWh", "Payments", "Market value", "Value vs market"],
                c.Tranches.Select(t => new[] { t.Label, Fmt.Num(t.ContractedMWh, 1), Fmt.Usd0(t.PaymentsUsd), Fmt.Usd0(t.MarketValueUsd), Fmt.Usd0(t.ValueUsd) }));
            sb.Append("<h3>By month</h3>");
            Table(sb, ["Month (CPT)", "Contracted MWh", "Consumed MWh", "Sold back MWh", "Mining revenue", "Contract payments", "Sale credits", "Spot purchases", "Mining profit at market", "Total"],
                c.Monthly.Select(x => new[]
                {
                    Fmt.Month(x.Year, x.Month), Fmt.Num(x.ContractedMWh, 1), Fmt.Num(x.ConsumedMWh, 1), Fmt.Num(x.SellBackMWh, 1), Fmt.Usd0(x.MiningRevenueUsd),
                    Fmt.Usd0(x.ContractPaymentsUsd), Fmt.Usd0(x.PowerSaleCreditsUsd), Fmt.Usd0(x.SpotPurchaseCostUsd), Fmt.Usd0(x.MiningProfitAtMarketUsd), Fmt.Usd0(x.NetProfitUsd),
                }));
            Figure(sb, figures, SectionFigures.Contract(c));
            Close(sb);
        }
        if (m.Btc is { } b)
        {
            Open(sb, "btc", "Cost to mine one BTC");
            Kv(sb, [("BTC mined", b.BtcMined.ToString("#,0.0000", Inv)), ("Power cost", Fmt.Usd(b.PowerCostUsd)), ("Power cost per BTC", Fmt.Usd(b.CostPerBtcUsd)), ("BTC price", b.Source)]);
            Close(sb);
        }
        if (m.FourCp is { } f)
        {
            Open(sb, "fourcp", "4CP transmission charge");
            Kv(sb,
            [
                ("Rate", $"${f.RateUsdPerKwYear.ToString("0.##", Inv)}/kW-yr"),
                ("Peaks", f.PeakBasis),
                ("Charge without avoidance", Fmt.Usd(f.ChargeWithoutAvoidanceUsd)),
                ("Charge with avoidance", Fmt.Usd(f.ChargeWithAvoidanceUsd)),
                ("Avoided charge", Fmt.Usd(f.AvoidedChargeUsd)),
                ("Mining profit given up by curtailing", $"{Fmt.Usd(f.EnergyProfitGivenUpUsd)} ({Fmt.Int(f.CurtailedIntervals)} intervals, {Fmt.Num(f.CurtailedMWh, 1)} MWh)"),
                ("Net benefit of avoidance", Fmt.SignedUsd(f.NetBenefitUsd)),
                ("Peaks avoided", f.Months.Count == 0 ? "–" : $"{f.PeaksAvoided} of {f.Months.Count}" + (f.PeaksAlreadyOff > 0 ? $" ({f.PeaksAlreadyOff} with the site already off)" : "")),
                ("Hours curtailed", Fmt.Num(f.CurtailedHours, 1)),
            ]);
            foreach (var note in f.Notes) Note(sb, note);
            if (f.Months.Count > 0)
            {
                Table(sb, ["Month", "Peak interval (UTC)", "System load (MW)", "Site MW without avoidance", "Site MW with avoidance"],
                    f.Months.Select(x => new[] { Fmt.Month(x.Year, x.Month), x.PeakStartUtc is { } p ? Fmt.Utc(p) : "worst window interval",
                        x.SystemLoadMw is { } l ? Fmt.Num(l, 0) : "–", Fmt.Num(x.SiteMwWithoutAvoidance, 3), Fmt.Num(x.SiteMwWithAvoidance, 3) }));
                Table(sb, ["Summer", "Months", "Tag MW without", "Tag MW with", "Charge without", "Charge with"],
                    f.Years.Select(y => new[] { y.Year.ToString(Inv) + (y.IsComplete ? "" : " (incomplete)"), Fmt.Int(y.MonthsFound), Fmt.Num(y.TagMwWithoutAvoidance, 3),
                        Fmt.Num(y.TagMwWithAvoidance, 3), Fmt.Usd0(y.ChargeWithoutAvoidanceUsd), Fmt.Usd0(y.ChargeWithAvoidanceUsd) }));
                Figure(sb, figures, SectionFigures.FourCp(f));
            }
            else Note(sb, "No 4CP month (June to September) lies in the period: no charge.");
            if (f.RuleBacktest is { } rb)
            {
                Note(sb, $"The avoidance rule on every summer of the system load ({rb.Resolution} peaks; {rb.Rule}):");
                Table(sb, ["Summer", "Peaks caught", "Hours curtailed", "Months not caught", "Partial months"],
                    rb.Summers.Select(s => new[] { s.Year.ToString(Inv), $"{s.PeaksCaught} of {s.Months}", Fmt.Num(s.HoursCurtailed, 0),
                        string.Join(", ", rb.Months.Where(x => x.Year == s.Year && !x.Caught).Select(x => x.Month.ToString("00", Inv))), Fmt.Int(s.Months - s.CompleteMonths) })
                    .Append(["All", $"{rb.PeaksCaught} of {rb.Peaks}", Fmt.Num(rb.Summers.Sum(x => x.HoursCurtailed), 0), "", ""]));
            }
            Close(sb);
        }
        if (m.Ancillary is { } a && m.Contract is null)
        {
            Open(sb, "dr", a.Name);
            Kv(sb, [("Income", Fmt.Usd(a.IncomeUsd)), ("Curtailable capacity sold", Fmt.Num(a.CurtailableMwHours, 1) + " MW-h"),
                ("Average curtailable MW", Fmt.Num(a.AverageCurtailableMw, 3)), ("Profit including it", Fmt.Usd(m.Result.Summary.ProfitUsd + a.IncomeUsd))]);
            Close(sb);
        }
        if (m.Basis is { } bs)
        {
            Open(sb, "basis", $"Settlement at {bs.ZoneName} vs {bs.HubName}");
            Kv(sb,
            [
                ($"Energy cost at {bs.ZoneName}", Fmt.Usd(bs.ZoneCostUsd)),
                ($"Energy cost at {bs.HubName}", Fmt.Usd(bs.HubCostUsd)),
                ($"Basis cost ({bs.ZoneName} − {bs.HubName})", Fmt.Usd(bs.BasisCostUsd)),
                ("Average basis, all hours", Fmt.Price(bs.AverageBasisUsdPerMWh) + "/MWh"),
                ("Load-weighted basis", Fmt.Price(bs.LoadWeightedBasisUsdPerMWh) + "/MWh"),
                ("Basis range", $"{Fmt.Price(bs.MinBasisUsdPerMWh)} to {Fmt.Price(bs.MaxBasisUsdPerMWh)} per MWh"),
            ]);
            Close(sb);
        }
        if (m.TwoSettlement is { } ts)
        {
            Open(sb, "two-settlement", "Day-ahead vs real-time settlement");
            Note(sb, "The day-ahead schedule (run when the day-ahead price is below breakeven) is bought in the DAM; the strategy's real-time schedule settles the deviations at the real-time price.");
            Kv(sb,
            [
                ("Day-ahead purchase", $"{Fmt.Num(ts.DayAheadMWh, 1)} MWh, {Fmt.Usd(ts.DayAheadCostUsd)}"),
                ("Real-time deviations bought / sold", $"{Fmt.Num(ts.DeviationBoughtMWh, 1)} / {Fmt.Num(ts.DeviationSoldMWh, 1)} MWh, {Fmt.Usd(ts.RealTimeDeviationCostUsd)}"),
                ("Energy cost, two-settlement", Fmt.Usd(ts.EnergyCostUsd)),
                ("Energy cost, all real-time", Fmt.Usd(ts.RealTimeOnlyCostUsd)),
                ("Day-ahead gain", Fmt.SignedUsd(ts.DayAheadGainUsd)),
                ("Profit with two-settlement", Fmt.Usd(ts.ProfitUsd)),
            ]);
            Close(sb);
        }
        if (m.Forecast is { } fc)
        {
            Open(sb, "forecast", "Forecast inputs");
            Kv(sb, [("Forward curve", fc.Curve), ("Hourly shape from", fc.History), ("Hashprice path", fc.HashpricePath)]);
            Table(sb, ["Month", "Block", "Hours", "Block price ($/MWh)", "Shape", "Historical block mean", "Hourly min", "Hourly max"],
                fc.Blocks.Select(x => new[] { $"{x.Year:D4}-{x.Month:D2}", ForwardBlockCalendar.Name(x.Block), Fmt.Int(x.Hours), Fmt.Num(x.BlockPriceUsdPerMWh, 2), x.Mode.ToString(),
                    x.HistoricalBlockMeanUsdPerMWh is { } h ? Fmt.Num(h, 2) : "–", Fmt.Num(x.MinUsdPerMWh, 2), Fmt.Num(x.MaxUsdPerMWh, 2) }));
            Figure(sb, figures, SectionFigures.ForwardBlocks(fc));
            Close(sb);
        }
        if (m.Risk is { } risk)
        {
            Open(sb, "risk", "Risk");
            Note(sb, RiskText.Convention);
            var rows = new List<string[]>();
            void Add(string name, RiskSummary s) => rows.Add([name, RiskText.Usd(s.MeanUsd), RiskText.Usd(s.StdDevUsd), RiskText.Usd(s.P5Usd), RiskText.Usd(s.P50Usd), RiskText.Usd(s.P95Usd),
                RiskText.Loss(s.VaR95Usd), RiskText.Loss(s.CVaR95Usd), RiskText.Loss(s.VaR99Usd), RiskText.Loss(s.CVaR99Usd), Fmt.Pct(100 * s.ProbabilityOfLoss), Fmt.Int(s.Count)]);
            if (risk.HistoricalMonthly is { } h) Add("Historical monthly profit", h);
            if (risk.MonteCarlo is { } mc)
            {
                Add("Simulated monthly profit", mc.MonthlyProfit);
                Add($"Simulated {mc.Options.HorizonDays}-day profit", mc.HorizonProfit);
                Add("Simulated uplift over always-on", mc.HorizonUplift);
            }
            Table(sb, ["Measure", "Mean", "Std dev", "P5", "P50", "P95", RiskText.VaR95, RiskText.CVaR95, RiskText.VaR99, RiskText.CVaR99, "P(loss)", "N"], rows);
            if (RiskText.NotMeaningfulNote(risk.HistoricalMonthly) is { } nm) Note(sb, nm);
            var extra = (risk.MonteCarlo?.HorizonProfit ?? risk.HistoricalMonthly)?.Tail.Where(x => x.Level is not (0.95 or 0.99)).ToList() ?? [];
            if (extra.Count > 0)
                Table(sb, ["Level", "Loss at this level (VaR)", "Mean loss beyond it (CVaR)"], extra.Select(x => new[] { Fmt.Pct(100 * x.Level, 1), RiskText.Loss(x.VaRUsd), RiskText.Loss(x.CVaRUsd) }));
            if (risk.MonteCarlo is { } m2)
            {
                Note(sb, $"Block bootstrap of joint price and hashprice history: {Fmt.Int(m2.Options.Paths)} paths, seed {m2.Options.Seed}, {m2.Options.BlockDays}-day blocks, " +
                    $"{m2.StartDay:yyyy-MM-dd} to {m2.EndDay:yyyy-MM-dd}, drawn from {Fmt.Int(m2.HistoryCompleteDays)} complete historical days" +
                    (m2.HashpriceModel.Length > 0 ? $"; {m2.HashpriceModel}." : "."));
                Table(sb, ["Simulated month", "Hours", "Mean", "P5", "P50", "P95", RiskText.VaR95, RiskText.CVaR95],
                    m2.Months.Select(x => new[] { Fmt.Month(x.Year, x.Month) + (x.Complete ? "" : " (partial)"), Fmt.Int(x.Hours), RiskText.Usd(x.ProfitUsd.MeanUsd),
                        RiskText.Usd(x.ProfitUsd.P5Usd), RiskText.Usd(x.ProfitUsd.P50Usd), RiskText.Usd(x.ProfitUsd.P95Usd), RiskText.Loss(x.ProfitUsd.VaR95Usd), RiskText.Loss(x.ProfitUsd.CVaR95Usd) }));
            }
            if (SectionData.RiskSample(risk).Values.Count > 0) Figure(sb, figures, SectionFigures.Risk(risk));
            Close(sb);
        }
        if (m.Sweep is { } sw)
        {
            Open(sb, "sweep", $"Sensitivity sweep ({Fmt.Int(sw.Result.Count)} scenarios)");
            if (sw.Base.IsFleet)
            {
                Note(sb, $"The strategy on the whole fleet (every model, the site cap filled most efficient first) on the same hours for every combination of the axes; " +
                    $"base scenario: site cap {Cap(sw.Base.SiteCapMw)} MW ({sw.Base.EfficiencyWPerTh.ToString("0.##", Inv)} W/TH of the machines under it), " +
                    $"hashprice ×{sw.Base.HashpriceMultiplier.ToString("0.###", Inv)}, adder {Fmt.Price(sw.Base.PriceAdderUsdPerMWh)}/MWh, min profit {Fmt.Usd(sw.Base.MinProfitUsdPerHour)}/h. All scenarios are in sweep.csv.");
                Table(sb, ["Site cap (MW)", "W/TH under cap", "Hashprice ×", "Adder ($/MWh)", "Min profit ($/h)", "Profit", "Always-on", "Uplift", "Uptime", "Mean breakeven ($/MWh)"],
                    sw.Top.Select(s => new[] { Cap(s.Point.SiteCapMw), s.Point.EfficiencyWPerTh.ToString("0.##", Inv), s.Point.HashpriceMultiplier.ToString("0.###", Inv), s.Point.PriceAdderUsdPerMWh.ToString("0.##", Inv),
                        s.Point.MinProfitUsdPerHour.ToString("0.##", Inv), Fmt.Usd0(s.ProfitUsd), Fmt.Usd0(s.AlwaysOnProfitUsd), Fmt.Usd0(s.UpliftUsd), Fmt.Pct(s.UptimePct), Fmt.Num(s.MeanBreakevenUsdPerMWh, 2) }));
            }
            else
            {
                Note(sb, $"Threshold rule on the same hours for every combination of the axes; base scenario: {sw.Base.EfficiencyWPerTh.ToString("0.##", Inv)} W/TH, " +
                    $"hashprice ×{sw.Base.HashpriceMultiplier.ToString("0.###", Inv)}, adder {Fmt.Price(sw.Base.PriceAdderUsdPerMWh)}/MWh, min profit {Fmt.Usd(sw.Base.MinProfitUsdPerHour)}/h. All scenarios are in sweep.csv.");
                Table(sb, ["Efficiency (W/TH)", "Hashprice ×", "Adder ($/MWh)", "Min profit ($/h)", "Profit", "Always-on", "Uplift", "Uptime", "Mean breakeven ($/MWh)"],
                    sw.Top.Select(s => new[] { s.Point.EfficiencyWPerTh.ToString("0.##", Inv), s.Point.HashpriceMultiplier.ToString("0.###", Inv), s.Point.PriceAdderUsdPerMWh.ToString("0.##", Inv),
                        s.Point.MinProfitUsdPerHour.ToString("0.##", Inv), Fmt.Usd0(s.ProfitUsd), Fmt.Usd0(s.AlwaysOnProfitUsd), Fmt.Usd0(s.UpliftUsd), Fmt.Pct(s.UptimePct), Fmt.Num(s.MeanBreakevenUsdPerMWh, 2) }));
            }
            Table(sb, ["Input", "Base", "Low", "High", "Profit at low", "Profit at high", "Swing"],
                sw.Tornado.Bars.Select(x => new[] { $"{x.Label} ({x.Unit})", x.BaseValue.ToString("0.###", Inv), x.LowValue.ToString("0.###", Inv), x.HighValue.ToString("0.###", Inv),
                    Fmt.Usd0(x.ProfitAtLowUsd), Fmt.Usd0(x.ProfitAtHighUsd), Fmt.Usd0(x.SwingUsd) }));
            Figure(sb, figures, SectionFigures.Tornado(sw.Tornado));
            if (sw.Grid is { } g) Figure(sb, figures, SectionFigures.Heatmap(g));
            if (sw.Breakeven is { } be) Figure(sb, figures, SectionFigures.Breakeven(be));
            Close(sb);
        }
    }

    private static void Open(StringBuilder sb, string id, string heading)
        => sb.Append("<section id=\"").Append(id).Append("\"><h2>").Append(E(heading)).Append("</h2>\n");

    private static void Close(StringBuilder sb) => sb.Append("</section>\n");

    private static void Note(StringBuilder sb, string text) => sb.Append("<p class=\"muted\">").Append(E(text)).Append("</p>\n");

    private static void Kv(StringBuilder sb, IEnumerable<(string Key, string Value)> rows)
    {
        sb.Append("<table class=\"kv\"><tbody>\n");
        foreach (var (k, v) in rows) sb.Append("<tr><th>").Append(E(k)).Append("</th><td>").Append(E(v)).Append("</td></tr>\n");
        sb.Append("</tbody></table>\n");
    }

    /// <summary>A data table; every cell but the first is a right-aligned number (red when it starts with '-').</summary>
    private static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        sb.Append("<div class=\"scroll\"><table class=\"data\"><thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(E(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Length; i++)
            {
                if (i == 0) sb.Append("<td class=\"nowrap\">").Append(E(row[i])).Append("</td>");
                else sb.Append("<td class=\"num").Append(row[i].StartsWith('-') ? " neg" : "").Append("\">").Append(E(row[i])).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody></table></div>\n");
    }

    private static void Figure(StringBuilder sb, List<PlotlyFigure> figures, PlotlyFigure f)
    {
        figures.Add(f);
        sb.Append("<figure class=\"chart-box\"><figcaption><strong>").Append(E(f.Heading)).Append("</strong> — ")
          .Append(E(f.Caption)).Append("</figcaption><div id=\"").Append(f.Id).Append("\" class=\"chart\"></div></figure>\n");
    }

    /// <summary>A fleet scenario's site cap, MW ("none" for no cap).</summary>
    private static string Cap(double? mw) => mw is not double v ? "" : double.IsPositiveInfinity(v) ? "none" : v.ToString("0.###", Inv);
}
