using System.Globalization;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary>Help texts of the flags that say how price files are read (backtest, risk, sweep, forecast and validate).</summary>
internal static class PriceRuleFlags
{
    public static readonly string BoundsDescription = string.Create(CultureInfo.InvariantCulture,
        $"Plausible price range MIN,MAX in $/MWh; a price outside is an error naming file, line and value (ERCOT: offer floor about -251, cap 5,000, 9,000 until 2021) [default: {PriceReadRules.DefaultMinPrice},{PriceReadRules.DefaultMaxPrice}]");

    public const string AllowExtremeDescription = "Keep prices outside --price-bounds (listed in the data-quality notes) instead of stopping";

    public const string DateOrderDescription = "mdy or dmy: how slash dates like 1/6/2024 are read in files that are not ERCOT's own (ERCOT's are always month-first). Without it a file whose dates could be read both ways is an error";
}
