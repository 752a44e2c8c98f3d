using System.Globalization;
using MiningDispatch.Core.Risk;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Sections;

/// <summary>
/// The words for VaR and CVaR, written once for the terminal, the HTML report and the charts. Every VaR/CVaR cell reads
/// as a loss in plain words: "loss $1,234" (a positive loss), "no loss: earns $9,419,660" (even that tail is profitable;
/// the figure is what it still earns) or "no loss" (break-even), so the sign cannot be misread.
/// </summary>
public static class RiskText
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>Column headers: loss at 95 % and 99 %, mean loss of the worst 5 % and 1 %.</summary>
    public const string VaR95 = "Loss at 95 % (VaR 95)";
    /// <inheritdoc cref="VaR95"/>
    public const string CVaR95 = "Mean loss, worst 5 % (CVaR 95)";
    /// <inheritdoc cref="VaR95"/>
    public const string VaR99 = "Loss at 99 % (VaR 99)";
    /// <inheritdoc cref="VaR95"/>
    public const string CVaR99 = "Mean loss, worst 1 % (CVaR 99)";

    /// <summary>The convention in one sentence, for a note under every risk table.</summary>
    public const string Convention =
        "VaR 95 is the loss not exceeded in 95 % of outcomes (exactly minus P5); CVaR 95 is the mean loss of the outcomes at or below P5 " +
        "(99 %: P1). \"No loss: earns $X\" means even those outcomes are profits of at least $X (VaR) or $X on average (CVaR). " +
        "Amounts under one cent are zero.";

    /// <summary>Whole dollars, "-$1,235" / "$1,235", never "-$0".</summary>
    public static string Usd(double v)
    {
        if (!double.IsFinite(v)) return "n/a";
        double r = Math.Round(v);
        return (r < 0 ? "-$" : "$") + Math.Abs(r).ToString("N0", Ci);
    }

    /// <summary>A VaR or CVaR (a loss, USD) in words; null (not meaningful) is "not meaningful".</summary>
    public static string Loss(double? lossUsd)
    {
        if (lossUsd is not double l) return "not meaningful";
        double r = Math.Round(l);
        if (r > 0) return "loss " + Usd(r);
        if (r < 0) return "no loss: earns " + Usd(-r);
        return "no loss";
    }

    /// <summary>The note shown when historical VaR/CVaR are withheld, or null when they are shown.</summary>
    public static string? NotMeaningfulNote(RiskSummary? historical) => historical is { TailMeaningful: false } h
        ? string.Format(Ci, "Historical monthly VaR/CVaR: not meaningful with {0} complete months (fewer than {1}: the 5 % tail would be one month).",
            h.Count, RiskMetrics.MinMonthsForTail)
        : null;

    /// <summary>A chart legend for the 95 % VaR line, drawn at profit P5 = −VaR.</summary>
    public static string VaRLegend(double varUsd) => varUsd > 0
        ? "VaR 95 %: loss " + Fmt.UsdShort(varUsd) + " (profit P5)"
        : "VaR 95 %: no loss, worst 5 % earn ≥ " + Fmt.UsdShort(-varUsd) + " (P5)";

    /// <summary>A chart legend for the 95 % CVaR line, drawn at the mean profit of the worst 5 %.</summary>
    public static string CVaRLegend(double cvarUsd) => cvarUsd > 0
        ? "CVaR 95 %: mean loss of worst 5 %, " + Fmt.UsdShort(cvarUsd)
        : "CVaR 95 %: worst 5 % earn " + Fmt.UsdShort(-cvarUsd) + " on average";
}
