using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.Core.Strategies.Comparison;

/// <summary>
/// Switching behaviour of a schedule measured against <see cref="OptimalOptions"/> constraints, so that any strategy
/// can be charged the same restart cost the optimum pays and checked against the same minimum up/down times.
/// </summary>
/// <param name="Starts">Off→on switches (a fraction above 0 counts as on), including t = 0 when initially off.</param>
/// <param name="Stops">On→off switches, including t = 0 when initially on.</param>
/// <param name="RestartCostUsd">Restart cost × MW × Σ max(0, x_t − x_{t−1}): for 0/1 schedules, starts × cost per start.</param>
/// <param name="MinUpViolations">On-blocks that ended before the minimum up time (a block cut by the horizon end is not counted).</param>
/// <param name="MinDownViolations">Off-blocks that ended before the minimum down time.</param>
public sealed record SwitchingStats(int Starts, int Stops, double RestartCostUsd, int MinUpViolations, int MinDownViolations)
{
    /// <summary>True when the schedule respects the minimum up and down times.</summary>
    public bool IsFeasible => MinUpViolations == 0 && MinDownViolations == 0;

    /// <summary>Measures <paramref name="run"/> for a site of <paramref name="capacityMw"/> MW.</summary>
    public static SwitchingStats Measure(ReadOnlySpan<double> run, OptimalOptions constraints, double capacityMw)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        constraints.Validate();
        int starts = 0, stops = 0, upViol = 0, downViol = 0;
        double rampUp = 0;
        bool state = constraints.InitiallyOn;
        double prevX = state ? 1.0 : 0.0;
        long age = constraints.InitialIntervalsInState ?? long.MaxValue / 2;
        foreach (double x in run)
        {
            rampUp += Math.Max(0, x - prevX);
            prevX = x;
            bool on = x > 0;
            if (on != state)
            {
                if (state) { stops++; if (age < constraints.MinUpIntervals) upViol++; }
                else { starts++; if (age < constraints.MinDownIntervals) downViol++; }
                state = on;
                age = 1;
            }
            else age++;
        }
        return new SwitchingStats(starts, stops, rampUp * constraints.RestartCostUsdPerMw * capacityMw, upViol, downViol);
    }
}
