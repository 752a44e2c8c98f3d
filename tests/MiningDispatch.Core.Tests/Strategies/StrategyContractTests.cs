using System.Text.RegularExpressions;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

/// <summary>
/// The contract every registered strategy must keep. The data comes from <see cref="StrategyRegistry"/>, so a new
/// strategy folder is tested here without editing any list. Each strategy runs with two parameter sets: every option
/// at its default, and every option with a default moved one step inside its range (with switching constraints).
/// </summary>
public partial class StrategyContractTests
{
    private static readonly SiteSpec Site = new(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5));

    public static TheoryData<string> All => new(StrategyRegistry.All.Select(d => d.Name));

    public static TheoryData<string> NonAnticipative => new(StrategyRegistry.All.Where(d => d.IsNonAnticipative).Select(d => d.Name));

    /// <summary>Defaults, and each option with a default one step (1) inside its range, with switching constraints.</summary>
    private static IEnumerable<StrategyParameters> Variants(StrategyDescriptor d, OptimalOptions? switching = null)
    {
        yield return StrategyParameters.Default;
        var shifted = new List<KeyValuePair<string, double>>();
        foreach (var o in d.Options)
            if (o.Default is { } v) shifted.Add(new(o.Key, v + 1 <= o.Maximum ? v + 1 : v - 1));
        var p = new StrategyParameters(shifted) { Switching = switching ?? new OptimalOptions(4, 6, 40) };
        Assert.Empty(d.Problems(p));
        yield return p;
    }

    private static double[] Run(IDispatchStrategy s, MarketSeries m)
    {
        var run = new double[m.Count];
        Array.Fill(run, double.NaN);
        s.Dispatch(new DispatchProblem(m, Site), run);
        return run;
    }

    [Theory]
    [MemberData(nameof(All))]
    public void The_built_strategy_has_the_descriptors_name_and_claim(string name)
    {
        var d = StrategyRegistry.Get(name);
        foreach (var p in Variants(d))
        {
            var s = d.Create(p);
            Assert.Equal(d.Name, s.Name);
            Assert.Equal(d.IsNonAnticipative, s.IsNonAnticipative);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Every_interval_gets_a_run_fraction_within_0_and_1(string name)
    {
        var d = StrategyRegistry.Get(name);
        var m = NonAnticipation.SampleMarket(seed: 11);
        foreach (var p in Variants(d))
        {
            var run = Run(d.Create(p), m);
            Assert.All(run, x => Assert.InRange(x, 0.0, 1.0)); // NaN (an interval never written) fails too
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Empty_input_gives_an_empty_schedule(string name)
    {
        var d = StrategyRegistry.Get(name);
        var empty = new MarketSeries([], [], [], 1.0, []);
        foreach (var p in Variants(d)) Assert.Empty(Run(d.Create(p), empty));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void A_single_interval_far_below_breakeven_runs_hourly_and_at_15_minutes(string name)
    {
        // Hashprice 0.05 at 20 W/TH, 2 % fee: breakeven all-in 0.05 × 0.98 × 10⁶ / (24 × 20) = 102.08 $/MWh;
        // the price 10 (all-in 15, day-ahead the same) earns in every rule's eyes.
        var d = StrategyRegistry.Get(name);
        foreach (double dt in new[] { 1.0, 0.25 })
        {
            var m = TestData.Intervals(TestData.Utc(2024, 6, 3, 5), [10], [0.05], dt, dayAhead: [10]);
            foreach (var p in Variants(d)) Assert.Equal([1.0], Run(d.Create(p), m));
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Fifteen_minute_intervals_give_the_decisions_of_the_same_intervals_hourly(string name)
    {
        // Every rule counts in intervals, and at 15 minutes revenue, cost and the minimum profit per interval are all a
        // quarter of the hourly ones (an exact scaling by 0.25), so the decisions on the same sequence of prices must be
        // identical. (A restart cost does not scale with the interval, so the constraints here have none.)
        var d = StrategyRegistry.Get(name);
        var rng = new Random(23);
        int n = 24 * 8;
        var rt = TestData.RandomPrices(rng, n, baseLevel: 95, noise: 45);
        var da = rt.Select(x => Math.Round(0.7 * x + 30, 2)).ToArray();
        var hp = Enumerable.Repeat(0.05, n).ToArray();
        var hourly = TestData.Intervals(TestData.Utc(2024, 6, 3, 5), rt, hp, 1.0, da);
        var quarter = TestData.Intervals(TestData.Utc(2024, 6, 3, 5), rt, hp, 0.25, da);
        var site = Site with { MinProfitUsdPerHour = 150 };
        foreach (var p in Variants(d, new OptimalOptions(4, 6, 0)))
        {
            var s = d.Create(p);
            var a = new double[n];
            var b = new double[n];
            s.Dispatch(new DispatchProblem(hourly, site), a);
            s.Dispatch(new DispatchProblem(quarter, site), b);
            Assert.Equal(a, b);
        }
        // The data is not trivial: all-in prices on both sides of the breakeven (102.08 $/MWh) and of the level where
        // the minimum profit binds (102.08 − 150 / 10 = 87.08).
        Assert.Contains(rt, x => x + 5 > 102.09);
        Assert.Contains(rt, x => x + 5 < 87.08);
    }

    [Theory]
    [MemberData(nameof(NonAnticipative))]
    public void A_non_anticipative_strategy_does_not_move_earlier_decisions_when_the_future_changes(string name)
    {
        // Perturb every real-time price and hashprice after a random cut k (and day-ahead prices of later market
        // days); the decisions at or before k must not move.
        var d = StrategyRegistry.Get(name);
        var m = NonAnticipation.SampleMarket(seed: 5);
        foreach (var p in Variants(d))
            Assert.Equal(0, NonAnticipation.CountViolations(d.Create(p), m, Site, trials: 150, seed: 17));
    }

    [Fact]
    public void Descriptors_declare_consistent_options()
    {
        Assert.Empty(DescriptorProblems(StrategyRegistry.All));
        Assert.Single(StrategyRegistry.All, d => d.IsDefault);
        Assert.Equal(["always-on", "threshold", "hysteresis", "optimal", "day-ahead", "lagged"], StrategyRegistry.All.Select(d => d.Name).Take(6));
    }

    [Fact]
    public void The_consistency_check_catches_bad_declarations()
    {
        var problems = DescriptorProblems([new Bad("bad-one", 1), new Bad("Bad One", 1)]);
        Assert.True(problems.Count == 13, string.Join("\n", problems));
        Assert.Contains("bad-one: does not say what it knows when it decides", problems);
        Assert.Contains("bad-one: --width default 7 is outside its range (--width must be between 1 and 5 (got 7).)", problems);
        Assert.Contains("Bad One: the name is not lower-case kebab", problems);
        Assert.Contains("bad-one: flag --Count is not --kebab of its key 'count'", problems);
        Assert.Contains("Bad One: key 'width' is also declared by bad-one", problems);
        Assert.Contains("Bad One: flag '--width' is also declared by bad-one", problems);
        Assert.Contains("Bad One: order 1 is also used by bad-one", problems);
        Assert.Contains("bad-one: --Count default 1.5 is not a whole number", problems);
    }

    /// <summary>Everything wrong with the declarations of <paramref name="descriptors"/>, one line each.</summary>
    internal static List<string> DescriptorProblems(IEnumerable<StrategyDescriptor> descriptors)
    {
        var p = new List<string>();
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var orders = new Dictionary<int, string>();
        foreach (var d in descriptors)
        {
            if (!KebabName().IsMatch(d.Name)) p.Add($"{d.Name}: the name is not lower-case kebab");
            if (!names.TryAdd(d.Name, d.Name)) p.Add($"{d.Name}: the name is also used by {names[d.Name]}");
            if (!orders.TryAdd(d.Order, d.Name)) p.Add($"{d.Name}: order {d.Order} is also used by {orders[d.Order]}");
            if (string.IsNullOrWhiteSpace(d.Description)) p.Add($"{d.Name}: no description");
            if (string.IsNullOrWhiteSpace(d.InformationSet)) p.Add($"{d.Name}: does not say what it knows when it decides");
            foreach (var o in d.Options)
            {
                if (!CamelKey().IsMatch(o.Key)) p.Add($"{d.Name}: key '{o.Key}' is not camelCase");
                string kebab = "--" + Regex.Replace(o.Key, "[A-Z]", c => "-" + c.Value.ToLowerInvariant());
                if (o.Flag != kebab) p.Add($"{d.Name}: flag {o.Flag} is not --kebab of its key '{o.Key}'");
                if (!keys.TryAdd(o.Key, d.Name)) p.Add($"{d.Name}: key '{o.Key}' is also declared by {keys[o.Key]}");
                if (!flags.TryAdd(o.Flag, d.Name)) p.Add($"{d.Name}: flag '{o.Flag}' is also declared by {flags[o.Flag]}");
                if (string.IsNullOrWhiteSpace(o.Help)) p.Add($"{d.Name}: {o.Flag} has no help text");
                if (!(o.Minimum <= o.Maximum)) p.Add($"{d.Name}: {o.Flag} has an empty range");
                if (o.Default is { } v)
                {
                    if (o.Kind == StrategyOptionKind.WholeNumber && v != Math.Floor(v)) p.Add($"{d.Name}: {o.Flag} default {o.Format(v)} is not a whole number");
                    else if (o.Check(v) is { } bad) p.Add($"{d.Name}: {o.Flag} default {o.Format(v)} is outside its range ({bad})");
                }
            }
        }
        return p;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabName();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelKey();

    private sealed class Bad(string name, int order) : StrategyDescriptor
    {
        public override string Name => name;
        public override string Description => "test";
        public override int Order => order;
        public override bool IsNonAnticipative => true;
        public override string InformationSet => order == 1 && name == "bad-one" ? "" : "test";
        public override IReadOnlyList<StrategyOption> Options { get; } =
        [
            new("width", "--width", StrategyOptionKind.WholeNumber, "w", Default: 7, Minimum: 1, Maximum: 5),
            new("count", "--Count", StrategyOptionKind.WholeNumber, "c", Default: 1.5),
        ];
        protected override IDispatchStrategy Build(StrategyParameters parameters) => throw new NotSupportedException();
    }
}
