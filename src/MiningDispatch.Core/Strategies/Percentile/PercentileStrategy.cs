namespace MiningDispatch.Core.Strategies.Percentile;

/// <summary>
/// Runs interval t when its all-in price (settlement price plus adder) is at or below the N-th percentile of the
/// all-in prices of the W intervals before it (t − W .. t − 1). The percentile interpolates linearly between the
/// closest ranks (the "inclusive" definition of Excel's PERCENTILE.INC and numpy's default): with the window sorted
/// ascending as v₀ ≤ … ≤ v_{W−1}, h = (W − 1) × N / 100 and the level is v_⌊h⌋ + (h − ⌊h⌋)(v_⌊h⌋+1 − v_⌊h⌋).
/// While fewer than W earlier intervals exist (t &lt; W), the threshold rule decides (net profit strictly above the
/// minimum profit). Non-anticipative with the same information set as the threshold rule: the interval's own price
/// is taken as known when acting. Rows are treated as consecutive even if the series has a gap.
/// </summary>
public sealed class PercentileStrategy : IDispatchStrategy
{
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "percentile";

    public PercentileStrategy(PercentileOptions? options = null)
    {
        Options = options ?? PercentileOptions.Default;
        Options.Validate();
    }

    public PercentileOptions Options { get; }
    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ReadOnlySpan<double> allIn = problem.AllInPrice, net = problem.Net;
        int w = Options.WindowIntervals;
        double min = problem.MinProfitPerInterval, h = (w - 1) * Options.Percentile / 100.0;
        int lo = (int)Math.Floor(h);
        double frac = h - lo;
        var sorted = new double[w];
        int filled = 0;
        for (int t = 0; t < allIn.Length; t++)
        {
            if (t < w)
            {
                run[t] = net[t] > min ? 1.0 : 0.0;
            }
            else
            {
                double level = frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
                run[t] = allIn[t] <= level ? 1.0 : 0.0;
                Remove(sorted, ref filled, allIn[t - w]);
            }
            Insert(sorted, ref filled, allIn[t]);
        }
    }

    private static void Insert(double[] sorted, ref int filled, double v)
    {
        int i = Array.BinarySearch(sorted, 0, filled, v);
        if (i < 0) i = ~i;
        Array.Copy(sorted, i, sorted, i + 1, filled - i);
        sorted[i] = v;
        filled++;
    }

    private static void Remove(double[] sorted, ref int filled, double v)
    {
        int i = Array.BinarySearch(sorted, 0, filled, v);
        Array.Copy(sorted, i + 1, sorted, i, filled - i - 1);
        filled--;
    }
}
