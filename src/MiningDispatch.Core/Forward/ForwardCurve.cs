using System.Globalization;

namespace MiningDispatch.Core.Forward;

/// <summary>One forward quote: the price of a block for a delivery month (Central Prevailing Time), in $/MWh.</summary>
public sealed record ForwardBlockPrice(int Year, int Month, ForwardBlock Block, double PriceUsdPerMWh);

/// <summary>
/// A monthly forward curve for one settlement point: a price in $/MWh for each (delivery month, block) pair.
/// Months are market (Central Prevailing Time) months. Not every month needs all blocks, but shaping a forward hour
/// whose month and block have no price is an error.
/// </summary>
public sealed class ForwardCurve
{
    private readonly Dictionary<(int Year, int Month, ForwardBlock Block), double> _prices = new();

    /// <summary>Builds a curve; throws on duplicates, invalid months and non-finite prices, naming the entry.</summary>
    public ForwardCurve(IEnumerable<ForwardBlockPrice> prices, string settlementPoint = "", string source = "")
    {
        ArgumentNullException.ThrowIfNull(prices);
        var list = new List<ForwardBlockPrice>();
        foreach (var p in prices)
        {
            ArgumentNullException.ThrowIfNull(p);
            string where = Describe(p.Year, p.Month, p.Block, source);
            if (p.Year is < 1900 or > 2200 || p.Month is < 1 or > 12)
                throw new ArgumentException($"Forward curve entry {where} has an invalid delivery month.");
            if (!Enum.IsDefined(p.Block))
                throw new ArgumentException($"Forward curve entry {where} has an unknown block.");
            if (!double.IsFinite(p.PriceUsdPerMWh))
                throw new ArgumentException($"Forward curve entry {where} has a non-finite price ({p.PriceUsdPerMWh.ToString(CultureInfo.InvariantCulture)}).");
            if (!_prices.TryAdd((p.Year, p.Month, p.Block), p.PriceUsdPerMWh))
                throw new ArgumentException($"Forward curve has two prices for {where}.");
            list.Add(p);
        }
        if (list.Count == 0) throw new ArgumentException($"Forward curve{(source.Length > 0 ? " " + source : "")} has no prices.");
        list.Sort((a, b) => (a.Year, a.Month, a.Block).CompareTo((b.Year, b.Month, b.Block)));
        Prices = list;
        SettlementPoint = settlementPoint;
        Source = source;
    }

    /// <summary>All quotes, ordered by month then block.</summary>
    public IReadOnlyList<ForwardBlockPrice> Prices { get; }

    /// <summary>Settlement point or hub the curve is for (e.g. HB_NORTH); informational.</summary>
    public string SettlementPoint { get; }

    /// <summary>Where the curve came from (a file name or broker); used in error messages.</summary>
    public string Source { get; }

    /// <summary>Price of a block in a month, $/MWh.</summary>
    /// <exception cref="KeyNotFoundException">The curve has no such quote.</exception>
    public double Price(int year, int month, ForwardBlock block)
        => TryGetPrice(year, month, block, out double p)
            ? p
            : throw new KeyNotFoundException($"Forward curve has no price for {Describe(year, month, block, Source)}.");

    public bool TryGetPrice(int year, int month, ForwardBlock block, out double priceUsdPerMWh)
        => _prices.TryGetValue((year, month, block), out priceUsdPerMWh);

    /// <summary>A curve with the same three block prices in every month from (<paramref name="year"/>, <paramref name="month"/>) for <paramref name="months"/> months.</summary>
    public static ForwardCurve Flat(int year, int month, int months, double peak5x16, double weekend2x16, double night7x8, string settlementPoint = "")
    {
        if (months <= 0) throw new ArgumentOutOfRangeException(nameof(months), months, "Need at least one month.");
        var list = new List<ForwardBlockPrice>(months * 3);
        var d = new DateOnly(year, month, 1);
        for (int i = 0; i < months; i++, d = d.AddMonths(1))
        {
            list.Add(new(d.Year, d.Month, ForwardBlock.Peak5x16, peak5x16));
            list.Add(new(d.Year, d.Month, ForwardBlock.Weekend2x16, weekend2x16));
            list.Add(new(d.Year, d.Month, ForwardBlock.Night7x8, night7x8));
        }
        return new ForwardCurve(list, settlementPoint);
    }

    private static string Describe(int year, int month, ForwardBlock block, string source)
    {
        string name = Enum.IsDefined(block) ? ForwardBlockCalendar.Name(block) : ((int)block).ToString(CultureInfo.InvariantCulture);
        string s = string.Format(CultureInfo.InvariantCulture, "{0:D4}-{1:D2} {2}", year, month, name);
        return source.Length > 0 ? s + " (" + source + ")" : s;
    }
}
