using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Units;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Quality;

namespace MiningDispatch.App.Requests;

/// <summary>
/// A backtest: the market data to load, the site (one model or a fleet), the strategy and the contracts. Every value
/// is typed and already defaulted; the CLI builds it from flags, a config file or prompts (see
/// <c>MiningDispatch.Cli.Settings.BacktestSettings</c>), the bench and the tests build it directly.
/// </summary>
public sealed record BacktestRequest(MarketRequest Market, SiteRequest Site, StrategyRequest Strategy, ContractRequest Contracts)
{
    /// <summary>True when the shipped sample data is used because no data was given (the run says so).</summary>
    public bool UsesSampleData { get; init; }

    /// <summary>The default run on the shipped sample data in <paramref name="sampleDir"/>: 10 MW at 21.5 W/TH, threshold rule.</summary>
    public static BacktestRequest Sample(string sampleDir, IDispatchStrategy threshold) => new(
        MarketRequest.Sample(sampleDir), SiteRequest.Default, StrategyRequest.Plain(threshold), ContractRequest.None)
    { UsesSampleData = true };
}

/// <summary>Where the prices and the hashprice come from, for which point, market and days.</summary>
public sealed record MarketRequest
{
    /// <summary>The settlement point when none is given.</summary>
    public const string DefaultSettlementPoint = "HB_WEST";

    /// <summary>Earliest market day a run may name (<c>--start</c>, <c>--end</c>): before any ERCOT price file or hashprice.</summary>
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);

    /// <summary>Latest market day a run may name.</summary>
    public static readonly DateOnly LatestDay = new(2099, 12, 31);

    /// <summary>Null when <paramref name="day"/> is inside <see cref="EarliestDay"/>..<see cref="LatestDay"/>, else the problem naming <paramref name="flag"/>.</summary>
    public static string? DayProblem(string flag, DateOnly day) =>
        day >= EarliestDay && day <= LatestDay ? null
        : $"{flag} {day:yyyy-MM-dd} is outside the supported range {EarliestDay:yyyy-MM-dd} to {LatestDay:yyyy-MM-dd}.";

    /// <summary>Price files or folders (CSV, XLSX, ZIP, JSON).</summary>
    public required IReadOnlyList<string> Prices { get; init; }
    /// <summary>Settlement point (hub, load zone, <c>LZ_WEST_EW</c> or <c>NAME:TYPE</c>).</summary>
    public string SettlementPoint { get; init; } = DefaultSettlementPoint;
    /// <summary>Real-time or day-ahead; null lets the loader choose (real-time when the files hold both).</summary>
    public PriceMarket? PriceMarket { get; init; }
    /// <summary>The hashprice source.</summary>
    public required HashpriceRequest Hashprice { get; init; }
    /// <summary>How daily (or 6-hourly) hashprice becomes per interval.</summary>
    public HashpriceAlignment Alignment { get; init; } = HashpriceAlignment.Published;
    /// <summary>First market day (CPT); null = the first day both inputs cover.</summary>
    public DateOnly? Start { get; init; }
    /// <summary>Last market day (CPT, inclusive); null = the last day both inputs cover.</summary>
    public DateOnly? End { get; init; }
    /// <summary>Interval length of the price series: native (15-minute when the prices are, hourly otherwise), 15 minutes or hourly.</summary>
    public PriceResolution Resolution { get; init; } = PriceResolution.Native;
    /// <summary>How gaps inside the prices are filled (default: not at all).</summary>
    public GapFillOptions GapFill { get; init; } = GapFillOptions.None;
    /// <summary>Files holding day-ahead prices (<c>--da-prices</c>); null = the <see cref="Prices"/> files when day-ahead prices are needed.</summary>
    public IReadOnlyList<string>? DayAheadPrices { get; init; }
    /// <summary>A second settlement point to compare with (basis) and, for a hub-settled PPA, its prices.</summary>
    public BasisRequest? Basis { get; init; }
    /// <summary>Plausible price range and date order applied to every price file (<c>--price-bounds</c>, <c>--allow-extreme-prices</c>, <c>--date-order</c>).</summary>
    public PriceReadRules PriceRules { get; init; } = PriceReadRules.Default;

    /// <summary>The shipped sample files in <paramref name="sampleDir"/>.</summary>
    public static MarketRequest Sample(string sampleDir) => new()
    {
        Prices = [Path.Combine(sampleDir, SampleData.PricesFile)],
        Hashprice = HashpriceRequest.FromFile(Path.Combine(sampleDir, SampleData.HashpriceFile)),
    };
}

/// <summary>A second settlement point and the files holding its prices (null = the site's price files).</summary>
public sealed record BasisRequest(string Point, IReadOnlyList<string>? Files);

/// <summary>The hashprice: a CSV file (unit from its column name or <see cref="Unit"/>), the Hashrate Index API, or a folder of chain chart files.</summary>
public sealed record HashpriceRequest
{
    private HashpriceRequest() { }

    /// <summary>The CSV file; null when the API is used.</summary>
    public string? File { get; private init; }
    /// <summary>Unit of a CSV whose column name does not say; null = from the column name.</summary>
    public HashpriceUnit? Unit { get; private init; }
    /// <summary>Hashrate Index client settings (API key, base URL, cache folder); null when a file is used. Its ToString hides the key.</summary>
    public HashrateIndexOptions? Api { get; private init; }
    /// <summary>Folder of blockchain.com chart files to derive hashprice from (<c>--hashprice-source chain</c>); null otherwise.</summary>
    public string? ChainFolder { get; private init; }

    public static HashpriceRequest FromFile(string path, HashpriceUnit? unit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new HashpriceRequest { File = path, Unit = unit };
    }

    public static HashpriceRequest FromApi(HashrateIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new SettingsException("--hashprice-source hashrateindex needs an API key: set HASHRATEINDEX_API_KEY or put \"hashrateIndexApiKey\" in the --config file.");
        return new HashpriceRequest { Api = options };
    }

    /// <summary>Hashprice derived from the chart files in <paramref name="folder"/> (see <see cref="ChainDataHashprice.FromFolder"/>).</summary>
    public static HashpriceRequest FromChain(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return new HashpriceRequest { ChainFolder = folder };
    }
}

/// <summary>
/// The site: one model (<see cref="Mw"/> at <see cref="Efficiency"/>) or a mixed fleet (<see cref="Fleet"/>), and the
/// commercial settings every model shares. The defaults and ranges live here, once.
/// </summary>
public sealed record SiteRequest
{
    public const double DefaultMw = 10;
    public const double DefaultEfficiency = 21.5;
    public const double DefaultPoolFee = 0.02;

    /// <summary>10 MW at 21.5 W/TH, 2 % pool fee, no adder, no minimum profit.</summary>
    public static SiteRequest Default { get; } = new();

    /// <summary>Facility size, MW (single-model site).</summary>
    public double Mw { get; init; } = DefaultMw;
    /// <summary>W/TH (single-model site).</summary>
    public double Efficiency { get; init; } = DefaultEfficiency;
    /// <summary>Pool fee as a fraction.</summary>
    public double PoolFee { get; init; } = DefaultPoolFee;
    /// <summary>$/MWh added to every price.</summary>
    public double Adder { get; init; }
    /// <summary>Run only when the hourly net profit ($/h) is above this.</summary>
    public double MinProfitUsdPerHour { get; init; }
    /// <summary>A mixed fleet instead of <see cref="Mw"/>/<see cref="Efficiency"/>; null for a single-model site.</summary>
    public FleetRequest? Fleet { get; init; }

    /// <summary>The single-model site, checked.</summary>
    public SiteSpec ToSiteSpec()
    {
        var site = new SiteSpec(new Megawatts(Mw), new WattsPerTerahash(Efficiency), PoolFee, new UsdPerMWh(Adder), MinProfitUsdPerHour);
        site.Validate();
        return site;
    }
}

/// <summary>A fleet file or shorthand (<c>"S21:500,S19 XP:1000"</c>), an optional miner catalogue and a site cap.</summary>
public sealed record FleetRequest(string Spec, string? MinersFile = null, double? SiteCapMw = null);

/// <summary>
/// The chosen strategy (already built and checked), the switching constraints of the comparison (the optimum's, charged
/// to every schedule), whether the strategy reads day-ahead prices, and the lines that describe it in the report.
/// </summary>
public sealed record StrategyRequest(IDispatchStrategy Strategy, OptimalOptions Constraints, bool NeedsDayAhead, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    /// <summary>A strategy without switching constraints and without extra description lines.</summary>
    public static StrategyRequest Plain(IDispatchStrategy strategy) => new(strategy, OptimalOptions.None, false, []);
}

/// <summary>Contracts and charges settled on the schedule: PPA, BTC price, demand response, 4CP.</summary>
public sealed record ContractRequest
{
    public const double DefaultFourCpLoadFraction = 0.95;

    /// <summary>No PPA, no BTC price, no DR, no 4CP.</summary>
    public static ContractRequest None { get; } = new();

    /// <summary>PPA JSON file.</summary>
    public string? Ppa { get; init; }
    /// <summary>Where the PPA settles.</summary>
    public PpaSettlePlace SettleAt { get; init; } = PpaSettlePlace.Zone;
    /// <summary>BTC price: a number (USD/BTC) or a CSV; null = the hashprice CSV's BTC column when it has one.</summary>
    public string? BtcPrice { get; init; }
    /// <summary>Demand-response capacity price, $ per MW-hour; null = none.</summary>
    public double? DrPriceUsdPerMwHour { get; init; }
    /// <summary>MW that cannot be curtailed (not offered as DR).</summary>
    public double DrMinLoadMw { get; init; }
    /// <summary>4CP transmission rate, $/kW-year; null = no 4CP charge.</summary>
    public double? FourCpRateUsdPerKwYear { get; init; }
    /// <summary>ERCOT system load CSV for the 4CP peaks and the load rule.</summary>
    public string? SystemLoad { get; init; }
    /// <summary>CSV of ERCOT's official 4CP intervals (year, month, 15-minute interval start); they set the tag where given.</summary>
    public string? FourCpIntervals { get; init; }
    /// <summary>Curtail in likely 4CP intervals.</summary>
    public bool Avoid4cp { get; init; }
    /// <summary>Load rule: curtail when the last known system load is rising and at least this fraction of the month-to-date maximum known so far.</summary>
    public double FourCpLoadFraction { get; init; } = DefaultFourCpLoadFraction;
    /// <summary>Ancillary services co-optimized with mining (<c>--as-prices</c>); null = none.</summary>
    public AncillaryRequest? Ancillary { get; init; }
}

/// <summary>Where a PPA's contract energy settles.</summary>
public enum PpaSettlePlace
{
    /// <summary>At the site's own settlement point.</summary>
    Zone,
    /// <summary>At the basis point (a hub).</summary>
    Hub,
}
