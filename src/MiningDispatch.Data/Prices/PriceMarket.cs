namespace MiningDispatch.Data.Prices;

/// <summary>Which ERCOT energy market a price series comes from.</summary>
public enum PriceMarket
{
    /// <summary>Real-time market settlement point prices (15-minute intervals, averaged to hours by the loader).</summary>
    RealTime,

    /// <summary>Day-ahead market settlement point prices (hourly).</summary>
    DayAhead,
}
