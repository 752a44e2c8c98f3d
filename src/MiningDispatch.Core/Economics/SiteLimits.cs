using System.Globalization;

namespace MiningDispatch.Core.Economics;

/// <summary>
/// The valid ranges of a site's settings, written once. Each check returns null when the value is valid, else the
/// end of a sentence naming the range and the value ("must be between 0 and 10,000 MW (got -1)"); callers put the
/// name of the setting in front (a flag, a config key, a field).
/// </summary>
public static class SiteLimits
{
    /// <summary>Largest site, MW (a site is more than 0 MW).</summary>
    public const double MaxMw = 10_000;
    /// <summary>Most efficient plausible machine, W/TH.</summary>
    public const double MinEfficiency = 5;
    /// <summary>Least efficient plausible machine, W/TH.</summary>
    public const double MaxEfficiency = 200;

    /// <summary>A site size or cap in MW: in (0, 10,000].</summary>
    public static string? Mw(double mw) => mw > 0 && mw <= MaxMw ? null : $"must be between 0 and 10,000 MW (got {F(mw)})";

    /// <summary>An efficiency in W/TH: in [5, 200].</summary>
    public static string? Efficiency(double wPerTh) => wPerTh >= MinEfficiency && wPerTh <= MaxEfficiency ? null : $"must be between 5 and 200 W/TH (got {F(wPerTh)})";

    /// <summary>True when a pool fee is a fraction in [0, 1).</summary>
    public static bool IsPoolFee(double fee) => fee >= 0 && fee < 1;

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);
}
