namespace MiningDispatch.Cli.Settings;

/// <summary>Settings of <c>mining-dispatch screen</c> (and <c>--parquet</c>, which <c>backtest</c> reads too).</summary>
public sealed partial record BacktestSettings
{
    /// <summary>Hub the basis column is taken to (<c>screen --hub</c>); null = HB_HUBAVG when the files hold it.</summary>
    public string? Hub { get; init; }

    /// <summary>Memory (MB) the one-pass read of every point may use (<c>screen --memory-limit</c>); null = 1,024.</summary>
    public int? MemoryLimit { get; init; }

    /// <summary>Also write Parquet: screen.parquet (<c>screen</c>) or intervals.parquet (<c>backtest</c>).</summary>
    public bool? Parquet { get; init; }

    /// <summary>Settings screen does not read (it screens every point, without contracts, gap filling or day-ahead prices), with their config keys.</summary>
    private IEnumerable<(string Key, bool Set)> NotReadByScreen() =>
    [
        ("settlementPoint", SettlementPoint is not null),
        ("fillGaps", FillGaps is not null),
        ("maxFillHours", MaxFillHours is not null),
        ("minUp", MinUp is not null),
        ("minDown", MinDown is not null),
        ("restartCost", RestartCost is not null),
        ("daPrices", DaPrices is { Count: > 0 }),
        ("ppa", Ppa is not null),
        ("btcPrice", BtcPrice is not null),
        ("basisPoint", BasisPoint is not null),
        ("basisPrices", BasisPrices is { Count: > 0 }),
        ("settleAt", SettleAt is not null),
        ("fourCpRate", FourCpRate is not null),
        ("systemLoad", SystemLoad is not null),
        ("fourCpIntervals", FourCpIntervals is not null),
        ("avoid4cp", Avoid4cp is not null),
        ("fourCpLoadFraction", FourCpLoadFraction is not null),
        ("drPrice", DrPrice is not null),
        ("drMinLoad", DrMinLoad is not null),
        ("asPrices", AsPrices is { Count: > 0 }),
    ];

    /// <summary>Problems only <c>screen</c> has: settings it would ignore, a strategy it cannot run on one point, an empty --hub.</summary>
    internal IReadOnlyList<string> ScreenProblems()
    {
        var p = new List<string>();
        foreach (var (key, set) in NotReadByScreen())
            if (set) p.Add($"\"{key}\" (in the --config file) is not read by screen: it screens every settlement point with the site and strategy alone. Remove it.");
        if (App.Services.ScreenService.StrategyProblem(Strategy ?? Core.Strategies.Factory.StrategyFactory.DefaultName) is { } sp) p.Add(sp);
        if (MemoryLimit is < 1 or > 1 << 20) p.Add($"--memory-limit must be between 1 and 1,048,576 MB (got {MemoryLimit}).");
        if (Hub is { } h && string.IsNullOrWhiteSpace(h)) p.Add("--hub is empty; give a settlement point name such as HB_WEST.");
        return p;
    }
}
