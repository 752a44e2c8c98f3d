using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Reports.Sections;

/// <summary>Numbers derived from the sections for the charts, computed once so PNG and HTML charts agree.</summary>
internal static class SectionData
{
    /// <summary>Average MW running per tranche (merit order) and market month: [tranche][month], with the month labels.</summary>
    public static ((int Year, int Month)[] Months, double[][] AvgMw) FleetMonthlyMw(FleetBacktestResult fleet, MarketClock clock)
    {
        var r = fleet.Result;
        var months = r.Monthly.Select(m => (m.Year, m.Month)).ToArray();
        var index = months.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i);
        int k = fleet.MeritOrder.Count;
        var mwh = new double[k][];
        var hours = new double[months.Length];
        for (int j = 0; j < k; j++) mwh[j] = new double[months.Length];
        for (int t = 0; t < r.Times.Length; t++)
        {
            var local = clock.ToLocal(r.Times[t]);
            int mi = index[(local.Year, local.Month)];
            hours[mi] += r.IntervalHours;
            for (int j = 0; j < k; j++) mwh[j][mi] += fleet.MwRunning[j][t] * r.IntervalHours;
        }
        for (int j = 0; j < k; j++)
            for (int i = 0; i < months.Length; i++) mwh[j][i] = hours[i] > 0 ? mwh[j][i] / hours[i] : 0;
        return (months, mwh);
    }

    /// <summary>Histogram bins of <paramref name="values"/>: edges (count + 1) and counts.</summary>
    public static (double[] Edges, int[] Counts) Histogram(IReadOnlyList<double> values, int bins)
    {
        double lo = values.Min(), hi = values.Max();
        if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
        bins = Math.Max(1, Math.Min(bins, Math.Max(5, values.Count / 3)));
        var edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) edges[i] = lo + (hi - lo) * i / bins;
        var counts = new int[bins];
        foreach (double v in values) counts[Math.Min(bins - 1, (int)((v - lo) / (hi - lo) * bins))]++;
        return (edges, counts);
    }

    /// <summary>The profits the risk histogram shows: simulated horizon profits, else historical monthly profits.</summary>
    public static (IReadOnlyList<double> Values, string What, Core.Risk.RiskSummary? Summary) RiskSample(RiskSection r)
        => r.MonteCarlo is { } mc
            ? (mc.PathProfitUsd, $"simulated {mc.Options.HorizonDays}-day profit, {mc.Options.Paths:N0} paths", mc.HorizonProfit)
            : (r.HistoricalMonthlyProfitsUsd, "historical monthly profit", r.HistoricalMonthly);
}
