using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Lagged;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>Settings for every strategy <see cref="StrategyFactory"/> can build; each strategy reads only its own.</summary>
public sealed record StrategyOptions
{
    public static StrategyOptions Default { get; } = new();

    public HysteresisOptions Hysteresis { get; init; } = HysteresisOptions.Default;
    public OptimalOptions Optimal { get; init; } = OptimalOptions.None;
    public LaggedOptions Lagged { get; init; } = LaggedOptions.Default;

    /// <summary>Market clock that defines market days for the day-ahead strategy.</summary>
    public MarketClock Clock { get; init; } = MarketClock.Ercot;
}
