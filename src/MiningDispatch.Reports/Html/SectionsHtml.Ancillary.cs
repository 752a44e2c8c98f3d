using System.Text;
using MiningDispatch.App.Results;
using MiningDispatch.Reports.Common;
using static MiningDispatch.Reports.Html.PlotlyFigures;

namespace MiningDispatch.Reports.Html;

/// <summary>The ancillary-services section: revenue stack ($ and $/MW-year), desk KPIs and monthly stacked bars.</summary>
internal static partial class SectionsHtml
{
    private static void Ancillary(StringBuilder sb, AncillarySection a, List<PlotlyFigure> figures)
    {
        Open(sb, "ancillary", $"Ancillary services ({a.Resource}: {string.Join(", ", a.Offered)})");
        var header = new List<string> { "Stream" };
        header.AddRange(a.Stack.Select(l => $"{l.Role}: {l.Schedule}"));
        var rows = new List<string[]>();
        void Row(string label, Func<AncillaryStackLine, double> v) =>
            rows.Add([label, .. a.Stack.Select(l => $"{Fmt.Usd0(v(l))} ({Fmt.Usd0(a.PerMwYear(v(l)))}/MW-yr)")]);
        Row("Mining margin (after restarts)", l => l.MiningMarginUsd);
        if (a.Stack.Any(l => l.ContractValueUsd != 0)) Row("+ Contract value (PPA)", l => l.ContractValueUsd);
        for (int k = 0; k < a.Products.Count; k++)
        {
            int j = k;
            if (a.Stack.Any(l => l.AsCapacityUsdByProduct[j] != 0)) Row($"+ AS {a.Products[j]} capacity", l => l.AsCapacityUsdByProduct[j]);
        }
        if (a.Stack.Any(l => l.AsDeploymentCostUsd != 0)) Row("− AS deployments (margin given up)", l => l.AsDeploymentCostUsd);
        if (a.Stack.Any(l => l.AsPenaltyUsd != 0)) Row("− AS awards not delivered", l => l.AsPenaltyUsd);
        if (a.Stack.Any(l => l.DrIncomeUsd != 0)) Row("+ Demand response", l => l.DrIncomeUsd);
        if (a.Stack.Any(l => l.FourCpChargeUsd != 0)) Row("− 4CP charge", l => l.FourCpChargeUsd);
        Row("= Site total", l => l.SiteTotalUsd);
        rows.Add(["Hours mined at a loss for AS", .. a.Stack.Select(l => $"{Fmt.Int(l.LossIntervals)} ({Fmt.Usd0(l.LossMarginUsd)})")]);
        rows.Add(["Uptime operating / deployed", .. a.Stack.Select(l => $"{Fmt.Pct(l.OperatingPct)} / {Fmt.Pct(l.DeployedPct)}")]);
        Table(sb, [.. header], rows);
        Note(sb, $"Value of AS (co-optimized − energy-only site total): {Fmt.Usd0(a.ValueOfAsUsd)} ({Fmt.Usd0(a.PerMwYear(a.ValueOfAsUsd))}/MW-year over {Fmt.Num(a.MwYears, 3)} MW-years). Regime: {a.Regime}. By period: {a.RegimeByPeriod}."
            + (a.IntervalsWithoutPrices > 0 ? $" {Fmt.Int(a.IntervalsWithoutPrices)} interval(s) have no AS price for any offered product: nothing is offered in them." : ""));
        var k2 = a.Kpis;
        sb.Append("<h3>Desk KPIs (co-optimized strategy)</h3>");
        Kv(sb,
        [
            ("All-in power cost, gross / net of credits", $"{Fmt.Num(k2.AllInCentsPerKwhGross, 3)} / {Fmt.Num(k2.AllInCentsPerKwhNet, 3)} ¢/kWh"),
            ("Credits: power resale / AS and DR / 4CP avoided", $"{Fmt.Usd0(k2.PowerResaleCreditsUsd)} / {Fmt.Usd0(k2.AsDrCreditsUsd)} / {Fmt.Usd0(k2.FourCpAvoidedUsd)}"),
            ("Hashcost gross / net vs hashprice ($/PH/s-day)", $"{Fmt.Num(k2.HashcostUsdPerPhDay)} / {Fmt.Num(k2.HashcostNetUsdPerPhDay)} vs {Fmt.Num(k2.HashpriceUsdPerPhDay)}"),
            ("Cost to mine one BTC, net of credits", k2.CostPerBtcNetUsd is { } c ? Fmt.Usd0(c) : "n/a (no BTC price)"),
            ("Uptime operating / deployed", $"{Fmt.Pct(k2.UptimeOperatingPct)} / {Fmt.Pct(k2.UptimeDeployedPct)}"),
        ]);
        var labels = a.Monthly.Select(x => Fmt.Month(x.Year, x.Month)).ToArray();
        var data = new List<object>
        {
            new { type = "bar", name = "Mining margin", x = labels, y = a.Monthly.Select(x => Math.Round(x.MiningMarginUsd, 2)).ToArray(), marker = new { color = Palette.SeriesColor(0) }, hovertemplate = "$%{y:,.0f}" },
        };
        for (int k = 0; k < a.Products.Count; k++)
        {
            int j = k;
            if (a.Monthly.All(x => x.AsCapacityUsdByProduct[j] == 0)) continue;
            data.Add(new { type = "bar", name = $"AS {a.Products[j]}", x = labels, y = a.Monthly.Select(x => Math.Round(x.AsCapacityUsdByProduct[j], 2)).ToArray(), marker = new { color = Palette.SeriesColor(j + 1) }, hovertemplate = "$%{y:,.0f}" });
        }
        if (a.Monthly.Any(x => x.AsDeploymentAndPenaltyUsd != 0))
            data.Add(new { type = "bar", name = "AS deployments and penalties", x = labels, y = a.Monthly.Select(x => Math.Round(-x.AsDeploymentAndPenaltyUsd, 2)).ToArray(), marker = new { color = Palette.SeriesColor(7) }, hovertemplate = "$%{y:,.0f}" });
        var layout = BaseLayout("Revenue stack by month (co-optimized strategy)", Axis("Market month (CPT)", new { type = "category" }),
            Axis("USD", new { tickprefix = "$", tickformat = ",.3~s", zeroline = true, zerolinecolor = "#999" }), barmode: "relative");
        Figure(sb, figures, new PlotlyFigure("chart-ancillary", "Revenue stack by month",
            "Mining margin (before restart costs) and AS capacity income by product per CPT month; deployments and penalties below zero.", data, layout));
        Close(sb);
    }
}
