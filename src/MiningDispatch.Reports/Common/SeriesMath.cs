using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Reports.Common;

/// <summary>Display-only derivations from a <see cref="BacktestResult"/> shared by the charts, HTML and CSV.</summary>
internal static class SeriesMath
{
    /// <summary>Interval starts as market wall-clock times (Central Prevailing Time).</summary>
    public static DateTime[] LocalTimes(BacktestResult r, MarketClock clock)
    {
        var local = new DateTime[r.Times.Length];
        for (int i = 0; i < local.Length; i++) local[i] = clock.ToLocal(r.Times[i]);
        return local;
    }

    public static double[] Cumulative(double[] x)
    {
        var c = new double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++) c[i] = s += x[i];
        return c;
    }

    /// <summary>
    /// Site capacity in MW recovered from the summary (energy = Σ run × MW × Δt and operating hours = Σ run × Δt).
    /// Zero when the site never ran, in which case every interval's energy is zero anyway.
    /// </summary>
    public static double CapacityMW(BacktestResult r)
    {
        var s = r.Summary;
        if (!(s.OperatingHours > 0)) return 0;
        double mw = s.EnergyMWh / s.OperatingHours;
        // Remove the last-bit noise of the two sums so a 10 MW site prints as 10, not 9.999999999999998.
        return Math.Round(mw, 9);
    }

    /// <summary>Linear-interpolated quantile of sorted data, p in [0, 1].</summary>
    public static double Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return double.NaN;
        double pos = p * (sorted.Length - 1);
        int lo = (int)Math.Floor(pos);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>Index ranges [Start, Start + Length) of intervals that follow each other without a gap.</summary>
    public static List<(int Start, int Length)> ContiguousRuns(DateTime[] times, double intervalHours)
    {
        var runs = new List<(int, int)>();
        if (times.Length == 0) return runs;
        long step = TimeSpan.FromHours(intervalHours).Ticks;
        int start = 0;
        for (int i = 1; i < times.Length; i++)
        {
            if ((times[i] - times[i - 1]).Ticks != step)
            {
                runs.Add((start, i - start));
                start = i;
            }
        }
        runs.Add((start, times.Length - start));
        return runs;
    }

    /// <summary>
    /// Indices to keep so that a long series fits in about <paramref name="maxPoints"/> points while every spike
    /// survives: the series is cut into buckets and each bucket keeps its minimum and its maximum (in time order),
    /// plus the first and last points. Returns every index when the series is already short enough.
    /// </summary>
    public static int[] MinMaxDownsample(double[] y, int maxPoints)
    {
        int n = y.Length;
        if (n <= maxPoints || maxPoints < 4) return Enumerable.Range(0, n).ToArray();
        int buckets = maxPoints / 2;
        var keep = new List<int>(maxPoints + 2) { 0 };
        for (int b = 0; b < buckets; b++)
        {
            int a = (int)((long)b * n / buckets), e = (int)((long)(b + 1) * n / buckets);
            if (e <= a) continue;
            int iMin = a, iMax = a;
            for (int i = a + 1; i < e; i++)
            {
                if (y[i] < y[iMin]) iMin = i;
                if (y[i] > y[iMax]) iMax = i;
            }
            int first = Math.Min(iMin, iMax), second = Math.Max(iMin, iMax);
            if (first != keep[^1]) keep.Add(first);
            if (second != keep[^1]) keep.Add(second);
        }
        if (keep[^1] != n - 1) keep.Add(n - 1);
        return keep.ToArray();
    }

    /// <summary>
    /// Indices of the points of a line worth drawing in an image <paramref name="columns"/> pixels wide: the x range
    /// [<paramref name="x0"/>, <paramref name="x1"/>] is cut into that many columns and each column keeps its first
    /// and last point and its minimum and maximum (in time order, each once), so the drawn line reaches the same
    /// lowest and highest pixel in every column as the full series and joins its neighbours the same way.
    /// <paramref name="x"/> must be ascending. A year of 15-minute intervals (35,000 points) becomes at most
    /// 4 × <paramref name="columns"/> points.
    /// </summary>
    public static int[] ThinToColumns(double[] x, double[] y, double x0, double x1, int columns)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"x has {x.Length} points and y {y.Length}.", nameof(y));
        int n = x.Length;
        if (n <= 4 * columns || columns < 1 || !(x1 > x0)) return Enumerable.Range(0, n).ToArray();
        var keep = new List<int>(Math.Min(n, 4 * columns + 2));
        Span<int> four = stackalloc int[4];
        int i = 0;
        while (i < n)
        {
            int col = Column(x[i], x0, x1, columns);
            int first = i, last = i, iMin = i, iMax = i;
            int j = i + 1;
            for (; j < n && Column(x[j], x0, x1, columns) == col; j++)
            {
                last = j;
                if (y[j] < y[iMin]) iMin = j;
                if (y[j] > y[iMax]) iMax = j;
            }
            four[0] = first;
            four[1] = Math.Min(iMin, iMax);
            four[2] = Math.Max(iMin, iMax);
            four[3] = last;
            for (int k = 0; k < 4; k++)
                if (keep.Count == 0 || four[k] != keep[^1]) keep.Add(four[k]);
            i = j;
        }
        return keep.ToArray();
    }

    /// <summary>Pixel column of x in [x0, x1] split into <paramref name="columns"/> (points outside go to the edge columns).</summary>
    public static int Column(double x, double x0, double x1, int columns)
        => Math.Clamp((int)Math.Floor((x - x0) / (x1 - x0) * columns), 0, columns - 1);

    /// <summary>Average run fraction per market day (columns) and market hour of day (rows 0..23); NaN where no data.</summary>
    public static DayHourGrid DayByHour(BacktestResult r, DateTime[] local)
    {
        if (local.Length == 0) return new DayHourGrid([], new double[24, 0]);
        var first = DateOnly.FromDateTime(local[0]);
        var last = DateOnly.FromDateTime(local[^1]);
        int days = last.DayNumber - first.DayNumber + 1;
        var sum = new double[24, days];
        var count = new int[24, days];
        for (int i = 0; i < local.Length; i++)
        {
            int d = DateOnly.FromDateTime(local[i]).DayNumber - first.DayNumber;
            int h = local[i].Hour;
            sum[h, d] += r.Run[i];
            count[h, d]++;
        }
        var grid = new double[24, days];
        for (int h = 0; h < 24; h++)
            for (int d = 0; d < days; d++)
                grid[h, d] = count[h, d] > 0 ? sum[h, d] / count[h, d] : double.NaN;
        var dayList = new DateOnly[days];
        for (int d = 0; d < days; d++) dayList[d] = first.AddDays(d);
        return new DayHourGrid(dayList, grid);
    }

    /// <summary>Run rate as [hour of day, month] (rows = hours 0..23) from the result's [month, hour] grid.</summary>
    public static double[,] HourByMonth(BacktestResult r)
    {
        var src = r.RunRateByMonthAndHour;
        int months = src.GetLength(0);
        var grid = new double[24, months];
        for (int m = 0; m < months; m++)
            for (int h = 0; h < 24; h++)
                grid[h, m] = src[m, h];
        return grid;
    }
}

/// <summary>Run fraction by market hour (rows 0..23) and market day (columns).</summary>
internal sealed record DayHourGrid(DateOnly[] Days, double[,] Run);
