using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Core.Tests.Strategies;

/// <summary>Every numeric strategy option has a finite range; values just outside are refused with the range named.</summary>
public class StrategyLimitsTests
{
    [Theory]
    [InlineData("lagged", "lag", 672, 673)]                 // 7 days x 96 quarter hours
    [InlineData("hysteresis", "offConfirm", 672, 673)]
    [InlineData("hysteresis", "onConfirm", 672, 673)]
    [InlineData("percentile", "window", 35136, 35137)]      // 366 days x 96
    [InlineData("hysteresis", "offPrice", 100000, 100000.01)]
    [InlineData("hysteresis", "offMargin", -100000, -100000.01)]
    public void Largest_value_is_accepted_and_the_next_refused(string strategy, string key, double ok, double bad)
    {
        var d = StrategyRegistry.Get(strategy);
        var extra = key == "offPrice" ? new StrategyParameters([new(key, ok), new("onPrice", 0)]) : new StrategyParameters([new(key, ok)]);
        string flag = d.Options.Single(o => o.Key == key).Flag;
        Assert.DoesNotContain(d.Problems(extra), p => p.Contains(flag, StringComparison.Ordinal) && p.Contains("between", StringComparison.Ordinal));
        var problem = Assert.Single(d.Problems(new StrategyParameters([new(key, bad)])), p => p.Contains("between", StringComparison.Ordinal));
        Assert.Contains($"(got {d.Options.Single(o => o.Key == key).Format(bad)})", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_numeric_option_has_a_finite_range()
    {
        foreach (var d in StrategyRegistry.All)
            foreach (var o in d.Options.Where(o => o.Kind != StrategyOptionKind.Switch))
                Assert.True(double.IsFinite(o.Minimum) && double.IsFinite(o.Maximum), $"{d.Name} {o.Flag} has no finite range");
    }
}
