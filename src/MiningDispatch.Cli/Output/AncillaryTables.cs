using System.Globalization;
using MiningDispatch.App.Results;
using Spectre.Console;
using static MiningDispatch.Cli.Output.SummaryTables;

namespace MiningDispatch.Cli.Output;

/// <summary>Terminal tables of the AS section: the revenue stack ($ and $/MW-year) and the desk KPIs.</summary>
internal static class AncillaryTables
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(IAnsiConsole console, AncillarySection a)
    {
        var t = new Table().Border(TableBorder.Rounded).Title($"Revenue stack with ancillary services ({Markup.Escape(a.Resource)}; {Markup.Escape(string.Join(", ", a.Offered))})");
        t.AddColumn("Stream");
        foreach (var l in a.Stack) t.AddColumn(new TableColumn(Markup.Escape($"{l.Role}\n{l.Schedule}")).RightAligned());
        void Row(string label, Func<AncillaryStackLine, double> v, bool bold = false) =>
            t.AddRow([label, .. a.Stack.Select(l => Cell(v(l), a, bold))]);
        Row("Mining margin (after restarts)", l => l.MiningMarginUsd);
        if (a.Stack.Any(l => l.ContractValueUsd != 0)) Row("+ Contract value (PPA: power-sale credits inside)", l => l.ContractValueUsd);
        for (int k = 0; k < a.Products.Count; k++)
        {
            int j = k;
            if (a.Stack.Any(l => l.AsCapacityUsdByProduct[j] != 0)) Row($"+ AS {a.Products[j]} capacity", l => l.AsCapacityUsdByProduct[j]);
        }
        if (a.Stack.Any(l => l.AsDeploymentCostUsd != 0)) Row("− AS deployments (margin given up)", l => l.AsDeploymentCostUsd);
        if (a.Stack.Any(l => l.AsPenaltyUsd != 0)) Row("− AS awards not delivered", l => l.AsPenaltyUsd);
        if (a.Stack.Any(l => l.DrIncomeUsd != 0)) Row("+ Demand response (--dr-price)", l => l.DrIncomeUsd);
        if (a.Stack.Any(l => l.FourCpChargeUsd != 0)) Row("− 4CP charge", l => l.FourCpChargeUsd);
        Row("[bold]= Site total[/]", l => l.SiteTotalUsd, bold: true);
        t.AddRow(["Hours mined at a loss for AS", .. a.Stack.Select(l => string.Create(Ci, $"{l.LossIntervals:#,0} ({Usd(l.LossMarginUsd)})"))]);
        t.AddRow(["Uptime operating / deployed", .. a.Stack.Select(l => string.Create(Ci, $"{l.OperatingPct:0.0} % / {l.DeployedPct:0.0} %"))]);
        console.Write(t);
        console.MarkupLine(Markup.Escape(string.Create(Ci,
            $"Value of AS (co-optimized − energy-only site total): {Usd(a.ValueOfAsUsd)} ({Usd(a.PerMwYear(a.ValueOfAsUsd))}/MW-year over {a.MwYears:0.###} MW-years). Regime: {a.Regime}.")));
        console.MarkupLine(Markup.Escape($"AS regime by period: {a.RegimeByPeriod}."));
        if (a.IntervalsWithoutPrices > 0)
            console.MarkupLine(Markup.Escape(string.Create(Ci, $"Warning: {a.IntervalsWithoutPrices:#,0} interval(s) have no AS price for any offered product: nothing offered in them.")));

        var k2 = a.Kpis;
        var d = new Table().Border(TableBorder.Rounded).Title("Desk KPIs (co-optimized strategy)");
        d.AddColumn("KPI");
        d.AddColumn(new TableColumn("Value").RightAligned());
        d.AddRow("All-in power cost, gross", string.Create(Ci, $"{k2.AllInCentsPerKwhGross:0.000} ¢/kWh"));
        d.AddRow("All-in power cost, net of credits", string.Create(Ci, $"{k2.AllInCentsPerKwhNet:0.000} ¢/kWh"));
        d.AddRow("Credits: power resale", Usd(k2.PowerResaleCreditsUsd));
        d.AddRow("Credits: AS / DR", Usd(k2.AsDrCreditsUsd));
        d.AddRow("Credits: 4CP avoided", Usd(k2.FourCpAvoidedUsd));
        d.AddRow("Hashcost gross / net vs hashprice", string.Create(Ci, $"${k2.HashcostUsdPerPhDay:0.00} / ${k2.HashcostNetUsdPerPhDay:0.00} vs ${k2.HashpriceUsdPerPhDay:0.00} per PH/s-day"));
        d.AddRow("Cost to mine 1 BTC, net of credits", k2.CostPerBtcNetUsd is { } c ? Usd(c) : "n/a (no BTC price)");
        d.AddRow("Uptime operating / deployed", string.Create(Ci, $"{k2.UptimeOperatingPct:0.0} % / {k2.UptimeDeployedPct:0.0} %"));
        console.Write(d);
    }

    private static string Cell(double v, AncillarySection a, bool bold)
    {
        string s = $"{Usd(v)} ({Usd(a.PerMwYear(v))}/MW-yr)";
        return bold ? Bold(s) : s;
    }
}
