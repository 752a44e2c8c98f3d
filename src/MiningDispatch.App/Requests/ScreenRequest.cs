using MiningDispatch.Core.Strategies;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Requests;

/// <summary>
/// <c>screen</c>: every settlement point in the price files, the site (one model or a fleet) run with the strategy
/// beside always-on at each, ranked by the strategy's profit. The market's settlement point is not read (every point
/// is screened), nor its gap filling, day-ahead or basis files.
/// </summary>
/// <param name="Market">Price files, market, hashprice, dates, resolution and price rules.</param>
/// <param name="Site">The site.</param>
/// <param name="Strategy">A strategy that decides on one point's real-time prices (not the optimum, not a day-ahead rule).</param>
/// <param name="Hub">Hub for the basis column; null = <see cref="DefaultHub"/> when the files hold it, else no basis.</param>
/// <param name="Top">Points in the terminal table.</param>
public sealed record ScreenRequest(MarketRequest Market, SiteRequest Site, IDispatchStrategy Strategy, string? Hub = null, int Top = ScreenRequest.DefaultTop)
{
    public const int DefaultTop = 20;

    /// <summary>Memory the one-pass read of every point may use; it stops with the numbers before exceeding it.</summary>
    public long MemoryLimitBytes { get; init; } = AllPointsQuery.DefaultMemoryLimitBytes;

    /// <summary>The hub the basis is taken to when <c>--hub</c> is not given and the files hold it.</summary>
    public const string DefaultHub = "HB_HUBAVG";

    /// <summary>Points whose price-duration curves the report draws (the top ones).</summary>
    public const int DurationCurvePoints = 10;
}
