using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Requests;

/// <summary>Monte Carlo settings shared by <c>risk</c> and <c>forecast --paths</c>; the defaults live here, once.</summary>
/// <param name="Paths">Simulated paths (0 = none).</param>
/// <param name="Seed">Random seed; the same seed gives the same paths.</param>
/// <param name="BlockDays">Bootstrap block length in market days.</param>
public sealed record MonteCarloRequest(int Paths, int Seed = MonteCarloRequest.DefaultSeed, int BlockDays = MonteCarloRequest.DefaultBlockDays)
{
    public const int DefaultPaths = 1000, DefaultSeed = 42, DefaultBlockDays = 7, DefaultHorizonDays = 365;
}

/// <summary>
/// <c>risk</c>: the backtest, then the distribution of its complete-month profits (VaR/CVaR at 95 %, 99 % and
/// <paramref name="ExtraLevels"/>) and a block-bootstrap Monte Carlo of <paramref name="HorizonDays"/>-day paths.
/// </summary>
public sealed record RiskRequest(BacktestRequest Backtest, MonteCarloRequest MonteCarlo, int HorizonDays, IReadOnlyList<double> ExtraLevels);

/// <summary>
/// <c>sweep</c>: every combination of the axes over the backtest's hours, the base scenario beside always-on and the
/// optimum, a tornado, a heat map and a breakeven surface. An axis with one value is fixed.
/// </summary>
/// <remarks>
/// With a fleet (<see cref="SiteRequest.Fleet"/>) the strategy runs on the whole site over site cap × hashprice
/// multiplier × adder × minimum profit ($/h over the MW the cap leaves, as <c>backtest --fleet</c> reads it);
/// <paramref name="Efficiencies"/> must then be empty (each model has its own W/TH).
/// </remarks>
public sealed record SweepRequest(BacktestRequest Backtest, double[] Efficiencies, double[] HashpriceMultipliers, double[] Adders, double[] MinProfits, int Top = SweepRequest.DefaultTop)
{
    public const int DefaultTop = 10;

    /// <summary>Site cap axis of a fleet, MW; null keeps the fleet's own cap (or none). A single site takes none.</summary>
    public IReadOnlyList<double>? SiteCapsMw { get; init; }
}

/// <summary>
/// <c>forecast</c>: a monthly block forward curve shaped to hours with the historical shape of <paramref name="History"/>,
/// a hashprice path, and the same dispatch and contracts as a backtest over the forward months.
/// </summary>
/// <param name="Curve">Forward curve CSV (month, block, price).</param>
/// <param name="History">Historical price files for the hourly shape.</param>
/// <param name="SettlementPoint">Settlement point of the history (and of the curve when it names none).</param>
/// <param name="PriceMarket">Market of the history; null lets the loader choose.</param>
/// <param name="HashpricePath"><c>flat:45</c>, <c>growth:45:-2</c> (USD per PH/s per day, % per month) or a hashprice CSV.</param>
/// <param name="HashpriceUnit">Unit of a hashprice CSV whose column name does not say.</param>
/// <param name="StartMonth">First forward month; null = the curve's first month.</param>
/// <param name="Months">Forward months; null = every curve month from the start.</param>
/// <param name="Site">The site.</param>
/// <param name="Strategy">The strategy (not day-ahead).</param>
/// <param name="Contracts">PPA, BTC, DR and 4CP (calendar rule only).</param>
/// <param name="MonteCarlo">Forward Monte Carlo; null = none.</param>
public sealed record ForecastRequest(
    string Curve,
    IReadOnlyList<string> History,
    string SettlementPoint,
    PriceMarket? PriceMarket,
    string HashpricePath,
    HashpriceUnit? HashpriceUnit,
    DateOnly? StartMonth,
    int? Months,
    SiteRequest Site,
    StrategyRequest Strategy,
    ContractRequest Contracts,
    MonteCarloRequest? MonteCarlo,
    PriceReadRules? PriceRules = null)
{
    /// <summary>
    /// Daily hashprice CSV for the Monte Carlo's stochastic hashprice (<see cref="Core.Risk.HashpriceShocks"/>: the
    /// path × block-bootstrapped daily log-changes of this history's last halving epoch, demeaned). Null: every path
    /// uses the hashprice path as given (the Monte Carlo then has no hashprice risk, and says so).
    /// </summary>
    public string? HashpriceHistory { get; init; }
}

/// <summary>
/// <c>validate</c>: price files (and optionally a hashprice CSV) to read as <c>backtest</c> would, for one settlement
/// point or, with none, for every point in them; <paramref name="Start"/>/<paramref name="End"/> are market days the
/// inputs must cover; <paramref name="MaxGaps"/> gaps are listed per input. Without a point, every point is read in
/// one pass (<see cref="PriceLoader.LoadAll"/>): <paramref name="Points"/> keeps only some (names, <c>HB_*</c>
/// prefixes) and <paramref name="MemoryLimitBytes"/> bounds the memory of that pass.
/// </summary>
public sealed record ValidateRequest(
    IReadOnlyList<string> Prices,
    string? SettlementPoint = null,
    PriceMarket? Market = null,
    string? Hashprice = null,
    HashpriceUnit? HashpriceUnit = null,
    DateOnly? Start = null,
    DateOnly? End = null,
    int MaxGaps = ValidateRequest.DefaultMaxGaps,
    PriceReadRules? PriceRules = null,
    IReadOnlyList<string>? Points = null,
    long MemoryLimitBytes = AllPointsQuery.DefaultMemoryLimitBytes)
{
    public const int DefaultMaxGaps = 10;

    /// <summary>Most gaps <c>--max-gaps</c> may list.</summary>
    public const int MaxMaxGaps = 10_000;
}
