using System.Globalization;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// The stochastic hashprice of the forward Monte Carlo: daily log-changes of a daily hashprice history, taken only
/// within its last halving epoch (<see cref="HalvingSchedule"/>) from <see cref="SettleDays"/> days after the halving on,
/// and demeaned, block-bootstrapped onto each path.
/// <para>
/// Model: r_k = ln(hp_k / hp_{k−1}) over consecutive UTC days k of the history's last epoch, starting
/// <see cref="SettleDays"/> days after its halving (a halving jump is never a change, not even the slow one a moving
/// average draws); c_k = r_k − mean(r). A path draws runs of <c>blockDays</c> consecutive c's (uniformly among the runs that
/// fit) until it covers the horizon, and its hashprice on UTC day d of the horizon is path(d) × exp(c_1 + … + c_d):
/// day 0 is the given path value, the spread grows with the horizon like the history's own daily moves (consecutive
/// days are kept together, so the autocorrelation of a smoothed series is kept too), and, the changes being demeaned,
/// the given path is the central (median) case rather than being tilted by the history's drift.
/// </para>
/// </summary>
public sealed class HashpriceShocks
{
    /// <summary>Fewest daily changes a history must give for the model to be estimated.</summary>
    public const int MinChanges = 30;

    /// <summary>
    /// Days after a halving whose changes are left out: a smoothed series (a 7-day moving average, as blockchain.com
    /// and the sample publish) still carries the pre-halving level into them. In the sample the drop of the
    /// 2024-04-20 halving runs until 2024-05-01; two weeks cover it.
    /// </summary>
    public const int SettleDays = 14;

    private readonly double[] _changes;

    private HashpriceShocks(double[] changes, DateOnly first, DateOnly last, int epoch, double mean, double sd)
    {
        _changes = changes;
        FirstDay = first;
        LastDay = last;
        Epoch = epoch;
        MeanDailyLogChange = mean;
        DailyLogStdDev = sd;
    }

    /// <summary>First UTC day of the history used (the day before the first change).</summary>
    public DateOnly FirstDay { get; }
    /// <summary>Last UTC day of the history used.</summary>
    public DateOnly LastDay { get; }
    /// <summary>The halving epoch the changes come from.</summary>
    public int Epoch { get; }
    /// <summary>Number of daily changes.</summary>
    public int Count => _changes.Length;
    /// <summary>Mean daily log-change of the history (removed before sampling).</summary>
    public double MeanDailyLogChange { get; }
    /// <summary>Sample standard deviation of the daily log-changes (n − 1).</summary>
    public double DailyLogStdDev { get; }
    /// <summary>The demeaned daily log-changes, in day order.</summary>
    public IReadOnlyList<double> Changes => _changes;

    /// <summary>One line for run descriptions.</summary>
    public string Description => string.Format(CultureInfo.InvariantCulture,
        "path × exp(sum of block-bootstrapped daily log-changes of hashprice, {0:yyyy-MM-dd} .. {1:yyyy-MM-dd}, halving epoch {2}, demeaned; daily s.d. {3:0.00} %)",
        FirstDay, LastDay, Epoch, 100 * DailyLogStdDev);

    /// <summary>
    /// Estimates the model from a daily hashprice history (UTC day starts, strictly increasing, any unit): the changes
    /// between consecutive days that both lie in the epoch of the last day and are both positive.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than <see cref="MinChanges"/> changes, or unordered or non-finite input.</exception>
    public static HashpriceShocks FromDaily(IReadOnlyList<DateTime> dayStartsUtc, IReadOnlyList<double> hashprice)
    {
        ArgumentNullException.ThrowIfNull(dayStartsUtc);
        ArgumentNullException.ThrowIfNull(hashprice);
        if (dayStartsUtc.Count != hashprice.Count)
            throw new ArgumentException($"The hashprice history has {dayStartsUtc.Count} days and {hashprice.Count} values.");
        if (dayStartsUtc.Count == 0) throw new ArgumentException("The hashprice history is empty.");
        for (int i = 1; i < dayStartsUtc.Count; i++)
            if (dayStartsUtc[i] <= dayStartsUtc[i - 1])
                throw new ArgumentException($"The hashprice history is not in increasing time order at {dayStartsUtc[i]:yyyy-MM-dd}.");
        int epoch = HalvingSchedule.Epoch(dayStartsUtc[^1]);
        var from = epoch == 0 ? DateTime.MinValue : HalvingSchedule.HalvingsUtc[epoch - 1].AddDays(SettleDays);
        var list = new List<double>();
        DateTime? first = null;
        for (int i = 1; i < dayStartsUtc.Count; i++)
        {
            DateTime a = dayStartsUtc[i - 1], b = dayStartsUtc[i];
            if (a < from || b - a != TimeSpan.FromDays(1)) continue;
            double x = hashprice[i - 1], y = hashprice[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
                throw new ArgumentException($"The hashprice history is not finite on {(double.IsFinite(x) ? b : a):yyyy-MM-dd}.");
            if (!(x > 0 && y > 0)) continue;
            first ??= a;
            list.Add(Math.Log(y / x));
        }
        if (list.Count < MinChanges)
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                "The hashprice history ({0:yyyy-MM-dd} .. {1:yyyy-MM-dd}) has {2} daily changes in its last halving epoch ({3}); the forward Monte Carlo needs at least {4}.",
                dayStartsUtc[0], dayStartsUtc[^1], list.Count,
                epoch == 0 ? "from the start" : string.Format(CultureInfo.InvariantCulture, "from {0:yyyy-MM-dd}, {1} days after the {2:yyyy-MM-dd} halving", from, SettleDays, HalvingSchedule.HalvingsUtc[epoch - 1]),
                MinChanges));
        double mean = 0;
        foreach (double r in list) mean += r;
        mean /= list.Count;
        double ss = 0;
        foreach (double r in list) ss += (r - mean) * (r - mean);
        var changes = new double[list.Count];
        for (int i = 0; i < changes.Length; i++) changes[i] = list[i] - mean;
        return new HashpriceShocks(changes, DateOnly.FromDateTime(first!.Value), DateOnly.FromDateTime(dayStartsUtc[^1]), epoch, mean,
            Math.Sqrt(ss / (list.Count - 1)));
    }

    /// <summary>
    /// Multipliers exp(c_1 + … + c_d) for every interval of <paramref name="timesUtc"/>, d being the UTC day of the
    /// interval counted from the first interval's UTC day; the c's are drawn in runs of <paramref name="blockDays"/> with <paramref name="rng"/>.
    /// </summary>
    internal double[] Multipliers(IReadOnlyList<DateTime> timesUtc, int blockDays, Xoshiro256StarStar rng)
    {
        int m = timesUtc.Count;
        var factor = new double[m];
        if (m == 0) return factor;
        var day0 = timesUtc[0].Date;
        int days = (timesUtc[^1].Date - day0).Days + 1;
        var cumulative = new double[days];
        int b = Math.Min(blockDays, _changes.Length);
        int starts = _changes.Length - b + 1;
        double sum = 0;
        for (int d = 1; d < days;)
        {
            int s = rng.NextInt(starts);
            for (int k = 0; k < b && d < days; k++, d++)
            {
                sum += _changes[s + k];
                cumulative[d] = sum;
            }
        }
        for (int i = 0; i < m; i++) factor[i] = Math.Exp(cumulative[(timesUtc[i].Date - day0).Days]);
        return factor;
    }
}
