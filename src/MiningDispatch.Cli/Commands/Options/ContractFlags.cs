using System.CommandLine;
using MiningDispatch.App.Requests;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Data.ErcotApi;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary>PPA, BTC price, basis, 4CP and demand-response flags.</summary>
internal sealed class ContractFlags
{
    public Option<string> Ppa { get; } = new("--ppa") { Description = "Fixed-price block PPA, JSON: {\"name\", \"tranches\": [{\"block\": \"5x16\", \"mw\": 5, \"price\": 45, \"start\": \"2024-01-01\", \"end\": \"2024-12-31\"}]}; take-or-pay, unused energy sold back at the settlement price" };
    public Option<string> BtcPrice { get; } = new("--btc-price") { Description = "BTC price for BTC mined and cost per BTC: a number (USD/BTC) or a CSV with a date and a btc_price column [default: the hashprice CSV's btc_price column, if any]" };
    public Option<string> BasisPoint { get; } = new("--basis-point") { Description = "Second settlement point to compare with, e.g. HB_WEST for a site at LZ_WEST (basis = site price - basis point price)" };
    public Option<string[]> BasisPrices { get; } = new("--basis-prices")
    {
        Description = $"Files with the --basis-point prices; {FetchRequest.AliasHelp(ErcotReport.RealTimePrices)} [default: the --prices files]",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string> SettleAt { get; } = new("--settle-at") { Description = "zone or hub: where the PPA energy settles; hub = the --basis-point prices [default: zone]" };
    public Option<double?> FourCpRate { get; } = new("--four-cp-rate") { Description = "4CP transmission rate, $/kW-year, charged on the site's average demand in the four summer peak intervals" };
    public Option<string> SystemLoad { get; } = new("--system-load") { Description = $"ERCOT system load CSV (time column, MW column), or a folder of them (merged; overlapping times must agree); {FetchRequest.AliasHelp(ErcotReport.SystemLoad)}. Each summer month's highest interval is its 4CP peak (15-minute load: the 15-minute interval; hourly load: the peak hour, with a warning), and the --avoid-4cp load rule reads it; without it and without --four-cp-intervals the calendar worst case (every day Jun-Sep 15:00-17:30 CPT) applies" };
    public Option<string> FourCpIntervals { get; } = new("--four-cp-intervals") { Description = "CSV of ERCOT's official 4CP intervals: year,month,interval_start (start of the 15-minute interval, Central Prevailing Time yyyy-MM-dd HH:mm), several years allowed; the tag is the site's demand in exactly those intervals (the hour holding them on hourly data)" };
    public Option<bool> Avoid4cp { get; } = new("--avoid-4cp") { Description = "Curtail in likely 4CP intervals and report the hit rate (peaks avoided, hours curtailed, profit given up, charge avoided, net value); with --system-load: any day and hour of Jun-Sep when the last known load is rising and near the month-to-date peak, with a per-summer backtest over the whole load file; without it: every day 15:00-17:30 CPT" };
    public Option<double?> FourCpLoadFraction { get; } = new("--four-cp-load-fraction") { Description = "Load rule: curtail an interval when the last load known before it is rising and >= this fraction of the month's highest load known so far [default: 0.95]" };
    public Option<double?> DrPrice { get; } = new("--dr-price") { Description = "Demand-response / ancillary capacity income, $ per MW-hour of curtailable (running) MW" };
    public Option<double?> DrMinLoad { get; } = new("--dr-min-load") { Description = "MW that cannot be curtailed, excluded from the DR capacity [default: 0]" };

    public Option<string[]> AsPrices { get; } = new("--as-prices")
    {
        Description = "ERCOT AS clearing prices (MCPC, $/MW-h): NP4-188-CD CSV, NP4-181-ER yearly zip/CSV or the wide hourly CSV; co-optimizes mining with RRS/ECRS/Non-Spin (and Regulation for a CLR). " +
            "Real-time MCPC files from the 5 Dec 2025 RTC+B go-live (NP6-331-CD 15-minute, NP6-332-CD per SCED run) may be added: they price awards not delivered. " +
            "With --strategy day-ahead (a site or a fleet) offers are chosen at the day-ahead market close (as-day-ahead); risk bootstraps AS prices with the energy prices; " +
            FetchRequest.AliasHelp(ErcotReport.AncillaryPrices),
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string> AsProducts { get; } = new("--as-products") { Description = "AS products offered, comma-separated: rrs,ecrs,nspin[,regup,regdn] [default: rrs,ecrs,nspin; a CLR: all five]" };
    public Option<string> Resource { get; } = new("--resource") { Description = "lr (Load Resource: RRS, ECRS, Non-Spin) or clr (Controllable Load Resource: also Reg-Up, Reg-Down) [default: lr]" };
    public Option<string> AsMaxShare { get; } = new("--as-max-share") { Description = "Largest share of the site MW each AS product may take: one fraction for all or rrs=0.5,ecrs=0.3 [default: 1]" };
    public Option<double?> MinLoad { get; } = new("--min-load") { Description = "MW that always run and cannot be offered as AS (Σ offers <= running MW - min load) [default: 0]" };
    public Option<double?> AsShortfallCharge { get; } = new("--as-shortfall-charge") { Description = "$ per MW-h charged for an awarded AS MW not delivered, on top of the DAM MCPC given back, where no real-time MCPC is loaded [default: 50]" };
    public Option<string> AsDeployments { get; } = new("--as-deployments") { Description = "AS deployments: a CSV start_utc,end_utc,product,fraction, or expected deployed fractions rrs=0.02,... [default: none]" };

    /// <summary>Forecast only: flat AS prices.</summary>
    public Option<string> AsPrice { get; } = new("--as-price") { Description = "Flat AS prices for the forecast, $/MW-h in every hour: product=price,... for every month (e.g. rrs=12.5,ecrs=8) or a CSV month,product,price (month yyyy-MM); co-optimizes mining with those products; with --paths every path books AS at the same flat prices" };

    /// <summary>The AS offer flags that go with AS prices (backtest, risk, forecast).</summary>
    public IEnumerable<Option> AncillaryOffer => [AsProducts, Resource, AsMaxShare, MinLoad, AsDeployments, AsShortfallCharge];

    /// <summary>The AS flags (backtest and risk).</summary>
    public IEnumerable<Option> Ancillary => [AsPrices, AsProducts, Resource, AsMaxShare, MinLoad, AsDeployments, AsShortfallCharge];

    public IEnumerable<Option> All => [Ppa, BtcPrice, BasisPoint, BasisPrices, SettleAt, FourCpRate, SystemLoad, FourCpIntervals, Avoid4cp, FourCpLoadFraction, DrPrice, DrMinLoad,
        AsPrices, AsProducts, Resource, AsMaxShare, MinLoad, AsDeployments, AsShortfallCharge];

    public BacktestSettings FromFlags(ParseResult r) => new()
    {
        Ppa = r.Get(Ppa),
        BtcPrice = r.Get(BtcPrice),
        BasisPoint = r.Get(BasisPoint),
        BasisPrices = r.List(BasisPrices),
        SettleAt = r.Get(SettleAt),
        FourCpRate = r.Get(FourCpRate),
        SystemLoad = r.Get(SystemLoad),
        FourCpIntervals = r.Get(FourCpIntervals),
        Avoid4cp = r.Switch(Avoid4cp),
        FourCpLoadFraction = r.Get(FourCpLoadFraction),
        DrPrice = r.Get(DrPrice),
        DrMinLoad = r.Get(DrMinLoad),
        AsPrices = r.List(AsPrices),
        AsProducts = r.Get(AsProducts),
        Resource = r.Get(Resource),
        AsMaxShare = r.Get(AsMaxShare),
        MinLoad = r.Get(MinLoad),
        AsDeployments = r.Get(AsDeployments),
        AsShortfallCharge = r.Get(AsShortfallCharge),
        AsPrice = r.Get(AsPrice),
    };
}
