using System.Globalization;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Fleet;

/// <summary>A group of identical machines: one tranche of the merit order.</summary>
/// <param name="Model">The ASIC model.</param>
/// <param name="Count">Number of machines installed.</param>
public sealed record FleetTranche(MinerModel Model, int Count)
{
    /// <summary>Nameplate MW of the tranche.</summary>
    public double Mw => MiningEconomics.WattsToMegawatts(Count * Model.Watts);

    /// <summary>Nameplate TH/s of the tranche.</summary>
    public double TerahashPerSecond => Count * Model.TerahashPerSecond;
}

/// <summary>
/// A mixed fleet behind one meter: tranches of machines and an optional site cap on the MW drawn (interconnection or
/// contract limit). When the cap binds, the most efficient machines run first.
/// </summary>
public sealed record FleetSpec(IReadOnlyList<FleetTranche> Tranches, double? SiteCapMw = null)
{
    /// <summary>Sum of tranche MW.</summary>
    public double NameplateMw => Tranches.Sum(t => t.Mw);

    /// <summary>MW the site can draw: nameplate, limited by the cap.</summary>
    public double AvailableMw => SiteCapMw is double cap ? Math.Min(cap, NameplateMw) : NameplateMw;

    /// <summary>Tranches from most to least efficient (lowest W/TH first; ties by name).</summary>
    public IReadOnlyList<FleetTranche> MeritOrder =>
        Tranches.OrderBy(t => t.Model.Efficiency.Value).ThenBy(t => t.Model.Name, StringComparer.Ordinal).ToList();

    /// <summary>Builds a fleet from catalogue names and machine counts.</summary>
    public static FleetSpec Create(MinerCatalog catalog, double? siteCapMw, params (string Model, int Count)[] tranches)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new FleetSpec(tranches.Select(t => new FleetTranche(catalog.Get(t.Model), t.Count)).ToList(), siteCapMw);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad tranche or setting.</summary>
    public void Validate()
    {
        if (Tranches is null || Tranches.Count == 0) throw new ArgumentException("A fleet needs at least one tranche of machines.");
        foreach (var t in Tranches)
        {
            ArgumentNullException.ThrowIfNull(t);
            t.Model.Validate();
            if (t.Count < 0) throw new ArgumentException($"Fleet tranche '{t.Model.Name}': machine count must not be negative (got {t.Count}).");
        }
        if (!(NameplateMw > 0)) throw new ArgumentException("The fleet has no machines.");
        if (SiteCapMw is double cap && (!(cap > 0) || !double.IsFinite(cap)))
            throw new ArgumentException($"Site cap must be a positive number of MW (got {cap.ToString(CultureInfo.InvariantCulture)}).");
    }
}
