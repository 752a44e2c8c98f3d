using System.Globalization;

namespace MiningDispatch.Data.Prices;

/// <summary>How the day and month of a slash date (<c>1/6/2024</c>) are read.</summary>
public enum DateOrder
{
    /// <summary>
    /// ERCOT's own layouts are month-first by definition; in other files the file must tell: a day above 12 in the
    /// second place makes it month-first (with a note), in the first place day-first is asked for with the flag;
    /// a file whose slash dates could be read both ways is an error.
    /// </summary>
    Auto,

    /// <summary>Month first (<c>MM/dd/yyyy</c>, as ERCOT and US tools write).</summary>
    MonthFirst,

    /// <summary>Day first (<c>dd/MM/yyyy</c>).</summary>
    DayFirst,
}

/// <summary>
/// Plausibility rules applied while reading price files: the range a price must lie in (values outside are an error
/// unless <see cref="AllowExtremePrices"/>) and the order of day and month in slash dates.
/// </summary>
/// <remarks>
/// The default range, <see cref="DefaultMinPrice"/>..<see cref="DefaultMaxPrice"/> $/MWh, is wider than anything
/// ERCOT has settled: the real-time offer floor is -$250/MWh (about -$251 with adders), offers are capped at
/// $5,000/MWh (plus reliability adders) and the system-wide cap was $9,000/MWh until 2021 (Winter Storm Uri).
/// A value outside it is almost certainly a unit or typing error (a decimal comma read as thousands, cents, a
/// misplaced exponent).
/// </remarks>
public sealed record PriceReadRules
{
    /// <summary>Lowest plausible price by default, $/MWh.</summary>
    public const double DefaultMinPrice = -1_000;

    /// <summary>Highest plausible price by default, $/MWh.</summary>
    public const double DefaultMaxPrice = 10_000;

    /// <summary>Words in the quality note that lists prices kept outside the range (validate counts it as a warning).</summary>
    public const string ExtremeNoteMarker = "outside the plausible range";

    /// <summary>The defaults.</summary>
    public static PriceReadRules Default { get; } = new();

    /// <summary>Lowest plausible price, $/MWh.</summary>
    public double MinPrice { get; init; } = DefaultMinPrice;

    /// <summary>Highest plausible price, $/MWh.</summary>
    public double MaxPrice { get; init; } = DefaultMaxPrice;

    /// <summary>Prices outside <see cref="MinPrice"/>..<see cref="MaxPrice"/> are kept (with a note) instead of being an error.</summary>
    public bool AllowExtremePrices { get; init; }

    /// <summary>How slash dates are read.</summary>
    public DateOrder DateOrder { get; init; } = DateOrder.Auto;

    /// <summary>The range as written in messages: <c>-1,000..10,000 $/MWh</c>.</summary>
    public string RangeText => string.Create(CultureInfo.InvariantCulture, $"{MinPrice:#,0.##}..{MaxPrice:#,0.##} $/MWh");
}
