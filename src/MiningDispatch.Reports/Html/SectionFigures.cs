using System.Globalization;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Sections;
using static MiningDispatch.Reports.Html.PlotlyFigures;

namespace MiningDispatch.Reports.Html;

/// <summary>Interactive plotly figures of the optional report sections (placed inside their sections).</summary>
internal static class SectionFigures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static object MoneyAxis(string title) => Axis(title, new { tickprefix = "$", tickformat = ",.3~s", zeroline = true, zerolinecolor = "#999" });

    public static PlotlyFigure Fleet(BacktestRun m)
    {
        var fleet = m.Fleet!;
        var (months, mw) = SectionData.FleetMonthlyMw(fleet, MarketClock.Ercot);
        var labels = months.Select(x => Fmt.Month(x.Year, x.Month)).ToArray();
        var data = fleet.MeritOrder.Select((t, j) => (object)new
        {
            type = "bar", name = $"{t.Model.Name} ({t.Model.Efficiency.Value.ToString("0.#", Inv)} W/TH)", x = labels, y = mw[j].Select(v => Math.Round(v, 4)).ToArray(),
            marker = new { color = Palette.SeriesColor(j) }, hovertemplate = "%{y:.3f} MW",
        }).ToList();
        var layout = BaseLayout("Average MW running by model and month (merit order)", Axis("Market month (CPT)", new { type = "category" }),
            Axis("Average MW running"), barmode: "stack");
        return new PlotlyFigure("chart-fleet", "Fleet MW by model", "Average MW each model ran per month; the least efficient machines are curtailed first.", data, layout);
    }

    public static PlotlyFigure Contract(ContractResult c)
    {
        var labels = c.Monthly.Select(x => Fmt.Month(x.Year, x.Month)).ToArray();
        var data = new List<object>
        {
            new { type = "bar", name = "Mining profit at market prices", x = labels, y = c.Monthly.Select(x => x.MiningProfitAtMarketUsd).ToArray(), marker = new { color = Palette.SeriesColor(0) }, hovertemplate = "$%{y:,.0f}" },
            new { type = "bar", name = "Contract value vs market", x = labels, y = c.Monthly.Select(x => x.NetProfitUsd - x.MiningProfitAtMarketUsd - x.AncillaryIncomeUsd).ToArray(), marker = new { color = Palette.SeriesColor(2) }, hovertemplate = "$%{y:,.0f}" },
            new { type = "bar", name = "Power sale credits", x = labels, y = c.Monthly.Select(x => x.PowerSaleCreditsUsd).ToArray(), marker = new { color = Palette.SeriesColor(1) }, hovertemplate = "$%{y:,.0f}" },
            new { type = "scatter", mode = "lines+markers", name = "Total net profit", x = labels, y = c.Monthly.Select(x => x.NetProfitUsd).ToArray(), line = new { color = Palette.Ink, width = 2.5 }, hovertemplate = "$%{y:,.0f}" },
        };
        var layout = BaseLayout("Contract: monthly mining profit, contract value and sale credits", Axis("Market month (CPT)", new { type = "category" }), MoneyAxis("USD"));
        return new PlotlyFigure("chart-contract", "Contract by month",
            "Total = mining profit at market prices + contract value (Σ contracted MWh × (market − contract price)) + DR income. Sale credits are the cash received for unused contract energy.", data, layout);
    }

    public static PlotlyFigure FourCp(Core.FourCp.FourCpResult f)
    {
        var labels = f.Months.Select(x => Fmt.Month(x.Year, x.Month)).ToArray();
        var data = new object[]
        {
            new { type = "bar", name = "Site MW without avoidance", x = labels, y = f.Months.Select(x => x.SiteMwWithoutAvoidance).ToArray(), marker = new { color = Palette.AlwaysOn }, hovertemplate = "%{y:.3f} MW" },
            new { type = "bar", name = "Site MW with avoidance", x = labels, y = f.Months.Select(x => x.SiteMwWithAvoidance).ToArray(), marker = new { color = Palette.SeriesColor(0) }, hovertemplate = "%{y:.3f} MW" },
        };
        var layout = BaseLayout($"Site demand in the 4CP intervals ({f.PeakBasis})", Axis("4CP month", new { type = "category" }), Axis("Site MW at the peak"));
        return new PlotlyFigure("chart-fourcp", "4CP demand", "The transmission charge is the average of these four monthly MW × 1000 × $/kW-yr, billed the following year.", data, layout);
    }

    /// <summary>Height in pixels of one row of the risk histogram's line labels.</summary>
    internal const int RiskLabelRow = 20;

    private const int RiskHeightPx = 520;

    public static PlotlyFigure Risk(RiskSection r)
    {
        var (values, what, summary) = SectionData.RiskSample(r);
        var (edges, counts) = SectionData.Histogram(values, 40);
        var centers = Enumerable.Range(0, counts.Length).Select(i => (edges[i] + edges[i + 1]) / 2).ToArray();
        var data = new List<object>
        {
            new { type = "bar", name = what, x = centers, y = counts, width = edges[1] - edges[0], marker = new { color = Palette.SeriesColor(1) }, hovertemplate = "$%{x:,.0f}: %{y}<extra></extra>" },
        };
        var shapes = new List<object>();
        var annotations = new List<object>();
        var marks = new List<(double X, string Label, string Color, string Dash)>();
        if (summary is not null)
        {
            if (summary.VaR95Usd is { } var95) marks.Add((-var95, RiskText.VaRLegend(var95), Palette.VaR, "dash"));
            if (summary.CVaR95Usd is { } cvar95) marks.Add((-cvar95, RiskText.CVaRLegend(cvar95), Palette.CVaR, "dot"));
            marks.Add((summary.MeanUsd, "mean " + Fmt.UsdShort(summary.MeanUsd), Palette.Mean, "solid"));
        }
        // Each label gets its own row above the plot, so labels of lines close together cannot overlap; a label
        // runs away from the nearer edge so it stays inside the figure.
        double lo = edges[0], hi = edges[^1];
        for (int k = 0; k < marks.Count; k++)
        {
            var (x, label, color, dash) = marks[k];
            bool rightHalf = hi > lo && (x - lo) / (hi - lo) > 0.5;
            shapes.Add(new { type = "line", x0 = x, x1 = x, y0 = 0, y1 = 1, yref = "paper", line = new { color, width = 2, dash } });
            annotations.Add(new
            {
                x, y = 1, yref = "paper", text = label, showarrow = false, yanchor = "bottom", yshift = RiskLabelRow * k,
                xanchor = rightHalf ? "right" : "left", font = new { color },
            });
        }
        var layout = new Dictionary<string, object?>
        {
            ["title"] = Title("Profit distribution: " + what, RiskHeightPx),
            ["xaxis"] = MoneyAxis("Profit (USD)"),
            ["yaxis"] = Axis("Count"),
            ["shapes"] = shapes,
            ["annotations"] = annotations,
            ["height"] = RiskHeightPx,
            ["margin"] = new { l = 70, r = 30, t = TopMarginPx + RiskLabelRow * marks.Count, b = 50 },
            ["showlegend"] = false,
            ["bargap"] = 0.02,
            ["font"] = new { family = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", size = 13 },
        };
        return new PlotlyFigure("chart-risk", "Profit distribution", "Histogram with the 95 % VaR drawn at its profit level P5 (VaR 95 = −P5), the mean profit of the worst 5 % (CVaR 95) and the mean.", data, layout);
    }

    public static PlotlyFigure Tornado(TornadoResult t)
    {
        var bars = t.Bars.Reverse().ToList();
        double b = t.Base.ProfitUsd;
        var names = bars.Select(x => $"{x.Label} ({x.LowValue.ToString("0.###", Inv)} to {x.HighValue.ToString("0.###", Inv)} {x.Unit})").ToArray();
        // One trace per effect on profit; each bar end is coloured by whether it raises or lowers profit, labelled
        // with the input value that gives it. Longer ends first so a shorter one on the same side stays visible.
        var ends = bars.SelectMany((x, i) => new[] { (Name: names[i], Profit: x.ProfitAtLowUsd, Input: x.LowValue, End: "low"), (Name: names[i], Profit: x.ProfitAtHighUsd, Input: x.HighValue, End: "high") })
            .OrderByDescending(e => Math.Abs(e.Profit - b)).ToList();
        object Trace(string name, string color, bool raises)
        {
            var side = ends.Where(e => e.Profit >= b == raises).ToList();
            return new
            {
                type = "bar", orientation = "h", name, y = side.Select(e => e.Name).ToArray(), x = side.Select(e => e.Profit - b).ToArray(), @base = b,
                marker = new { color }, text = side.Select(e => e.Input.ToString("0.###", Inv)).ToArray(), textposition = "outside", cliponaxis = false,
                customdata = side.Select(e => new object[] { e.Profit, e.End }).ToArray(),
                hovertemplate = "%{customdata[1]} value %{text}: profit $%{customdata[0]:,.0f}<extra></extra>",
            };
        }
        var data = new object[] { Trace("raises profit", Palette.Gain, raises: true), Trace("lowers profit", Palette.Loss, raises: false) };
        var layout = BaseLayout($"Tornado: profit around the base scenario ({Fmt.UsdShort(b)})", MoneyAxis("Profit (USD)"), Axis("", new { automargin = true }),
            barmode: "overlay", hovermode: "closest");
        return new PlotlyFigure("chart-tornado", "Tornado", "Each bar moves one input from its low to its high value with the others at base.", data, layout);
    }

    /// <summary>Largest |profit| of a grid, so the profit scale is symmetric around zero (white = $0) as in the PNG.</summary>
    private static double AbsMax(double[,] values)
    {
        double m = 0;
        foreach (double v in values) if (double.IsFinite(v)) m = Math.Max(m, Math.Abs(v));
        return m > 0 ? m : 1;
    }

    public static PlotlyFigure Heatmap(ProfitGrid g)
    {
        var data = new object[]
        {
            new
            {
                type = "heatmap", x = g.ColumnValues.Select(v => v.ToString("0.###", Inv)).ToArray(), y = g.RowValues.Select(v => v.ToString("0.##", Inv)).ToArray(),
                z = Rows(g.ProfitUsd), colorscale = Palette.Plotly(Palette.ProfitScale), zmin = -AbsMax(g.ProfitUsd), zmax = AbsMax(g.ProfitUsd), texttemplate = g.RowValues.Length * g.ColumnValues.Length <= 200 ? "%{z:$,.3~s}" : "",
                colorbar = new { title = new { text = "Profit" }, tickprefix = "$", tickformat = ",.2~s" },
                hovertemplate = $"%{{y}} {SweepParameters.Unit(g.RowParameter)}, x%{{x}}: $%{{z:,.0f}}<extra></extra>",
            },
        };
        var layout = BaseLayout($"Profit by {(g.RowParameter == SweepParameter.SiteCap ? "site cap" : "efficiency")} and hashprice multiplier", Axis($"{SweepParameters.Label(g.ColumnParameter)} ({SweepParameters.Unit(g.ColumnParameter)})", new { type = "category" }),
            Axis($"{SweepParameters.Label(g.RowParameter)} ({SweepParameters.Unit(g.RowParameter)})", new { type = "category" }), hovermode: "closest");
        return new PlotlyFigure("chart-heatmap", "Profit heat map", g.RowParameter == SweepParameter.SiteCap
            ? "Fleet profit over the sweep's site-cap and hashprice-multiplier axes, the other inputs at base."
            : "Threshold-rule profit over the sweep's efficiency and hashprice-multiplier axes, the other inputs at base.", data, layout);
    }

    public static PlotlyFigure Breakeven(BreakevenSurface s)
    {
        var data = new object[]
        {
            new
            {
                type = "heatmap", x = s.ColumnValues.Select(v => v.ToString("0.#", Inv)).ToArray(), y = s.RowValues.Select(v => v.ToString("0.##", Inv)).ToArray(),
                z = Rows(s.Values), colorscale = "Viridis", texttemplate = s.RowValues.Length * s.ColumnValues.Length <= 200 ? "%{z:.0f}" : "",
                colorbar = new { title = new { text = s.ValueUnit } }, hovertemplate = "%{y} " + s.RowUnit + ", %{x} " + s.ColumnUnit + ": %{z:.2f} " + s.ValueUnit + "<extra></extra>",
            },
        };
        var layout = BaseLayout($"{s.ValueName} ({s.ValueUnit})", Axis($"{s.ColumnName} ({s.ColumnUnit})", new { type = "category" }),
            Axis($"{s.RowName} ({s.RowUnit})", new { type = "category" }), hovermode: "closest");
        return new PlotlyFigure("chart-breakeven", "Breakeven surface", "Above this all-in power price the machines lose money (closed form, pool fee included).", data, layout);
    }

    public static PlotlyFigure ForwardBlocks(ForecastSection f)
    {
        var blocks = new[] { ForwardBlock.Peak5x16, ForwardBlock.Weekend2x16, ForwardBlock.Night7x8 };
        var data = blocks.Select((b, i) =>
        {
            var rows = f.Blocks.Where(x => x.Block == b).ToList();
            return (object)new
            {
                type = "scatter", mode = "lines+markers", name = ForwardBlockCalendar.Name(b), x = rows.Select(x => Fmt.Month(x.Year, x.Month)).ToArray(),
                y = rows.Select(x => x.BlockPriceUsdPerMWh).ToArray(), line = new { color = Palette.SeriesColor(i + 1) }, hovertemplate = "$%{y:,.2f}/MWh",
            };
        }).ToList();
        var layout = BaseLayout("Forward block prices ($/MWh)", Axis("Delivery month", new { type = "category" }), Axis("$/MWh", new { tickprefix = "$" }));
        return new PlotlyFigure("chart-forward", "Forward curve", "Monthly block prices; the hourly prices in the charts above keep each block's average.", data, layout);
    }
}
