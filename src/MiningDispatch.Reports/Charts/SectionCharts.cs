using System.Globalization;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using MiningDispatch.Reports.Sections;
using ScottPlot;
using Palette = MiningDispatch.Reports.Common.Palette;

namespace MiningDispatch.Reports.Charts;

/// <summary>PNG charts of the optional report sections (fleet, contract, 4CP, risk, sweep, forecast).</summary>
public static class SectionCharts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>(file name, renderer) of every section chart the model has, in report order.</summary>
    public static IReadOnlyList<(string File, Func<BacktestRun, string, int, int, string> Render)> For(BacktestRun m)
    {
        var list = new List<(string, Func<BacktestRun, string, int, int, string>)>();
        if (m.Fleet is not null) list.Add(("fleet-mw.png", FleetMw));
        if (m.Contract is not null) list.Add(("contract-monthly.png", ContractMonthly));
        if (m.FourCp is { Months.Count: > 0 }) list.Add(("four-cp.png", FourCp));
        if (m.Forecast is not null) list.Add(("forward-curve.png", ForwardCurve));
        if (m.Risk is not null && SectionData.RiskSample(m.Risk).Values.Count > 0) list.Add(("risk-histogram.png", RiskHistogram));
        if (m.Sweep is not null) list.Add(("tornado.png", Tornado));
        if (m.Sweep?.Grid is not null) list.Add(("profit-heatmap.png", ProfitHeatmap));
        if (m.Sweep?.Breakeven is not null) list.Add(("breakeven-surface.png", BreakevenSurface));
        return list;
    }

    /// <summary>Average MW running per model and month, stacked in merit order.</summary>
    public static string FleetMw(BacktestRun model, string path, int width, int height)
    {
        var fleet = model.Fleet ?? throw new ArgumentException("The model has no fleet section.");
        var (months, mw) = SectionData.FleetMonthlyMw(fleet, MarketClock.Ercot);
        var plt = ChartStyle.NewPlot("Average MW running by model (merit order: most efficient at the bottom)", "Market month (CPT)", "Average MW running");
        var bottom = new double[months.Length];
        for (int j = 0; j < fleet.MeritOrder.Count; j++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < months.Length; i++)
            {
                bars.Add(new Bar { Position = i, ValueBase = bottom[i], Value = bottom[i] + mw[j][i], FillColor = ChartStyle.Series(j), LineWidth = 0, Size = 0.8 });
                bottom[i] += mw[j][i];
            }
            var t = fleet.MeritOrder[j];
            plt.Add.Bars(bars).LegendText = $"{t.Model.Name} ({t.Model.Efficiency.Value.ToString("0.#", Inv)} W/TH)";
        }
        plt.Add.HorizontalLine(fleet.AvailableMw, 1.5f, Colors.Black.WithAlpha(0.6), LinePattern.Dashed).LegendText = $"available {fleet.AvailableMw.ToString("0.##", Inv)} MW";
        plt.Axes.Bottom.TickGenerator = MonthTicks(months);
        plt.Axes.SetLimits(-0.6, months.Length - 0.4, 0, fleet.AvailableMw * 1.15);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Monthly mining profit at market, contract value and sale credits, with the total.</summary>
    public static string ContractMonthly(BacktestRun model, string path, int width, int height)
    {
        var c = model.Contract ?? throw new ArgumentException("The model has no contract section.");
        var rows = c.Monthly;
        var plt = ChartStyle.NewPlot($"Contract {c.ContractName}: monthly profit split", "Market month (CPT)", "USD");
        var series = new (string Name, Color Color, Func<Core.Contracts.ContractMonthRow, double> V)[]
        {
            ("Mining profit at market prices", ChartStyle.Series(0), x => x.MiningProfitAtMarketUsd),
            ("Contract value vs market", ChartStyle.Series(2), x => x.NetProfitUsd - x.MiningProfitAtMarketUsd - x.AncillaryIncomeUsd),
            ("Power sale credits", ChartStyle.Series(1), x => x.PowerSaleCreditsUsd),
        };
        double group = 0.8, w = group / series.Length;
        for (int s = 0; s < series.Length; s++)
        {
            var bars = rows.Select((x, i) => new Bar { Position = i - group / 2 + w * (s + 0.5), Value = series[s].V(x), Size = w * 0.92, FillColor = series[s].Color, LineWidth = 0 }).ToList();
            plt.Add.Bars(bars).LegendText = series[s].Name;
        }
        var total = plt.Add.Scatter(Enumerable.Range(0, rows.Count).Select(i => (double)i).ToArray(), rows.Select(x => x.NetProfitUsd).ToArray(), ChartStyle.Ink);
        total.LineWidth = 2.5f;
        total.MarkerSize = 8;
        total.LegendText = "Total net profit";
        plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.6), LinePattern.Solid);
        plt.Axes.Bottom.TickGenerator = MonthTicks(rows.Select(x => (x.Year, x.Month)).ToArray());
        ChartStyle.UsdTicksLeft(plt, compact: true);
        plt.Axes.Margins(horizontal: 0, vertical: 0.1);
        plt.Axes.SetLimitsX(-0.6, rows.Count - 0.4);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Site MW in each 4CP interval without and with avoidance.</summary>
    public static string FourCp(BacktestRun model, string path, int width, int height)
    {
        var f = model.FourCp ?? throw new ArgumentException("The model has no 4CP section.");
        var plt = ChartStyle.NewPlot($"Site MW at the 4CP peaks: charge {Fmt.UsdShort(f.ChargeWithoutAvoidanceUsd)} without avoidance, {Fmt.UsdShort(f.ChargeWithAvoidanceUsd)} with",
            $"4CP month and peak interval ({f.PeakBasis})", "Site MW at the peak");
        var series = new (string Name, Color Color, Func<Core.FourCp.FourCpMonth, double> V)[]
        {
            ("without avoidance", ChartStyle.AlwaysOn, x => x.SiteMwWithoutAvoidance),
            ("with avoidance", ChartStyle.Strategy, x => x.SiteMwWithAvoidance),
        };
        for (int s = 0; s < 2; s++)
        {
            var bars = f.Months.Select((x, i) => new Bar
            {
                Position = i - 0.2 + 0.4 * s, Value = series[s].V(x), Size = 0.37, FillColor = series[s].Color, LineWidth = 0,
                Label = series[s].V(x).ToString("0.##", Inv)
            }).ToList();
            plt.Add.Bars(bars).LegendText = series[s].Name;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < f.Months.Count; i++)
        {
            var mo = f.Months[i];
            string label = new DateTime(mo.Year, mo.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM yyyy", Inv);
            if (mo.PeakStartUtc is { } peak) label += "\n" + Fmt.Market(peak, MarketClock.Ercot)[5..];
            if (mo.SystemLoadMw is { } load) label += "\n" + load.ToString("#,0", Inv) + " MW system";
            ticks.AddMajor(i, label);
        }
        plt.Axes.Bottom.TickGenerator = ticks;
        double max = f.Months.Max(x => Math.Max(x.SiteMwWithoutAvoidance, x.SiteMwWithAvoidance));
        plt.Axes.SetLimits(-0.6, f.Months.Count - 0.4, 0, Math.Max(1, max) * 1.2);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Histogram of simulated (or historical monthly) profit with VaR, CVaR and the mean marked.</summary>
    public static string RiskHistogram(BacktestRun model, string path, int width, int height)
    {
        var r = model.Risk ?? throw new ArgumentException("The model has no risk section.");
        var (values, what, summary) = SectionData.RiskSample(r);
        var (edges, counts) = SectionData.Histogram(values, 40);
        var plt = ChartStyle.NewPlot("Profit distribution: " + what, "Profit (USD)", "Count");
        double w = edges[1] - edges[0];
        var bars = counts.Select((c, i) => new Bar { Position = (edges[i] + edges[i + 1]) / 2, Value = c, Size = w * 0.95, FillColor = ChartStyle.Series(1), LineWidth = 0 }).ToList();
        plt.Add.Bars(bars).LegendText = what;
        if (summary is not null)
        {
            if (summary.VaR95Usd is { } var95) plt.Add.VerticalLine(-var95, 2, Color.FromHex(Palette.VaR), LinePattern.Dashed).LegendText = RiskText.VaRLegend(var95);
            if (summary.CVaR95Usd is { } cvar95) plt.Add.VerticalLine(-cvar95, 2, Color.FromHex(Palette.CVaR), LinePattern.Dotted).LegendText = RiskText.CVaRLegend(cvar95);
            plt.Add.VerticalLine(summary.MeanUsd, 2, Color.FromHex(Palette.Mean), LinePattern.Solid).LegendText = $"mean {Fmt.UsdShort(summary.MeanUsd)}";
        }
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Fmt.UsdShort };
        plt.Axes.Margins(horizontal: 0.03, vertical: 0.1);
        plt.Axes.SetLimitsY(0, counts.Max() * 1.15);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>
    /// Tornado: one horizontal bar per input from the profit at its low value to the profit at its high value. Each half
    /// is coloured by its effect on profit (raises = <see cref="Palette.Gain"/>, lowers = <see cref="Palette.Loss"/>)
    /// and labelled at its end with the input value that gives it.
    /// </summary>
    public static string Tornado(BacktestRun model, string path, int width, int height)
    {
        var t = (model.Sweep ?? throw new ArgumentException("The model has no sweep section.")).Tornado;
        double b = t.Base.ProfitUsd;
        var plt = ChartStyle.NewPlot($"Tornado: profit around the base scenario ({Fmt.UsdShort(b)})", "Profit (USD)", "");
        var bars = t.Bars.Reverse().ToList();
        var raise = new List<Bar>();
        var lower = new List<Bar>();
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < bars.Count; i++)
        {
            var x = bars[i];
            foreach (var (profit, input) in new[] { (x.ProfitAtLowUsd, x.LowValue), (x.ProfitAtHighUsd, x.HighValue) })
            {
                bool up = profit >= b;
                (up ? raise : lower).Add(new Bar { Position = i, ValueBase = b, Value = profit, FillColor = up ? ChartStyle.Gain : ChartStyle.Loss, LineWidth = 0, Size = 0.6 });
                var label = plt.Add.Text(input.ToString("0.###", Inv), profit, i);
                label.Alignment = up ? Alignment.MiddleLeft : Alignment.MiddleRight;
                label.OffsetX = up ? 4 : -4;
                label.LabelFontSize = 11;
                label.LabelFontColor = ChartStyle.Ink;
            }
            ticks.AddMajor(i, $"{x.Label}\n{x.LowValue.ToString("0.###", Inv)} .. {x.HighValue.ToString("0.###", Inv)} {x.Unit}");
        }
        if (raise.Count > 0)
        {
            var up = plt.Add.Bars(raise);
            up.Horizontal = true;
            up.LegendText = "raises profit";
        }
        if (lower.Count > 0)
        {
            var down = plt.Add.Bars(lower);
            down.Horizontal = true;
            down.LegendText = "lowers profit";
        }
        plt.Add.VerticalLine(b, 1.5f, Colors.Black.WithAlpha(0.7), LinePattern.Solid);
        plt.Axes.Left.TickGenerator = ticks;
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Fmt.UsdShort };
        plt.Axes.Margins(horizontal: 0.12, vertical: 0.1);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Profit heat map over efficiency or site cap (rows) and hashprice multiplier (columns).</summary>
    public static string ProfitHeatmap(BacktestRun model, string path, int width, int height)
    {
        var g = model.Sweep?.Grid ?? throw new ArgumentException("The model has no profit grid.");
        var plt = ChartStyle.NewPlot($"Profit by {(g.RowParameter == SweepParameter.SiteCap ? "site cap" : "efficiency")} and hashprice multiplier (others at base)",
            $"{SweepParameters.Label(g.ColumnParameter)} ({SweepParameters.Unit(g.ColumnParameter)})", $"{SweepParameters.Label(g.RowParameter)} ({SweepParameters.Unit(g.RowParameter)})");
        double absMax = 0;
        foreach (double v in g.ProfitUsd) absMax = Math.Max(absMax, Math.Abs(v));
        Heat(plt, g.ProfitUsd, g.RowValues, g.ColumnValues, ChartStyle.ProfitColormap,
            -absMax, absMax, Fmt.UsdShort, "Profit (USD)");
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Breakeven all-in power price by efficiency and hashprice.</summary>
    public static string BreakevenSurface(BacktestRun model, string path, int width, int height)
    {
        var s = model.Sweep?.Breakeven ?? throw new ArgumentException("The model has no breakeven surface.");
        var plt = ChartStyle.NewPlot($"{s.ValueName} ({s.ValueUnit})", $"{s.ColumnName} ({s.ColumnUnit})", $"{s.RowName} ({s.RowUnit})");
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in s.Values) if (double.IsFinite(v)) { lo = Math.Min(lo, v); hi = Math.Max(hi, v); }
        Heat(plt, s.Values, s.RowValues, s.ColumnValues, new ScottPlot.Colormaps.Viridis(), lo, hi, v => v.ToString("0", Inv), s.ValueUnit);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>Forward block prices by delivery month.</summary>
    public static string ForwardCurve(BacktestRun model, string path, int width, int height)
    {
        var f = model.Forecast ?? throw new ArgumentException("The model has no forecast section.");
        var months = f.Blocks.Select(x => (x.Year, x.Month)).Distinct().OrderBy(x => x).ToArray();
        var index = months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        var plt = ChartStyle.NewPlot("Forward block prices", "Delivery month (CPT)", "USD/MWh");
        var blocks = new[] { ForwardBlock.Peak5x16, ForwardBlock.Weekend2x16, ForwardBlock.Night7x8 };
        for (int k = 0; k < blocks.Length; k++)
        {
            var rows = f.Blocks.Where(x => x.Block == blocks[k]).ToList();
            if (rows.Count == 0) continue;
            var sc = plt.Add.Scatter(rows.Select(x => (double)index[(x.Year, x.Month)]).ToArray(), rows.Select(x => x.BlockPriceUsdPerMWh).ToArray(), ChartStyle.Series(k + 1));
            sc.LineWidth = 2.5f;
            sc.MarkerSize = 7;
            sc.LegendText = ForwardBlockCalendar.Name(blocks[k]);
        }
        plt.Axes.Bottom.TickGenerator = MonthTicks(months);
        ChartStyle.UsdTicksLeft(plt, compact: false);
        plt.Axes.Margins(horizontal: 0.03, vertical: 0.12);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    private static void Heat(Plot plt, double[,] values, double[] rows, double[] cols, IColormap colormap, double min, double max, Func<double, string> label, string colorbar)
    {
        int nr = rows.Length, nc = cols.Length;
        var hm = plt.Add.Heatmap(values);
        hm.Colormap = colormap;
        hm.ManualRange = new ScottPlot.Range(min, max > min ? max : min + 1);
        hm.FlipVertically = true; // row 0 at the bottom
        hm.Rectangle = new CoordinateRect(0, nc, 0, nr);
        var cb = plt.Add.ColorBar(hm);
        cb.Label = colorbar;
        cb.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = label };
        if (nr * nc <= 150)
            for (int i = 0; i < nr; i++)
                for (int j = 0; j < nc; j++)
                {
                    var t = plt.Add.Text(label(values[i, j]), j + 0.5, i + 0.5);
                    t.Alignment = Alignment.MiddleCenter;
                    t.LabelFontSize = nr * nc <= 60 ? 13 : 10;
                    t.LabelFontColor = Color.FromHex("#1B1B1B");
                    t.LabelBackgroundColor = Colors.White.WithAlpha(0.55);
                }
        var xt = new ScottPlot.TickGenerators.NumericManual();
        for (int j = 0; j < nc; j++) xt.AddMajor(j + 0.5, cols[j].ToString("0.###", Inv));
        var yt = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < nr; i++) yt.AddMajor(i + 0.5, rows[i].ToString("0.##", Inv));
        plt.Axes.Bottom.TickGenerator = xt;
        plt.Axes.Left.TickGenerator = yt;
        plt.Axes.SetLimits(0, nc, 0, nr);
    }

    private static ScottPlot.TickGenerators.NumericManual MonthTicks((int Year, int Month)[] months)
    {
        var t = new ScottPlot.TickGenerators.NumericManual();
        int every = Math.Max(1, (int)Math.Ceiling(months.Length / 18.0));
        for (int i = 0; i < months.Length; i += every)
            t.AddMajor(i, new DateTime(months[i].Year, months[i].Month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM\nyyyy", Inv));
        return t;
    }
}
