using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Profiles;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.Ancillary;

namespace MiningDispatch.App.Pipeline;

/// <summary>
/// Ancillary services co-optimized with mining (<c>--as-prices</c>) on a run: loads and aligns the MCPC, builds the
/// offer, gives the optimum its AS value per MW running, books AS on every schedule and adds the AS line to the site
/// total, the revenue stack, the desk KPIs and the monthly streams.
/// </summary>
internal sealed class AncillaryRun
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private static readonly MarketClock Clock = MarketClock.Ercot;

    private readonly MarketSeries _market;
    private readonly Func<int, IntervalSite> _sites;
    private readonly double _siteMw;

    private AncillaryRun(MarketSeries market, Func<int, IntervalSite> sites, double siteMw, AncillaryOffer offer, AncillaryMarket asMarket,
        DataQualityReport quality, List<KeyValuePair<string, string>> inputs, int withoutPrice)
    {
        _market = market;
        _sites = sites;
        _siteMw = siteMw;
        Offer = offer;
        Market = asMarket;
        Quality = quality;
        Inputs = inputs;
        IntervalsWithoutPrice = withoutPrice;
    }

    /// <summary>What the site offers.</summary>
    public AncillaryOffer Offer { get; }
    /// <summary>AS prices (and deployments) on the run's intervals.</summary>
    public AncillaryMarket Market { get; }
    /// <summary>The AS price files' data quality, with the run's intervals that have no price.</summary>
    public DataQualityReport Quality { get; }
    /// <summary>Lines for the inputs table.</summary>
    public List<KeyValuePair<string, string>> Inputs { get; }
    /// <summary>Run intervals with no price for any offered product.</summary>
    public int IntervalsWithoutPrice { get; }

    /// <summary>Loads the AS inputs of <paramref name="s"/>; null without <c>--as-prices</c> (or <c>forecast --as-price</c>).</summary>
    /// <exception cref="SettingsException">An AS setting that does not fit the site (names the flag).</exception>
    public static AncillaryRun? From(ContractRequest s, MarketSeries market, SiteModel site, DispatchProblem?[] problems)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        if (s.Ancillary is not { } a) return null;
        double siteMw = site.Fleet.AvailableMw;
        var offer = a.ToOffer();
        try { offer.Validate(siteMw); }
        catch (ArgumentException ex) { throw new SettingsException($"--as-products/--resource/--as-max-share/--min-load/--as-deployments/--as-shortfall-charge: {ex.Message}"); }
        var (prices, realTime, flat, loadedQuality, layouts) = Prices(a);
        double[][]? deployed = null;
        string deployments = "none (no deployment assumed; give --as-deployments FILE or product=fraction)";
        if (a.DeploymentsFile is { } file)
        {
            var list = AncillaryDeploymentLoader.Load(file);
            deployed = AncillaryDeploymentLoader.OnIntervals(list, market.StartsUtc, market.IntervalHours);
            deployments = string.Create(Ci, $"{list.Count} deployment(s) from {Path.GetFileName(file)}; offers are chosen without knowing them except by the optimum's booking");
        }
        else if (offer.ExpectedDeployedFraction.Count > 0)
            deployments = "expected deployed fraction " + string.Join(", ", offer.ExpectedDeployedFraction.Select(kv => string.Create(Ci, $"{AncillaryProducts.Code(kv.Key)} {kv.Value:0.###}")));
        var asMarket = prices is not null ? AncillaryMarket.From(prices, market, deployed, realTime)
            : new AncillaryMarket(AncillaryFlatPrice.OnIntervals(flat, market.StartsUtc.Select(t => { var l = Clock.ToLocal(t); return new DateOnly(l.Year, l.Month, 1); }).ToList()), deployed);
        int withRealTime = asMarket.IntervalsWithRealTimePrice(offer.Products);
        int without = asMarket.IntervalsWithoutPrice(offer.Products);
        var notes = new List<string>(loadedQuality.Notes);
        if (without > 0)
            notes.Add(string.Create(Ci, $"warning: {without:#,0} of the run's {market.Count:#,0} intervals have no price for any offered product: nothing is offered in them"));
        var quality = loadedQuality with { Notes = notes };
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("AS prices", string.Join("; ", layouts)),
            new("AS offer", (offer.Resource == LoadResourceKind.Controllable ? "Controllable Load Resource" : "Load Resource") + ": " +
                string.Join(", ", offer.Products.Select(p => string.Create(Ci, $"{AncillaryProducts.Code(p)} (max {offer.Share(p) * 100:0.#} % of {siteMw:0.###} MW)"))) +
                string.Create(Ci, $"; min load {offer.MinLoadMw:0.###} MW; Σ up offers ≤ running MW − min load") +
                (offer.Products.Contains(AncillaryProduct.RegDown) ? "; Reg-Down ≤ site MW − running MW" : "")),
            new("AS deployments", deployments),
            new("AS regime", RegimeOf(market)),
            new("AS awards", string.Create(Ci, $"paid the DAM MCPC × award whether or not deployed; an award not delivered is replaced at the real-time MCPC where known ") +
                string.Create(Ci, $"({withRealTime:#,0} of {market.Count:#,0} intervals), otherwise pays the DAM MCPC back plus ${offer.ShortfallChargeUsdPerMwHour:0.##}/MW-h (--as-shortfall-charge)")),
        };
        return new AncillaryRun(market, Sites(site, problems), siteMw, offer, asMarket, quality, inputs, without);
    }

    /// <summary>
    /// The AS market of <c>forecast --paths</c> (flat monthly prices, <c>--as-price</c>) on any forward intervals: the
    /// month's (or every month's) MCPC per product in every hour of the month, the same on every path; deployments from
    /// <c>--as-deployments FILE</c> on the intervals they cover, or the offer's expected fractions. Null without AS.
    /// </summary>
    public static (Func<DateTime[], AncillaryMarket> PricesOn, AncillaryOffer Offer)? Forward(ContractRequest s, double intervalHours)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (s.Ancillary is not { } a) return null;
        var (_, _, flat, _, _) = Prices(a);
        if (flat.Count == 0) throw new SettingsException("forecast --paths books AS at flat monthly prices: give them with --as-price (product=price,... or a CSV month,product,price).");
        var deployments = a.DeploymentsFile is { } file ? AncillaryDeploymentLoader.Load(file) : null;
        return (times => new AncillaryMarket(
            AncillaryFlatPrice.OnIntervals(flat, times.Select(t => { var l = Clock.ToLocal(t); return new DateOnly(l.Year, l.Month, 1); }).ToList()),
            deployments is null ? null : AncillaryDeploymentLoader.OnIntervals(deployments, times, intervalHours)), a.ToOffer());
    }

    /// <summary>The AS price files of the request, or its flat monthly prices (<c>forecast --as-price</c>: prices null).</summary>
    private static (AncillaryPrices? Prices, AncillaryRealTimePrices? RealTime, IReadOnlyList<AncillaryFlatPrice> Flat, DataQualityReport Quality, IReadOnlyList<string> Layouts) Prices(AncillaryRequest a)
    {
        if (a.PriceFiles.Count > 0)
        {
            var loaded = AncillaryPriceLoader.Load(a.PriceFiles);
            return (loaded.Prices, loaded.RealTime, [], loaded.Quality, loaded.Layouts);
        }
        var flat = a.FlatPriceFile is { } file ? AncillaryFlatPriceLoader.Load(file) : a.FlatPrices;
        if (flat.Count == 0) throw new SettingsException("AS co-optimization needs AS prices: --as-prices FILE... (backtest, risk) or --as-price (forecast).");
        string source = a.FlatPriceFile is { } f ? Path.GetFileName(f) : "--as-price";
        string text = string.Join(", ", flat.Select(x => string.Create(Ci, $"{AncillaryProducts.Code(x.Product)}{(x.Month is { } m ? $" {m:yyyy-MM}" : "")} {x.PriceUsdPerMwHour:0.##}")));
        var layout = string.Create(Ci, $"{source} : flat AS prices, $/MW-h in every hour of the month (a month's own price wins over one for every month): {text}");
        var quality = new DataQualityReport(source, "AS prices (flat monthly MCPC, $/MW-h; an input, not market data)", flat.Count, flat.Count, 0, [], 0, 0, []);
        return (null, null, flat, quality, [layout]);
    }

    /// <summary>The site in each interval: its models in merit order (under the site cap, whole machines) and their margins per MW.</summary>
    public static Func<int, IntervalSite> Sites(SiteModel site, DispatchProblem?[] problems) => AncillaryFleet.Sites(site, problems);

    /// <summary>
    /// AS value of a MW running for the optimum's DP: the capacity payments the whole site running can earn in the
    /// interval, less the expected deployment cost, per MW of the site (offers proportional to running MW).
    /// </summary>
    public double[] OnValuePerMw()
    {
        var v = new double[_market.Count];
        for (int t = 0; t < v.Length; t++)
        {
            var d = AncillaryCoOptimizer.At(_sites(t), Offer, Market.PricesAt(t), _market.IntervalHours, _siteMw);
            v[t] = _siteMw > 0 ? (d.CapacityUsd.Sum() - d.DeploymentUsd) / _siteMw : 0;
        }
        return v;
    }

    /// <summary>AS on a schedule decided without AS: the best awards its running MW allow in each interval.</summary>
    public AncillaryResult Book(string schedule, double[] runningMw) =>
        AncillarySettlement.OnSchedule(schedule, _sites, runningMw, Offer, Market, _market.IntervalHours);

    /// <summary>
    /// The strategy as run with AS: the day-ahead strategy on a single-model site becomes <c>as-day-ahead</c>, which
    /// chooses its offers at the day-ahead market close; any other strategy is run as chosen and offers what it runs.
    /// </summary>
    public IDispatchStrategy Strategy(IDispatchStrategy chosen, bool singleSite) =>
        singleSite && chosen is DayAheadStrategy ? new AncillaryDayAheadStrategy(Offer, Market, Clock) : chosen;

    /// <summary>
    /// <c>as-day-ahead</c> on a fleet when the day-ahead strategy is chosen (offers for the whole site chosen at the
    /// day-ahead market close, the least efficient running machines offered first); null for any other strategy, which
    /// runs as chosen and offers what it runs. <paramref name="site"/> must be the site whose dispatch problems it will see.
    /// </summary>
    public AncillaryFleetDayAheadStrategy? FleetStrategy(IDispatchStrategy chosen, SiteModel site) =>
        chosen is DayAheadStrategy ? new AncillaryFleetDayAheadStrategy(Offer, Market, site, Clock) : null;

    /// <summary>
    /// The energy-only dispatch's site-total line for <c>as-day-ahead</c>: the plain day-ahead schedule (<paramref name="plain"/>)
    /// with its restart cost, DR income and 4CP charge; the contract value is the strategy line's.
    /// </summary>
    public static SiteTotalLine EnergyOnlyLine(SiteTotalLine strategyLine, BacktestResult plain, double restartCostUsd, SiteLoadProfile profile, ContractRequest contracts, FourCpSetup fourCp)
    {
        ArgumentNullException.ThrowIfNull(strategyLine);
        ArgumentNullException.ThrowIfNull(plain);
        return new SiteTotalLine(plain.Strategy, "energy-only", plain.Summary.ProfitUsd, restartCostUsd, strategyLine.ContractValueUsd,
            ContractSections.DrIncome(ContractSections.DrContract(contracts), profile), ContractSections.FourCpCharge(contracts, fourCp, profile));
    }

    /// <summary>
    /// Adds the AS line to every site-total line (regret on the new totals), the revenue stack, KPIs and monthly streams.
    /// The one-interval-late line is removed: its schedule's AS is not booked.
    /// </summary>
    /// <param name="model">The settled run.</param>
    /// <param name="strategyAs">AS booked on the strategy's schedule.</param>
    /// <param name="energyOnly">The energy-only dispatch's site-total line (the same dispatch without AS).</param>
    /// <param name="profiles">MW and revenue of the strategy, always-on and (when run) the optimum.</param>
    /// <param name="poolFee">Pool fee, for the hashprice KPI.</param>
    public BacktestRun Apply(BacktestRun model, AncillaryResult strategyAs, (SiteTotalLine Line, SiteLoadProfile Profile) energyOnly, SiteLoadProfile strategy, SiteLoadProfile alwaysOn,
        SiteLoadProfile? optimum, double poolFee, List<KeyValuePair<string, string>> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.AddRange(Inputs);
        if (model.SiteTotal is not { } total) return model;
        var results = new List<AncillaryResult> { strategyAs, Book("always-on", alwaysOn.MwConsumed) };
        if (optimum is not null && total.Optimum is not null) results.Add(Book("optimum", optimum.MwConsumed));
        var lines = total.Lines.Select((l, i) => i < results.Count ? l with { AncillaryIncomeUsd = results[i].IncomeUsd } : l).ToList();
        var newTotal = total with { Lines = lines, OneIntervalLate = null };
        if (total.OneIntervalLate is not null)
            inputs.Add(new("One interval late", "not shown with --as-prices (the late schedule's AS is not booked)"));
        var profiles = new List<SiteLoadProfile> { strategy, alwaysOn };
        if (results.Count > 2) profiles.Add(optimum!);

        var stack = new List<AncillaryStackLine> { Stack(lines[0], "co-optimized", strategyAs, strategy) };
        stack.Add(Stack(energyOnly.Line, "energy-only", AncillaryResult.None(energyOnly.Line.Schedule, _market.Count), energyOnly.Profile));
        stack.Add(Stack(lines[1], "always-on", results[1], alwaysOn));
        if (results.Count > 2) stack.Add(Stack(lines[2], "optimum", results[2], optimum!));

        var section = new AncillarySection(AncillaryProducts.All.Select(AncillaryProducts.Code).ToList(), Offer.Products.Select(AncillaryProducts.Code).ToList(),
            Offer.Resource == LoadResourceKind.Controllable ? "Controllable Load Resource" : "Load Resource", RegimeOf(_market), _siteMw * _market.Count * _market.IntervalHours / 8760.0,
            stack, Kpis(model, strategy, strategyAs, poolFee), Monthly(strategy, strategyAs), IntervalsWithoutPrice)
        {
            Quality = Quality,
        };
        return ContractSections.WithSiteTotal(model, newTotal) with { AncillaryServices = section };
    }

    private AncillaryStackLine Stack(SiteTotalLine line, string role, AncillaryResult r, SiteLoadProfile profile)
    {
        int n = _market.Count;
        double operating = 100.0 * profile.MwConsumed.Count(x => x > 1e-9) / Math.Max(1, n);
        return new AncillaryStackLine(line.Schedule, role, line.MiningProfitAfterRestartsUsd, line.ContractValueUsd, r.CapacityUsdByProduct, r.DeploymentCostUsd, r.PenaltyUsd,
            line.DrIncomeUsd, line.FourCpChargeUsd, r.LossIntervals, r.LossMarginUsd, operating, 100.0 * r.IntervalsDeployed / Math.Max(1, n));
    }

    /// <summary>Which AS market regime the run's market days fall in (before / from the RTC+B go-live on 5 Dec 2025).</summary>
    private static string RegimeOf(MarketSeries market)
    {
        var start = AncillaryProducts.RealTimeCoOptimizationStart;
        int after = market.StartsUtc.Count(t => Clock.MarketDay(t) >= start);
        if (after == 0) return "before RTC+B: day-ahead AS market only (real-time co-optimization went live on 5 Dec 2025)";
        if (after == market.Count) return "RTC+B (real-time co-optimization, from 5 Dec 2025): DAM awards pay the DAM MCPC; shortfalls are replaced at the real-time MCPC where loaded";
        return string.Create(Ci, $"both: {market.Count - after:#,0} interval(s) before RTC+B (5 Dec 2025) and {after:#,0} from it on (see each month's regime)");
    }

    private AncillaryKpis Kpis(BacktestRun model, SiteLoadProfile p, AncillaryResult r, double poolFee)
    {
        double dt = _market.IntervalHours, mwh = 0, cost = 0, phDays = 0, hpWeighted = 0;
        for (int t = 0; t < p.Count; t++)
        {
            double e = p.MwConsumed[t] * dt;
            mwh += e;
            cost += e * (p.PriceUsdPerMWh[t] + p.AdderUsdPerMWh);
            double hpPh = MiningEconomics.PerThDayToPerPhDay(_market.HashpriceUsdPerThDay[t]);
            if (hpPh > 0 && poolFee < 1)
            {
                double ph = p.MiningRevenueUsd[t] / (hpPh * (1 - poolFee));
                phDays += ph;
                hpWeighted += ph * hpPh;
            }
        }
        double resale = model.SiteTotal?.PowerSaleCreditsUsd ?? 0;
        double asDr = r.IncomeUsd + (model.SiteTotal?.Strategy.DrIncomeUsd ?? 0);
        double fourCp = model.FourCp is { } f ? f.ChargeWithoutAvoidanceUsd - f.ChargeWithAvoidanceUsd : 0;
        double credits = resale + asDr + fourCp;
        double? perBtc = model.Btc is { } b && b.BtcMined > 0 ? (cost - credits) / b.BtcMined : null;
        int n = Math.Max(1, p.Count);
        return new AncillaryKpis(mwh > 0 ? cost / mwh / 10 : 0, mwh > 0 ? (cost - credits) / mwh / 10 : 0, resale, asDr, fourCp,
            phDays > 0 ? cost / phDays : 0, phDays > 0 ? (cost - credits) / phDays : 0, phDays > 0 ? hpWeighted / phDays : 0, perBtc,
            100.0 * p.MwConsumed.Count(x => x > 1e-9) / n, 100.0 * r.IntervalsDeployed / n);
    }

    /// <summary>Monthly streams of a schedule: its energy margin (before restart costs), capacity per product, deployment and penalties.</summary>
    private static List<AncillaryMonth> Monthly(SiteLoadProfile p, AncillaryResult r)
    {
        int k = AncillaryProducts.All.Count;
        var byMonth = new SortedDictionary<(int, int), (double Margin, double[] Cap, double Other, DateOnly First, DateOnly Last)>();
        for (int t = 0; t < p.Count; t++)
        {
            var local = Clock.ToLocal(p.StartsUtc[t]);
            var key = (local.Year, local.Month);
            var day = DateOnly.FromDateTime(local);
            if (!byMonth.TryGetValue(key, out var m)) m = (0, new double[k], 0, day, day);
            m.Last = day;
            m.Margin += p.NetProfitUsd(t);
            double cap = 0;
            for (int j = 0; j < k; j++) { m.Cap[j] += r.CapacityUsdByProductAndInterval[j][t]; cap += r.CapacityUsdByProductAndInterval[j][t]; }
            m.Other += cap - r.IncomeUsdByInterval[t];
            byMonth[key] = m;
        }
        return byMonth.Select(kv => new AncillaryMonth(kv.Key.Item1, kv.Key.Item2, kv.Value.Margin, kv.Value.Cap, kv.Value.Other,
            AncillaryProducts.Regime(kv.Value.First, kv.Value.Last))).ToList();
    }
}
