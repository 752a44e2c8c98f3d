using System.Text.Json;
using MiningDispatch.App.Results;

namespace MiningDispatch.Reports;

/// <summary>
/// The AS fields of summary.json: <c>ancillaryIncomeByProductUsd</c> (the strategy's capacity payments per product, keys
/// rrs, ecrs, nspin, regup, regdn), <c>ancillaryDeploymentCostUsd</c>, <c>ancillaryPenaltyUsd</c>, <c>valueOfAncillaryUsd</c>
/// and the <c>ancillary</c> object (revenue stack per schedule in $ and $/MW-year, desk KPIs, monthly streams; the AS
/// market regime of the run, of each period and of each month: before RTC+B, RTC+B from 5 Dec 2025, or both).
/// </summary>
internal static class AncillaryJson
{
    public static void Write(AncillarySection a, Utf8JsonWriter w)
    {
        var st = a.Stack[0];
        w.WriteStartObject("ancillaryIncomeByProductUsd");
        for (int k = 0; k < a.Products.Count; k++) Number(w, a.Products[k].ToLowerInvariant(), st.AsCapacityUsdByProduct[k]);
        w.WriteEndObject();
        Number(w, "ancillaryDeploymentCostUsd", st.AsDeploymentCostUsd);
        Number(w, "ancillaryPenaltyUsd", st.AsPenaltyUsd);
        Number(w, "valueOfAncillaryUsd", a.ValueOfAsUsd);
        w.WriteStartObject("ancillary");
        w.WriteString("resource", a.Resource);
        w.WriteStartArray("offered");
        foreach (var p in a.Offered) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteString("regime", a.Regime);
        w.WriteString("regimeByPeriod", a.RegimeByPeriod);
        Number(w, "mwYears", a.MwYears);
        w.WriteNumber("intervalsWithoutPrices", a.IntervalsWithoutPrices);
        w.WriteStartArray("stack");
        foreach (var l in a.Stack)
        {
            w.WriteStartObject();
            w.WriteString("schedule", l.Schedule);
            w.WriteString("role", l.Role);
            Number(w, "siteTotalUsd", l.SiteTotalUsd);
            Number(w, "siteTotalUsdPerMwYear", a.PerMwYear(l.SiteTotalUsd));
            Number(w, "miningMarginUsd", l.MiningMarginUsd);
            Number(w, "contractValueUsd", l.ContractValueUsd);
            Number(w, "ancillaryIncomeUsd", l.AsIncomeUsd);
            Number(w, "ancillaryIncomeUsdPerMwYear", a.PerMwYear(l.AsIncomeUsd));
            w.WriteStartObject("ancillaryIncomeByProductUsd");
            for (int k = 0; k < a.Products.Count; k++) Number(w, a.Products[k].ToLowerInvariant(), l.AsCapacityUsdByProduct[k]);
            w.WriteEndObject();
            Number(w, "ancillaryDeploymentCostUsd", l.AsDeploymentCostUsd);
            Number(w, "ancillaryPenaltyUsd", l.AsPenaltyUsd);
            Number(w, "drIncomeUsd", l.DrIncomeUsd);
            Number(w, "fourCpChargeUsd", l.FourCpChargeUsd);
            w.WriteNumber("lossIntervals", l.LossIntervals);
            Number(w, "lossMarginUsd", l.LossMarginUsd);
            Number(w, "operatingPct", l.OperatingPct);
            Number(w, "deployedPct", l.DeployedPct);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        var k2 = a.Kpis;
        w.WriteStartObject("kpis");
        Number(w, "allInCentsPerKwhGross", k2.AllInCentsPerKwhGross);
        Number(w, "allInCentsPerKwhNet", k2.AllInCentsPerKwhNet);
        Number(w, "powerResaleCreditsUsd", k2.PowerResaleCreditsUsd);
        Number(w, "asDrCreditsUsd", k2.AsDrCreditsUsd);
        Number(w, "fourCpAvoidedUsd", k2.FourCpAvoidedUsd);
        Number(w, "hashcostUsdPerPhDay", k2.HashcostUsdPerPhDay);
        Number(w, "hashcostNetUsdPerPhDay", k2.HashcostNetUsdPerPhDay);
        Number(w, "hashpriceUsdPerPhDay", k2.HashpriceUsdPerPhDay);
        Number(w, "costPerBtcNetUsd", k2.CostPerBtcNetUsd);
        Number(w, "uptimeOperatingPct", k2.UptimeOperatingPct);
        Number(w, "uptimeDeployedPct", k2.UptimeDeployedPct);
        w.WriteEndObject();
        w.WriteStartArray("monthly");
        foreach (var m in a.Monthly)
        {
            w.WriteStartObject();
            w.WriteNumber("year", m.Year);
            w.WriteNumber("month", m.Month);
            Number(w, "miningMarginUsd", m.MiningMarginUsd);
            w.WriteStartObject("ancillaryIncomeByProductUsd");
            for (int k = 0; k < a.Products.Count; k++) Number(w, a.Products[k].ToLowerInvariant(), m.AsCapacityUsdByProduct[k]);
            w.WriteEndObject();
            Number(w, "ancillaryDeploymentAndPenaltyUsd", m.AsDeploymentAndPenaltyUsd);
            w.WriteString("regime", m.Regime);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is double d && double.IsFinite(d)) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }
}
