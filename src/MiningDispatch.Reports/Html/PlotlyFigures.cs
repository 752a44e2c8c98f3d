using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Html;

/// <summary>One interactive chart: the element id, a heading and the plotly data/layout objects.</summary>
internal sealed record PlotlyFigure(string Id, string Heading, string Caption, object Data, object Layout);

/// <summary>
/// Builds plotly.js traces for the interactive versions of the PNG charts. Long series are reduced for the browser
/// (min and max per bucket, so spikes survive) once they exceed <see cref="MaxPointsPerTrace"/> points.
/// </summary>
internal static class PlotlyFigures
{
    public const int MaxPointsPerTrace = 30_000;

    /// <summary>A running total is smooth: fewer points per cumulative trace keep the page small with no visible change.</summary>
    public const int CumulativeMaxPoints = 4_000;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private const string PriceColor = Palette.Price, BreakevenColor = Palette.Breakeven, StrategyColor = Palette.Gain, AlwaysOnColor = Palette.AlwaysOn,
        SpikeColor = Palette.Spike, HashColor = Palette.Hashprice;
    private static readonly object[][] RunColorscale = Palette.Plotly(Palette.RunScale);

    public static IReadOnlyList<PlotlyFigure> Build(BacktestRun model)
    {
        var r = model.Result;
        var clock = MarketClock.Ercot;
        var local = SeriesMath.LocalTimes(r, clock);
        return
        [
            Price(r, local),
            Hashprice(r, local),
            Dispatch(r, local),
            Cumulative(model, local, clock),
            Monthly(model),
            RunRate(r),
        ];
    }

    private static string X(DateTime local) => Fmt.Minute(local);

    /// <summary>x/y arrays for one line: downsampled when long, with a null point where the data have a gap.</summary>
    private static (string[] X, double?[] Y) Line(BacktestResult r, DateTime[] local, double[] y, bool stepEnd, int maxPoints = MaxPointsPerTrace)
    {
        var keep = SeriesMath.MinMaxDownsample(y, maxPoints);
        bool reduced = keep.Length < y.Length;
        var xs = new List<string>(keep.Length + 8);
        var ys = new List<double?>(keep.Length + 8);
        long step = TimeSpan.FromHours(r.IntervalHours).Ticks;
        for (int k = 0; k < keep.Length; k++)
        {
            int i = keep[k];
            if (k > 0 && !reduced && (r.Times[i] - r.Times[keep[k - 1]]).Ticks != step)
            {
                // Break the line across a data gap.
                xs.Add(X(local[keep[k - 1]].AddHours(r.IntervalHours)));
                ys.Add(null);
            }
            xs.Add(X(local[i]));
            // Display only: 6 decimals is far below a cent and keeps the page small (no 32.822500000000005).
            ys.Add(double.IsFinite(y[i]) ? Math.Round(y[i], 6) : null);
        }
        if (stepEnd && !reduced && y.Length > 0)
        {
            xs.Add(X(local[^1].AddHours(r.IntervalHours)));
            ys.Add(Math.Round(y[^1], 6));
        }
        return DropFlatInterior(xs, ys);
    }

    /// <summary>
    /// Drops every point whose neighbours on both sides have the same value (the inside of a flat run, e.g. a daily
    /// hashprice at hourly resolution). The line drawn is the same for linear and step shapes; only hover points go.
    /// </summary>
    internal static (string[] X, double?[] Y) DropFlatInterior(List<string> xs, List<double?> ys)
    {
        var kx = new List<string>(xs.Count);
        var ky = new List<double?>(ys.Count);
        for (int k = 0; k < ys.Count; k++)
        {
            bool flatInside = k > 0 && k < ys.Count - 1 && ys[k] is double v && ys[k - 1] is double a && ys[k + 1] is double b && a == v && v == b;
            if (flatInside) continue;
            kx.Add(xs[k]);
            ky.Add(ys[k]);
        }
        return (kx.ToArray(), ky.ToArray());
    }

    internal static object Axis(string title, object? extra = null) => extra is null
        ? new { title = new { text = title }, automargin = true, zeroline = false, gridcolor = Palette.Grid }
        : Merge(new Dictionary<string, object?> { ["title"] = new { text = title }, ["automargin"] = true, ["gridcolor"] = Palette.Grid, ["zeroline"] = false }, extra);

    private static Dictionary<string, object?> Merge(Dictionary<string, object?> d, object extra)
    {
        foreach (var p in extra.GetType().GetProperties()) d[p.Name] = p.GetValue(extra);
        return d;
    }

    /// <summary>Height in pixels of the strip at the top of every figure kept for plotly's toolbar (mode bar).</summary>
    public const int ToolbarPx = 36;

    /// <summary>Top margin of a figure: the toolbar strip, then the title's line, then a gap above the plot.</summary>
    public const int TopMarginPx = ToolbarPx + 54;

    /// <summary>Figure height of the standard charts in pixels.</summary>
    public const int FigureHeightPx = 520;

    /// <summary>
    /// A title placed just below the toolbar strip (which plotly draws at the top right of the figure), so a long
    /// title can never run under the toolbar's buttons.
    /// </summary>
    internal static object Title(string text, int figureHeight) => new
    {
        text,
        x = 0.01,
        xanchor = "left",
        xref = "container",
        yref = "container",
        y = 1 - (double)ToolbarPx / figureHeight,
        yanchor = "top",
    };

    internal static object BaseLayout(string title, object xaxis, object yaxis, object? annotations = null, string barmode = "group", string hovermode = "x unified") => new
    {
        title = Title(title, FigureHeightPx),
        xaxis,
        yaxis,
        legend = new { orientation = "h", x = 0, y = -0.18, xanchor = "left", yanchor = "top" },
        hovermode,
        margin = new { l = 70, r = 30, t = TopMarginPx, b = 40 },
        height = FigureHeightPx,
        paper_bgcolor = "#ffffff",
        plot_bgcolor = "#ffffff",
        font = new { family = "DejaVu Sans, Segoe UI, Helvetica, Arial, sans-serif", size = 13 },
        annotations = annotations ?? Array.Empty<object>(),
        barmode,
    };

    private static PlotlyFigure Price(BacktestResult r, DateTime[] local)
    {
        bool step = r.Times.Length <= 24 * 21;
        var (px, py) = Line(r, local, r.AllInPrice, step);
        var (bx, by) = Line(r, local, r.Breakeven, step);
        var axis = PriceAxis.Compute(r.AllInPrice, r.Breakeven);
        var data = new List<object>
        {
            new { type = "scatter", mode = "lines", name = "All-in price (settlement + adder)", x = px, y = py,
                line = new { color = PriceColor, width = r.Times.Length > 24 * 45 ? 1 : 1.5, shape = step ? "hv" : "linear" },
                hovertemplate = "$%{y:,.2f}/MWh" },
            new { type = "scatter", mode = "lines", name = "Breakeven all-in price", x = bx, y = by,
                line = new { color = BreakevenColor, width = 2, shape = step ? "hv" : "linear" },
                hovertemplate = "$%{y:,.2f}/MWh" },
        };
        var annotations = new List<object>();
        var clipped = new List<int>();
        for (int i = 0; i < r.AllInPrice.Length; i++)
            if (r.AllInPrice[i] > axis.Max || r.AllInPrice[i] < axis.Min) clipped.Add(i);
        if (clipped.Count > 0)
        {
            // Every clipped interval gets a marker on the edge of the visible range; hovering shows the real price.
            data.Add(new
            {
                type = "scatter", mode = "markers", name = "Off-scale price (hover for value)",
                x = clipped.Select(i => X(local[i])).ToArray(),
                y = clipped.Select(i => r.AllInPrice[i] > axis.Max ? axis.Max : axis.Min).ToArray(),
                customdata = clipped.Select(i => r.AllInPrice[i]).ToArray(),
                marker = new { color = SpikeColor, size = 8, symbol = clipped.Select(i => r.AllInPrice[i] > axis.Max ? "triangle-up" : "triangle-down").ToArray() },
                hovertemplate = "actual $%{customdata:,.2f}/MWh",
                cliponaxis = false,
            });
            foreach (int i in axis.LabelHigh.Concat(axis.LabelLow))
            {
                bool high = r.AllInPrice[i] > axis.Max;
                annotations.Add(new
                {
                    x = X(local[i]), y = high ? axis.Max : axis.Min, xref = "x", yref = "y",
                    text = Fmt.Price(r.AllInPrice[i]) + "<br>" + X(local[i]),
                    showarrow = true, arrowhead = 0, ax = 0, ay = high ? 34 : -34,
                    font = new { color = SpikeColor, size = 11 }, bgcolor = "rgba(255,255,255,0.85)", bordercolor = SpikeColor, borderwidth = 1,
                });
            }
            annotations.Add(new
            {
                xref = "paper", yref = "paper", x = 1, y = 1.02, xanchor = "right", yanchor = "bottom", showarrow = false,
                text = (axis.Note() ?? "") + ". Double-click the chart to show the full range.",
                font = new { color = SpikeColor, size = 12 },
            });
        }
        var layout = BaseLayout("All-in power price vs mining breakeven (USD/MWh)",
            Axis("Market time (CPT)", new { type = "date" }),
            Axis("USD/MWh", new { range = new[] { axis.Min, axis.Max }, tickprefix = "$", tickformat = ",.0f" }),
            annotations);
        return new PlotlyFigure("chart-price", "Power price vs breakeven",
            "Mining pays when the all-in price (settlement price plus adders) is below the breakeven line.", data, layout);
    }

    private static PlotlyFigure Hashprice(BacktestResult r, DateTime[] local)
    {
        var ph = MiningEconomics.PerThDayToPerPhDay(r.Hashprice);
        var (x, y) = Line(r, local, ph, stepEnd: true);
        var data = new object[]
        {
            new { type = "scatter", mode = "lines", name = "Hashprice", x, y, line = new { color = HashColor, width = 2, shape = "hv" },
                hovertemplate = "$%{y:,.2f}/PH/day" },
        };
        var layout = BaseLayout("Hashprice (USD per PH/s per day)", Axis("Market time (CPT)", new { type = "date" }),
            Axis("USD per PH/s per day", new { tickprefix = "$" }));
        return new PlotlyFigure("chart-hashprice", "Hashprice", "Revenue earned by 1 PH/s of hashrate per day, before pool fees.", data, layout);
    }

    internal static double?[][] Rows(double[,] grid)
    {
        int rows = grid.GetLength(0), cols = grid.GetLength(1);
        var z = new double?[rows][];
        for (int i = 0; i < rows; i++)
        {
            z[i] = new double?[cols];
            for (int j = 0; j < cols; j++) z[i][j] = double.IsFinite(grid[i, j]) ? grid[i, j] : null;
        }
        return z;
    }

    private static readonly int[] Hours = Enumerable.Range(0, 24).ToArray();

    private static object HourAxis() => Axis("Hour beginning (CPT)", new
    {
        tickmode = "array",
        tickvals = Hours,
        ticktext = Hours.Select(h => h.ToString("00", Inv) + ":00").ToArray(),
        range = new[] { -0.5, 23.5 },
        showgrid = false,
    });

    private static PlotlyFigure Dispatch(BacktestResult r, DateTime[] local)
    {
        var grid = SeriesMath.DayByHour(r, local);
        bool few = grid.Days.Length <= 62;
        var data = new object[]
        {
            new
            {
                type = "heatmap", name = r.Strategy,
                // Noon, so each cell spans its whole day on the date axis.
                x = grid.Days.Select(d => d.ToString("yyyy-MM-dd", Inv) + " 12:00").ToArray(), y = Hours, z = Rows(grid.Run),
                zmin = 0, zmax = 1, colorscale = RunColorscale, xgap = few ? 1 : 0, ygap = few ? 1 : 0,
                colorbar = new { title = new { text = "Run<br>fraction" }, tickformat = ".0%" },
                hovertemplate = "%{x|%Y-%m-%d} %{y}:00 CPT<br>run %{z:.0%}<extra></extra>",
            },
        };
        var layout = BaseLayout($"Dispatch schedule ({r.Strategy}): run fraction by day and hour",
            grid.Days.Length <= 31
                // One tick per day, at the middle of its column.
                ? Axis("Market day (CPT)", new
                {
                    type = "date", showgrid = false, tickformat = "%b %d\n%Y", dtick = 86_400_000,
                    tick0 = grid.Days[0].ToString("yyyy-MM-dd", Inv) + " 12:00"
                })
                : Axis("Market day (CPT)", new { type = "date", showgrid = false, tickformat = "%b %d\n%Y" }),
            HourAxis(), hovermode: "closest");
        return new PlotlyFigure("chart-dispatch", "Dispatch schedule",
            "Each cell is one market hour: green = mining, orange = curtailed, white = no data. Hour 0 is at the bottom.", data, layout);
    }

    private static PlotlyFigure Cumulative(BacktestRun model, DateTime[] local, MarketClock clock)
    {
        var r = model.Result;
        var data = new List<object>();
        object Trace(BacktestResult res, DateTime[] times, double[] profit, string name, string color, string dash, double width)
        {
            // Running total at each interval's end, starting from $0 at the first interval's start.
            var cum = SeriesMath.Cumulative(profit);
            var ends = times.Select(t => t.AddHours(res.IntervalHours)).ToArray();
            var (xe, ye) = Line(res, ends, cum, stepEnd: false, CumulativeMaxPoints);
            var x = new[] { X(times[0]) }.Concat(xe).ToArray();
            var y = new double?[] { 0 }.Concat(ye).ToArray();
            return new { type = "scatter", mode = "lines", name, x, y, line = new { color, dash, width }, hovertemplate = "$%{y:,.0f}" };
        }
        data.Add(Trace(r, local, r.Profit, $"{r.Strategy} ({Fmt.UsdShort(r.Summary.ProfitUsd)})", StrategyColor, "solid", 2.5));
        data.Add(Trace(r, local, r.AlwaysOnProfit, $"{AlwaysOnStrategy.StrategyName} ({Fmt.UsdShort(r.Summary.AlwaysOnProfitUsd)})", AlwaysOnColor, "solid", 2));
        for (int b = 0; b < model.Benchmarks.Count; b++)
        {
            var bm = model.Benchmarks[b];
            if (bm.Times.Length == 0) continue;
            data.Add(Trace(bm, SeriesMath.LocalTimes(bm, clock), bm.Profit, $"{bm.Strategy} ({Fmt.UsdShort(bm.Summary.ProfitUsd)})",
                Palette.Benchmark(b), "dash", 2));
        }
        var layout = BaseLayout("Cumulative profit (USD)", Axis("Market time (CPT)", new { type = "date" }),
            Axis("Cumulative profit (USD)", new { tickprefix = "$", tickformat = ",.3~s", zeroline = true, zerolinecolor = "#999" }));
        return new PlotlyFigure("chart-cumulative", "Cumulative profit",
            "Running total of hourly profit for the strategy, the always-on baseline and any benchmarks.", data, layout);
    }

    private static PlotlyFigure Monthly(BacktestRun model)
    {
        var r = model.Result;
        var labels = r.Monthly.Select(m => Fmt.Month(m.Year, m.Month)).ToArray();
        var data = new List<object>
        {
            new { type = "bar", name = r.Strategy, x = labels, y = r.Monthly.Select(m => m.ProfitUsd).ToArray(), marker = new { color = StrategyColor }, hovertemplate = "$%{y:,.0f}" },
            new { type = "bar", name = AlwaysOnStrategy.StrategyName, x = labels, y = r.Monthly.Select(m => m.AlwaysOnProfitUsd).ToArray(), marker = new { color = AlwaysOnColor }, hovertemplate = "$%{y:,.0f}" },
        };
        for (int b = 0; b < model.Benchmarks.Count; b++)
        {
            var byMonth = model.Benchmarks[b].Monthly.ToDictionary(m => (m.Year, m.Month), m => m.ProfitUsd);
            data.Add(new
            {
                type = "bar", name = model.Benchmarks[b].Strategy, x = labels,
                y = r.Monthly.Select(m => byMonth.TryGetValue((m.Year, m.Month), out var v) ? v : (double?)null).ToArray(),
                marker = new { color = Palette.Benchmark(b) }, hovertemplate = "$%{y:,.0f}",
            });
        }
        var layout = BaseLayout("Monthly profit (USD)", Axis("Market month (CPT)", new { type = "category" }),
            Axis("Profit (USD)", new { tickprefix = "$", tickformat = ",.3~s", zeroline = true, zerolinecolor = "#999" }));
        return new PlotlyFigure("chart-monthly", "Monthly profit", "Profit per market month, strategy beside always-on.", data, layout);
    }

    private static PlotlyFigure RunRate(BacktestResult r)
    {
        var labels = r.Monthly.Select(m => Fmt.Month(m.Year, m.Month)).ToArray();
        var data = new object[]
        {
            new
            {
                type = "heatmap", name = r.Strategy, x = labels, y = Hours, z = Rows(SeriesMath.HourByMonth(r)),
                zmin = 0, zmax = 1, colorscale = RunColorscale, xgap = 1, ygap = 1,
                texttemplate = labels.Length <= 24 ? "%{z:.0%}" : "", textfont = new { size = 10 },
                colorbar = new { title = new { text = "Run<br>rate" }, tickformat = ".0%" },
                hovertemplate = "%{x}, %{y}:00 CPT<br>run rate %{z:.1%}<extra></extra>",
            },
        };
        var layout = BaseLayout($"Run rate by hour of day and month ({r.Strategy})", Axis("Market month (CPT)", new { type = "category", showgrid = false }), HourAxis(), hovermode: "closest");
        return new PlotlyFigure("chart-runrate", "Run rate by hour and month",
            "Share of each market hour spent mining, per month. Hour 0 (midnight to 1 am CPT) is at the bottom.", data, layout);
    }
}
