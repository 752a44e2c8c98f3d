using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Strategies.DayAhead;

/// <summary>
/// Day-ahead schedule: every interval of market day D (Central Prevailing Time) is decided on day D−1 from the
/// day-ahead price of that interval, which ERCOT publishes the afternoon before. The site runs when the net profit
/// at the day-ahead price is strictly above the minimum-profit threshold. All energy still settles at the real-time
/// price (the backtest charges <see cref="Series.MarketSeries.PriceUsdPerMWh"/>); no day-ahead purchase is made.
/// </summary>
/// <remarks>
/// Hashprice used for day D: <see cref="DayAheadHashprice"/>, the value of the last interval at or before the day-ahead
/// market close, the latest one known when the schedule is bid (a day whose close precedes the series uses its first
/// interval's). Requires <see cref="Series.MarketSeries.DayAheadPriceUsdPerMWh"/>.
/// Non-anticipative: decisions on day D read only day-ahead prices of day D and the hashprice known when the day-ahead
/// market for D closed (10:00 CPT on D − 1, <see cref="DayAheadHashprice"/>).
/// </remarks>
public sealed class DayAheadStrategy : IDispatchStrategy
{
    public DayAheadStrategy(MarketClock? clock = null) => Clock = clock ?? MarketClock.Ercot;

    public MarketClock Clock { get; }
    /// <summary>The name on the command line and in reports.</summary>
    public const string StrategyName = "day-ahead";

    public string Name => StrategyName;
    public bool IsNonAnticipative => true;

    public void Dispatch(DispatchProblem problem, Span<double> run)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var m = problem.Market;
        var da = m.DayAheadPriceUsdPerMWh ?? throw new InvalidOperationException(
            $"Strategy 'day-ahead' needs day-ahead prices, but the market series{Describe(m)} has none. " +
            "Load day-ahead settlement point prices for the same settlement point, or choose another strategy.");
        var site = problem.Site;
        double mw = site.Capacity.Value, dt = m.IntervalHours, adder = site.Adder.Value;
        double revenueFactor = MiningEconomics.RevenuePerUnitHashprice(site.Hashrate.Value, site.PoolFee, dt);
        double min = problem.MinProfitPerInterval;

        var known = new double[m.Count];
        DayAheadHashprice.Fill(m, Clock, known);
        for (int t = 0; t < m.Count; t++)
        {
            double p = da[t];
            if (!double.IsFinite(p))
                throw new InvalidOperationException(
                    $"Day-ahead price is missing or not a number at {m.StartsUtc[t].ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)} " +
                    $"(market day {Clock.MarketDay(m.StartsUtc[t]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}){Describe(m)}.");
            double net = known[t] * revenueFactor - MiningEconomics.PowerCostUsd(mw, MiningEconomics.AllInPrice(p, adder), dt);
            run[t] = net > min ? 1.0 : 0.0;
        }
    }

    private static string Describe(Series.MarketSeries m)
        => string.IsNullOrEmpty(m.SettlementPoint) ? "" : $" for {m.SettlementPoint}";
}
