namespace MiningDispatch.Core.Ancillary;

/// <summary>
/// ERCOT ancillary-service products a Load Resource can be paid to stand ready for. The four "up" products (Reg-Up,
/// RRS, ECRS, Non-Spin) sell a load reduction, so the site must be consuming the MW it offers; Reg-Down sells a load
/// increase, so a Controllable Load Resource must have room above what it runs.
/// </summary>
public enum AncillaryProduct
{
    /// <summary>Regulation Up (CLR only).</summary>
    RegUp,
    /// <summary>Regulation Down (CLR only): limited by capacity − running MW.</summary>
    RegDown,
    /// <summary>Responsive Reserve Service.</summary>
    Rrs,
    /// <summary>ERCOT Contingency Reserve Service (from 10 June 2023).</summary>
    Ecrs,
    /// <summary>Non-Spinning Reserve.</summary>
    NonSpin,
}

/// <summary>Names and rules of the products, written once.</summary>
public static class AncillaryProducts
{
    /// <summary>All products in report order.</summary>
    public static IReadOnlyList<AncillaryProduct> All { get; } =
        [AncillaryProduct.Rrs, AncillaryProduct.Ecrs, AncillaryProduct.NonSpin, AncillaryProduct.RegUp, AncillaryProduct.RegDown];

    /// <summary>The products a (non-controllable) Load Resource may offer: RRS, ECRS and Non-Spin.</summary>
    public static IReadOnlyList<AncillaryProduct> LoadResource { get; } = [AncillaryProduct.Rrs, AncillaryProduct.Ecrs, AncillaryProduct.NonSpin];

    /// <summary>First operating day of ECRS (NPRR1148): ECRS prices before it are empty.</summary>
    public static readonly DateOnly EcrsStart = new(2023, 6, 10);

    /// <summary>Operating day real-time co-optimization (RTC+B) went live: real-time AS prices exist from it on.</summary>
    public static readonly DateOnly RealTimeCoOptimizationStart = new(2025, 12, 5);

    /// <summary>Label of the AS market regime of market days <paramref name="first"/>..<paramref name="last"/>: "before RTC+B", "RTC+B" or "both".</summary>
    public static string Regime(DateOnly first, DateOnly last) =>
        last < RealTimeCoOptimizationStart ? "before RTC+B" : first >= RealTimeCoOptimizationStart ? "RTC+B" : "both";

    /// <summary>ERCOT's name of the product (as in the NP4-188-CD <c>AncillaryType</c> column): REGUP, REGDN, RRS, ECRS, NSPIN.</summary>
    public static string Code(AncillaryProduct p) => p switch
    {
        AncillaryProduct.RegUp => "REGUP",
        AncillaryProduct.RegDown => "REGDN",
        AncillaryProduct.Rrs => "RRS",
        AncillaryProduct.Ecrs => "ECRS",
        AncillaryProduct.NonSpin => "NSPIN",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    /// <summary>Lower-case key used in flags and JSON: regup, regdn, rrs, ecrs, nspin.</summary>
    public static string Key(AncillaryProduct p) => Code(p).ToLowerInvariant();

    /// <summary>Parses a product name (case-insensitive; REGUP/REG-UP, REGDN/REGDOWN, RRS, ECRS, NSPIN/NON-SPIN/NONSPIN).</summary>
    public static bool TryParse(string? text, out AncillaryProduct product)
    {
        string k = (text ?? "").Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal)
            .Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        (bool ok, product) = k switch
        {
            "REGUP" => (true, AncillaryProduct.RegUp),
            "REGDN" or "REGDOWN" => (true, AncillaryProduct.RegDown),
            "RRS" => (true, AncillaryProduct.Rrs),
            "ECRS" => (true, AncillaryProduct.Ecrs),
            "NSPIN" or "NONSPIN" or "NSRS" => (true, AncillaryProduct.NonSpin),
            _ => (false, AncillaryProduct.Rrs),
        };
        return ok;
    }

    /// <summary>True for the products that sell a load reduction (all but Reg-Down).</summary>
    public static bool IsUp(AncillaryProduct p) => p != AncillaryProduct.RegDown;

    /// <summary>True for the Regulation products, which only a Controllable Load Resource may offer.</summary>
    public static bool NeedsControllable(AncillaryProduct p) => p is AncillaryProduct.RegUp or AncillaryProduct.RegDown;
}
