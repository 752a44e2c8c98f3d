using System.Globalization;
using System.Text;
using MiningDispatch.Core.Risk;
using MiningDispatch.Core.Sweep;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>CSV files of the sweep (every scenario) and the Monte Carlo (every path), numbers in round-trip form.</summary>
public static class SectionCsv
{
    /// <summary>
    /// One row per scenario, in the sweep's order. A fleet sweep has a first column site_cap_mw (empty = no cap), and
    /// its efficiency_w_per_th is the W/TH of the machines under that cap.
    /// </summary>
    public static void WriteSweep(SweepResult sweep, string path)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        bool fleet = sweep.Count > 0 && sweep.Scenarios[0].Point.IsFleet;
        var sb = new StringBuilder(sweep.Count * 160);
        if (fleet) sb.Append("site_cap_mw,");
        sb.Append("efficiency_w_per_th,hashprice_multiplier,adder_usd_per_mwh,min_profit_usd_per_h,profit_usd,revenue_usd,power_cost_usd,")
          .Append("operating_hours,uptime_pct,energy_mwh,always_on_profit_usd,uplift_usd,mean_breakeven_usd_per_mwh\n");
        foreach (var s in sweep.Scenarios)
        {
            if (fleet) sb.Append(s.Point.SiteCapMw is double cap && double.IsFinite(cap) ? Fmt.R(cap) : "").Append(',');
            Row(sb, s.Point.EfficiencyWPerTh, s.Point.HashpriceMultiplier, s.Point.PriceAdderUsdPerMWh, s.Point.MinProfitUsdPerHour, s.ProfitUsd, s.RevenueUsd,
                s.PowerCostUsd, s.OperatingHours, s.UptimePct, s.EnergyMWh, s.AlwaysOnProfitUsd, s.UpliftUsd, s.MeanBreakevenUsdPerMWh);
        }
        AtomicFile.WriteText(path, sb.ToString());
    }

    /// <summary>One row per simulated path: totals (with the AS income when AS prices were simulated), then profit per simulated month (columns yyyy-MM).</summary>
    public static void WriteMonteCarlo(MonteCarloResult mc, string path)
    {
        ArgumentNullException.ThrowIfNull(mc);
        var sb = new StringBuilder();
        sb.Append("path,profit_usd,revenue_usd,power_cost_usd,energy_mwh,operating_hours,always_on_profit_usd");
        if (mc.PathAncillaryIncomeUsd is not null) sb.Append(",ancillary_income_usd");
        foreach (var m in mc.Months) sb.Append(",profit_").Append(m.Year.ToString("D4", CultureInfo.InvariantCulture)).Append('-').Append(m.Month.ToString("D2", CultureInfo.InvariantCulture));
        sb.Append('\n');
        for (int p = 0; p < mc.PathProfitUsd.Length; p++)
        {
            sb.Append(p.ToString(CultureInfo.InvariantCulture)).Append(',');
            var values = new List<double> { mc.PathProfitUsd[p], mc.PathRevenueUsd[p], mc.PathPowerCostUsd[p], mc.PathEnergyMWh[p], mc.PathOperatingHours[p], mc.PathAlwaysOnProfitUsd[p] };
            if (mc.PathAncillaryIncomeUsd is { } asIncome) values.Add(asIncome[p]);
            for (int k = 0; k < mc.Months.Count; k++) values.Add(mc.MonthlyProfitUsd[p, k]);
            Row(sb, values.ToArray());
        }
        AtomicFile.WriteText(path, sb.ToString());
    }

    private static void Row(StringBuilder sb, params double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Fmt.R(values[i]));
        }
        sb.Append('\n');
    }
}
