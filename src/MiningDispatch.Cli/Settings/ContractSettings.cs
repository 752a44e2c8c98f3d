using System.Globalization;
namespace MiningDispatch.Cli.Settings;

/// <summary>Contract and settlement settings: PPA, BTC price, basis, 4CP and demand response.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>PPA JSON file (tranches of block, MW, price, start, end).</summary>
    public string? Ppa { get; init; }
    /// <summary>BTC price: a number (USD/BTC) or a CSV with a date and a BTC price column.</summary>
    public string? BtcPrice { get; init; }
    /// <summary>Second settlement point to compare with (a hub when the site settles at a load zone, or the reverse).</summary>
    public string? BasisPoint { get; init; }
    /// <summary>Files holding the basis point's prices (default: the <see cref="Prices"/> files).</summary>
    public IReadOnlyList<string>? BasisPrices { get; init; }
    /// <summary>Where the PPA settles: "zone" (the site's settlement point, default) or "hub" (the basis point).</summary>
    public string? SettleAt { get; init; }
    /// <summary>4CP transmission rate, $/kW-year.</summary>
    public double? FourCpRate { get; init; }
    /// <summary>ERCOT system load CSV (time, MW) for the 4CP peaks and the load rule.</summary>
    public string? SystemLoad { get; init; }
    /// <summary>CSV of ERCOT's official 4CP intervals (year, month, 15-minute interval start in CPT).</summary>
    public string? FourCpIntervals { get; init; }
    /// <summary>Curtail in likely 4CP intervals.</summary>
    public bool? Avoid4cp { get; init; }
    /// <summary>Load rule: curtail when the last known system load is rising and ≥ this fraction of the month-to-date maximum known so far (default 0.95).</summary>
    public double? FourCpLoadFraction { get; init; }
    /// <summary>Demand-response / ancillary capacity price, $ per MW-hour of curtailable MW.</summary>
    public double? DrPrice { get; init; }
    /// <summary>MW that cannot be curtailed (excluded from the DR capacity).</summary>
    public double? DrMinLoad { get; init; }

    private void ContractProblems(List<string> p)
    {
        if (SettleAt is { } at && !(at.Equals("zone", StringComparison.OrdinalIgnoreCase) || at.Equals("hub", StringComparison.OrdinalIgnoreCase)))
            p.Add($"--settle-at must be zone or hub (got '{at}').");
        if (SettleAt is { } at2 && at2.Equals("hub", StringComparison.OrdinalIgnoreCase) && BasisPoint is null)
            p.Add("--settle-at hub needs the hub's prices: pass --basis-point HUB (e.g. HB_WEST).");
        if (SettleAt is not null && Ppa is null) p.Add("--settle-at says where a --ppa settles; no --ppa was given.");
        if (BasisPrices is { Count: > 0 } && BasisPoint is null) p.Add("--basis-prices needs --basis-point NAME.");
        if (FourCpRate is { } r && (!double.IsFinite(r) || r < 0 || r > 1000)) p.Add($"--four-cp-rate must be a $/kW-year between 0 and 1,000 (got {F(r)}).");
        if ((SystemLoad is not null || FourCpIntervals is not null || Avoid4cp == true || FourCpLoadFraction is not null) && FourCpRate is null)
            p.Add("--system-load, --four-cp-intervals, --avoid-4cp and --four-cp-load-fraction go with --four-cp-rate $/kW-yr.");
        if (FourCpLoadFraction is { } fr && !(fr > 0 && fr <= 1)) p.Add($"--four-cp-load-fraction must be in (0, 1], e.g. 0.95 (got {F(fr)}).");
        if (FourCpLoadFraction is not null && SystemLoad is null) p.Add("--four-cp-load-fraction needs --system-load FILE.");
        if (DrPrice is { } dr && !(dr >= 0 && dr <= Data.Prices.PriceReadRules.DefaultMaxPrice))
            p.Add(string.Create(CultureInfo.InvariantCulture, $"--dr-price must be a $/MW-h between 0 and {Data.Prices.PriceReadRules.DefaultMaxPrice:#,0} (got {F(dr)})."));
        if (DrMinLoad is { } ml && !(ml >= 0 && ml <= Core.Economics.SiteLimits.MaxMw))
            p.Add(string.Create(CultureInfo.InvariantCulture, $"--dr-min-load must be between 0 and {Core.Economics.SiteLimits.MaxMw:#,0} MW (got {F(ml)})."));
        if (DrMinLoad is not null && DrPrice is null) p.Add("--dr-min-load goes with --dr-price.");
        AncillaryProblems(p);
    }
}
