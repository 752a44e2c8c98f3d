using MiningDispatch.App;
using MiningDispatch.App.Requests;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Cli.Commands.Pipeline;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli.Settings;

/// <summary>
/// Flags, config file and prompts (merged into <see cref="BacktestSettings"/>) to the typed requests of the services:
/// every check of the settings runs first, then the defaults are applied and each value gets its type.
/// </summary>
public sealed partial record BacktestSettings
{
    /// <summary>The backtest request; throws <see cref="SettingsException"/> listing every problem of the settings.</summary>
    internal BacktestRequest ToBacktestRequest(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var r = WithFetchedFiles(env);
        ThrowProblems(r.Problems());
        bool sample = r.UsesSampleData;
        var s = r.WithDefaults(sample || r.Prices is not { Count: > 0 } || r.Hashprice is null ? SampleData.FindDirectory() : "");
        return new BacktestRequest(s.ToMarketRequest(env), s.SiteRequest(), StrategySetup.Build(s).ToRequest(), s.ContractRequest()) { UsesSampleData = sample };
    }

    /// <summary>The screen request; throws <see cref="SettingsException"/> listing every problem of the settings.</summary>
    internal ScreenRequest ToScreenRequest(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var r = WithFetchedFiles(env);
        ThrowProblems([.. r.Problems(), .. r.ScreenProblems()]);
        var s = r.WithDefaults(r.UsesSampleData || r.Prices is not { Count: > 0 } || r.Hashprice is null ? SampleData.FindDirectory() : "");
        return new ScreenRequest(s.ToMarketRequest(env), s.SiteRequest(), StrategySetup.Build(s).Strategy, Hub?.Trim(), Top ?? ScreenRequest.DefaultTop)
        {
            MemoryLimitBytes = MemoryLimit is { } mb ? (long)mb << 20 : AllPointsQuery.DefaultMemoryLimitBytes,
        };
    }

    /// <summary>
    /// These settings with every <c>ercot-api</c> alias replaced by what <c>fetch</c> wrote of that flag's kind
    /// (<see cref="FetchRequest.ResolveAlias"/>): <c>--prices</c>, <c>--history</c> and <c>--basis-prices</c> real-time
    /// prices, <c>--da-prices</c> day-ahead prices, <c>--as-prices</c> AS clearing prices, <c>--system-load</c> system load.
    /// The cache folder is <c>--cache-dir</c>, else MINING_DISPATCH_CACHE_DIR and the other defaults.
    /// </summary>
    internal BacktestSettings WithFetchedFiles(CliEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        IReadOnlyList<string>? Resolve(IReadOnlyList<string>? paths, string flag, ErcotReport report) =>
            paths is { Count: > 0 } p ? FetchRequest.ResolveAlias(p, flag, CacheDir, env.GetVariable, report) : paths;
        return this with
        {
            Prices = Resolve(Prices, "--prices", ErcotReport.RealTimePrices),
            History = Resolve(History, "--history", ErcotReport.RealTimePrices),
            BasisPrices = Resolve(BasisPrices, "--basis-prices", ErcotReport.RealTimePrices),
            DaPrices = Resolve(DaPrices, "--da-prices", ErcotReport.DayAheadPrices),
            AsPrices = Resolve(AsPrices, "--as-prices", ErcotReport.AncillaryPrices),
            SystemLoad = SystemLoad is { } load ? Resolve([load], "--system-load", ErcotReport.SystemLoad)![0] : null,
        };
    }

    /// <summary>The market request of settings with defaults applied.</summary>
    private MarketRequest ToMarketRequest(CliEnvironment env)
    {
        var s = this;
        return new MarketRequest
        {
            Prices = s.Prices!,
            SettlementPoint = s.SettlementPoint!,
            PriceMarket = s.PriceMarketChoice,
            Hashprice = s.HashpriceRequest(env),
            Alignment = string.Equals(s.HashpriceAlignment, "period-start", StringComparison.OrdinalIgnoreCase) ? Data.Hashprice.HashpriceAlignment.PeriodStart : Data.Hashprice.HashpriceAlignment.Published,
            Start = s.Start,
            End = s.End,
            Resolution = s.PriceResolution(),
            GapFill = s.GapFill(),
            DayAheadPrices = s.DaPrices is { Count: > 0 } da ? da : null,
            PriceRules = s.PriceRules(),
            Basis = s.BasisPoint is { } bp ? new BasisRequest(bp, s.BasisPrices is { Count: > 0 } bf ? bf : null) : null,
        };
    }

    /// <summary>Throws one <see cref="SettingsException"/> listing <paramref name="problems"/>, if any.</summary>
    internal static void ThrowProblems(IReadOnlyCollection<string> problems)
    {
        if (problems.Count > 0) throw new SettingsException(string.Join(Environment.NewLine, problems));
    }

    /// <summary>The site (defaults applied).</summary>
    internal SiteRequest SiteRequest() => new()
    {
        Mw = Mw ?? DefaultMw,
        Efficiency = Efficiency ?? DefaultEfficiency,
        PoolFee = PoolFee ?? DefaultPoolFee,
        Adder = Adder ?? 0,
        MinProfitUsdPerHour = MinProfit ?? 0,
        Fleet = Fleet is { } f ? new FleetRequest(f, Miners, SiteCap) : null,
    };

    /// <summary>The contracts (defaults applied).</summary>
    internal ContractRequest ContractRequest() => new()
    {
        Ppa = Ppa,
        SettleAt = string.Equals(SettleAt, "hub", StringComparison.OrdinalIgnoreCase) ? PpaSettlePlace.Hub : PpaSettlePlace.Zone,
        BtcPrice = BtcPrice,
        DrPriceUsdPerMwHour = DrPrice,
        DrMinLoadMw = DrMinLoad ?? 0,
        FourCpRateUsdPerKwYear = FourCpRate,
        SystemLoad = SystemLoad,
        FourCpIntervals = FourCpIntervals,
        Avoid4cp = Avoid4cp == true,
        FourCpLoadFraction = FourCpLoadFraction ?? App.Requests.ContractRequest.DefaultFourCpLoadFraction,
        Ancillary = AncillaryRequest(),
    };

    /// <summary><c>--market</c> as a market; null when not given (the loader chooses).</summary>
    internal PriceMarket? PriceMarketChoice => Market is null ? null : ParseMarket(Market) == true ? Data.Prices.PriceMarket.RealTime : Data.Prices.PriceMarket.DayAhead;

    /// <summary><c>--hashprice-unit</c> as a unit; null when not given (the column name says).</summary>
    internal HashpriceUnit? HashpriceUnitChoice => HashpriceUnit is null ? null : ParseHashpriceUnit(HashpriceUnit) == true ? Data.Hashprice.HashpriceUnit.UsdPerThDay : Data.Hashprice.HashpriceUnit.UsdPerPhDay;

    /// <summary>
    /// The hashprice source: the Hashrate Index API (key from HASHRATEINDEX_API_KEY or the config file, never from a
    /// flag; base URL and cache folder likewise from the environment or the settings), chain chart files
    /// (<c>--chain-dir</c>, default the shipped data/chain) or the CSV file.
    /// </summary>
    private HashpriceRequest HashpriceRequest(CliEnvironment env)
    {
        if (HashpriceSource is { } src && src.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase))
        {
            string? key = env.GetVariable(HashrateIndexOptions.ApiKeyEnvironmentVariable) is { Length: > 0 } k ? k : HashrateIndexApiKey;
            if (string.IsNullOrWhiteSpace(key))
                throw new SettingsException("--hashprice-source hashrateindex needs an API key: set HASHRATEINDEX_API_KEY or put \"hashrateIndexApiKey\" in the --config file.");
            if (HashrateIndexOptions.ApiKeyProblem(key) is { } keyProblem)
                throw new SettingsException($"HASHRATEINDEX_API_KEY (or \"hashrateIndexApiKey\" in the --config file): {keyProblem}. Nothing was sent.");
            bool urlFromEnv = env.GetVariable("HASHRATEINDEX_BASE_URL") is { Length: > 0 };
            string? baseUrl = urlFromEnv ? env.GetVariable("HASHRATEINDEX_BASE_URL") : HashrateIndexBaseUrl;
            if (baseUrl is not null && HashrateIndexOptions.BaseUrlProblem(baseUrl) is { } urlProblem)
                throw new SettingsException($"{(urlFromEnv ? "HASHRATEINDEX_BASE_URL" : "\"hashrateIndexBaseUrl\" in the --config file")}: {urlProblem}.");
            string? cacheDir = CacheDir ?? (env.GetVariable("MINING_DISPATCH_CACHE_DIR") is { Length: > 0 } c ? c : null);
            if (cacheDir is not null && File.Exists(cacheDir))
                throw new SettingsException($"{(CacheDir is not null ? "--cache-dir" : "MINING_DISPATCH_CACHE_DIR")} {cacheDir} is a file, not a folder; give the folder for hashprice.sqlite (it is created when missing).");
            var options = new HashrateIndexOptions
            {
                ApiKey = key,
                CacheDirectory = cacheDir,
            };
            if (baseUrl is not null) options = options with { BaseUrl = new Uri(baseUrl) };
            return App.Requests.HashpriceRequest.FromApi(options);
        }
        if (IsChainSource) return App.Requests.HashpriceRequest.FromChain(ChainDir ?? SampleData.FindChainDirectory());
        string path = Hashprice ?? throw new SettingsException("No hashprice given: pass --hashprice FILE, --hashprice-source chain or --hashprice-source hashrateindex.");
        return App.Requests.HashpriceRequest.FromFile(path, HashpriceUnitChoice);
    }
}
