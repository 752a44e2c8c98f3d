using System.CommandLine;
using MiningDispatch.App.Requests;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Data.ErcotApi;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary><c>--strategy</c>, the switching constraints, and one flag per option of each registered strategy.</summary>
internal sealed class StrategyFlags
{
    public Option<string> Strategy { get; } = new("--strategy", "-s")
    {
        Description = "Dispatch strategy: " + string.Join("; ", StrategyRegistry.All.Select(d => $"{d.Name} = {d.Description.TrimEnd('.')}")) + $" [default: {StrategyFactory.DefaultName}]",
    };

    /// <summary>The strategies' own options (--off-price, --lag, ...), with a reader each.</summary>
    private readonly (StrategyOption Spec, Option Flag, Func<ParseResult, double?> Read)[] _strategyOptions =
        StrategyRegistry.AllOptions.Select(p => Make(p.Strategy, p.Option)).ToArray();

    public Option<int?> MinUp { get; } = new("--min-up") { Description = "Minimum up time in intervals (hours) for the optimum; every schedule is checked against it [default: 1]" };
    public Option<int?> MinDown { get; } = new("--min-down") { Description = "Minimum down time in intervals for the optimum [default: 1]" };
    public Option<double?> RestartCost { get; } = new("--restart-cost") { Description = "Restart cost in $ per MW per start, paid by the optimum and charged to every schedule [default: 0]" };
    public Option<string[]> DaPrices { get; } = new("--da-prices")
    {
        Description = $"Day-ahead price files for the strategies that need them and the DA/RT settlement table; {FetchRequest.AliasHelp(ErcotReport.DayAheadPrices)} [default: the --prices files, day-ahead market]",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    public IEnumerable<Option> All => [.. Rules, MinUp, MinDown, RestartCost, DaPrices];

    /// <summary><c>--strategy</c> and the strategies' own options, without the optimum's switching constraints and day-ahead files.</summary>
    public IEnumerable<Option> Rules => [Strategy, .. _strategyOptions.Select(o => o.Flag)];

    public BacktestSettings FromFlags(ParseResult r)
    {
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (spec, _, read) in _strategyOptions)
            if (read(r) is { } v) values[spec.Key] = v;
        return new()
        {
            Strategy = r.Get(Strategy),
            StrategyValues = values.Count > 0 ? values : null,
            MinUp = r.Get(MinUp),
            MinDown = r.Get(MinDown),
            RestartCost = r.Get(RestartCost),
            DaPrices = r.List(DaPrices),
        };
    }

    private static (StrategyOption, Option, Func<ParseResult, double?>) Make(StrategyDescriptor strategy, StrategyOption o)
    {
        string help = $"{strategy.Name}: {o.HelpWithDefault}";
        switch (o.Kind)
        {
            case StrategyOptionKind.WholeNumber:
                var i = new Option<int?>(o.Flag) { Description = help };
                return (o, i, r => r.Get(i));
            case StrategyOptionKind.Switch:
                var b = new Option<bool?>(o.Flag) { Description = help };
                return (o, b, r => r.Get(b) is { } v ? (v ? 1 : 0) : null);
            default:
                var d = new Option<double?>(o.Flag) { Description = help };
                return (o, d, r => r.Get(d));
        }
    }
}
