using System.Globalization;
using System.Text.Json;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>The compact machine-readable summary of a backtest (summary.json).</summary>
public static class JsonExport
{
    /// <summary>
    /// Writes the summary with camelCase keys: hours, operatingHours, uptimePct, energyMWh, revenueUsd, powerCostUsd,
    /// profitUsd, alwaysOnProfitUsd, upliftUsd, upliftPct, curtailedHours, avgPricePaidUsdPerMWh,
    /// breakevenUsdPerMWh {min, mean, median, max}, firstHourUtc, lastHourUtc, strategy and a monthly array.
    /// Money in USD, energy in MWh, prices in $/MWh; undefined values (no always-on profit to compare, no hours run) are null.
    /// </summary>
    public static void WriteSummary(BacktestResult r, string path) => WriteSummary(r, null, path);

    /// <summary>
    /// As <see cref="WriteSummary(BacktestResult, string)"/>, plus a <c>dataQuality</c> array (one object per input of
    /// <paramref name="info"/>: source, description, rowsRead, rowsUsed, duplicates, gapCount, missingIntervals,
    /// partialIntervals, filledIntervals, gaps and filledGaps (each {fromUtc, toUtc, missingIntervals}, at most
    /// <see cref="MaxGapsListed"/> listed) and notes) when <paramref name="info"/> is given.
    /// </summary>
    public static void WriteSummary(BacktestResult r, RunInfo? info, string path)
    {
        ArgumentNullException.ThrowIfNull(r);
        AtomicFile.Write(path, s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            WriteSummary(r, info, w);
        });
    }

    /// <summary>Most gaps listed per input in summary.json (the counts are always complete).</summary>
    public const int MaxGapsListed = 100;

    internal static void WriteSummary(BacktestResult r, Utf8JsonWriter w) => WriteSummary(r, null, w);

    /// <summary>
    /// As <see cref="WriteSummary(BacktestResult, RunInfo?, string)"/> for a whole run: the site total fields come first
    /// (<c>siteTotalUsd</c>, <c>alwaysOnSiteTotalUsd</c>, <c>miningProfitUsd</c>, <c>restartCostUsd</c>, ...).
    /// </summary>
    public static void WriteSummary(BacktestRun model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        AtomicFile.Write(path, s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            WriteSummary(model.Result, model.Info, w, model.SiteTotal, model.AncillaryServices);
        });
    }

    internal static void WriteSummary(BacktestResult r, RunInfo? info, Utf8JsonWriter w) => WriteSummary(r, info, w, null);

    private static void WriteSummary(BacktestResult r, RunInfo? info, Utf8JsonWriter w, SiteTotalSection? total, AncillarySection? ancillary = null)
    {
        var s = r.Summary;
        w.WriteStartObject();
        if (total is not null) WriteSiteTotal(total, w);
        if (ancillary is not null) AncillaryJson.Write(ancillary, w);
        w.WriteNumber("hours", s.Hours);
        Number(w, "operatingHours", s.OperatingHours);
        Number(w, "uptimePct", s.UptimePct);
        Number(w, "energyMWh", s.EnergyMWh);
        Number(w, "revenueUsd", s.RevenueUsd);
        Number(w, "powerCostUsd", s.PowerCostUsd);
        Number(w, "profitUsd", s.ProfitUsd);
        Number(w, "alwaysOnProfitUsd", s.AlwaysOnProfitUsd);
        Number(w, "upliftUsd", s.UpliftUsd);
        Number(w, "upliftPct", s.UpliftPct);
        Number(w, "curtailedHours", s.CurtailedHours);
        Number(w, "avgPricePaidUsdPerMWh", s.AvgPricePaidUsdPerMWh);
        w.WriteStartObject("breakevenUsdPerMWh");
        Number(w, "min", s.Breakeven.Min);
        Number(w, "mean", s.Breakeven.Mean);
        Number(w, "median", s.Breakeven.Median);
        Number(w, "max", s.Breakeven.Max);
        w.WriteEndObject();
        w.WriteString("firstHourUtc", Iso(s.FirstHourUtc));
        w.WriteString("lastHourUtc", Iso(s.LastHourUtc));
        w.WriteString("strategy", s.Strategy);
        w.WriteStartArray("monthly");
        foreach (var m in r.Monthly)
        {
            w.WriteStartObject();
            w.WriteNumber("year", m.Year);
            w.WriteNumber("month", m.Month);
            w.WriteNumber("hours", m.Hours);
            Number(w, "operatingHours", m.OperatingHours);
            Number(w, "uptimePct", m.UptimePct);
            Number(w, "energyMWh", m.EnergyMWh);
            Number(w, "revenueUsd", m.RevenueUsd);
            Number(w, "powerCostUsd", m.PowerCostUsd);
            Number(w, "profitUsd", m.ProfitUsd);
            Number(w, "alwaysOnProfitUsd", m.AlwaysOnProfitUsd);
            Number(w, "avgSettlementPriceUsdPerMWh", m.AvgSettlementPriceUsdPerMWh);
            Number(w, "avgBreakevenUsdPerMWh", m.AvgBreakevenUsdPerMWh);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (info is not null) WriteDataQuality(info.DataQuality, w);
        w.WriteEndObject();
    }

    /// <summary>
    /// The site-total fields: the strategy's total and each line of it, always-on's and the optimum's totals, uplift,
    /// regret and captured uplift on totals (null when the strategy breaks the switching constraints), the PPA cash
    /// lines and the basis (inside the mining profit).
    /// </summary>
    private static void WriteSiteTotal(SiteTotalSection t, Utf8JsonWriter w)
    {
        var st = t.Strategy;
        Number(w, "siteTotalUsd", st.SiteTotalUsd);
        Number(w, "alwaysOnSiteTotalUsd", t.AlwaysOn.SiteTotalUsd);
        Number(w, "optimumSiteTotalUsd", t.Optimum?.SiteTotalUsd);
        Number(w, "siteUpliftUsd", t.UpliftUsd);
        Number(w, "siteUpliftPct", t.UpliftPct);
        Number(w, "regretUsd", t.RegretUsd);
        Number(w, "capturedUpliftPct", t.CapturedUpliftPct);
        w.WriteBoolean("feasible", t.StrategyFeasible);
        if (t.InfeasibleReason is { } why) w.WriteString("infeasibleReason", why);
        else w.WriteNull("infeasibleReason");
        Number(w, "miningProfitUsd", st.MiningProfitUsd);
        Number(w, "restartCostUsd", st.RestartCostUsd);
        Number(w, "miningProfitAfterRestartsUsd", st.MiningProfitAfterRestartsUsd);
        Number(w, "contractValueUsd", st.ContractValueUsd);
        Number(w, "contractPaymentsUsd", t.ContractPaymentsUsd);
        Number(w, "powerSaleCreditsUsd", t.PowerSaleCreditsUsd);
        Number(w, "drIncomeUsd", st.DrIncomeUsd);
        Number(w, "fourCpChargeUsd", st.FourCpChargeUsd);
        Number(w, "ancillaryIncomeUsd", st.AncillaryIncomeUsd);
        Number(w, "basisCostUsd", t.BasisCostUsd);
        if (t.BasisPoint is { } bp) w.WriteString("basisPoint", bp);
        else w.WriteNull("basisPoint");
        w.WriteString("optimumSees", t.OptimumSees);
        Number(w, "oneIntervalLateSiteTotalUsd", t.OneIntervalLate?.SiteTotalUsd);
        Number(w, "instantResponseValueUsd", t.InstantResponseValueUsd);
        w.WriteStartArray("siteTotals");
        foreach (var l in t.OneIntervalLate is { } late ? t.Lines.Append(late) : t.Lines)
        {
            w.WriteStartObject();
            w.WriteString("schedule", l.Schedule);
            w.WriteString("role", l.Role);
            Number(w, "siteTotalUsd", l.SiteTotalUsd);
            Number(w, "miningProfitUsd", l.MiningProfitUsd);
            Number(w, "restartCostUsd", l.RestartCostUsd);
            Number(w, "contractValueUsd", l.ContractValueUsd);
            Number(w, "drIncomeUsd", l.DrIncomeUsd);
            Number(w, "fourCpChargeUsd", l.FourCpChargeUsd);
            Number(w, "ancillaryIncomeUsd", l.AncillaryIncomeUsd);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteDataQuality(IReadOnlyList<DataQualityReport> reports, Utf8JsonWriter w)
    {
        w.WriteStartArray("dataQuality");
        foreach (var q in reports)
        {
            w.WriteStartObject();
            w.WriteString("source", q.Source);
            w.WriteString("description", q.Description);
            w.WriteNumber("rowsRead", q.RowsRead);
            w.WriteNumber("rowsUsed", q.RowsUsed);
            w.WriteNumber("duplicates", q.Duplicates);
            w.WriteNumber("gapCount", q.Gaps.Count);
            w.WriteNumber("missingIntervals", q.MissingIntervals);
            w.WriteNumber("partialIntervals", q.PartialIntervals);
            w.WriteNumber("filledIntervals", q.FilledIntervals);
            Gaps(w, "gaps", q.Gaps);
            Gaps(w, "filledGaps", q.FilledGaps);
            w.WriteStartArray("notes");
            foreach (var n in q.Notes) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Gaps(Utf8JsonWriter w, string name, IReadOnlyList<DataGap> gaps)
    {
        w.WriteStartArray(name);
        foreach (var g in gaps.Take(MaxGapsListed))
        {
            w.WriteStartObject();
            w.WriteString("fromUtc", Iso(g.FromUtc));
            w.WriteString("toUtc", Iso(g.ToUtc));
            w.WriteNumber("missingIntervals", g.MissingIntervals);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static string Iso(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException($"Expected a UTC time, got {utc.ToString("O", CultureInfo.InvariantCulture)} ({utc.Kind}).");
        return utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is double d && double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }
}
