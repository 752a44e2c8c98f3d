using System.Globalization;

namespace MiningDispatch.Core.Strategies.Factory;

/// <summary>The type of a strategy option's value.</summary>
public enum StrategyOptionKind
{
    /// <summary>A whole number (e.g. a count of intervals).</summary>
    WholeNumber,

    /// <summary>A real number (e.g. a price in $/MWh).</summary>
    Number,

    /// <summary>A yes/no switch.</summary>
    Switch,
}

/// <summary>
/// One setting of a strategy, as its <see cref="StrategyDescriptor"/> declares it: the config-file key (camelCase),
/// the command-line flag (<c>--kebab-case</c>), the value type, the default, the valid range and the help text.
/// </summary>
/// <param name="Key">Config-file key in camelCase, also the key in <see cref="StrategyParameters"/> (e.g. "offConfirm").</param>
/// <param name="Flag">Command-line flag (e.g. "--off-confirm").</param>
/// <param name="Kind">Value type.</param>
/// <param name="Help">Help text with the unit (e.g. "curtail above this all-in price, $/MWh").</param>
/// <param name="Default">Value when the option is not given; null when "not given" has its own meaning (e.g. no high strike).</param>
/// <param name="Minimum">Smallest valid value (inclusive); negative infinity for none.</param>
/// <param name="Maximum">Largest valid value (inclusive); positive infinity for none.</param>
/// <param name="Unit">Unit named in range messages, singular (e.g. "interval", "$/MWh"); empty for a plain number.</param>
public sealed record StrategyOption(
    string Key,
    string Flag,
    StrategyOptionKind Kind,
    string Help,
    double? Default = null,
    double Minimum = double.NegativeInfinity,
    double Maximum = double.PositiveInfinity,
    string Unit = "")
{
    /// <summary>Null when <paramref name="value"/> is valid, else a message naming the flag, the valid range and the value.</summary>
    public string? Check(double value)
    {
        string got = $"(got {Format(value)})";
        if (Kind == StrategyOptionKind.Switch)
            return value is 0 or 1 ? null : $"{Flag} must be true or false {got}.";
        if (!double.IsFinite(value))
            return $"{Flag} must be a finite number{UnitSuffix(", ")} {got}.";
        if (Kind == StrategyOptionKind.WholeNumber && value != Math.Floor(value))
            return $"{Flag} must be a whole number{UnitSuffix(" of ")}s {got}.";
        if (value >= Minimum && value <= Maximum)
            return Kind == StrategyOptionKind.WholeNumber && (value < int.MinValue || value > int.MaxValue) ? $"{Flag} is too large {got}." : null;
        return $"{Flag} must be {Range}{UnitSuffix(" ")} {got}.";
    }

    /// <summary>The valid range in words: "at least 1", "between 0 and 100", "at most 5" or "any finite number".</summary>
    public string Range => (double.IsFinite(Minimum), double.IsFinite(Maximum)) switch
    {
        (true, true) => $"between {Format(Minimum)} and {Format(Maximum)}",
        (true, false) => $"at least {Format(Minimum)}",
        (false, true) => $"at most {Format(Maximum)}",
        _ => "any finite number",
    };

    /// <summary>Help text with the default, as shown by <c>--help</c>.</summary>
    public string HelpWithDefault => Default is { } d ? $"{Help} [default: {Format(d)}]" : Help;

    /// <summary>Invariant-culture text of a value of this option.</summary>
    public string Format(double value) => Kind == StrategyOptionKind.Switch
        ? (value != 0 ? "true" : "false")
        : value.ToString(CultureInfo.InvariantCulture);

    private string UnitSuffix(string sep) => Unit.Length == 0 ? "" : sep + Unit;
}
