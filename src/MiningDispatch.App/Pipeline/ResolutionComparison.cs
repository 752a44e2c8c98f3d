using System.Globalization;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.FourCp;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// What a 15-minute run would have earned on hourly prices: the same strategy, settings and site (one model or a fleet)
/// on the hourly means of the same 15-minute prices, as a line of the report's inputs.
/// </summary>
internal static class ResolutionComparison
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public const string Label = "15-minute vs hourly";

    /// <param name="market">The 15-minute market series of the run.</param>
    /// <param name="site">The site as the engine sees it.</param>
    /// <param name="strategy">The strategy as run (with 4CP avoidance when it was on).</param>
    /// <param name="quarter">The run's summary at 15 minutes.</param>
    public static KeyValuePair<string, string> Line(MarketSeries market, SiteModel site, IDispatchStrategy strategy, BacktestSummary quarter)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(quarter);
        var rule = strategy is FourCpStrategy f ? f.Inner : strategy;
        if (rule is AncillaryDayAheadStrategy or AncillaryFleetDayAheadStrategy)
            return new(Label, "not computed for as-day-ahead: its AS awards are on the run's 15-minute intervals");
        if (HourlyMeans.Of(market) is not { } hourly)
            return new(Label, "not computed: some hours have fewer than four 15-minute intervals");
        var h = SiteBacktester.Run(hourly, site, strategy, MarketClock.Ercot).Result.Summary;
        static string Usd(double v, string plus = "") => v.ToString(plus + "$#,0;-$#,0", Ci);
        return new(Label, $"{quarter.Strategy} earns {Usd(quarter.ProfitUsd)} at 15 minutes and {Usd(h.ProfitUsd)} on the hourly means of the same prices " +
            $"({Usd(quarter.ProfitUsd - h.ProfitUsd, "+")}); uplift over always-on {Usd(quarter.UpliftUsd)} vs {Usd(h.UpliftUsd)}");
    }
}
