using System.Globalization;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Forward;

/// <summary>How a block's hourly shape was applied.</summary>
public enum ShapeMode
{
    /// <summary>f_t = F × s_t / mean(s): hourly ratios to the historical block mean, rescaled to the block price.</summary>
    Multiplicative,

    /// <summary>f_t = F + d_t − mean(d): hourly $/MWh differences from the historical block mean (used near zero or below).</summary>
    Additive,

    /// <summary>No history for the block at all: every hour gets the block price.</summary>
    Flat,
}

/// <summary>Statistic of the historical prices in a shape cell.</summary>
public enum ShapeStatistic
{
    /// <summary>Arithmetic mean (the textbook shape; scarcity spikes in the history show up in the shape).</summary>
    Mean,

    /// <summary>Median: robust to a few scarcity hours, which would otherwise put a spike on the same hour of every day of the month.</summary>
    Median,
}

/// <summary>Settings for <see cref="HourlyShaper"/>.</summary>
public sealed record ShapeOptions
{
    /// <summary>Default settings: month-of-year shapes, $5/MWh multiplicative floor, no cap, NERC holidays.</summary>
    public static ShapeOptions Default { get; } = new();

    /// <summary>
    /// True: the shape of a delivery month uses only historical hours of the same calendar month (seasonal shape),
    /// falling back to all months for a (day type, hour) cell that has no history in that month.
    /// False: one shape from all history.
    /// </summary>
    public bool ByMonthOfYear { get; init; } = true;

    /// <summary>
    /// A block is shaped multiplicatively only when both its forward price and the historical block mean are at least
    /// this many $/MWh; otherwise the additive shape is used. Ratios to a mean near zero explode, and multiplying a
    /// negative price by a peak-hour ratio would turn peaks into troughs.
    /// </summary>
    public double MultiplicativeFloorUsdPerMWh { get; init; } = 5.0;

    /// <summary>
    /// Statistic of each shape cell. The block's historical level B is the hour-weighted average of its cells'
    /// statistics (for <see cref="ShapeStatistic.Mean"/> that is the plain mean of the block's historical hours).
    /// </summary>
    public ShapeStatistic CellStatistic { get; init; } = ShapeStatistic.Mean;

    /// <summary>Optional cap applied to historical prices before averaging, so a single scarcity event does not dominate the shape.</summary>
    public double? HistoricalPriceCapUsdPerMWh { get; init; }

    /// <summary>Block calendar (holiday handling); NERC holidays are off-peak days by default.</summary>
    public ForwardBlockCalendar Calendar { get; init; } = ForwardBlockCalendar.Nerc;
}

/// <summary>What the shaper did for one (delivery month, block): its forward hours and the shape mode used.</summary>
/// <param name="HistoricalHours">Historical observations behind the block mean that was used.</param>
/// <param name="HistoricalBlockMeanUsdPerMWh">Historical level B of the block (hour-weighted average of its cells' mean or median; same month of year, or all months), null when flat.</param>
public sealed record ShapedBlock(
    int Year,
    int Month,
    ForwardBlock Block,
    int Hours,
    double BlockPriceUsdPerMWh,
    ShapeMode Mode,
    int HistoricalHours,
    double? HistoricalBlockMeanUsdPerMWh,
    double MinUsdPerMWh,
    double MaxUsdPerMWh);

/// <summary>Hourly prices from <see cref="HourlyShaper.ShapeDetailed"/>, aligned with <see cref="HoursUtc"/>, plus one row per block.</summary>
public sealed record ShapedCurve(DateTime[] HoursUtc, double[] PriceUsdPerMWh, IReadOnlyList<ShapedBlock> Blocks);

/// <summary>
/// Turns monthly block forward prices into hourly prices with a historical hourly shape (docs/mining-economics.md §3.2).
/// <para>
/// Shape cells are (month of year, or all months) × (day type: weekday / off-peak day) × (local hour 0..23). For each
/// cell the historical mean (or median, <see cref="ShapeOptions.CellStatistic"/>) price μ is compared with the
/// hour-weighted average B of the block's cells over the same months:
/// multiplicative scalar s = μ / B, additive offset d = μ − B. For each forward (month, block) with price F and forward
/// hours t: f_t = F·s_t / mean_t(s) (multiplicative) or f_t = F + d_t − mean_t(d) (additive), so the average of the
/// hourly prices over the block's forward hours equals F (arbitrage-free; the residual rounding is removed by a final
/// additive correction). A partial month (forward hours covering only part of it) is normalised over the hours given.
/// </para>
/// <para>
/// Additive shaping is used when F or the historical block mean is below <see cref="ShapeOptions.MultiplicativeFloorUsdPerMWh"/>
/// or when the multiplicative scalars average to zero or less over the block's forward hours. A year with scarcity
/// events makes a mean shape spiky (a $5,000 hour puts a premium on that hour of every day of the month): use
/// <see cref="ShapeStatistic.Median"/> or <see cref="ShapeOptions.HistoricalPriceCapUsdPerMWh"/> for a smoother shape,
/// and the Monte Carlo in <see cref="Risk.MonteCarloEngine"/> for the value of spikes. A cell without history
/// in its month falls back to the all-months cell; a cell without any history gets s = 1 (d = 0); a block without any
/// history is flat.
/// </para>
/// </summary>
public static class HourlyShaper
{
    /// <summary>Hourly forward prices ($/MWh), one per element of <paramref name="forwardHoursUtc"/>.</summary>
    public static double[] Shape(
        ForwardCurve curve,
        DateTime[] historicalHoursUtc,
        double[] historicalPricesUsdPerMWh,
        DateTime[] forwardHoursUtc,
        MarketClock clock,
        ShapeOptions? options = null)
        => ShapeDetailed(curve, historicalHoursUtc, historicalPricesUsdPerMWh, forwardHoursUtc, clock, options).PriceUsdPerMWh;

    /// <summary>As <see cref="Shape"/>, also reporting the mode and statistics of every (month, block).</summary>
    public static ShapedCurve ShapeDetailed(
        ForwardCurve curve,
        DateTime[] historicalHoursUtc,
        double[] historicalPricesUsdPerMWh,
        DateTime[] forwardHoursUtc,
        MarketClock clock,
        ShapeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(forwardHoursUtc);
        ArgumentNullException.ThrowIfNull(clock);
        options ??= ShapeOptions.Default;
        if (!(options.MultiplicativeFloorUsdPerMWh >= 0) || !double.IsFinite(options.MultiplicativeFloorUsdPerMWh))
            throw new ArgumentException("The multiplicative floor must be a finite, non-negative $/MWh.");
        ValidateForwardHours(forwardHoursUtc);
        var calendar = options.Calendar ?? ForwardBlockCalendar.Nerc;
        var history = new HistoricalShape(historicalHoursUtc, historicalPricesUsdPerMWh, clock, calendar, options.HistoricalPriceCapUsdPerMWh, options.CellStatistic);

        int n = forwardHoursUtc.Length;
        var dayType = new bool[n];
        var hour = new int[n];
        var groups = new Dictionary<(int Y, int M, ForwardBlock B), List<int>>();
        for (int i = 0; i < n; i++)
        {
            var local = clock.ToLocal(forwardHoursUtc[i]);
            bool offPeak = calendar.IsOffPeakDay(DateOnly.FromDateTime(local));
            dayType[i] = offPeak;
            hour[i] = local.Hour;
            var key = (local.Year, local.Month, ForwardBlockCalendar.BlockOf(offPeak, local.Hour));
            if (!groups.TryGetValue(key, out var list))
            {
                if (!curve.TryGetPrice(key.Year, key.Month, key.Item3, out _))
                    throw new KeyNotFoundException(string.Format(CultureInfo.InvariantCulture,
                        "Forward curve{0} has no {1} price for {2:D4}-{3:D2}, needed for forward hour {4:O}.",
                        curve.Source.Length > 0 ? " " + curve.Source : "", ForwardBlockCalendar.Name(key.Item3), key.Year, key.Month, forwardHoursUtc[i]));
                groups[key] = list = new List<int>();
            }
            list.Add(i);
        }

        var prices = new double[n];
        var blocks = new List<ShapedBlock>(groups.Count);
        foreach (var ((y, m, block), idx) in groups.OrderBy(g => (g.Key.Y, g.Key.M, g.Key.B)))
        {
            double f = curve.Price(y, m, block);
            blocks.Add(ShapeBlock(history, options, y, m, block, f, idx, dayType, hour, prices));
        }
        return new ShapedCurve(forwardHoursUtc, prices, blocks);
    }

    private static ShapedBlock ShapeBlock(HistoricalShape history, ShapeOptions options, int year, int month, ForwardBlock block, double f,
        List<int> idx, bool[] dayType, int[] hour, double[] prices)
    {
        int slot = options.ByMonthOfYear && history.BlockCount(month, block) > 0 ? month : 0;
        int count = idx.Count;
        ShapeMode mode;
        if (history.BlockCount(0, block) == 0)
        {
            mode = ShapeMode.Flat;
            foreach (int t in idx) prices[t] = f;
        }
        else
        {
            var s = new double[count];
            var d = new double[count];
            double floor = options.MultiplicativeFloorUsdPerMWh;
            bool ratiosOk = f >= floor;
            for (int k = 0; k < count; k++)
            {
                int t = idx[k];
                int cellSlot = history.CellCount(slot, dayType[t], hour[t]) > 0 ? slot
                    : history.CellCount(0, dayType[t], hour[t]) > 0 ? 0 : -1;
                if (cellSlot < 0) { s[k] = 1.0; d[k] = 0.0; continue; }
                double mu = history.CellStat(cellSlot, dayType[t], hour[t]);
                double b = history.BlockMean(cellSlot, block);
                if (b < floor) ratiosOk = false;
                s[k] = mu / b;
                d[k] = mu - b;
            }
            double sMean = Mean(s), dMean = Mean(d);
            if (ratiosOk && sMean > 1e-9)
            {
                mode = ShapeMode.Multiplicative;
                for (int k = 0; k < count; k++) prices[idx[k]] = f * (s[k] / sMean);
            }
            else
            {
                mode = ShapeMode.Additive;
                for (int k = 0; k < count; k++) prices[idx[k]] = f + (d[k] - dMean);
            }
            // Remove the last rounding residue so the block average is F to machine precision.
            double sum = 0;
            foreach (int t in idx) sum += prices[t];
            double fix = f - sum / count;
            foreach (int t in idx) prices[t] += fix;
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (int t in idx) { min = Math.Min(min, prices[t]); max = Math.Max(max, prices[t]); }
        int histHours = history.BlockCount(slot, block);
        double? histMean = mode == ShapeMode.Flat ? null : history.BlockMean(slot, block);
        return new ShapedBlock(year, month, block, count, f, mode, histHours, histMean, min, max);
    }

    private static double Mean(double[] a)
    {
        double s = 0;
        foreach (double v in a) s += v;
        return s / a.Length;
    }

    private static void ValidateForwardHours(DateTime[] hours)
    {
        if (hours.Length == 0) throw new ArgumentException("No forward hours to shape.");
        for (int i = 0; i < hours.Length; i++)
        {
            if (hours[i].Kind != DateTimeKind.Utc)
                throw new ArgumentException($"Forward hour {i} ({hours[i]:O}) is not UTC.");
            if (hours[i].Ticks % TimeSpan.TicksPerHour != 0)
                throw new ArgumentException($"Forward hour {i} ({hours[i]:O}) does not start on a whole hour.");
            if (i > 0 && hours[i] <= hours[i - 1])
                throw new ArgumentException($"Forward hours must be strictly increasing: {hours[i - 1]:O} then {hours[i]:O}.");
        }
    }

    /// <summary>Historical statistics per shape cell and per block, for all months (slot 0) and each month (1..12).</summary>
    private sealed class HistoricalShape
    {
        private const int Cells = 13 * 2 * 24;
        private readonly double[] _cellStat = new double[Cells];
        private readonly int[] _cellCount = new int[Cells];
        private readonly double[] _blockLevel = new double[13 * 3];
        private readonly int[] _blockCount = new int[13 * 3];

        public HistoricalShape(DateTime[] utc, double[] price, MarketClock clock, ForwardBlockCalendar calendar, double? cap, ShapeStatistic statistic)
        {
            ArgumentNullException.ThrowIfNull(utc);
            ArgumentNullException.ThrowIfNull(price);
            if (utc.Length != price.Length)
                throw new ArgumentException($"Historical times ({utc.Length}) and prices ({price.Length}) differ in length.");
            if (cap is { } c && !double.IsFinite(c)) throw new ArgumentException("The historical price cap must be finite.");
            if (!Enum.IsDefined(statistic)) throw new ArgumentException($"Unknown shape statistic {statistic}.");
            var sums = new double[Cells];
            var values = statistic == ShapeStatistic.Median ? new List<double>?[Cells] : null;
            for (int i = 0; i < utc.Length; i++)
            {
                if (utc[i].Kind != DateTimeKind.Utc)
                    throw new ArgumentException($"Historical hour {i} ({utc[i]:O}) is not UTC.");
                double p = price[i];
                if (!double.IsFinite(p))
                    throw new ArgumentException($"Historical price {i} at {utc[i]:O} is not a finite number ({p.ToString(CultureInfo.InvariantCulture)}).");
                if (cap is { } capValue && p > capValue) p = capValue;
                var local = clock.ToLocal(utc[i]);
                bool offPeak = calendar.IsOffPeakDay(DateOnly.FromDateTime(local));
                foreach (int slot in (ReadOnlySpan<int>)[0, local.Month])
                {
                    int cell = CellIndex(slot, offPeak, local.Hour);
                    sums[cell] += p;
                    _cellCount[cell]++;
                    if (values is not null) (values[cell] ??= new List<double>()).Add(p);
                }
            }
            var levelSum = new double[13 * 3];
            for (int slot = 0; slot < 13; slot++)
                for (int d = 0; d < 2; d++)
                    for (int h = 0; h < 24; h++)
                    {
                        int cell = CellIndex(slot, d == 1, h);
                        int n = _cellCount[cell];
                        if (n == 0) continue;
                        _cellStat[cell] = values is null ? sums[cell] / n : Median(values[cell]!);
                        int b = slot * 3 + (int)ForwardBlockCalendar.BlockOf(d == 1, h);
                        levelSum[b] += n * _cellStat[cell];
                        _blockCount[b] += n;
                    }
            for (int b = 0; b < levelSum.Length; b++)
                if (_blockCount[b] > 0) _blockLevel[b] = levelSum[b] / _blockCount[b];
        }

        public int CellCount(int slot, bool offPeak, int hour) => _cellCount[CellIndex(slot, offPeak, hour)];

        public double CellStat(int slot, bool offPeak, int hour) => _cellStat[CellIndex(slot, offPeak, hour)];

        public int BlockCount(int slot, ForwardBlock block) => _blockCount[slot * 3 + (int)block];

        public double BlockMean(int slot, ForwardBlock block) => _blockLevel[slot * 3 + (int)block];

        private static double Median(List<double> v)
        {
            v.Sort();
            int n = v.Count;
            return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
        }

        private static int CellIndex(int slot, bool offPeak, int hour) => (slot * 2 + (offPeak ? 1 : 0)) * 24 + hour;
    }
}
