using System.Globalization;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli.Settings;

/// <summary>
/// How price files are read: <c>--price-bounds MIN,MAX</c> (config key priceBounds), <c>--allow-extreme-prices</c>
/// (allowExtremePrices) and <c>--date-order mdy|dmy</c> (dateOrder).
/// </summary>
public sealed partial record BacktestSettings
{
    /// <summary>Plausible price range, "MIN,MAX" in $/MWh (default <see cref="PriceReadRules.DefaultMinPrice"/>..<see cref="PriceReadRules.DefaultMaxPrice"/>).</summary>
    public string? PriceBounds { get; init; }

    /// <summary>Keep prices outside the range (with a note) instead of stopping.</summary>
    public bool? AllowExtremePrices { get; init; }

    /// <summary>mdy or dmy: how slash dates of files that are not ERCOT's own are read (default: the file must tell).</summary>
    public string? DateOrder { get; init; }

    /// <summary>The rules (defaults applied); throws <see cref="SettingsException"/> on a bad value.</summary>
    internal PriceReadRules PriceRules()
    {
        var p = new List<string>();
        var rules = ParsePriceRules(PriceBounds, AllowExtremePrices == true, DateOrder, p);
        ThrowProblems(p);
        return rules;
    }

    private void PriceRuleProblems(List<string> p) => ParsePriceRules(PriceBounds, AllowExtremePrices == true, DateOrder, p);

    /// <summary>
    /// The rules from the flag values (shared by every command that reads prices); problems are added to
    /// <paramref name="problems"/> and the defaults used in their place.
    /// </summary>
    internal static PriceReadRules ParsePriceRules(string? bounds, bool allowExtreme, string? dateOrder, List<string> problems)
    {
        var rules = PriceReadRules.Default with { AllowExtremePrices = allowExtreme };
        if (bounds is not null)
        {
            var parts = bounds.Split(',');
            if (parts.Length == 2
                && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
                && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double max)
                && double.IsFinite(min) && double.IsFinite(max) && min < max)
                rules = rules with { MinPrice = min, MaxPrice = max };
            else
                problems.Add($"--price-bounds (config key priceBounds) must be MIN,MAX in $/MWh with MIN < MAX, a decimal point and no spaces, e.g. {PriceReadRules.DefaultMinPrice.ToString(CultureInfo.InvariantCulture)},{PriceReadRules.DefaultMaxPrice.ToString(CultureInfo.InvariantCulture)} (got '{bounds}').");
        }
        if (dateOrder is not null)
        {
            var order = ParseDateOrder(dateOrder);
            if (order is null) problems.Add($"--date-order (config key dateOrder) must be mdy or dmy (got '{dateOrder}').");
            else rules = rules with { DateOrder = order.Value };
        }
        return rules;
    }

    /// <summary>mdy / dmy (also month-first, day-first) to the order; null if unknown.</summary>
    public static DateOrder? ParseDateOrder(string s) => s.Trim().ToLowerInvariant() switch
    {
        "mdy" or "month-first" or "us" => Data.Prices.DateOrder.MonthFirst,
        "dmy" or "day-first" => Data.Prices.DateOrder.DayFirst,
        _ => null,
    };
}
