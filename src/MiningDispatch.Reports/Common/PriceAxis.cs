namespace MiningDispatch.Reports.Common;

/// <summary>
/// Y range for the price chart. ERCOT prices spend most hours between $0 and $100/MWh and then jump to the $5,000
/// cap for a few hours; drawing the full range flattens everything else. The axis is clipped near the 99th
/// percentile (and the 1st at the bottom, never hiding the breakeven line or $0) whenever the extremes would waste
/// most of the height; the clipped hours are counted and the largest ones labelled so no spike is hidden silently.
/// (On HB_WEST 2023-24 the 99.5th percentile is still above $1,000/MWh, which squeezes the breakeven line into the
/// bottom sixth of the chart; the 99th is about $465.)
/// </summary>
internal sealed record PriceAxis(
    double Min,
    double Max,
    bool ClippedHigh,
    bool ClippedLow,
    int CountAbove,
    int CountBelow,
    int[] LabelHigh,
    int[] LabelLow,
    double DataMax,
    double DataMin)
{
    private const int MaxLabels = 6;

    public static PriceAxis Compute(double[] allIn, double[] breakeven)
    {
        int n = allIn.Length;
        if (n == 0) return new PriceAxis(0, 1, false, false, 0, 0, [], [], double.NaN, double.NaN);
        var sorted = (double[])allIn.Clone();
        Array.Sort(sorted);
        // Robust top/bottom: the 99th / 1st percentile, but never the single most extreme point of a short series.
        int k = Math.Max(1, (int)(n * 0.01));
        double pHi = sorted[Math.Max(0, n - 1 - k)];
        double pLo = sorted[Math.Min(n - 1, k)];
        double beMax = breakeven.Length > 0 ? breakeven.Max() : pHi;
        double beMin = breakeven.Length > 0 ? breakeven.Min() : pLo;
        double coreHi = Math.Max(pHi, beMax);
        double coreLo = Math.Min(Math.Min(pLo, beMin), 0);
        double span = Math.Max(coreHi - coreLo, 1.0);
        double dataMax = sorted[^1], dataMin = sorted[0];

        bool clipHigh = dataMax > coreHi + 0.5 * span;
        bool clipLow = dataMin < coreLo - 0.5 * span;
        double pad = 0.08 * span;
        double max = clipHigh ? coreHi + 2 * pad : dataMax + pad;
        double min = clipLow ? coreLo - 2 * pad : Math.Min(dataMin, coreLo) - pad;
        if (!clipHigh) max = Math.Max(max, coreHi + pad);

        int above = 0, below = 0;
        for (int i = 0; i < n; i++)
        {
            if (allIn[i] > max) above++;
            if (allIn[i] < min) below++;
        }
        return new PriceAxis(min, max, clipHigh, clipLow, above, below,
            clipHigh ? PickLabels(allIn, i => allIn[i] > max, descending: true) : [],
            clipLow ? PickLabels(allIn, i => allIn[i] < min, descending: false) : [],
            dataMax, dataMin);
    }

    /// <summary>The most extreme clipped points, at least n/6 intervals apart so their labels (about a tenth of the plot width, edge labels shifted inwards) do not overlap.</summary>
    private static int[] PickLabels(double[] v, Func<int, bool> clipped, bool descending)
    {
        int n = v.Length;
        var idx = Enumerable.Range(0, n).Where(clipped);
        idx = descending ? idx.OrderByDescending(i => v[i]).ThenBy(i => i) : idx.OrderBy(i => v[i]).ThenBy(i => i);
        int minSep = Math.Max(1, n / 6);
        var chosen = new List<int>();
        foreach (int i in idx)
        {
            if (chosen.All(c => Math.Abs(c - i) >= minSep)) chosen.Add(i);
            if (chosen.Count == MaxLabels) break;
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>One-line description of what was clipped, or null when nothing was.</summary>
    public string? Note()
    {
        var parts = new List<string>();
        if (ClippedHigh) parts.Add($"{Fmt.Int(CountAbove)} interval(s) above {Fmt.Price(Max)}/MWh (max {Fmt.Price(DataMax)})");
        if (ClippedLow) parts.Add($"{Fmt.Int(CountBelow)} interval(s) below {Fmt.Price(Min)}/MWh (min {Fmt.Price(DataMin)})");
        return parts.Count == 0 ? null : "Y axis clipped: " + string.Join("; ", parts);
    }
}
