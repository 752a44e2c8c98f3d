using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.App.Tests.Services;

/// <summary>
/// The site total (the headline of every output) and the rule decided one interval late, on the shipped sample files,
/// against plain loops over the raw CSV rows.
/// </summary>
public class SiteTotalTests
{
    private const double Mw = 10, Efficiency = 21.5, Fee = 0.02;
    private static readonly TimeZoneInfo Central = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    private static BacktestRequest Request(DateOnly start, DateOnly end, ContractRequest? contracts = null, StrategyRequest? strategy = null)
    {
        var r = BacktestRequest.Sample(RepoPaths.SampleDir, new ThresholdStrategy());
        return r with { Market = r.Market with { Start = start, End = end }, Contracts = contracts ?? ContractRequest.None, Strategy = strategy ?? r.Strategy };
    }

    /// <summary>Hourly real-time prices by UTC hour start and daily hashprice ($/PH/day) from the raw sample CSVs.</summary>
    private static (SortedDictionary<DateTime, double> Prices, Dictionary<DateOnly, double> HashpricePh) Raw(DateTime from, DateTime to)
    {
        var prices = new SortedDictionary<DateTime, double>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SampleDir, SampleData.PricesFile)).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (t >= from && t < to) prices[t] = double.Parse(f[3], CultureInfo.InvariantCulture);
        }
        var hashpricePh = new Dictionary<DateOnly, double>();
        foreach (var line in File.ReadLines(Path.Combine(RepoPaths.SampleDir, SampleData.HashpriceFile)).Skip(1))
        {
            var f = line.Split(',');
            hashpricePh[DateOnly.ParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)] = double.Parse(f[4], CultureInfo.InvariantCulture);
        }
        return (prices, hashpricePh);
    }

    /// <summary>Mining revenue of the whole site in one hour (published alignment: a UTC day D uses the value stamped D − 1).</summary>
    private static double Revenue(Dictionary<DateOnly, double> hashpricePh, DateTime t) =>
        Mw * 1e6 / Efficiency * hashpricePh[DateOnly.FromDateTime(t).AddDays(-1)] / 1000 / 24 * (1 - Fee);

    [Fact]
    public async Task The_rule_decided_one_interval_late_matches_a_hand_loop_on_the_last_settled_price()
    {
        // 2024-03-05 and 2024-03-06 CPT: UTC 2024-03-05 06:00 to 2024-03-07 06:00, 48 hours without gaps.
        var from = new DateTime(2024, 3, 5, 6, 0, 0, DateTimeKind.Utc);
        var (prices, hp) = Raw(from, from.AddHours(48));
        Assert.Equal(48, prices.Count);
        double instant = 0, late = 0;
        double? previous = null;
        foreach (var (t, price) in prices)
        {
            double revenue = Revenue(hp, t);
            double known = previous ?? price; // the first hour has nothing settled before it: its own price
            if (revenue - Mw * price > 0) instant += revenue - Mw * price;
            if (revenue - Mw * known > 0) late += revenue - Mw * price;
            previous = price;
        }

        var run = await new BacktestService(SilentObserver.Instance).RunAsync(Request(new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6)));

        var total = run.SiteTotal!;
        Assert.Equal(instant, total.Strategy.SiteTotalUsd, 1e-6 * Math.Abs(instant));
        var lateLine = Assert.IsType<App.Results.SiteTotalLine>(total.OneIntervalLate);
        Assert.Equal("threshold (one interval late)", lateLine.Schedule);
        Assert.Equal(late, lateLine.SiteTotalUsd, 1e-6 * Math.Abs(late));
        Assert.Equal(instant - late, total.InstantResponseValueUsd!.Value, 1e-6 * Math.Abs(instant));
    }

    [Fact]
    public async Task The_optimum_has_no_late_line_as_it_does_not_decide_on_published_prices()
    {
        var request = Request(new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6),
            strategy: StrategyRequest.Plain(new OptimalStrategy(OptimalOptions.None)));
        var run = await new BacktestService(SilentObserver.Instance).RunAsync(request);
        Assert.Null(run.SiteTotal!.OneIntervalLate);
        Assert.Null(run.SiteTotal.InstantResponseValueUsd);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Four_cp_avoidance_and_dr_site_totals_match_a_hand_loop_and_head_with_a_positive_uplift()
    {
        // The README's 4CP example: summer 2024, $55/kW-yr at the system-load peaks, avoidance, DR at $2.5/MW-h.
        const double Rate = 55, DrPrice = 2.5;
        string loadFile = Path.Combine(RepoPaths.SampleDir, "ercot_system_load_hourly_summers_2023-2024.csv");
        var contracts = new ContractRequest { FourCpRateUsdPerKwYear = Rate, SystemLoad = loadFile, Avoid4cp = true, DrPriceUsdPerMwHour = DrPrice };
        var run = await new BacktestService(SilentObserver.Instance).RunAsync(Request(new DateOnly(2024, 6, 1), new DateOnly(2024, 9, 30), contracts));

        // Each summer month's peak hour (CPT month) from the raw load file.
        var peaks = new Dictionary<int, (DateTime T, double Load)>();
        foreach (var line in File.ReadLines(loadFile).Skip(1))
        {
            var f = line.Split(',');
            var t = DateTime.Parse(f[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            var local = TimeZoneInfo.ConvertTimeFromUtc(t, Central);
            if (local.Year != 2024 || local.Month < 6 || local.Month > 9) continue;
            double load = double.Parse(f[1], CultureInfo.InvariantCulture);
            if (!peaks.TryGetValue(local.Month, out var p) || load > p.Load) peaks[local.Month] = (t, load);
        }
        Assert.Equal(4, peaks.Count);

        var r = run.Result;
        double MwAt(DateTime t) => r.Run[Array.IndexOf(r.Times, t)] * Mw;
        double strategyCharge = peaks.Values.Average(p => MwAt(p.T)) * 1000 * Rate;
        double alwaysOnCharge = Mw * 1000 * Rate;
        double strategyDr = 0;
        for (int t = 0; t < r.Run.Length; t++) strategyDr += DrPrice * r.Run[t] * Mw * r.IntervalHours;
        double alwaysOnDr = DrPrice * Mw * r.Run.Length * r.IntervalHours;

        var total = run.SiteTotal!;
        Assert.Equal(0, strategyCharge, 1e-6); // the avoidance rule was off at every 2024 peak
        Assert.Equal(strategyCharge, total.Strategy.FourCpChargeUsd, 1e-6);
        Assert.Equal(alwaysOnCharge, total.AlwaysOn.FourCpChargeUsd, 1e-6);
        Assert.Equal(strategyDr, total.Strategy.DrIncomeUsd, 1e-6);
        Assert.Equal(alwaysOnDr, total.AlwaysOn.DrIncomeUsd, 1e-6);
        double expectStrategy = r.Summary.ProfitUsd + strategyDr - strategyCharge;
        double expectAlwaysOn = r.Summary.AlwaysOnProfitUsd + alwaysOnDr - alwaysOnCharge;
        Assert.Equal(expectStrategy, total.Strategy.SiteTotalUsd, 1e-6);
        Assert.Equal(expectAlwaysOn, total.AlwaysOn.SiteTotalUsd, 1e-6);
        Assert.Equal(expectStrategy - expectAlwaysOn, total.UpliftUsd, 1e-6);
        Assert.True(total.UpliftUsd > 0, $"uplift {total.UpliftUsd}");
        // The optimum sees the DR income and the peaks: no schedule here beats it, and regret is on site totals.
        var optimum = total.Optimum!;
        Assert.True(optimum.SiteTotalUsd >= total.Strategy.SiteTotalUsd - 1e-6);
        Assert.True(optimum.SiteTotalUsd >= total.AlwaysOn.SiteTotalUsd - 1e-6);
        Assert.Equal(optimum.SiteTotalUsd - total.Strategy.SiteTotalUsd, total.RegretUsd!.Value, 1e-6);
        Assert.Equal(total.RegretUsd.Value, run.Comparison!.RegretUsd, 1e-6);
        Assert.Contains("4CP", total.OptimumSees, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_rule_that_breaks_min_up_and_down_is_flagged_infeasible_and_never_shown_against_the_optimum()
    {
        var constraints = new OptimalOptions(4, 2, 25, true);
        var request = Request(new DateOnly(2024, 5, 1), new DateOnly(2024, 9, 30),
            strategy: new StrategyRequest(new ThresholdStrategy(), constraints, false, []));
        var run = await new BacktestService(SilentObserver.Instance).RunAsync(request);

        var total = run.SiteTotal!;
        var row = run.Comparison!.Rows.Single(x => x.Role == "strategy");
        Assert.True(row.MinUpViolations + row.MinDownViolations > 0);
        Assert.False(total.StrategyFeasible);
        Assert.Contains("minimum up time", total.InfeasibleReason, StringComparison.Ordinal);
        Assert.Null(total.RegretUsd);
        Assert.Null(total.CapturedUpliftPct);
        // Restart costs are in every schedule's total, at the same $/MW per start.
        Assert.Equal(row.RestartCostUsd, total.Strategy.RestartCostUsd);
        Assert.Equal(run.Result.Summary.ProfitUsd - row.RestartCostUsd, total.Strategy.SiteTotalUsd, 1e-9);
        var opt = run.Comparison.Rows.Single(x => x.Role == "optimum");
        Assert.Equal(opt.ProfitUsd - opt.RestartCostUsd, total.Optimum!.SiteTotalUsd, 1e-9);
    }
}
