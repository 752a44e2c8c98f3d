namespace MiningDispatch.Core.Tests.TestSupport;

/// <summary>Independent checks of on/off schedules, written without reference to the production code.</summary>
internal static class Schedules
{
    /// <summary>
    /// True when the 0/1 schedule respects minimum up/down times given the initial state and the intervals already
    /// spent in it (null = long enough). A run cut short by the end of the horizon is not a violation.
    /// </summary>
    public static bool Feasible(IReadOnlyList<double> run, int minUp, int minDown, bool initiallyOn, int? initialAge)
    {
        bool state = initiallyOn;
        long age = initialAge ?? 1_000_000;
        foreach (var x in run)
        {
            bool on = x > 0.5;
            if (on != state)
            {
                if (state && age < minUp) return false;
                if (!state && age < minDown) return false;
                state = on;
                age = 1;
            }
            else age++;
        }
        return true;
    }

    /// <summary>Σ x·net − starts × startCost, counting a start at t = 0 when initially off.</summary>
    public static double Objective(IReadOnlyList<double> run, IReadOnlyList<double> net, double startCost, bool initiallyOn)
    {
        double v = 0;
        bool prev = initiallyOn;
        for (int t = 0; t < run.Count; t++)
        {
            bool on = run[t] > 0.5;
            if (on) v += net[t];
            if (on && !prev) v -= startCost;
            prev = on;
        }
        return v;
    }

    public static int Starts(IReadOnlyList<double> run, bool initiallyOn)
    {
        int s = 0;
        bool prev = initiallyOn;
        foreach (var x in run)
        {
            bool on = x > 0.5;
            if (on && !prev) s++;
            prev = on;
        }
        return s;
    }
}
