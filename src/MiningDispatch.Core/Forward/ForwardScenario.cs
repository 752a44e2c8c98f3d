using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Forward;

/// <summary>
/// Builds a <see cref="MarketSeries"/> for a forward period from a block forward curve (shaped to hours with
/// <see cref="HourlyShaper"/>) and a hashprice path (<see cref="HashpricePath"/>), so the same strategies and
/// <see cref="Backtest.Backtester"/> run over it.
/// <example>
/// <code>
/// var hours = ForwardScenario.MonthHours(MarketClock.Ercot, 2027, 1, 12);
/// var hp = HashpricePath.Growth(new UsdPerPhDay(45).ToPerThDay(), -2.0, hours);
/// var series = ForwardScenario.Build(curve, history, hours, hp, MarketClock.Ercot);
/// var result = Backtester.Run(series, site, new ThresholdStrategy());
/// </code>
/// </example>
/// </summary>
public static class ForwardScenario
{
    /// <summary>Market name stamped on forward series.</summary>
    public const string MarketName = "forward";

    /// <summary>UTC starts of every hour of the market days <paramref name="firstMarketDay"/> .. <paramref name="lastMarketDay"/> (inclusive), DST-correct.</summary>
    public static DateTime[] Hours(MarketClock clock, DateOnly firstMarketDay, DateOnly lastMarketDay)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (lastMarketDay < firstMarketDay)
            throw new ArgumentException($"The last market day ({lastMarketDay:yyyy-MM-dd}) is before the first ({firstMarketDay:yyyy-MM-dd}).");
        var from = clock.DayStartUtc(firstMarketDay);
        var to = clock.DayStartUtc(lastMarketDay.AddDays(1));
        int n = (int)((to - from).Ticks / TimeSpan.TicksPerHour);
        var r = new DateTime[n];
        for (int i = 0; i < n; i++) r[i] = from.AddHours(i);
        return r;
    }

    /// <summary>UTC starts of every hour of <paramref name="months"/> market months starting with (<paramref name="year"/>, <paramref name="month"/>).</summary>
    public static DateTime[] MonthHours(MarketClock clock, int year, int month, int months)
    {
        if (months <= 0) throw new ArgumentOutOfRangeException(nameof(months), months, "Need at least one month.");
        if (month is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "Month must be 1..12.");
        var first = new DateOnly(year, month, 1);
        return Hours(clock, first, first.AddMonths(months).AddDays(-1));
    }

    /// <summary>
    /// The forward market series: hourly prices shaped from <paramref name="curve"/> with the historical hourly shape
    /// of <paramref name="historyUtc"/>/<paramref name="historyPriceUsdPerMWh"/>, and the hashprice path given per hour.
    /// </summary>
    public static MarketSeries Build(
        ForwardCurve curve,
        DateTime[] historyUtc,
        double[] historyPriceUsdPerMWh,
        DateTime[] forwardHoursUtc,
        double[] hashpriceUsdPerThDay,
        MarketClock clock,
        ShapeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(forwardHoursUtc);
        ArgumentNullException.ThrowIfNull(hashpriceUsdPerThDay);
        if (hashpriceUsdPerThDay.Length != forwardHoursUtc.Length)
            throw new ArgumentException($"The hashprice path has {hashpriceUsdPerThDay.Length} values for {forwardHoursUtc.Length} forward hours.");
        var prices = HourlyShaper.Shape(curve, historyUtc, historyPriceUsdPerMWh, forwardHoursUtc, clock, options);
        return new MarketSeries((DateTime[])forwardHoursUtc.Clone(), prices, (double[])hashpriceUsdPerThDay.Clone(), 1.0,
            settlementPoint: curve.SettlementPoint, market: MarketName);
    }

    /// <summary>As the other overload, taking the historical prices from a market series (its hashprices are not used).</summary>
    public static MarketSeries Build(
        ForwardCurve curve,
        MarketSeries history,
        DateTime[] forwardHoursUtc,
        double[] hashpriceUsdPerThDay,
        MarketClock clock,
        ShapeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Build(curve, history.StartsUtc, history.PriceUsdPerMWh, forwardHoursUtc, hashpriceUsdPerThDay, clock, options);
    }
}
