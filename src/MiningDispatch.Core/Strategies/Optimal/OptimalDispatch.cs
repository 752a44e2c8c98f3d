namespace MiningDispatch.Core.Strategies.Optimal;

/// <summary>
/// Exact perfect-foresight on/off dispatch with minimum up time, minimum down time and a start cost, by dynamic
/// programming over (on/off, time in state capped at UT/DT): O(T·(UT+DT)) time, O(UT+DT) values and one byte of
/// backpointer per interval.
/// </summary>
/// <remarks>
/// States: "on for a intervals" (a = 1..UT, UT meaning "UT or more") and "off for b intervals" (b = 1..DT). Only the
/// two capped states and the two entry states (on,1 and off,1) have two predecessors, so one byte per interval holds
/// every choice. Ties prefer being off, so with no constraints an interval of exactly zero net is left off, as in
/// threshold dispatch.
/// </remarks>
public static class OptimalDispatch
{
    private const byte OnFromOn = 1;   // the on state with two predecessors came from the on side
    private const byte OffFromOff = 2; // the off state with two predecessors came from the off side

    /// <summary>Solves for a given per-interval net value (USD if fully on) and start cost (USD per start).</summary>
    public static OptimalSolution Solve(ReadOnlySpan<double> net, double startCostUsd, OptimalOptions options)
    {
        var run = new double[net.Length];
        double objective = Solve(net, startCostUsd, options, run);
        double margin = 0;
        int starts = 0, stops = 0;
        bool prev = options.InitiallyOn;
        for (int t = 0; t < run.Length; t++)
        {
            bool on = run[t] > 0.5;
            if (on) margin += net[t];
            if (on && !prev) starts++;
            if (!on && prev) stops++;
            prev = on;
        }
        return new OptimalSolution(run, objective, margin, starts, stops, startCostUsd);
    }

    /// <summary>Fills <paramref name="run"/> with the optimal 0/1 schedule and returns the objective in USD.</summary>
    public static double Solve(ReadOnlySpan<double> net, double startCostUsd, OptimalOptions options, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!double.IsFinite(startCostUsd) || startCostUsd < 0)
            throw new ArgumentOutOfRangeException(nameof(startCostUsd), "Start cost must be finite and non-negative.");
        if (run.Length != net.Length) throw new ArgumentException("Run schedule length differs from the net values.");
        int n = net.Length;
        if (n == 0) return 0;
        int up = options.MinUpIntervals, down = options.MinDownIntervals;
        const double Ninf = double.NegativeInfinity;

        var on = new double[up];
        var off = new double[down];
        var nextOn = new double[up];
        var nextOff = new double[down];
        var choice = new byte[n];
        Array.Fill(on, Ninf);
        Array.Fill(off, Ninf);
        if (options.InitiallyOn) on[Math.Min(options.InitialIntervalsInState ?? up, up) - 1] = 0;
        else off[Math.Min(options.InitialIntervalsInState ?? down, down) - 1] = 0;

        for (int t = 0; t < n; t++)
        {
            double v = net[t];
            if (!double.IsFinite(v)) throw new ArgumentException($"Net value at interval {t} is not a finite number.");
            byte c = 0;

            // On, age 1: start from off (age >= DT); when UT = 1 this is also the capped state and may come from on.
            double start = off[down - 1] + v - startCostUsd;
            if (up == 1)
            {
                double stay = on[0] + v;
                if (stay > start) { nextOn[0] = stay; c |= OnFromOn; } else nextOn[0] = start;
            }
            else
            {
                nextOn[0] = start;
                for (int a = 1; a < up - 1; a++) nextOn[a] = on[a - 1] + v;
                double fromYounger = on[up - 2], fromCap = on[up - 1];
                if (fromCap > fromYounger) { nextOn[up - 1] = fromCap + v; c |= OnFromOn; } else nextOn[up - 1] = fromYounger + v;
            }

            // Off, age 1: stop from on (age >= UT); when DT = 1 this is also the capped state and may come from off.
            double stop = on[up - 1];
            if (down == 1)
            {
                double stay = off[0];
                if (stay >= stop) { nextOff[0] = stay; c |= OffFromOff; } else nextOff[0] = stop;
            }
            else
            {
                nextOff[0] = stop;
                for (int b = 1; b < down - 1; b++) nextOff[b] = off[b - 1];
                double fromYounger = off[down - 2], fromCap = off[down - 1];
                if (fromCap >= fromYounger) { nextOff[down - 1] = fromCap; c |= OffFromOff; } else nextOff[down - 1] = fromYounger;
            }

            choice[t] = c;
            (on, nextOn) = (nextOn, on);
            (off, nextOff) = (nextOff, off);
        }

        // Best final state, preferring off on ties.
        bool isOn = false;
        int age = 0;
        double best = Ninf;
        for (int b = 0; b < down; b++) if (off[b] > best) { best = off[b]; age = b; }
        for (int a = 0; a < up; a++) if (on[a] > best) { best = on[a]; age = a; isOn = true; }

        // Walk the backpointers: (isOn, age) is the state after interval t; find the state after t − 1.
        for (int t = n - 1; t >= 0; t--)
        {
            run[t] = isOn ? 1.0 : 0.0;
            byte c = choice[t];
            if (isOn)
            {
                bool capped = age == up - 1;
                if (capped && (c & OnFromOn) != 0) age = up == 1 ? 0 : up - 1;    // stayed at the cap
                else if (age == 0) { isOn = false; age = down - 1; }             // started from off
                else age--;                                                       // one interval younger
            }
            else
            {
                bool capped = age == down - 1;
                if (capped && (c & OffFromOff) != 0) age = down == 1 ? 0 : down - 1;
                else if (age == 0) { isOn = true; age = up - 1; }
                else age--;
            }
        }
        return best;
    }
}
