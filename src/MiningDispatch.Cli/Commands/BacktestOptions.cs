using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.Cli.Commands.Options;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Data.ErcotApi;

namespace MiningDispatch.Cli.Commands;

/// <summary>The flags of <c>mining-dispatch backtest</c>, and how they map to <see cref="BacktestSettings"/>.</summary>
internal sealed class BacktestOptions(string command = "backtest")
{
    /// <summary>The command these flags belong to; its config file may hold only its keys.</summary>
    public string Command { get; } = command;

    public Option<string[]> Prices { get; } = new("--prices", "-p")
    {
        Description = $"ERCOT price files or folders (CSV, XLSX, ZIP, JSON; layout detected from the header); {FetchRequest.AliasHelp(ErcotReport.RealTimePrices)}. Default: data/sample",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string> SettlementPoint { get; } = new("--settlement-point", "--sp") { Description = "Settlement point, e.g. HB_WEST, LZ_WEST, LZ_WEST_EW (energy-weighted) [default: HB_WEST]" };
    public Option<string> Market { get; } = new("--market") { Description = "rt or dam, for files that hold both real-time and day-ahead prices [default: rt]" };
    public Option<string> Hashprice { get; } = new("--hashprice") { Description = "Hashprice CSV (USD/TH/day or USD/PH/day; unit from the column name or --hashprice-unit)" };
    public Option<string> HashpriceSource { get; } = new("--hashprice-source") { Description = "file (default: --hashprice CSV), chain (derive hashprice from blockchain.com chart files in --chain-dir: miners' revenue / hash rate, or subsidy + fees from difficulty and BTC price; subsidy only without fees, and says so) or hashrateindex (fetch from the Hashrate Index API, key in HASHRATEINDEX_API_KEY or the config file, cached on disk)" };
    public Option<string> ChainDir { get; } = new("--chain-dir") { Description = "With --hashprice-source chain: folder of blockchain.com chart files named miners-revenue, hash-rate, difficulty, market-price, transaction-fees (.json or .csv) [default: the shipped data/chain: difficulty and BTC price 2009 .. 2026-02, subsidy only]" };
    public Option<string> HashpriceUnit { get; } = new("--hashprice-unit") { Description = "th or ph: unit of a hashprice CSV whose column name does not say" };
    public Option<string> HashpriceAlignment { get; } = new("--hashprice-alignment") { Description = "published (default: an hour uses the latest value published at or before its start) or period-start (a value applies from its own timestamp; looks ahead within the bucket)" };
    public Option<double?> Mw { get; } = new("--mw") { Description = $"Facility size in MW [default: {BacktestSettings.DefaultMw.ToString(CultureInfo.InvariantCulture)}]" };
    public Option<double?> Efficiency { get; } = new("--efficiency", "--eff") { Description = $"Fleet efficiency in W/TH (= J/TH) [default: {BacktestSettings.DefaultEfficiency.ToString(CultureInfo.InvariantCulture)}]" };
    public Option<string> Start { get; } = new("--start") { Description = "First market day, yyyy-MM-dd in Central Prevailing Time [default: first day both inputs cover]" };
    public Option<string> End { get; } = new("--end") { Description = "Last market day (inclusive), yyyy-MM-dd [default: last day both inputs cover]" };
    public Option<double?> PoolFee { get; } = new("--pool-fee") { Description = $"Pool fee as a fraction (0.02 = 2 %) [default: {BacktestSettings.DefaultPoolFee.ToString(CultureInfo.InvariantCulture)}]" };
    public Option<double?> Adder { get; } = new("--adder") { Description = "$/MWh added to every power price (T&D, REP fees, losses) [default: 0]" };
    public Option<double?> MinProfit { get; } = new("--min-profit") { Description = "Run only when hourly net profit ($/h) is above this [default: 0]" };
    public Option<string> FillGaps { get; } = new("--fill-gaps") { Description = "Fill missing price hours inside the data: none (they are not backtested and are reported), previous (carry the last price forward) or linear (straight line between the hours around the gap) [default: none]" };
    public Option<int?> MaxFillHours { get; } = new("--max-fill-hours") { Description = "With --fill-gaps: longest gap filled, in hours; longer gaps stay gaps [default: 3]" };
    public Option<string> Resolution { get; } = new("--resolution") { Description = "Price interval length: native (15-minute when the price files are 15-minute, hourly otherwise), 15min (an error for hourly files) or hourly (15-minute prices averaged over each hour) [default: native]" };
    public Option<string> PriceBounds { get; } = new("--price-bounds") { Description = PriceRuleFlags.BoundsDescription };
    public Option<bool> AllowExtremePrices { get; } = new("--allow-extreme-prices") { Description = PriceRuleFlags.AllowExtremeDescription };
    public Option<string> DateOrder { get; } = new("--date-order") { Description = PriceRuleFlags.DateOrderDescription };
    public Option<string> Config { get; } = new("--config", "-c") { Description = "JSON config file with the same settings (keys: prices, settlementPoint, market, hashprice, hashpriceSource, chainDir, mw, efficiency, start, end, poolFee, adder, minProfit, fillGaps, maxFillHours, resolution, out, json, hashrateIndexApiKey, ...); flags win" };
    public Option<string> Out { get; } = new("--out", "-o") { Description = "Output folder for charts, report.html, hourly.csv, report.xlsx and result.json [default: out]" };
    public Option<string> Json { get; } = new("--json") { Description = "Also write the summary as JSON to this file" };
    public Option<string> CacheDir { get; } = new("--cache-dir") { Description = $"Cache folder: hashprice.sqlite, and the {FetchRequest.FolderAlias} folder fetch writes that {FetchRequest.FolderAlias} names [default: $MINING_DISPATCH_CACHE_DIR, $XDG_CACHE_HOME/mining-dispatch or ~/.cache/mining-dispatch]" };
    public Option<bool> NoReport { get; } = new("--no-report") { Description = "Print the tables only; write no charts, HTML or CSV" };
    public Option<bool> NonInteractive { get; } = new("--no-prompt") { Description = "Never ask questions, even in a terminal" };
    public Option<bool> Parquet { get; } = new("--parquet") { Description = "Also write the interval results as intervals.parquet (the columns of hourly.csv) for DuckDB, pandas or Spark" };
    public Option<bool> Timings { get; } = new("--timings") { Description = "Print the wall-clock time of each phase (start-up, load, compute, tables, charts, then the time still spent on the HTML and other files written beside the charts)" };

    public StrategyFlags Strategy { get; } = new();
    public FleetFlags Fleet { get; } = new();
    public ContractFlags Contract { get; } = new();

    /// <summary>Data, site and output flags shared by every command that runs dispatch on prices.</summary>
    public IEnumerable<Option> Base => [Prices, SettlementPoint, Market, Hashprice, HashpriceSource, ChainDir, HashpriceUnit, HashpriceAlignment,
        Mw, Efficiency, Start, End, PoolFee, Adder, MinProfit, FillGaps, MaxFillHours, Resolution, PriceBounds, AllowExtremePrices, DateOrder, Config, Out, Json, CacheDir, NoReport, NonInteractive, Timings];

    /// <summary>Every flag of <c>backtest</c>.</summary>
    public IEnumerable<Option> All => Base.Concat(Strategy.All).Concat(Fleet.All).Concat(Contract.All).Append(Parquet);

    /// <summary>The settings given on the command line (unset flags stay null). Flags the command does not have stay unset.</summary>
    public BacktestSettings FromFlags(ParseResult r) => new BacktestSettings
    {
        Prices = r.List(Prices),
        SettlementPoint = r.Get(SettlementPoint),
        Market = r.Get(Market),
        Hashprice = r.Get(Hashprice),
        HashpriceSource = r.Get(HashpriceSource),
        ChainDir = r.Get(ChainDir),
        HashpriceUnit = r.Get(HashpriceUnit),
        HashpriceAlignment = r.Get(HashpriceAlignment),
        Mw = r.Get(Mw),
        Efficiency = r.Get(Efficiency),
        Start = ParseDay(r.Get(Start), "--start"),
        End = ParseDay(r.Get(End), "--end"),
        PoolFee = r.Get(PoolFee),
        Adder = r.Get(Adder),
        MinProfit = r.Get(MinProfit),
        FillGaps = r.Get(FillGaps),
        MaxFillHours = r.Get(MaxFillHours),
        Resolution = r.Get(Resolution),
        PriceBounds = r.Get(PriceBounds),
        AllowExtremePrices = r.Switch(AllowExtremePrices),
        DateOrder = r.Get(DateOrder),
        Out = r.Get(Out),
        Json = r.Get(Json),
        CacheDir = r.Get(CacheDir),
        Parquet = r.Switch(Parquet),
    }.Merge(Strategy.FromFlags(r)).Merge(Fleet.FromFlags(r)).Merge(Contract.FromFlags(r));

    /// <summary>Config file (if any) merged with the flags; flags win.</summary>
    public BacktestSettings Settings(ParseResult r)
    {
        BacktestSettings settings = new();
        if (r.Get(Config) is { } cfg) settings = BacktestSettings.LoadConfig(cfg, Command);
        return settings.Merge(FromFlags(r));
    }

    /// <summary>True when the user typed no option at all (then a terminal user is asked interactively).</summary>
    public bool NoFlagsGiven(ParseResult r) => All.All(o => r.GetResult(o) is null || r.GetResult(o)!.Implicit);

    public static DateOnly? ParseDay(string? s, string flag)
    {
        if (s is null) return null;
        if (DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return App.Requests.MarketRequest.DayProblem(flag, d) is { } problem ? throw new SettingsException(problem) : d;
        throw new SettingsException($"{flag} '{s}' is not a date in yyyy-MM-dd form.");
    }
}
