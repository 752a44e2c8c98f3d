using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.Percentile;

/// <summary>Describes <see cref="PercentileStrategy"/>: options <c>--percentile</c> and <c>--window</c>.</summary>
public sealed class PercentileDescriptor : StrategyDescriptor
{
    private const string Percentile = "percentile", Window = "window";

    public override string Name => PercentileStrategy.StrategyName;
    public override string Description => "Run when the all-in price is at or below a percentile of the previous intervals' prices (threshold until the window fills).";
    public override int Order => 60;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "decides each interval on that interval's own settlement price against the prices of the previous --window intervals; the interval's own price is published only after it ends";
    public override bool DecidesOnOwnIntervalPrice => true;

    public override IReadOnlyList<StrategyOption> Options { get; } =
    [
        new(Percentile, "--percentile", StrategyOptionKind.Number, "run at or below this percentile (0-100) of the window's all-in prices", Default: 50, Minimum: 0, Maximum: 100),
        new(Window, "--window", StrategyOptionKind.WholeNumber, "number of previous intervals the percentile is taken over (24 = one day hourly)", Default: 24, Minimum: 1, Maximum: StrategyLimits.MaxWindowIntervals, Unit: "interval"),
    ];

    public override IEnumerable<KeyValuePair<string, string>> Inputs(StrategyParameters parameters)
        => [new("Percentile rule", $"run at or below the {Number(Value(parameters, Percentile))}th percentile of the previous {IntValue(parameters, Window)} interval(s)' all-in prices (threshold rule until they exist)")];

    protected override IDispatchStrategy Build(StrategyParameters parameters)
        => new PercentileStrategy(new PercentileOptions(Value(parameters, Percentile), IntValue(parameters, Window)));
}
