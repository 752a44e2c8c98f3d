using System.Globalization;
using System.Text;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Html;
using static MiningDispatch.Reports.Html.HtmlText;

namespace MiningDispatch.Reports.Screen;

/// <summary>
/// report.html of <c>screen</c>: the ranked bar chart of the points, the price-duration curves of the top points, the
/// top-N table, the inputs and warnings; the same page style and inlined plotly bundle as the backtest report.
/// </summary>
public static class ScreenHtml
{
    /// <summary>Most points drawn in the ranked bar chart (the top ones; the caption says when more were screened).</summary>
    public const int MaxBars = 100;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Render(ScreenRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var bars = Ranked(run);
        var duration = Duration(run);
        var sb = new StringBuilder(4_000_000);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(E(run.Title)).Append(" — settlement point screen</title>\n")
          .Append("<style>").Append(HtmlReport.Css).Append("</style>\n")
          .Append("<script>/* ").Append(E(PlotlyBundle.ResourceName)).Append(" (plotly.js partial bundle, MIT licence) */\n")
          .Append(PlotlyBundle.InlineScript)
          .Append("\n</script>\n</head>\n<body>\n<main>\n");
        sb.Append("<header><h1>").Append(E(run.Title)).Append("</h1>\n<p class=\"sub\">Strategy <strong>").Append(E(run.Strategy))
          .Append("</strong> · ranked by the strategy's mining profit · basis hub ").Append(E(run.Hub ?? "none")).Append("</p></header>\n");
        if (run.Warnings.Count > 0)
        {
            sb.Append("<section id=\"warnings\"><h2>Warnings</h2><ul>\n");
            foreach (var w in run.Warnings) sb.Append("<li>").Append(E(w)).Append("</li>\n");
            sb.Append("</ul></section>\n");
        }
        sb.Append("<nav><a href=\"#top\">Top points</a><a href=\"#chart-ranked\">Ranking</a><a href=\"#chart-duration\">Price duration</a><a href=\"#inputs\">Inputs</a></nav>\n");
        Table(sb, run);
        sb.Append("<section id=\"charts\"><h2>Charts</h2>\n");
        foreach (var f in new[] { bars, duration })
        {
            sb.Append("<figure class=\"chart-box\"><figcaption><strong>").Append(E(f.Heading)).Append("</strong> — ")
              .Append(E(f.Caption)).Append("</figcaption><div id=\"").Append(f.Id).Append("\" class=\"chart\"></div></figure>\n");
        }
        sb.Append("</section>\n<section id=\"inputs\"><h2>Inputs used</h2>\n<table class=\"kv\"><tbody>\n");
        foreach (var kv in run.Inputs)
            sb.Append("<tr><th>").Append(E(kv.Key)).Append("</th><td>").Append(E(kv.Value)).Append("</td></tr>\n");
        sb.Append("</tbody></table></section>\n");
        sb.Append("<footer>Money in USD; energy in MWh; prices in USD/MWh. Every point's figures are in screen.csv (and screen.parquet with --parquet).</footer>\n</main>\n");
        var figureJson = new[] { bars, duration }.ToDictionary(f => f.Id, f => new { data = f.Data, layout = f.Layout });
        sb.Append("<script>\n\"use strict\";\nconst figures = ").Append(ScriptSafeJson(figureJson)).Append(";\n")
          .Append("const config = { responsive: true, displaylogo: false, modeBarButtonsToRemove: ['sendDataToCloud'] };\n")
          .Append("for (const [id, f] of Object.entries(figures)) { Plotly.newPlot(id, f.data, f.layout, config); }\n")
          .Append("window.reportFigures = figures;\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, ScreenRun run)
    {
        int top = Math.Min(run.Top, run.Points.Count);
        sb.Append("<section id=\"top\"><h2>Top ").Append(top.ToString(Inv)).Append(" of ").Append(Fmt.Int(run.Points.Count)).Append(" settlement points</h2>\n")
          .Append("<table><thead><tr><th>#</th><th>Settlement point</th><th>Strategy profit</th><th>Always-on profit</th><th>Curtailment value</th>")
          .Append("<th>Negative-price hours</th><th>Hours above breakeven</th><th>Avg price paid ($/MWh)</th><th>Basis to hub ($/MWh)</th>")
          .Append("<th>Price stdev ($/MWh)</th><th>4CP-window MWh</th><th>Coverage</th></tr></thead><tbody>\n");
        for (int i = 0; i < top; i++)
        {
            var p = run.Points[i];
            sb.Append("<tr><td>").Append((i + 1).ToString(Inv)).Append("</td><td>").Append(E(p.SettlementPoint)).Append("</td><td>")
              .Append(E(Fmt.Usd(p.StrategyProfitUsd))).Append("</td><td>").Append(E(Fmt.Usd(p.AlwaysOnProfitUsd))).Append("</td><td>")
              .Append(E(Fmt.Usd(p.CurtailmentValueUsd))).Append("</td><td>").Append(Fmt.Num(p.NegativePriceHours, 2)).Append("</td><td>")
              .Append(Fmt.Num(p.HoursAboveBreakeven, 2)).Append("</td><td>").Append(E(Fmt.Price(p.AvgPricePaidUsdPerMWh))).Append("</td><td>")
              .Append(E(Fmt.Price(p.BasisToHubUsdPerMWh))).Append("</td><td>").Append(Fmt.Num(p.PriceStdevUsdPerMWh, 2)).Append("</td><td>")
              .Append(Fmt.Num(p.FourCpWindowMWh, 1)).Append("</td><td>").Append(E(Fmt.Pct(p.CoveragePct))).Append("</td></tr>\n");
        }
        sb.Append("</tbody></table></section>\n");
    }

    private static PlotlyFigure Ranked(ScreenRun run)
    {
        var shown = run.Points.Take(MaxBars).ToList();
        var names = shown.Select(p => p.SettlementPoint).ToArray();
        var data = new object[]
        {
            new { type = "bar", name = "Strategy profit (" + run.Strategy + ")", x = names, y = shown.Select(p => p.StrategyProfitUsd).ToArray(),
                marker = new { color = "#2A9D8F" }, hovertemplate = "%{x}: $%{y:,.0f}<extra>strategy</extra>" },
            new { type = "scatter", mode = "markers", name = "Always-on profit", x = names, y = shown.Select(p => p.AlwaysOnProfitUsd).ToArray(),
                marker = new { color = "#264653", size = 7 }, hovertemplate = "%{x}: $%{y:,.0f}<extra>always-on</extra>" },
        };
        var layout = PlotlyFigures.BaseLayout("Settlement points ranked by the strategy's mining profit", PlotlyFigures.Axis("", new { automargin = true, tickangle = -60 }),
            PlotlyFigures.Axis("Profit (USD)", new { tickprefix = "$", tickformat = ",.0f" }), hovermode: "closest");
        string caption = run.Points.Count > shown.Count
            ? $"The top {shown.Count} of {Fmt.Int(run.Points.Count)} points (every point is in screen.csv); bars: the strategy, dots: always-on."
            : "Bars: the strategy's mining profit; dots: always-on.";
        return new PlotlyFigure("chart-ranked", "Ranking", caption, data, layout);
    }

    private static PlotlyFigure Duration(ScreenRun run)
    {
        var data = run.DurationCurves.Select(c => (object)new
        {
            type = "scatter",
            mode = "lines",
            name = c.SettlementPoint,
            x = Enumerable.Range(0, c.PricesUsdPerMWh.Count).Select(i => c.PricesUsdPerMWh.Count > 1 ? 100.0 * i / (c.PricesUsdPerMWh.Count - 1) : 0).ToArray(),
            y = c.PricesUsdPerMWh.ToArray(),
            hovertemplate = "%{x:.0f} % of the time above $%{y:,.2f}/MWh<extra>" + c.SettlementPoint + "</extra>",
        }).ToArray();
        var layout = PlotlyFigures.BaseLayout("Price duration of the top points", PlotlyFigures.Axis("Share of the intervals (%)"),
            PlotlyFigures.Axis("Settlement price ($/MWh)", new { type = "linear" }), hovermode: "closest");
        return new PlotlyFigure("chart-duration", "Price duration", $"Each line: the point's interval prices sorted from highest to lowest, for the top {run.DurationCurves.Count} points.", data, layout);
    }
}
