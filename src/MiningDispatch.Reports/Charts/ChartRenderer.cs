using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies.AlwaysOn;
using MiningDispatch.Core.Time;
using MiningDispatch.Reports.Common;
using ScottPlot;

namespace MiningDispatch.Reports.Charts;

/// <summary>
/// Renders the report's PNG charts with ScottPlot. Every method writes one PNG (atomically) and returns its path.
/// Times are shown in ERCOT market time (Central Prevailing Time); money in USD.
/// </summary>
public static class ChartRenderer
{
    public const int DefaultWidth = 1200;
    public const int DefaultHeight = 600;

    /// <summary>File names used by <see cref="RenderAll"/>, in report order.</summary>
    public static IReadOnlyList<string> FileNames { get; } =
    [
        "price-vs-breakeven.png", "hashprice.png", "dispatch-schedule.png",
        "cumulative-profit.png", "monthly-profit.png", "run-rate-hour-by-month.png",
    ];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static MarketClock Clock => MarketClock.Ercot;

    /// <summary>
    /// Renders the six charts, plus one per optional section the model has, into <paramref name="chartsDir"/> and returns
    /// their paths in report order. The charts are rendered in parallel (each one is independent and deterministic, so
    /// the files are the same bytes as a serial run); <paramref name="progress"/> hears once per chart as it starts,
    /// one at a time. Cancelling <paramref name="ct"/> stops starting new charts and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static IReadOnlyList<string> RenderAll(BacktestRun model, string chartsDir, IProgress<string>? progress = null,
        int width = DefaultWidth, int height = DefaultHeight, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(chartsDir);
        var renderers = new Func<BacktestRun, string, int, int, string>[]
        {
            PowerPrice, Hashprice, DispatchSchedule, CumulativeProfit, MonthlyProfit, RunRateHeatmap,
        };
        var jobs = new List<(string File, Func<BacktestRun, string, int, int, string> Render)>();
        for (int i = 0; i < renderers.Length; i++) jobs.Add((FileNames[i], renderers[i]));
        jobs.AddRange(SectionCharts.For(model));
        var paths = new string[jobs.Count];
        int started = 0;
        var gate = new object();
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
        try
        {
            Parallel.For(0, jobs.Count, options, i =>
            {
                var (file, render) = jobs[i];
                lock (gate) progress?.Report($"Chart {++started}/{jobs.Count}: {file}");
                ct.ThrowIfCancellationRequested();
                paths[i] = render(model, Path.Combine(chartsDir, file), width, height);
            });
        }
        catch (AggregateException ex)
        {
            // Callers see the chart's own exception (IOException, OperationCanceledException, ...), as in a serial loop.
            var inner = ex.Flatten().InnerExceptions;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner.FirstOrDefault(e => e is OperationCanceledException) ?? inner[0]).Throw();
        }
        return paths;
    }

    /// <summary>(a) All-in power price against the breakeven price, with the y axis clipped and spikes labelled.</summary>
    public static string PowerPrice(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var local = SeriesMath.LocalTimes(r, Clock);
        var plt = ChartStyle.NewPlot(Title("All-in power price vs mining breakeven", model), "Market time (CPT)", "USD/MWh");
        bool longRange = r.Times.Length > 24 * 45;
        bool step = r.Times.Length <= 24 * 21;
        var runs = SeriesMath.ContiguousRuns(r.Times, r.IntervalHours);
        var pixels = (local[0].ToOADate(), local[^1].AddHours(r.IntervalHours).ToOADate(), width);
        AddSegments(plt, local, r.AllInPrice, runs, r.IntervalHours, ChartStyle.Price, longRange ? 0.8f : 1.5f, step, "All-in price (settlement + adder)", pixels);
        AddSegments(plt, local, r.Breakeven, runs, r.IntervalHours, ChartStyle.Breakeven, longRange ? 1.5f : 2.5f, step, "Breakeven all-in price", pixels);
        plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.5), LinePattern.Solid);
        ChartStyle.DateAxis(plt, local[0], local[^1]);
        ChartStyle.UsdTicksLeft(plt, compact: false);

        var axis = PriceAxis.Compute(r.AllInPrice, r.Breakeven);
        double x0 = local[0].ToOADate(), x1 = (local[^1].AddHours(r.IntervalHours)).ToOADate();
        plt.Axes.SetLimits(x0, x1, axis.Min, axis.Max);
        double span = axis.Max - axis.Min;
        foreach (int i in axis.LabelHigh) SpikeLabel(plt, local[i], r.AllInPrice[i], axis.Max - 0.015 * span, top: true, x0, x1);
        foreach (int i in axis.LabelLow) SpikeLabel(plt, local[i], r.AllInPrice[i], axis.Min + 0.015 * span, top: false, x0, x1);
        if (axis.Note() is string note)
        {
            var a = plt.Add.Annotation(note, Alignment.LowerRight);
            a.LabelFontSize = 12;
            a.LabelBackgroundColor = Colors.White.WithAlpha(0.9);
            a.LabelBorderColor = ChartStyle.Spike;
            a.LabelFontColor = ChartStyle.Spike;
        }
        // Outside the data area so it never hides a spike label.
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>(b) Hashprice in USD per PH/s per day.</summary>
    public static string Hashprice(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var local = SeriesMath.LocalTimes(r, Clock);
        var plt = ChartStyle.NewPlot(Title("Hashprice", model), "Market time (CPT)", "USD per PH/s per day");
        var ph = MiningEconomics.PerThDayToPerPhDay(r.Hashprice);
        var runs = SeriesMath.ContiguousRuns(r.Times, r.IntervalHours);
        var pixels = (local[0].ToOADate(), local[^1].AddHours(r.IntervalHours).ToOADate(), width);
        AddSegments(plt, local, ph, runs, r.IntervalHours, ChartStyle.Hashprice, 2f, step: true, "Hashprice ($/PH/day)", pixels);
        ChartStyle.DateAxis(plt, local[0], local[^1]);
        ChartStyle.UsdTicksLeft(plt, compact: false);
        double lo = ph.Min(), hi = ph.Max(), pad = Math.Max(0.08 * (hi - lo), 0.05 * Math.Abs(hi) + 0.01);
        plt.Axes.SetLimits(local[0].ToOADate(), local[^1].AddHours(r.IntervalHours).ToOADate(), Math.Max(0, lo - pad), hi + pad);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>(c) Dispatch schedule: run fraction by market day (x) and hour of day (y, hour 0 at the bottom).</summary>
    public static string DispatchSchedule(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var local = SeriesMath.LocalTimes(r, Clock);
        var grid = SeriesMath.DayByHour(r, local);
        int days = grid.Days.Length;
        var plt = ChartStyle.NewPlot(Title($"Dispatch schedule ({r.Strategy})", model), "Market day (CPT)", "Hour beginning (CPT)");
        var hm = AddRunHeatmap(plt, grid.Run, "Run fraction (0 = curtailed, 1 = mining; white = no data)");
        hm.Rectangle = new CoordinateRect(0, days, 0, 24);
        plt.Axes.Bottom.TickGenerator = DayTicks(grid.Days);
        plt.Axes.Left.TickGenerator = HourTicks(step: 3);
        plt.Axes.SetLimits(0, days, 0, 24);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>(d) Cumulative profit of the strategy, the always-on baseline and any benchmarks.</summary>
    public static string CumulativeProfit(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var plt = ChartStyle.NewPlot(Title("Cumulative profit", model), "Market time (CPT)", "Cumulative profit (USD)");
        bool longRange = r.Times.Length > 24 * 45;
        float w = longRange ? 1.5f : 2.5f;
        var local = SeriesMath.LocalTimes(r, Clock);
        var pixels = (local[0].ToOADate(), local[^1].AddHours(r.IntervalHours).ToOADate(), width);
        AddCumulative(plt, r, local, r.AlwaysOnProfit, ChartStyle.AlwaysOn, w, $"{AlwaysOnStrategy.StrategyName}: {Fmt.UsdShort(r.Summary.AlwaysOnProfitUsd)}", LinePattern.Solid, pixels);
        for (int b = 0; b < model.Benchmarks.Count; b++)
        {
            var bm = model.Benchmarks[b];
            if (bm.Times.Length == 0) continue;
            AddCumulative(plt, bm, SeriesMath.LocalTimes(bm, Clock), bm.Profit, ChartStyle.Benchmark(b), w,
                $"{bm.Strategy}: {Fmt.UsdShort(bm.Summary.ProfitUsd)}", LinePattern.Dashed, pixels);
        }
        AddCumulative(plt, r, local, r.Profit, ChartStyle.Strategy, w + 0.5f, $"{r.Strategy}: {Fmt.UsdShort(r.Summary.ProfitUsd)}", LinePattern.Solid, pixels);
        plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.5), LinePattern.Solid);
        ChartStyle.DateAxis(plt, local[0], local[^1]);
        ChartStyle.UsdTicksLeft(plt, compact: true);
        plt.Axes.SetLimitsX(local[0].ToOADate(), local[^1].AddHours(r.IntervalHours).ToOADate());
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>(e) Monthly profit, the strategy beside always-on (and benchmarks), one group per market month.</summary>
    public static string MonthlyProfit(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var plt = ChartStyle.NewPlot(Title("Monthly profit", model), "Market month (CPT)", "Profit (USD)");
        var months = r.Monthly;
        var series = new List<(string Name, Color Color, Func<int, double> Value)>
        {
            (r.Strategy, ChartStyle.Strategy, i => months[i].ProfitUsd),
            (AlwaysOnStrategy.StrategyName, ChartStyle.AlwaysOn, i => months[i].AlwaysOnProfitUsd),
        };
        for (int b = 0; b < model.Benchmarks.Count; b++)
        {
            var byMonth = model.Benchmarks[b].Monthly.ToDictionary(m => (m.Year, m.Month), m => m.ProfitUsd);
            series.Add((model.Benchmarks[b].Strategy, ChartStyle.Benchmark(b),
                i => byMonth.TryGetValue((months[i].Year, months[i].Month), out var v) ? v : double.NaN));
        }
        double groupWidth = 0.8, barWidth = groupWidth / series.Count;
        bool valueLabels = months.Count * series.Count <= 30;
        for (int s = 0; s < series.Count; s++)
        {
            var bars = new List<Bar>();
            for (int i = 0; i < months.Count; i++)
            {
                double v = series[s].Value(i);
                if (!double.IsFinite(v)) continue;
                bars.Add(new Bar
                {
                    Position = i - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = v,
                    Size = barWidth * 0.92,
                    FillColor = series[s].Color,
                    LineWidth = 0,
                    Label = valueLabels ? Fmt.UsdShort(v) : "",
                });
            }
            var bp = plt.Add.Bars(bars);
            bp.LegendText = series[s].Name;
            bp.ValueLabelStyle.FontSize = 11;
        }
        plt.Add.HorizontalLine(0, 1, Colors.Black.WithAlpha(0.6), LinePattern.Solid);
        plt.Axes.Bottom.TickGenerator = MonthTicks(months.Select(m => (m.Year, m.Month)).ToList(), offset: 0);
        ChartStyle.UsdTicksLeft(plt, compact: true);
        plt.Axes.SetLimitsX(-0.6, months.Count - 0.4);
        plt.Axes.Margins(horizontal: 0, vertical: 0.08);
        plt.Axes.SetLimitsX(-0.6, months.Count - 0.4);
        ChartStyle.LegendBelow(plt);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    /// <summary>(f) Run rate by market hour of day (rows, hour 0 at the bottom) and market month (columns).</summary>
    public static string RunRateHeatmap(BacktestRun model, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        var r = Check(model);
        var grid = SeriesMath.HourByMonth(r);
        int months = grid.GetLength(1);
        var plt = ChartStyle.NewPlot(Title($"Run rate by hour and month, % of hours mining ({r.Strategy})", model), "Market month (CPT)", "Hour beginning (CPT)");
        var hm = AddRunHeatmap(plt, grid, "Share of hours mining (white = no data)");
        hm.Rectangle = new CoordinateRect(0, months, 0, 24);
        if (months <= 24)
        {
            float size = months <= 12 ? 11 : 9;
            for (int m = 0; m < months; m++)
                for (int h = 0; h < 24; h++)
                {
                    double v = grid[h, m];
                    if (!double.IsFinite(v)) continue;
                    var t = plt.Add.Text((100 * v).ToString("0", Inv), m + 0.5, h + 0.5);
                    t.Alignment = Alignment.MiddleCenter;
                    t.LabelFontSize = size;
                    t.LabelFontColor = v >= 0.85 || v <= 0.15 ? Colors.White : Color.FromHex("#1B1B1B");
                }
        }
        plt.Axes.Bottom.TickGenerator = MonthTicks(r.Monthly.Select(m => (m.Year, m.Month)).ToList(), offset: 0.5);
        plt.Axes.Left.TickGenerator = HourTicks(step: months <= 24 ? 1 : 2);
        plt.Axes.SetLimits(0, months, 0, 24);
        ChartStyle.Save(plt, path, width, height);
        return path;
    }

    private static BacktestResult Check(BacktestRun model)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(model.Result);
        if (model.Result.Times.Length == 0) throw new ArgumentException("The backtest result has no intervals to chart.");
        return model.Result;
    }

    private static string Title(string what, BacktestRun model)
        => string.IsNullOrWhiteSpace(model.Info?.Title) ? what : what + " — " + model.Info.Title;

    /// <summary>
    /// Adds a series as one line per contiguous run so data gaps show as breaks, not straight lines. Each run is
    /// thinned to the image's pixel columns (<see cref="SeriesMath.ThinToColumns"/>) over the x range [x0, x1].
    /// </summary>
    private static void AddSegments(Plot plt, DateTime[] x, double[] y, List<(int Start, int Length)> runs, double intervalHours,
        Color color, float width, bool step, string legend, (double X0, double X1, int Columns) pixels)
    {
        bool first = true;
        foreach (var (start, length) in runs)
        {
            var xs = new double[length + (step ? 1 : 0)];
            var ys = new double[xs.Length];
            for (int i = 0; i < length; i++) { xs[i] = x[start + i].ToOADate(); ys[i] = y[start + i]; }
            if (step)
            {
                // Extend the last step to the end of its interval.
                xs[^1] = x[start + length - 1].AddHours(intervalHours).ToOADate();
                ys[^1] = y[start + length - 1];
            }
            (xs, ys) = Thin(xs, ys, pixels);
            var sc = plt.Add.Scatter(xs, ys, color);
            sc.MarkerSize = length == 1 && !step ? 3 : 0;
            sc.LineWidth = width;
            if (step) sc.ConnectStyle = ConnectStyle.StepHorizontal;
            if (first) sc.LegendText = legend;
            first = false;
        }
    }

    private static (double[] X, double[] Y) Thin(double[] xs, double[] ys, (double X0, double X1, int Columns) pixels)
    {
        var keep = SeriesMath.ThinToColumns(xs, ys, pixels.X0, pixels.X1, pixels.Columns);
        if (keep.Length == xs.Length) return (xs, ys);
        var tx = new double[keep.Length];
        var ty = new double[keep.Length];
        for (int k = 0; k < keep.Length; k++) { tx[k] = xs[keep[k]]; ty[k] = ys[keep[k]]; }
        return (tx, ty);
    }

    /// <summary>Running total plotted at interval ends, starting from zero at the first interval start; thinned to the pixel columns.</summary>
    private static void AddCumulative(Plot plt, BacktestResult r, DateTime[] local, double[] profit, Color color, float width, string legend, LinePattern pattern,
        (double X0, double X1, int Columns) pixels)
    {
        var cum = SeriesMath.Cumulative(profit);
        var x = new double[cum.Length + 1];
        var y = new double[cum.Length + 1];
        x[0] = local[0].ToOADate();
        for (int i = 0; i < cum.Length; i++) { x[i + 1] = local[i].AddHours(r.IntervalHours).ToOADate(); y[i + 1] = cum[i]; }
        (x, y) = Thin(x, y, pixels);
        var sc = plt.Add.Scatter(x, y, color);
        sc.MarkerSize = 0;
        sc.LineWidth = width;
        sc.LinePattern = pattern;
        sc.LegendText = legend;
    }

    private static void SpikeLabel(Plot plt, DateTime local, double value, double y, bool top, double x0, double x1)
    {
        double x = local.ToOADate();
        plt.Add.Marker(x, y, top ? MarkerShape.FilledTriangleUp : MarkerShape.FilledTriangleDown, 9, ChartStyle.Spike);
        var t = plt.Add.Text(Fmt.Price(value) + "\n" + local.ToString("yyyy-MM-dd HH:mm", Inv), x, y);
        // Keep labels near the edges inside the data area.
        double f = (x - x0) / (x1 - x0);
        t.Alignment = (top, f < 0.08, f > 0.92) switch
        {
            (true, true, _) => Alignment.UpperLeft,
            (true, _, true) => Alignment.UpperRight,
            (true, _, _) => Alignment.UpperCenter,
            (false, true, _) => Alignment.LowerLeft,
            (false, _, true) => Alignment.LowerRight,
            _ => Alignment.LowerCenter,
        };
        t.OffsetY = top ? 8 : -8;
        t.LabelFontSize = 11;
        t.LabelFontColor = ChartStyle.Spike;
        t.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
        t.LabelBorderColor = ChartStyle.Spike.WithAlpha(0.6);
        t.LabelBorderWidth = 1;
        t.LabelPadding = 3;
    }

    private static ScottPlot.Plottables.Heatmap AddRunHeatmap(Plot plt, double[,] grid, string colorbarLabel)
    {
        var hm = plt.Add.Heatmap(grid);
        hm.Colormap = ChartStyle.RunColormap;
        hm.ManualRange = new ScottPlot.Range(0, 1);
        hm.NaNCellColor = ChartStyle.Missing;
        hm.FlipVertically = true; // row 0 (hour 0) at the bottom
        var cb = plt.Add.ColorBar(hm);
        cb.Label = colorbarLabel;
        cb.LabelStyle.FontSize = 12;
        cb.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [0, 0.25, 0.5, 0.75, 1], ["0 %", "25 %", "50 %", "75 %", "100 %"]);
        return hm;
    }

    private static ScottPlot.TickGenerators.NumericManual HourTicks(int step)
    {
        var t = new ScottPlot.TickGenerators.NumericManual();
        for (int h = 0; h < 24; h += step) t.AddMajor(h + 0.5, h.ToString("00", Inv) + ":00");
        return t;
    }

    /// <summary>Day axis ticks for a heat map whose column i spans [i, i + 1).</summary>
    private static ScottPlot.TickGenerators.NumericManual DayTicks(DateOnly[] days)
    {
        var t = new ScottPlot.TickGenerators.NumericManual();
        if (days.Length <= 45)
        {
            int step = Math.Max(1, (int)Math.Ceiling(days.Length / 12.0));
            for (int i = 0; i < days.Length; i += step) t.AddMajor(i + 0.5, days[i].ToString("MMM dd", Inv));
            return t;
        }
        var monthStarts = Enumerable.Range(0, days.Length).Where(i => days[i].Day == 1).ToList();
        int every = Math.Max(1, (int)Math.Ceiling(monthStarts.Count / 14.0));
        for (int k = 0; k < monthStarts.Count; k += every)
        {
            int i = monthStarts[k];
            t.AddMajor(i, days[i].ToString("MMM yyyy", Inv));
        }
        return t;
    }

    private static ScottPlot.TickGenerators.NumericManual MonthTicks(List<(int Year, int Month)> months, double offset)
    {
        var t = new ScottPlot.TickGenerators.NumericManual();
        int every = Math.Max(1, (int)Math.Ceiling(months.Count / 18.0));
        for (int i = 0; i < months.Count; i += every)
        {
            var (y, m) = months[i];
            t.AddMajor(i + offset, new DateTime(y, m, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("MMM\nyyyy", Inv));
        }
        return t;
    }
}
