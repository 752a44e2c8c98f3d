using MiningDispatch.Core.Screen;

namespace MiningDispatch.App.Results;

/// <summary>A price-duration curve: the price exceeded a share of the time, sampled from 0 % (highest) to 100 % (lowest).</summary>
public sealed record DurationCurve(string SettlementPoint, IReadOnlyList<double> PricesUsdPerMWh);

/// <summary>
/// The result of <c>screen</c>: every settlement point's figures ranked by the strategy's profit (highest first, ties
/// by name), what was screened, and the price-duration curves of the top points.
/// </summary>
public sealed record ScreenRun
{
    /// <summary>Every point with prices in the range, ranked.</summary>
    public required IReadOnlyList<ScreenPoint> Points { get; init; }
    /// <summary>Points in the terminal table.</summary>
    public required int Top { get; init; }
    /// <summary>Title line ("MiningDispatch screen: 1,000 points, real-time, 2024-01-01 to 2025-12-31").</summary>
    public required string Title { get; init; }
    /// <summary>The strategy's name.</summary>
    public required string Strategy { get; init; }
    /// <summary>The hub of the basis column; null when there is none.</summary>
    public string? Hub { get; init; }
    /// <summary>First and last market day screened (CPT).</summary>
    public required DateOnly Start { get; init; }
    public required DateOnly End { get; init; }
    /// <summary>Interval length, hours.</summary>
    public required double IntervalHours { get; init; }
    /// <summary>Inputs table: files, market, site, strategy, hashprice, hub, 4CP window, formulas.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; }
    /// <summary>What the user must know (points left out, gaps, assumptions); also shown in the terminal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>Price-duration curves of the top points, in rank order.</summary>
    public IReadOnlyList<DurationCurve> DurationCurves { get; init; } = [];
}
