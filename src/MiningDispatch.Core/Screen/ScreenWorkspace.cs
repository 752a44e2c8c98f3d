using MiningDispatch.Core.Fleet;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;

namespace MiningDispatch.Core.Screen;

/// <summary>
/// The arrays one worker needs to screen points one after another on a <see cref="ScreenGrid"/>: the point's prices on
/// the grid and, for a point with every grid interval, the site's dispatch problems and the machines wanted. Reusing
/// them keeps a screen's memory at one point's arrays per worker, whatever the number of points (and spares the
/// allocation and page faults of several grid-long arrays per point). Not thread-safe: one per worker.
/// </summary>
public sealed class ScreenWorkspace
{
    private readonly double[][][] _problems; // [tranche][5][interval]
    private readonly double[][] _want;        // [tranche][interval]
    private readonly double[] _run;

    /// <summary>Arrays for <paramref name="grid"/> and <paramref name="site"/>.</summary>
    public ScreenWorkspace(ScreenGrid grid, SiteModel site)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(site);
        Grid = grid;
        Site = site;
        int n = grid.Count, models = site.MeritOrder.Count;
        Prices = new double[n];
        _problems = new double[models][][];
        _want = new double[models][];
        for (int k = 0; k < models; k++)
        {
            _problems[k] = [new double[n], new double[n], new double[n], new double[n], new double[n]];
            _want[k] = new double[n];
        }
        _run = new double[n];
    }

    /// <summary>The grid the arrays are sized for.</summary>
    public ScreenGrid Grid { get; }

    /// <summary>The site the arrays are sized for.</summary>
    public SiteModel Site { get; }

    /// <summary>A point's prices on the grid: fill with <see cref="ScreenGrid.ToGrid(ReadOnlySpan{DateTime}, ReadOnlySpan{double}, Span{double})"/>.</summary>
    public double[] Prices { get; }

    /// <summary>The site's problems on <paramref name="market"/>, in this workspace's arrays when the market spans the grid.</summary>
    internal DispatchProblem?[] Problems(MarketSeries market)
    {
        if (market.Count != Grid.Count) return Site.Problems(market);
        var problems = new DispatchProblem?[Site.MeritOrder.Count];
        for (int k = 0; k < problems.Length; k++)
            if (Site.MeritOrder[k].Count > 0) problems[k] = new DispatchProblem(market, Site.TrancheSites[k], _problems[k]);
        return problems;
    }

    /// <summary>The machines each tranche's strategy asks for, in this workspace's arrays when the market spans the grid.</summary>
    internal double[][] DesiredMachines(MarketSeries market, IDispatchStrategy strategy, DispatchProblem?[] problems) =>
        market.Count == Grid.Count
            ? SiteBacktester.DesiredMachines(market, Site, strategy, problems, _want, _run)
            : SiteBacktester.DesiredMachines(market, Site, strategy, problems);
}
