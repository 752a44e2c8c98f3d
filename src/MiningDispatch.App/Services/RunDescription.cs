using System.Globalization;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Services;

/// <summary>The title and the inputs table of a run, written once for every command.</summary>
public static class RunDescription
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>"real-time" or "day-ahead".</summary>
    public static string MarketLabel(PriceMarket m) => m == PriceMarket.RealTime ? "real-time" : "day-ahead";

    /// <summary>"none" or "min up 4 interval(s), min down 2 interval(s), restart cost $50/MW per start".</summary>
    public static string Constraints(OptimalOptions c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.IsUnconstrained
            ? "none (min up 1, min down 1, no restart cost)"
            : $"min up {c.MinUpIntervals} interval(s), min down {c.MinDownIntervals} interval(s), restart cost ${P(c.RestartCostUsdPerMw)}/MW per start";
    }

    /// <summary>The run description for the tables and the report.</summary>
    internal static RunInfo Info(PreparedRun p, string command, IEnumerable<KeyValuePair<string, string>> extra)
    {
        var l = p.Loaded;
        string title = $"MiningDispatch {command}: {l.Prices.SettlementPoint} {MarketLabel(l.Prices.Market)}, {l.Start:yyyy-MM-dd} to {l.End:yyyy-MM-dd}";
        var inputs = new List<KeyValuePair<string, string>>(BaseInputs(p));
        if (p.Site is not null) inputs.AddRange(p.Request.Strategy.Inputs);
        inputs.AddRange(extra);
        return new RunInfo(title, inputs, l.Quality);
    }

    /// <summary>Pool fee, adder and minimum profit lines.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Commercials(Requests.SiteRequest s)
    {
        ArgumentNullException.ThrowIfNull(s);
        yield return new("Pool fee", (s.PoolFee * 100).ToString("0.###", Ci) + " %");
        yield return new("Power price adder", s.Adder.ToString("0.00", Ci) + " $/MWh");
        yield return new("Minimum profit to run", s.MinProfitUsdPerHour.ToString("#,0.00", Ci) + " $/h");
    }

    private static List<KeyValuePair<string, string>> BaseInputs(PreparedRun p)
    {
        static KeyValuePair<string, string> P(string k, string v) => new(k, v);
        var l = p.Loaded;
        var list = new List<KeyValuePair<string, string>>
        {
            P("Date range (market days, CPT)", $"{l.Start:yyyy-MM-dd} to {l.End:yyyy-MM-dd} (inclusive)"),
            P("Settlement point", l.Prices.SettlementPoint),
            P("Market", MarketLabel(l.Prices.Market)),
            P("Price files", string.Join("; ", l.Prices.Files.Select(Path.GetFileName))),
            P("Price layouts", string.Join("; ", l.Prices.Layouts)),
        };
        if (l.Market.IntervalHours != 1.0)
            list.Add(P("Interval", "15 minutes (ERCOT real-time settlement intervals; --resolution " + PriceResolutions.Name(p.Request.Market.Resolution) + ")"));
        foreach (var (label, src) in l.CompanionSources)
            list.Add(P(char.ToUpperInvariant(label[0]) + label[1..], string.Join("; ", src.Files.Select(Path.GetFileName))));
        list.Add(P("Price gap filling", p.Request.Market.GapFill.Describe()));
        list.Add(P("Hashprice source", l.Hashprice.Source));
        if (l.Hashprice.Method is { } method) list.Add(P("Hashprice method", method));
        if (l.Hashprice.Caveat is { } caveat) list.Add(P("Hashprice caveat", caveat));
        list.Add(P("Hashprice alignment", l.Alignment == HashpriceAlignment.Published
            ? "published: an hour uses the latest value published at or before its start"
            : "period-start: a value applies from its own timestamp"));
        if (p.Site is { } site)
        {
            list.Add(P("Facility size", site.Capacity.Value.ToString("0.###", Ci) + " MW"));
            list.Add(P("Efficiency", site.Efficiency.Value.ToString("0.###", Ci) + " W/TH"));
            list.Add(P("Hashrate", MiningEconomics.TerahashToPetahash(site.Hashrate.Value).ToString("#,0.###", Ci) + " PH/s"));
        }
        list.AddRange(Commercials(p.Request.Site));
        return list;
    }

    private static string P(double v) => v.ToString("0.##", Ci);
}
