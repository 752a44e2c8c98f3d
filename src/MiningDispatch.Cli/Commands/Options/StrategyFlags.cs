using System.CommandLine;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary><c>--strategy</c> and the options of each strategy.</summary>
internal sealed class StrategyFlags
{
    public Option<string> Strategy { get; } = new("--strategy", "-s")
    {
        Description = "Dispatch strategy: " + string.Join("; ", StrategyFactory.Names.Select(n => $"{n} = {StrategyFactory.Describe(n).TrimEnd('.')}")) + " [default: threshold]",
    };
    public Option<double?> OffPrice { get; } = new("--off-price") { Description = "hysteresis: curtail above this all-in price, $/MWh (with --on-price)" };
    public Option<double?> OnPrice { get; } = new("--on-price") { Description = "hysteresis: resume below this all-in price, $/MWh" };
    public Option<double?> OffMargin { get; } = new("--off-margin") { Description = "hysteresis: curtail above breakeven + this margin, $/MWh [default: 0]" };
    public Option<double?> OnMargin { get; } = new("--on-margin") { Description = "hysteresis: resume below breakeven - this margin, $/MWh [default: 0]" };
    public Option<int?> OffConfirm { get; } = new("--off-confirm") { Description = "hysteresis: curtail in the N-th consecutive interval above the off level [default: 1]" };
    public Option<int?> OnConfirm { get; } = new("--on-confirm") { Description = "hysteresis: resume in the M-th consecutive interval below the on level [default: 1]" };
    public Option<double?> HighStrike { get; } = new("--high-strike") { Description = "hysteresis: curtail at once above this all-in price, $/MWh" };
    public Option<int?> MinUp { get; } = new("--min-up") { Description = "Minimum up time in intervals (hours) for the optimum; every schedule is checked against it [default: 1]" };
    public Option<int?> MinDown { get; } = new("--min-down") { Description = "Minimum down time in intervals for the optimum [default: 1]" };
    public Option<double?> RestartCost { get; } = new("--restart-cost") { Description = "Restart cost in $ per MW per start, paid by the optimum and charged to every schedule [default: 0]" };
    public Option<int?> Lag { get; } = new("--lag") { Description = "lagged: age of the known real-time price in intervals [default: 1]" };
    public Option<string[]> DaPrices { get; } = new("--da-prices")
    {
        Description = "Day-ahead price files for --strategy day-ahead and the DA/RT settlement table [default: the --prices files, day-ahead market]",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public IEnumerable<Option> All => [Strategy, OffPrice, OnPrice, OffMargin, OnMargin, OffConfirm, OnConfirm, HighStrike, MinUp, MinDown, RestartCost, Lag, DaPrices];

    public BacktestSettings FromFlags(ParseResult r) => new()
    {
        Strategy = r.Get(Strategy),
        OffPrice = r.Get(OffPrice),
        OnPrice = r.Get(OnPrice),
        OffMargin = r.Get(OffMargin),
        OnMargin = r.Get(OnMargin),
        OffConfirm = r.Get(OffConfirm),
        OnConfirm = r.Get(OnConfirm),
        HighStrike = r.Get(HighStrike),
        MinUp = r.Get(MinUp),
        MinDown = r.Get(MinDown),
        RestartCost = r.Get(RestartCost),
        Lag = r.Get(Lag),
        DaPrices = r.List(DaPrices),
    };
}
