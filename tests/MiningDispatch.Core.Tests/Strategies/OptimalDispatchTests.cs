using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Tests.TestSupport;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Core.Tests.Strategies;

public class OptimalDispatchTests
{
    private static OptimalSolution Solve(double[] net, double startCost, int up = 1, int down = 1, bool initiallyOn = true, int? age = null)
        => OptimalDispatch.Solve(net, startCost, new OptimalOptions(up, down, 0, initiallyOn) { InitialIntervalsInState = age });

    [Fact]
    public void Without_constraints_runs_exactly_the_positive_intervals()
    {
        var s = Solve([5, -1, 0, 3, -2], 0);
        Assert.Equal([1.0, 0, 0, 1, 0], s.Run); // zero net is left off, as threshold does
        Assert.Equal(8, s.ObjectiveUsd);
        Assert.Equal(1, s.Starts);
        Assert.Equal(2, s.Stops);
    }

    [Theory]
    [InlineData(60, new double[] { 1, 1, 1, 1, 1 }, 350)] // a restart (60) costs more than the 50 saved
    [InlineData(40, new double[] { 1, 1, 0, 1, 1 }, 360)] // 400 − 40
    public void Restart_cost_decides_whether_to_ride_through_a_short_loss(double startCost, double[] expected, double objective)
    {
        var s = Solve([100, 100, -50, 100, 100], startCost);
        Assert.Equal(expected, s.Run);
        Assert.Equal(objective, s.ObjectiveUsd, 1e-9);
    }

    [Fact]
    public void Min_down_time_can_keep_the_site_on()
    {
        // Off at t1 would force off at t2 (−200): stay on for 390. Without the constraint: 400.
        Assert.Equal([1.0, 1, 1, 1], Solve([100, -10, 200, 100], 0, down: 2).Run);
        Assert.Equal(390, Solve([100, -10, 200, 100], 0, down: 2).ObjectiveUsd, 1e-9);
        Assert.Equal([1.0, 0, 1, 1], Solve([100, -10, 200, 100], 0, down: 1).Run);
    }

    [Fact]
    public void Min_up_time_can_keep_the_site_off_and_is_cut_by_the_horizon()
    {
        // Initially off. UT = 3: starting at t1 would force t1..t3 on (50 + 50 − 500); starting at t4 is allowed since
        // the horizon ends. UT = 2: on for t1..t2, off at t3, on at t4 = 200.
        double[] net = [-100, 50, 50, -500, 100];
        var s3 = Solve(net, 0, up: 3, initiallyOn: false);
        Assert.Equal([0.0, 0, 0, 0, 1], s3.Run);
        Assert.Equal(100, s3.ObjectiveUsd, 1e-9);
        var s2 = Solve(net, 0, up: 2, initiallyOn: false);
        Assert.Equal([0.0, 1, 1, 0, 1], s2.Run);
        Assert.Equal(200, s2.ObjectiveUsd, 1e-9);
        Assert.Equal(2, s2.Starts);
    }

    [Fact]
    public void Initial_time_in_state_is_honoured()
    {
        // On for 1 interval already with UT = 3: must stay on at t0 and t1.
        var s = Solve([-100, -100, -100], 0, up: 3, initiallyOn: true, age: 1);
        Assert.Equal([1.0, 1, 0], s.Run);
        Assert.Equal(-200, s.ObjectiveUsd, 1e-9);
        // Default: on long enough, free to stop at once.
        Assert.Equal([0.0, 0, 0], Solve([-100, -100, -100], 0, up: 3).Run);
        // Off for 2 intervals with DT = 4: cannot start before t2.
        Assert.Equal([0.0, 0, 1, 1], Solve([100, 100, 100, 100], 0, down: 4, initiallyOn: false, age: 2).Run);
    }

    [Theory]
    [InlineData(30, 1.0, 70)]
    [InlineData(150, 0.0, 0)]
    public void Starting_from_off_pays_the_start_cost(double startCost, double expectedRun, double objective)
    {
        var s = Solve([100], startCost, initiallyOn: false);
        Assert.Equal(expectedRun, s.Run[0]);
        Assert.Equal(objective, s.ObjectiveUsd, 1e-9);
    }

    [Fact]
    public void Matches_brute_force_on_small_random_cases()
    {
        var rng = new Random(20240601);
        for (int c = 0; c < 300; c++)
        {
            int n = rng.Next(1, 12);
            var net = new double[n];
            for (int t = 0; t < n; t++) net[t] = Math.Round((rng.NextDouble() * 2 - 1) * 100 + (rng.NextDouble() < 0.15 ? -400 : 0), 2);
            int up = rng.Next(1, 5), down = rng.Next(1, 5);
            double sc = rng.NextDouble() < 0.3 ? 0 : Math.Round(rng.NextDouble() * 120, 2);
            bool init = rng.NextDouble() < 0.5;
            int? age = rng.NextDouble() < 0.5 ? null : rng.Next(1, 5);

            double best = double.NegativeInfinity;
            var x = new double[n];
            for (int mask = 0; mask < 1 << n; mask++)
            {
                for (int t = 0; t < n; t++) x[t] = (mask >> t) & 1;
                if (!Schedules.Feasible(x, up, down, init, age)) continue;
                best = Math.Max(best, Schedules.Objective(x, net, sc, init));
            }

            var s = Solve(net, sc, up, down, init, age);
            string ctx = $"case {c}: n={n} up={up} down={down} sc={sc} init={init} age={age} net=[{string.Join(",", net)}]";
            Assert.True(Math.Abs(best - s.ObjectiveUsd) < 1e-9, $"{ctx}: brute force {best}, DP {s.ObjectiveUsd}");
            Assert.True(Schedules.Feasible(s.Run, up, down, init, age), $"{ctx}: DP schedule infeasible");
            Assert.Equal(s.ObjectiveUsd, Schedules.Objective(s.Run, net, sc, init), 1e-9);
        }
    }

    [Fact]
    public void Unconstrained_optimum_equals_threshold_with_zero_min_profit()
    {
        var rng = new Random(3);
        var prices = TestData.RandomPrices(rng, 3000, baseLevel: 95, noise: 40);
        var m = TestData.Hourly(TestData.Utc(2024, 1, 1), prices, 0.05);
        var p = new DispatchProblem(m, new SiteSpec(new Megawatts(25), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5)));
        var a = new double[m.Count];
        var b = new double[m.Count];
        new ThresholdStrategy().Dispatch(p, a);
        new OptimalStrategy().Dispatch(p, b);
        Assert.Equal(a, b);
        Assert.Contains(0.0, a);
    }

    [Fact]
    public void A_year_of_15_minute_intervals_is_solved_and_respects_the_constraints()
    {
        const int n = 35_040;
        var rng = new Random(99);
        var net = new double[n];
        for (int t = 0; t < n; t++) net[t] = 500 * Math.Sin(t / 37.0) + (rng.NextDouble() - 0.5) * 600 + (rng.NextDouble() < 0.01 ? -20_000 : 0);
        var s = OptimalDispatch.Solve(net, 1_500, new OptimalOptions(8, 16, 0));
        Assert.True(Schedules.Feasible(s.Run, 8, 16, true, null));
        Assert.Equal(s.ObjectiveUsd, Schedules.Objective(s.Run, net, 1_500, true), 1e-6 * Math.Abs(s.ObjectiveUsd));
        Assert.Equal(s.Starts, Schedules.Starts(s.Run, true));
        Assert.True(s.Starts > 10);
        Assert.True(s.ObjectiveUsd >= net.Sum()); // at least as good as always on (feasible)
        Assert.True(s.ObjectiveUsd >= 0);         // at least as good as off throughout (feasible)
    }

    [Fact]
    public void Strategy_uses_restart_cost_per_mw()
    {
        // 2 MW site, restart 25 $/MW → start cost 50. Nets (2 MW, 1 h): revenue 2·1e6/20·0.05/24 = 208.333, cost 2·p.
        var m = TestData.Hourly(TestData.Utc(2024, 1, 1), [50, 130, 50], 0.05);
        var site = new SiteSpec(new Megawatts(2), new WattsPerTerahash(20));
        var p = new DispatchProblem(m, site);
        // Net at t1 = 208.333 − 260 = −51.667: stopping saves 51.667 > 50 start cost → stop.
        var s = new OptimalStrategy(new OptimalOptions(RestartCostUsdPerMw: 25)).Solve(p);
        Assert.Equal([1.0, 0, 1], s.Run);
        Assert.Equal(50, s.StartCostUsd, 1e-12);
        Assert.Equal(2 * (208.33333333333334 - 100) - 50, s.ObjectiveUsd, 1e-9);
        // 26 $/MW → 52 > 51.667: ride through.
        Assert.Equal([1.0, 1, 1], new OptimalStrategy(new OptimalOptions(RestartCostUsdPerMw: 26)).Solve(p).Run);
        Assert.False(new OptimalStrategy().IsNonAnticipative);
    }

    [Theory]
    [InlineData(0, 1, 0, "Minimum up time")]
    [InlineData(1, 0, 0, "Minimum down time")]
    [InlineData(1, 1, -5, "Restart cost")]
    public void Invalid_options_are_rejected(int up, int down, double restart, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => new OptimalStrategy(new OptimalOptions(up, down, restart)));
        Assert.Contains(message, ex.Message);
    }
}
