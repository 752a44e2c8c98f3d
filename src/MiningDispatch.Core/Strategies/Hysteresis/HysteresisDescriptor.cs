using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Strategies.Hysteresis;

/// <summary>
/// Describes <see cref="HysteresisStrategy"/>. The band is given either as all-in prices (<c>--off-price</c> with
/// <c>--on-price</c>) or as margins around breakeven (<c>--off-margin</c>, <c>--on-margin</c>, default ±0).
/// </summary>
public sealed class HysteresisDescriptor : StrategyDescriptor
{
    private const string OffPrice = "offPrice", OnPrice = "onPrice", OffMargin = "offMargin", OnMargin = "onMargin";
    private const string OffConfirm = "offConfirm", OnConfirm = "onConfirm", HighStrike = "highStrike";
    private const string Mwh = "$/MWh";

    public override string Name => HysteresisStrategy.StrategyName;
    public override string Description => "Two-level price band with off/on confirmation windows and an optional high strike.";
    public override int Order => 20;
    public override bool IsNonAnticipative => true;
    public override string InformationSet => "decides each interval on that interval's own settlement price and the ones before it; the interval's own price is published only after it ends";
    public override bool DecidesOnOwnIntervalPrice => true;

    public override IReadOnlyList<StrategyOption> Options { get; } =
    [
        new(OffPrice, "--off-price", StrategyOptionKind.Number, "curtail above this all-in price, $/MWh (with --on-price)", Minimum: -StrategyLimits.MaxPriceUsdPerMWh, Maximum: StrategyLimits.MaxPriceUsdPerMWh, Unit: Mwh),
        new(OnPrice, "--on-price", StrategyOptionKind.Number, "resume below this all-in price, $/MWh", Minimum: -StrategyLimits.MaxPriceUsdPerMWh, Maximum: StrategyLimits.MaxPriceUsdPerMWh, Unit: Mwh),
        new(OffMargin, "--off-margin", StrategyOptionKind.Number, "curtail above breakeven + this margin, $/MWh", Default: 0, Minimum: -StrategyLimits.MaxPriceUsdPerMWh, Maximum: StrategyLimits.MaxPriceUsdPerMWh, Unit: Mwh),
        new(OnMargin, "--on-margin", StrategyOptionKind.Number, "resume below breakeven - this margin, $/MWh", Default: 0, Minimum: -StrategyLimits.MaxPriceUsdPerMWh, Maximum: StrategyLimits.MaxPriceUsdPerMWh, Unit: Mwh),
        new(OffConfirm, "--off-confirm", StrategyOptionKind.WholeNumber, "curtail in the N-th consecutive interval above the off level", Default: 1, Minimum: 1, Maximum: StrategyLimits.MaxLagIntervals, Unit: "interval"),
        new(OnConfirm, "--on-confirm", StrategyOptionKind.WholeNumber, "resume in the M-th consecutive interval below the on level", Default: 1, Minimum: 1, Maximum: StrategyLimits.MaxLagIntervals, Unit: "interval"),
        new(HighStrike, "--high-strike", StrategyOptionKind.Number, "curtail at once above this all-in price, $/MWh", Minimum: -StrategyLimits.MaxPriceUsdPerMWh, Maximum: StrategyLimits.MaxPriceUsdPerMWh, Unit: Mwh),
    ];

    /// <summary>The band the values describe: prices when both are given, else margins around breakeven.</summary>
    public HysteresisOptions Band(StrategyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        int offConfirm = IntValue(parameters, OffConfirm), onConfirm = IntValue(parameters, OnConfirm);
        double? highStrike = parameters.Get(HighStrike);
        return parameters.Get(OffPrice) is { } off && parameters.Get(OnPrice) is { } on
            ? HysteresisOptions.Absolute(off, on, offConfirm, onConfirm, highStrike)
            : HysteresisOptions.AroundBreakeven(Value(parameters, OffMargin), Value(parameters, OnMargin), offConfirm, onConfirm, highStrike);
    }

    public override IEnumerable<KeyValuePair<string, string>> Inputs(StrategyParameters parameters)
    {
        var band = Band(parameters);
        yield return new("Hysteresis band", band.Reference == BandReference.Absolute
            ? $"curtail above {Number(band.OffLevel)}, resume below {Number(band.OnLevel)} (all-in $/MWh)"
            : $"curtail above breakeven + {Number(band.OffLevel)}, resume below breakeven - {Number(band.OnLevel)} ($/MWh)");
        yield return new("Confirmation windows", $"off after {band.OffConfirmIntervals} interval(s), on after {band.OnConfirmIntervals} interval(s)");
        if (band.HighStrikeUsdPerMWh is { } hs) yield return new("High strike", Number(hs) + " $/MWh all-in");
    }

    protected override IEnumerable<string> CrossProblems(StrategyParameters parameters)
    {
        double? off = parameters.Get(OffPrice), on = parameters.Get(OnPrice);
        bool margins = parameters.Has(OffMargin) || parameters.Has(OnMargin);
        if ((off is null) != (on is null))
            return ["Hysteresis with prices needs both --off-price and --on-price (all-in $/MWh)."];
        if (off is not null && margins)
            return ["Give the hysteresis band either as prices (--off-price/--on-price) or as margins around breakeven (--off-margin/--on-margin), not both."];
        if (off is { } o && on is { } n && n > o)
            return [$"--on-price {Option(OnPrice).Format(n)} must not be above --off-price {Option(OffPrice).Format(o)}."];
        try
        {
            Band(parameters).Validate();
        }
        catch (ArgumentException ex)
        {
            return [ex.Message];
        }
        return [];
    }

    protected override IDispatchStrategy Build(StrategyParameters parameters) => new HysteresisStrategy(Band(parameters));
}
