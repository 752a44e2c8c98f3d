namespace MiningDispatch.Core.Screen;

/// <summary>
/// What a miner earns at one settlement point over the screened intervals (see <see cref="PointScreen.Evaluate"/>
/// for each formula). USD, hours, MWh, $/MWh.
/// </summary>
/// <param name="SettlementPoint">The point's name.</param>
/// <param name="Intervals">Intervals screened (the point has a price and the hashprice applies).</param>
/// <param name="GridIntervals">Intervals of the screened range (the grid's intervals with hashprice); fewer <paramref name="Intervals"/> = price gaps.</param>
/// <param name="Hours">Hours screened: <paramref name="Intervals"/> × interval length.</param>
/// <param name="StrategyProfitUsd">Mining profit of the strategy: revenue − power cost.</param>
/// <param name="AlwaysOnProfitUsd">Mining profit running the whole site every interval.</param>
/// <param name="EnergyMWh">Energy the strategy consumed.</param>
/// <param name="UptimePct">Share of the screened hours the site ran (energy ÷ (site MW × hours)), %.</param>
/// <param name="NegativePriceHours">Hours whose settlement price is below zero.</param>
/// <param name="HoursAboveBreakeven">Hours whose all-in price (settlement price + adder) is above the site's breakeven power price.</param>
/// <param name="AvgPricePaidUsdPerMWh">Settlement price weighted by the MWh the strategy consumed; null when it never ran.</param>
/// <param name="MeanPriceUsdPerMWh">Mean settlement price over the screened intervals.</param>
/// <param name="PriceStdevUsdPerMWh">Population standard deviation of the interval settlement prices.</param>
/// <param name="BasisToHubUsdPerMWh">Mean of (point price − hub price) over the intervals both have; null without a hub or common intervals.</param>
/// <param name="BasisIntervals">Intervals the basis is averaged over.</param>
/// <param name="FourCpWindowMWh">MWh the strategy consumed in 4CP-window intervals.</param>
public sealed record ScreenPoint(
    string SettlementPoint,
    int Intervals,
    int GridIntervals,
    double Hours,
    double StrategyProfitUsd,
    double AlwaysOnProfitUsd,
    double EnergyMWh,
    double UptimePct,
    double NegativePriceHours,
    double HoursAboveBreakeven,
    double? AvgPricePaidUsdPerMWh,
    double MeanPriceUsdPerMWh,
    double PriceStdevUsdPerMWh,
    double? BasisToHubUsdPerMWh,
    int BasisIntervals,
    double FourCpWindowMWh)
{
    /// <summary>Curtailment value: strategy profit − always-on profit.</summary>
    public double CurtailmentValueUsd => StrategyProfitUsd - AlwaysOnProfitUsd;

    /// <summary>Share of the screened range the point has prices for, %.</summary>
    public double CoveragePct => GridIntervals > 0 ? 100.0 * Intervals / GridIntervals : 0;
}
