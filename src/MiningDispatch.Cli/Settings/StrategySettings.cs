using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Cli.Settings;

/// <summary>Strategy settings: <c>--strategy</c> and the options of each strategy (config keys in camelCase).</summary>
public sealed partial record BacktestSettings
{
    /// <summary>Hysteresis: curtail above this all-in price, $/MWh (with <see cref="OnPrice"/>).</summary>
    public double? OffPrice { get; init; }
    /// <summary>Hysteresis: resume below this all-in price, $/MWh.</summary>
    public double? OnPrice { get; init; }
    /// <summary>Hysteresis: curtail above breakeven + this margin, $/MWh.</summary>
    public double? OffMargin { get; init; }
    /// <summary>Hysteresis: resume below breakeven − this margin, $/MWh.</summary>
    public double? OnMargin { get; init; }
    /// <summary>Hysteresis: curtail in the N-th consecutive interval above the off level.</summary>
    public int? OffConfirm { get; init; }
    /// <summary>Hysteresis: resume in the M-th consecutive interval below the on level.</summary>
    public int? OnConfirm { get; init; }
    /// <summary>Hysteresis: curtail at once above this all-in price, $/MWh.</summary>
    public double? HighStrike { get; init; }
    /// <summary>Optimum (and every schedule's switching check): minimum up time in intervals.</summary>
    public int? MinUp { get; init; }
    /// <summary>Minimum down time in intervals.</summary>
    public int? MinDown { get; init; }
    /// <summary>Restart cost, $ per MW per start.</summary>
    public double? RestartCost { get; init; }
    /// <summary>Lagged: how many intervals old the known real-time price is.</summary>
    public int? Lag { get; init; }
    /// <summary>Day-ahead price files (default: the <see cref="Prices"/> files, day-ahead market).</summary>
    public IReadOnlyList<string>? DaPrices { get; init; }

    private void StrategyProblems(List<string> p)
    {
        string name = (Strategy ?? "threshold").Trim().ToLowerInvariant();
        if (!StrategyFactory.Names.Contains(name))
            p.Add($"--strategy '{Strategy}' is not known. Choose one of: {string.Join(", ", StrategyFactory.Names)}.");
        bool hysteresis = name == "hysteresis";
        if (!hysteresis)
        {
            foreach (var (flag, set) in new[] { ("--off-price", OffPrice is not null), ("--on-price", OnPrice is not null), ("--off-margin", OffMargin is not null),
                         ("--on-margin", OnMargin is not null), ("--off-confirm", OffConfirm is not null), ("--on-confirm", OnConfirm is not null), ("--high-strike", HighStrike is not null) })
                if (set) p.Add($"{flag} applies to --strategy hysteresis (the strategy is {name}).");
        }
        else
        {
            if ((OffPrice is null) != (OnPrice is null))
                p.Add("Hysteresis with prices needs both --off-price and --on-price (all-in $/MWh).");
            if ((OffPrice is not null || OnPrice is not null) && (OffMargin is not null || OnMargin is not null))
                p.Add("Give the hysteresis band either as prices (--off-price/--on-price) or as margins around breakeven (--off-margin/--on-margin), not both.");
            if (OffPrice is { } off && OnPrice is { } on && on > off)
                p.Add($"--on-price {F(on)} must not be above --off-price {F(off)}.");
            if (OffConfirm is < 1) p.Add($"--off-confirm must be at least 1 interval (got {OffConfirm}).");
            if (OnConfirm is < 1) p.Add($"--on-confirm must be at least 1 interval (got {OnConfirm}).");
        }
        if (Lag is not null && name != "lagged") p.Add($"--lag applies to --strategy lagged (the strategy is {name}).");
        if (Lag is < 1) p.Add($"--lag must be at least 1 interval (got {Lag}).");
        if (MinUp is < 1) p.Add($"--min-up must be at least 1 interval (got {MinUp}).");
        if (MinDown is < 1) p.Add($"--min-down must be at least 1 interval (got {MinDown}).");
        if (RestartCost is { } rc && (!double.IsFinite(rc) || rc < 0)) p.Add($"--restart-cost must be a non-negative $/MW per start (got {F(rc)}).");
    }
}
