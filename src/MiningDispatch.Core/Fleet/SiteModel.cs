using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// A mining site as the dispatch engine sees it: a fleet (one or more models, optionally under a site cap) and the
/// commercial settings every model shares. A single-efficiency <see cref="SiteSpec"/> is a fleet of one
/// (<see cref="FromSite"/>), so one engine (<see cref="SiteBacktester"/>) serves both.
/// <para>
/// Each model k (tranche) is dispatched as its own single site (<see cref="TrancheSites"/>): its MW and W/TH, the site's
/// pool fee and adder, and the minimum profit scaled to its share (<see cref="SiteCommercials.MinProfitUsdPerMWh"/> ×
/// tranche MW per hour). The site cap then limits the sum, in whole machines, most efficient first.
/// </para>
/// </summary>
public sealed class SiteModel
{
    private SiteModel(FleetSpec fleet, SiteCommercials commercials, IReadOnlyList<FleetTranche> meritOrder, IReadOnlyList<SiteSpec> trancheSites,
        bool isSingleSite = false)
    {
        Fleet = fleet;
        Commercials = commercials;
        MeritOrder = meritOrder;
        TrancheSites = trancheSites;
        IsSingleSite = isSingleSite;
    }

    /// <summary>
    /// True for a site built by <see cref="FromSite"/>: its one model is the <see cref="SiteSpec"/> itself, so the
    /// engine books it on that site's <see cref="DispatchProblem"/> arrays exactly as <see cref="Backtester"/> does.
    /// </summary>
    public bool IsSingleSite { get; }

    /// <summary>Name of the single model of a site built by <see cref="FromSite"/>.</summary>
    public const string SingleModelName = "site";

    public FleetSpec Fleet { get; }
    public SiteCommercials Commercials { get; }

    /// <summary>Tranches most efficient first (<see cref="FleetSpec.MeritOrder"/>); every per-model array is in this order.</summary>
    public IReadOnlyList<FleetTranche> MeritOrder { get; }

    /// <summary>
    /// The single site each tranche is dispatched as, in merit order: capacity = tranche MW, efficiency = the model's
    /// W/TH, the site's pool fee and adder, minimum profit = <see cref="SiteCommercials.MinProfitUsdPerMWh"/> × tranche
    /// MW ($/h). For a site built by <see cref="FromSite"/> it is that <see cref="SiteSpec"/> itself.
    /// </summary>
    public IReadOnlyList<SiteSpec> TrancheSites { get; }

    /// <summary>MW limit on the whole site; null when there is none.</summary>
    public double? SiteCapMw => Fleet.SiteCapMw;

    /// <summary>True when a site cap below the nameplate can stop some machines from running together.</summary>
    public bool CapCanBind => Fleet.SiteCapMw is double cap && cap < Fleet.NameplateMw;

    /// <summary>A mixed fleet with its commercials; validates both.</summary>
    /// <exception cref="ArgumentException">An invalid fleet or setting (the message names it).</exception>
    public static SiteModel FromFleet(FleetSpec fleet, SiteCommercials commercials)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(commercials);
        fleet.Validate();
        commercials.Validate();
        var order = fleet.MeritOrder;
        var sites = new SiteSpec[order.Count];
        for (int k = 0; k < order.Count; k++)
        {
            var tr = order[k];
            sites[k] = new SiteSpec(new Megawatts(tr.Mw), tr.Model.Efficiency, commercials.PoolFee, commercials.Adder,
                commercials.MinProfitUsdPerMWh * tr.Mw);
        }
        return new SiteModel(fleet, commercials, order, sites);
    }

    /// <summary>
    /// A single-efficiency site as a fleet of one model named <see cref="SingleModelName"/>: one "machine" of the site's
    /// MW and hashrate, no site cap. The model is dispatched with <paramref name="site"/> itself, so every strategy
    /// takes exactly the decisions it takes on the single site.
    /// </summary>
    public static SiteModel FromSite(SiteSpec site)
    {
        ArgumentNullException.ThrowIfNull(site);
        site.Validate();
        var model = new MinerModel(SingleModelName, site.Hashrate.Value, MiningEconomics.MegawattsToWatts(site.Capacity.Value));
        var fleet = new FleetSpec([new FleetTranche(model, 1)]);
        // Not re-validated: the site is, and W / (W / e) may round a hair outside the model's 5..200 W/TH at the ends.
        var commercials = new SiteCommercials(site.PoolFee, site.Adder, site.MinProfitUsdPerHour / site.Capacity.Value);
        return new SiteModel(fleet, commercials, fleet.MeritOrder, [site], isSingleSite: true);
    }

    /// <summary>The same site with another fleet (mix or cap) and/or other commercials; validates them.</summary>
    public SiteModel With(FleetSpec? fleet = null, SiteCommercials? commercials = null)
        => fleet is null && commercials is null ? this : FromFleet(fleet ?? Fleet, commercials ?? Commercials);

    /// <summary>The dispatch problem of each tranche on <paramref name="market"/>, in merit order (null for a tranche with no machines).</summary>
    public DispatchProblem?[] Problems(MarketSeries market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var problems = new DispatchProblem?[MeritOrder.Count];
        for (int k = 0; k < problems.Length; k++)
            if (MeritOrder[k].Count > 0) problems[k] = new DispatchProblem(market, TrancheSites[k]);
        return problems;
    }
}
