using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.FourCp;

/// <summary>
/// Decorator: runs <see cref="Inner"/>, then forces the site off in the intervals that
/// <see cref="Avoidance"/> flags as likely 4CP peaks. Non-anticipative when the inner strategy is (both avoidance
/// rules read nothing after the interval being decided).
/// </summary>
public sealed class FourCpStrategy : IDispatchStrategy
{
    public FourCpStrategy(IDispatchStrategy inner, FourCpAvoidance avoidance, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(avoidance);
        Inner = inner;
        Avoidance = avoidance;
        Clock = clock ?? MarketClock.Ercot;
    }

    public IDispatchStrategy Inner { get; }
    public FourCpAvoidance Avoidance { get; }
    public MarketClock Clock { get; }

    public string Name => Inner.Name + "+4cp";
    public bool IsNonAnticipative => Inner.IsNonAnticipative;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Inner.Dispatch(problem, run);
        var flags = Avoidance.Flags(problem.Market, Clock);
        for (int t = 0; t < run.Length; t++)
            if (flags[t]) run[t] = 0.0;
    }
}
