using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Ancillary;
using MiningDispatch.Core.Strategies.DayAhead;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.App.Tests.Services;

/// <summary>
/// One real month (July 2024, HB_WEST real-time sample) with the 2024 DAM AS prices, recomputed by a plain loop over
/// the raw CSV rows (AS hours taken from the file's own interval_start_utc column, not from the loader's CPT conversion).
/// </summary>
public class AncillaryRunTests
{
    private const double Mw = 10, Efficiency = 21.5, Fee = 0.02, MinLoad = 1, RrsCap = 5;
    private static string AsFile => Path.Combine(RepoPaths.Root, "data", "ercot", "ancillary", "ercot_dam_as_mcpc_hourly_2024.csv");

    private static BacktestRequest Request(DateOnly start, DateOnly end)
    {
        var r = BacktestRequest.Sample(RepoPaths.SampleDir, new ThresholdStrategy());
        var ancillary = new AncillaryRequest
        {
            PriceFiles = [AsFile],
            MinLoadMw = MinLoad,
            MaxShare = new Dictionary<AncillaryProduct, double> { [AncillaryProduct.Rrs] = RrsCap / Mw },
        };
        return r with { Market = r.Market with { Start = start, End = end }, Contracts = ContractRequest.None with { Ancillary = ancillary } };
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_real_month_matches_a_plain_loop_and_co_optimizing_never_loses_to_energy_only()
    {
        // July 2024 CPT: UTC 2024-07-01 05:00 to 2024-08-01 05:00, 744 hours.
        var from = new DateTime(2024, 7, 1, 5, 0, 0, DateTimeKind.Utc);
        var to = from.AddHours(744);
        var prices = new SortedDictionary<DateTime, double>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SampleDir, SampleData.PricesFile)).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (t >= from && t < to) prices[t] = double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        var hp = new Dictionary<DateOnly, double>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SampleDir, SampleData.HashpriceFile)).Skip(1))
        {
            var f = line.Split(',');
            hp[DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)] = double.Parse(f[4], CultureInfo.InvariantCulture);
        }
        // AS: interval_start_utc,delivery_date,hour_ending,repeated_hour_flag,regdn,regup,rrs,nspin,ecrs
        var rrs = new Dictionary<DateTime, double>();
        var nspin = new Dictionary<DateTime, double>();
        var ecrs = new Dictionary<DateTime, double>();
        foreach (var line in File.ReadLines(AsFile).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            rrs[t] = double.Parse(f[6], CultureInfo.InvariantCulture);
            nspin[t] = double.Parse(f[7], CultureInfo.InvariantCulture);
            ecrs[t] = double.Parse(f[8], CultureInfo.InvariantCulture);
        }
        Assert.Equal(744, prices.Count);

        // AS income of 10 MW running in hour t: 9 MW to sell, dearest product first, RRS at most 5 MW.
        double AsAtFull(DateTime t)
        {
            double room = Mw - MinLoad, v = 0;
            foreach (var (cap, price) in new[] { (RrsCap, rrs[t]), (Mw, ecrs[t]), (Mw, nspin[t]) }.OrderByDescending(x => x.Item2))
            {
                double a = Math.Min(room, cap);
                v += a * price;
                room -= a;
            }
            return v;
        }
        double strategy = 0, alwaysOn = 0, optimum = 0, energyOnlyOptimum = 0, strategyAs = 0;
        foreach (var (t, price) in prices)
        {
            double revenue = Mw * 1e6 / Efficiency * hp[DateOnly.FromDateTime(t).AddDays(-1)] / 1000 / 24 * (1 - Fee);
            double margin = revenue - Mw * price, a = AsAtFull(t);
            if (margin > 0) { strategy += margin + a; strategyAs += a; }
            alwaysOn += margin + a;
            optimum += Math.Max(0, margin + a);
            energyOnlyOptimum += Math.Max(0, margin);
        }

        var run = await new BacktestService(SilentObserver.Instance).RunAsync(Request(new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 31)));

        var total = run.SiteTotal!;
        Assert.Equal(strategyAs, total.Strategy.AncillaryIncomeUsd, 1e-6 * strategyAs);
        Assert.Equal(strategy, total.Strategy.SiteTotalUsd, 1e-6 * strategy);
        Assert.Equal(alwaysOn, total.AlwaysOn.SiteTotalUsd, 1e-6 * alwaysOn);
        Assert.Equal(optimum, total.Optimum!.SiteTotalUsd, 1e-6 * optimum);
        Assert.True(total.Optimum.SiteTotalUsd >= energyOnlyOptimum);
        var stack = run.AncillaryServices!.Stack;
        Assert.Equal("energy-only", stack[1].Role);
        Assert.True(stack[0].SiteTotalUsd >= stack[1].SiteTotalUsd);
        Assert.Equal(strategy - strategyAs, stack[1].SiteTotalUsd, 1e-6 * strategy);
        // The per-product split adds up to the AS line, and the data quality lists the AS file.
        Assert.Equal(strategyAs, stack[0].AsCapacityUsdByProduct.Sum(), 1e-6 * strategyAs);
        Assert.Contains(run.Info.DataQuality, q => q.Source.Contains("ercot_dam_as_mcpc_hourly_2024.csv", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Without_deployments_co_optimizing_is_never_below_energy_only_for_each_month()
    {
        foreach (int month in new[] { 1, 3, 8, 10 })
        {
            var start = new DateOnly(2024, month, 1);
            var run = await new BacktestService(SilentObserver.Instance).RunAsync(Request(start, start.AddMonths(1).AddDays(-1)));
            var s = run.AncillaryServices!;
            Assert.True(s.Stack[0].SiteTotalUsd >= s.Stack[1].SiteTotalUsd, $"month {month}");
            Assert.All(run.SiteTotal!.Lines, l => Assert.True(l.AncillaryIncomeUsd >= 0));
            // March 2024 holds the DST-week gap of the AS file: 10..17 March CPT have no AS price (7 × 24 − 1 + 3 hours).
            if (month == 3)
            {
                Assert.Equal(170, s.IntervalsWithoutPrices);
                Assert.Contains(s.Quality!.Notes, n => n.Contains("170 of the run's", StringComparison.Ordinal));
            }
        }
    }
    /// <summary>A fleet: 1,200 S21 (4.2 MW) and 1,000 S19 XP (3.01 MW), the least efficient offered first.</summary>
    private static BacktestRequest FleetRequest(DateOnly start, DateOnly end, BacktestRequest? from = null)
    {
        var r = from ?? Request(start, end);
        return r with { Site = r.Site with { Fleet = new FleetRequest("S21:1200,S19 XP:1000") } };
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task On_a_fleet_without_deployments_co_optimizing_is_never_below_energy_only_for_each_month()
    {
        foreach (int month in new[] { 1, 3, 8, 10 })
        {
            var start = new DateOnly(2024, month, 1);
            var run = await new BacktestService(SilentObserver.Instance).RunAsync(FleetRequest(start, start.AddMonths(1).AddDays(-1)));
            var s = run.AncillaryServices!;
            Assert.NotNull(run.Fleet);
            Assert.True(s.Stack[0].SiteTotalUsd >= s.Stack[1].SiteTotalUsd, $"month {month}");
            Assert.True(s.Stack[0].AsCapacityUsdByProduct.Sum() > 0, $"month {month}");
            Assert.All(run.SiteTotal!.Lines, l => Assert.True(l.AncillaryIncomeUsd >= 0));
            // The optimum co-optimizes: its site total is not below the strategy's nor always-on's.
            Assert.True(run.SiteTotal.Optimum!.SiteTotalUsd >= run.SiteTotal.Strategy.SiteTotalUsd - 1e-6, $"month {month}");
            Assert.True(run.SiteTotal.Optimum.SiteTotalUsd >= run.SiteTotal.AlwaysOn.SiteTotalUsd - 1e-6, $"month {month}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task On_a_fleet_the_day_ahead_strategy_becomes_as_day_ahead_beside_the_plain_day_ahead_schedule()
    {
        var start = new DateOnly(2024, 7, 1);
        var end = new DateOnly(2024, 7, 31);
        var plain = BacktestRequest.Sample(RepoPaths.SampleDir, new DayAheadStrategy());
        var daFile = Path.Combine(RepoPaths.SampleDir, "ercot_hb_west_lz_west_hourly_dam_rtm_2024-06-01_2024-09-30.csv");
        plain = plain with
        {
            Market = plain.Market with { Prices = [daFile], Start = start, End = end },
            Strategy = plain.Strategy with { NeedsDayAhead = true },
        };
        var withAs = FleetRequest(start, end, plain with { Contracts = Request(start, end).Contracts });
        var run = await new BacktestService(SilentObserver.Instance).RunAsync(withAs);
        var energyOnly = await new BacktestService(SilentObserver.Instance).RunAsync(FleetRequest(start, end, plain));
        Assert.Equal(AncillaryDayAheadStrategy.StrategyName, run.Result.Strategy);
        Assert.Contains(run.Info.Inputs, kv => kv.Key == "Fleet dispatch" && kv.Value.StartsWith("as-day-ahead", StringComparison.Ordinal));
        var stack = run.AncillaryServices!.Stack;
        Assert.Equal("energy-only", stack[1].Role);
        // The energy-only line is the plain day-ahead fleet schedule: the same mining profit as the run without AS.
        Assert.Equal(energyOnly.Result.Summary.ProfitUsd, stack[1].MiningMarginUsd, 1e-6);
        Assert.True(stack[0].AsCapacityUsdByProduct.Sum() > 0);
        // The site total line is the sum of its parts, the AS income (capacity − deployments − penalties) included.
        var line = run.SiteTotal!.Strategy;
        Assert.Equal(stack[0].AsCapacityUsdByProduct.Sum() - stack[0].AsDeploymentCostUsd - stack[0].AsPenaltyUsd, line.AncillaryIncomeUsd, 1e-6);
    }
    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_fleet_runs_as_day_ahead_at_15_minutes_with_each_hourly_as_price_on_its_four_quarters()
    {
        var start = new DateOnly(2024, 7, 1);
        var end = new DateOnly(2024, 7, 3);
        var plain = BacktestRequest.Sample(RepoPaths.SampleDir, new DayAheadStrategy());
        plain = plain with
        {
            Market = plain.Market with
            {
                Prices = [Path.Combine(RepoPaths.SampleDir, "ercot_hb_west_rtm_15min_spp_2024-06-01_2024-08-31.csv")],
                DayAheadPrices = [Path.Combine(RepoPaths.SampleDir, "ercot_hb_west_lz_west_hourly_dam_rtm_2024-06-01_2024-09-30.csv")],
                Start = start,
                End = end,
            },
            Strategy = plain.Strategy with { NeedsDayAhead = true },
        };
        var quarter = FleetRequest(start, end, plain with { Contracts = Request(start, end).Contracts });
        var run = await new BacktestService(SilentObserver.Instance).RunAsync(quarter);
        var hourly = await new BacktestService(SilentObserver.Instance).RunAsync(quarter with { Market = quarter.Market with { Resolution = MiningDispatch.Data.Prices.PriceResolution.Hourly } });
        Assert.Equal(3 * 24 * 4, run.Result.Times.Length);
        Assert.Equal(AncillaryDayAheadStrategy.StrategyName, run.Result.Strategy);
        Assert.Contains(run.Info.Inputs, kv => kv.Key == "15-minute vs hourly" && kv.Value.StartsWith("not computed for as-day-ahead", StringComparison.Ordinal));
        // Always-on offers the same awards in every quarter of an hour, paid MCPC × MW × 0.25 h each: its AS income is
        // the hourly run's.
        double expected = hourly.SiteTotal!.AlwaysOn.AncillaryIncomeUsd;
        Assert.True(expected > 0);
        Assert.Equal(expected, run.SiteTotal!.AlwaysOn.AncillaryIncomeUsd, 1e-9 * expected);
    }
}
