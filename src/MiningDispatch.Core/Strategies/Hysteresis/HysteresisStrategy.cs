namespace MiningDispatch.Core.Strategies.Hysteresis;

/// <summary>
/// Two-level band with confirmation windows (docs/mining-economics.md §2.4, Foreman "low strike / high strike").
/// While on, the site curtails in the N-th consecutive interval whose all-in price is above the off level, or at once
/// when the price is above the optional high strike. While off, it resumes in the M-th consecutive interval whose
/// all-in price is below the on level. A price between the levels resets both counters.
/// Non-anticipative: interval t is decided from prices and hashprices of intervals up to and including t (the same
/// information set as <see cref="Threshold.ThresholdStrategy"/>: the interval's own price is taken as known when acting).
/// Rows are treated as consecutive even if the series has a gap. <see cref="Economics.SiteSpec.MinProfitUsdPerHour"/>
/// is not used: the band plays that role.
/// </summary>
public sealed class HysteresisStrategy : IDispatchStrategy
{
    public HysteresisStrategy(HysteresisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    public HysteresisOptions Options { get; }
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "hysteresis";

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ReadOnlySpan<double> allIn = problem.AllInPrice;
        ReadOnlySpan<double> breakeven = problem.Breakeven;
        var o = Options;
        double high = o.HighStrikeUsdPerMWh ?? double.PositiveInfinity;
        bool on = o.InitiallyOn;
        int above = 0, below = 0;
        for (int t = 0; t < allIn.Length; t++)
        {
            double p = allIn[t];
            if (p > o.OffPrice(breakeven[t])) { above++; below = 0; }
            else if (p < o.OnPrice(breakeven[t])) { below++; above = 0; }
            else { above = 0; below = 0; }

            if (on)
            {
                if (p > high || above >= o.OffConfirmIntervals) on = false;
            }
            else if (below >= o.OnConfirmIntervals && !(p > high))
            {
                on = true;
            }
            run[t] = on ? 1.0 : 0.0;
        }
    }
}
