using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Prices.Series;

/// <summary>
/// Hourly means of sorted 15-minute prices, with the hours of the point built before reused only when they are exactly
/// this point's: checked against means and hours computed by a plain loop here.
/// </summary>
public class HourlyAggregatorTests
{
    private static readonly long Quarter = TimeSpan.FromMinutes(15).Ticks;
    private static readonly long T0 = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    /// <summary>Four quarters an hour for <paramref name="hours"/> hours, leaving out <paramref name="skipHour"/> (a gap).</summary>
    private static Observation[] Quarters(int hours, int skipHour = -1)
    {
        var list = new List<Observation>();
        for (int h = 0; h < hours; h++)
        {
            if (h == skipHour) continue;
            for (int q = 0; q < 4; q++)
                list.Add(new Observation { Ticks = T0 + (h * 4 + q) * Quarter, Minutes = 15, Price = h * 10 + q * 0.25 - 3, Line = 2 + h * 4 + q });
        }
        return [.. list];
    }

    private static (DateTime[] Hours, double[] Means) ByHand(Observation[] obs)
    {
        var groups = obs.GroupBy(o => o.Ticks - o.Ticks % TimeSpan.TicksPerHour).OrderBy(g => g.Key).ToList();
        var hours = new DateTime[groups.Count];
        var means = new double[groups.Count];
        for (int i = 0; i < groups.Count; i++)
        {
            hours[i] = new DateTime(groups[i].Key, DateTimeKind.Utc);
            double sum = 0;
            foreach (var o in groups[i]) sum += o.Price;
            means[i] = sum / groups[i].Count();
        }
        return (hours, means);
    }

    [Fact]
    public void TheSameHours_AreTheAxisArrayItself()
    {
        var first = Quarters(30);
        var a = HourlyAggregator.BuildSorted(first, 0, _ => "f.csv", "A");
        var b = HourlyAggregator.BuildSorted(Quarters(30), 0, _ => "f.csv", "B", a.Hours);
        var (hours, means) = ByHand(first);
        Assert.Equal(hours, a.Hours);
        Assert.Equal(means, a.Prices);
        Assert.Same(a.Hours, b.Hours);
        Assert.Equal(means, b.Prices);
    }

    [Fact]
    public void HoursThatDifferFromTheAxis_AreTheirOwn_BeforeAndAfterTheFirstDifference()
    {
        var axis = HourlyAggregator.BuildSorted(Quarters(30), 0, _ => "f.csv", "A").Hours;
        var axisCopy = axis.ToArray();
        foreach (var obs in new[] { Quarters(31, skipHour: 12), Quarters(31, skipHour: 0), Quarters(31, skipHour: 29), Quarters(29) })
        {
            var r = HourlyAggregator.BuildSorted(obs, 0, _ => "f.csv", "B", axis);
            var (hours, means) = ByHand(obs);
            Assert.NotSame(axis, r.Hours);
            Assert.Equal(hours, r.Hours);
            Assert.Equal(means, r.Prices);
            Assert.Equal(obs.Length, r.RowsUsed);
        }
        Assert.Equal(axisCopy, axis); // the axis itself is never written
        var gap = HourlyAggregator.BuildSorted(Quarters(31, skipHour: 12), 0, _ => "f.csv", "B", axis);
        var g = Assert.Single(gap.Gaps);
        Assert.Equal(new DateTime(T0, DateTimeKind.Utc).AddHours(12), g.FromUtc);
    }
}
