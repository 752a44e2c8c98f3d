using System.Globalization;
using MiningDispatch.Core.Forward;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Risk;

/// <summary>
/// Rescales a bootstrapped path so each (market month, forward block) averages to the forward price; see
/// <see cref="MonteCarloEngine.RunForward"/>. Group membership, prices and the hashprice path are computed once.
/// </summary>
internal sealed class ForwardOverlay
{
    private readonly DayBlockBootstrap _boot;
    private readonly MarketSeries _history;
    private readonly int[] _groupOf;
    private readonly double[] _groupPrice;
    private readonly int[] _groupCount;
    private readonly double[] _hashprice;
    private readonly double _floor;
    private readonly double? _cap;
    private readonly string _market;
    private readonly HashpriceShocks? _shocks;
    private readonly int _seed;
    private readonly int _blockDays;

    public ForwardOverlay(DayBlockBootstrap boot, MarketSeries history, ForwardCurve curve, Func<DateTime[], double[]> hashprice,
        ShapeOptions shape, MarketClock clock, MonteCarloOptions options)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(hashprice);
        ArgumentNullException.ThrowIfNull(shape);
        if (!(shape.MultiplicativeFloorUsdPerMWh >= 0) || !double.IsFinite(shape.MultiplicativeFloorUsdPerMWh))
            throw new ArgumentException("The multiplicative floor must be a finite, non-negative $/MWh.");
        if (shape.HistoricalPriceCapUsdPerMWh is { } cap && !double.IsFinite(cap)) throw new ArgumentException("The historical price cap must be finite.");
        _boot = boot;
        _history = history;
        _shocks = options.ForwardHashpriceShocks;
        _seed = options.Seed;
        _blockDays = options.BlockDays;
        _floor = shape.MultiplicativeFloorUsdPerMWh;
        _cap = shape.HistoricalPriceCapUsdPerMWh;
        _market = curve.SettlementPoint.Length > 0 ? curve.SettlementPoint : history.SettlementPoint;
        var calendar = shape.Calendar ?? ForwardBlockCalendar.Nerc;
        var times = boot.TargetTimes;
        _groupOf = new int[times.Length];
        var index = new Dictionary<(int, int, ForwardBlock), int>();
        var prices = new List<double>();
        var counts = new List<int>();
        for (int i = 0; i < times.Length; i++)
        {
            var local = clock.ToLocal(times[i]);
            var block = calendar.BlockOfLocal(local);
            var key = (local.Year, local.Month, block);
            if (!index.TryGetValue(key, out int g))
            {
                if (!curve.TryGetPrice(local.Year, local.Month, block, out double f))
                    throw new KeyNotFoundException(string.Format(CultureInfo.InvariantCulture,
                        "Forward curve{0} has no {1} price for {2:D4}-{3:D2}, needed for the simulated hour {4:O}.",
                        curve.Source.Length > 0 ? " " + curve.Source : "", ForwardBlockCalendar.Name(block), local.Year, local.Month, times[i]));
                index[key] = g = prices.Count;
                prices.Add(f);
                counts.Add(0);
            }
            _groupOf[i] = g;
            counts[g]++;
        }
        _groupPrice = prices.ToArray();
        _groupCount = counts.ToArray();
        _hashprice = hashprice(times) ?? throw new ArgumentException("The hashprice path returned null.");
        if (_hashprice.Length != times.Length)
            throw new ArgumentException($"The hashprice path has {_hashprice.Length} values for {times.Length} simulated intervals.");
        for (int i = 0; i < _hashprice.Length; i++)
            if (!double.IsFinite(_hashprice[i]))
                throw new ArgumentException($"The hashprice path is not finite at {times[i]:O}.");
    }

    /// <summary>
    /// Path <paramref name="path"/>'s series: the rescaled prices, and the hashprice path (× the path's multipliers
    /// when <see cref="MonteCarloOptions.ForwardHashpriceShocks"/> is set; drawn from the stream (~Seed, path), apart
    /// from the bootstrap's (Seed, path)).
    /// </summary>
    public MarketSeries BuildSeries(int path, int[] source)
    {
        int m = source.Length, groups = _groupPrice.Length;
        var price = new double[m];
        var sum = new double[groups];
        for (int i = 0; i < m; i++)
        {
            double p = _history.PriceUsdPerMWh[source[i]];
            if (_cap is { } cap && p > cap) p = cap;
            price[i] = p;
            sum[_groupOf[i]] += p;
        }
        var scale = new double[groups];
        var shift = new double[groups];
        for (int g = 0; g < groups; g++)
        {
            double mean = sum[g] / _groupCount[g], f = _groupPrice[g];
            if (f >= _floor && mean >= _floor) { scale[g] = f / mean; shift[g] = 0; }
            else { scale[g] = 1; shift[g] = f - mean; }
        }
        Array.Clear(sum);
        for (int i = 0; i < m; i++)
        {
            int g = _groupOf[i];
            price[i] = price[i] * scale[g] + shift[g];
            sum[g] += price[i];
        }
        // Remove the rounding residue so each block averages to its forward price to machine precision.
        for (int i = 0; i < m; i++)
        {
            int g = _groupOf[i];
            price[i] += _groupPrice[g] - sum[g] / _groupCount[g];
        }
        var hp = (double[])_hashprice.Clone();
        if (_shocks is not null)
        {
            var f = _shocks.Multipliers(_boot.TargetTimes, _blockDays, Xoshiro256StarStar.ForStream(~_seed, path));
            for (int i = 0; i < m; i++) hp[i] *= f[i];
        }
        return new MarketSeries(_boot.TargetTimes, price, hp, _history.IntervalHours,
            settlementPoint: _market, market: "forward-bootstrap");
    }
}
