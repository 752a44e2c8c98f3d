using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Time;

namespace MiningDispatch.Core.Backtest;

/// <summary>Runs a strategy over aligned market data and computes the results and groupings.</summary>
public static class Backtester
{
    public static BacktestResult Run(MarketSeries market, SiteSpec site, IDispatchStrategy strategy, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(strategy);
        site.Validate();
        if (market.Count == 0) throw new ArgumentException("No intervals to backtest: the price and hashprice data do not overlap the requested range.");
        return Run(new DispatchProblem(market, site), strategy, clock);
    }

    /// <summary>Runs <paramref name="strategy"/> on a dispatch problem already built (so several schedules share one).</summary>
    public static BacktestResult Run(DispatchProblem problem, IDispatchStrategy strategy, MarketClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(strategy);
        if (problem.Count == 0) throw new ArgumentException("No intervals to backtest: the price and hashprice data do not overlap the requested range.");
        var run = new double[problem.Count];
        strategy.Dispatch(problem, run);
        return Evaluate(problem, run, strategy.Name, clock ?? MarketClock.Ercot);
    }

    /// <summary>Computes results for a given run schedule (fractions 0..1).</summary>
    public static BacktestResult Evaluate(DispatchProblem problem, double[] run, string strategyName, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(run);
        var m = problem.Market;
        int n = m.Count;
        if (run.Length != n) throw new ArgumentException("Run schedule length differs from the market data.");
        var revenue = new double[n];
        var cost = new double[n];
        for (int t = 0; t < n; t++)
        {
            double x = run[t];
            if (!(x >= 0 && x <= 1)) throw new InvalidOperationException($"Strategy '{strategyName}' returned run fraction {x} at {m.StartsUtc[t]:O}; it must be in [0, 1].");
            revenue[t] = x * problem.Revenue[t];
            cost[t] = x * problem.Cost[t];
        }
        var values = new ScheduleValues(run, revenue, cost, problem.Revenue, problem.Cost, problem.AllInPrice, problem.Breakeven, problem.Site.Capacity.Value);
        return Evaluate(m, values, strategyName, clock);
    }

    /// <summary>
    /// Computes results when revenue and cost per interval are given directly rather than as a run fraction times the
    /// full-site value, e.g. a mixed fleet dispatched in merit order (see <c>Fleet.FleetBacktester</c>).
    /// </summary>
    public static BacktestResult Evaluate(MarketSeries market, ScheduleValues values, string strategyName, MarketClock clock)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(clock);
        var m = market;
        int n = m.Count;
        if (n == 0) throw new ArgumentException("No intervals to evaluate.");
        values.Validate(n);
        var run = values.Run;
        var revenue = values.Revenue;
        var cost = values.Cost;
        double dt = m.IntervalHours, mw = values.AvailableMw;
        var profit = new double[n];
        var aoProfitArr = new double[n];
        double opHours = 0, energy = 0, rev = 0, cst = 0, aoRev = 0, aoCost = 0, priceRun = 0, allInRun = 0, priceSum = 0, curtailed = 0;
        for (int t = 0; t < n; t++)
        {
            double x = run[t];
            if (!(x >= 0 && x <= 1)) throw new InvalidOperationException($"Strategy '{strategyName}' returned run fraction {x} at {m.StartsUtc[t]:O}; it must be in [0, 1].");
            profit[t] = revenue[t] - cost[t];
            aoProfitArr[t] = values.AlwaysOnRevenue[t] - values.AlwaysOnCost[t];
            opHours += x * dt;
            curtailed += (1 - x) * dt;
            energy += x * mw * dt;
            rev += revenue[t];
            cst += cost[t];
            aoRev += values.AlwaysOnRevenue[t];
            aoCost += values.AlwaysOnCost[t];
            priceRun += x * m.PriceUsdPerMWh[t];
            allInRun += x * values.AllInPrice[t];
            priceSum += m.PriceUsdPerMWh[t];
        }
        double totalHours = n * dt;
        double runWeight = opHours / dt;
        double profitTotal = rev - cst, aoProfit = aoRev - aoCost;
        var breakeven = values.Breakeven;
        var sortedBe = (double[])breakeven.Clone();
        Array.Sort(sortedBe);
        double median = n % 2 == 1 ? sortedBe[n / 2] : (sortedBe[n / 2 - 1] + sortedBe[n / 2]) / 2.0;
        var summary = new BacktestSummary(
            Strategy: strategyName,
            Hours: (int)Math.Round(totalHours),
            OperatingHours: opHours,
            UptimePct: 100.0 * opHours / totalHours,
            EnergyMWh: energy,
            RevenueUsd: rev,
            PowerCostUsd: cst,
            ProfitUsd: profitTotal,
            AlwaysOnRevenueUsd: aoRev,
            AlwaysOnPowerCostUsd: aoCost,
            AlwaysOnProfitUsd: aoProfit,
            UpliftUsd: profitTotal - aoProfit,
            UpliftPct: aoProfit != 0 ? 100.0 * (profitTotal - aoProfit) / Math.Abs(aoProfit) : null,
            CurtailedHours: curtailed,
            AvgPricePaidUsdPerMWh: runWeight > 0 ? priceRun / runWeight : null,
            AvgAllInPricePaidUsdPerMWh: runWeight > 0 ? allInRun / runWeight : null,
            AvgSettlementPriceUsdPerMWh: priceSum / n,
            Breakeven: new BreakevenStats(sortedBe[0], breakeven.Average(), median, sortedBe[^1]),
            FirstHourUtc: m.StartsUtc[0],
            LastHourUtc: m.StartsUtc[^1]);

        // Groupings in market time.
        var monthKeys = new List<(int Y, int M)>();
        var monthIndex = new Dictionary<(int, int), int>();
        var monthAcc = new List<double[]>(); // hours, op, energy, rev, cost, profit, aoProfit, priceSum, beSum
        var dayAcc = new SortedDictionary<DateOnly, double[]>(); // hours, op, profit, aoProfit
        var hodRun = new double[24];
        var hodCount = new double[24];
        var mhRun = new List<double[]>();
        var mhCount = new List<double[]>();
        for (int t = 0; t < n; t++)
        {
            var local = clock.ToLocal(m.StartsUtc[t]);
            var key = (local.Year, local.Month);
            if (!monthIndex.TryGetValue(key, out int mi))
            {
                mi = monthKeys.Count;
                monthIndex[key] = mi;
                monthKeys.Add(key);
                monthAcc.Add(new double[9]);
                mhRun.Add(new double[24]);
                mhCount.Add(new double[24]);
            }
            var a = monthAcc[mi];
            double x = run[t];
            a[0] += dt; a[1] += x * dt; a[2] += x * mw * dt; a[3] += revenue[t]; a[4] += cost[t]; a[5] += profit[t];
            a[6] += aoProfitArr[t]; a[7] += m.PriceUsdPerMWh[t]; a[8] += breakeven[t];
            int h = local.Hour;
            hodRun[h] += x; hodCount[h] += 1;
            mhRun[mi][h] += x; mhCount[mi][h] += 1;
            var day = DateOnly.FromDateTime(local);
            if (!dayAcc.TryGetValue(day, out var d)) dayAcc[day] = d = new double[4];
            d[0] += dt; d[1] += x * dt; d[2] += profit[t]; d[3] += aoProfitArr[t];
        }
        // Months in chronological order (UTC order already matches local order).
        var monthly = new List<MonthlyRow>(monthKeys.Count);
        for (int i = 0; i < monthKeys.Count; i++)
        {
            var a = monthAcc[i];
            double rows = a[0] / dt;
            monthly.Add(new MonthlyRow(monthKeys[i].Y, monthKeys[i].M, (int)Math.Round(a[0]), a[1], 100.0 * a[1] / a[0], a[2], a[3], a[4], a[5], a[6], a[7] / rows, a[8] / rows));
        }
        var grid = new double[monthKeys.Count, 24];
        for (int i = 0; i < monthKeys.Count; i++)
            for (int h = 0; h < 24; h++)
                grid[i, h] = mhCount[i][h] > 0 ? mhRun[i][h] / mhCount[i][h] : double.NaN;
        var hod = new double[24];
        for (int h = 0; h < 24; h++) hod[h] = hodCount[h] > 0 ? hodRun[h] / hodCount[h] : double.NaN;
        var daily = dayAcc.Select(kv => new DailyRow(kv.Key, (int)Math.Round(kv.Value[0]), kv.Value[1], kv.Value[2], kv.Value[3])).ToList();

        return new BacktestResult
        {
            Strategy = strategyName,
            Times = m.StartsUtc,
            IntervalHours = dt,
            Price = m.PriceUsdPerMWh,
            AllInPrice = values.AllInPrice,
            Hashprice = m.HashpriceUsdPerThDay,
            Breakeven = breakeven,
            Run = run,
            Revenue = revenue,
            Cost = cost,
            Profit = profit,
            AlwaysOnProfit = aoProfitArr,
            Summary = summary,
            Monthly = monthly,
            Daily = daily,
            RunRateByHourOfDay = hod,
            RunRateByMonthAndHour = grid,
        };
    }
}

/// <summary>
/// Per-interval values of a schedule, index-aligned with the market series: the run fraction (MW running / MW
/// available), the revenue and power cost actually incurred, what always-on would have earned and paid, the all-in
/// price and the breakeven shown in reports, and the MW the run fraction refers to.
/// </summary>
public sealed record ScheduleValues(
    double[] Run,
    double[] Revenue,
    double[] Cost,
    double[] AlwaysOnRevenue,
    double[] AlwaysOnCost,
    double[] AllInPrice,
    double[] Breakeven,
    double AvailableMw)
{
    /// <summary>Throws <see cref="ArgumentException"/> when an array's length differs from <paramref name="count"/>.</summary>
    public void Validate(int count)
    {
        void Check(double[] a, string name)
        {
            ArgumentNullException.ThrowIfNull(a, name);
            if (a.Length != count) throw new ArgumentException($"{name} has {a.Length} values but the market data has {count} intervals.");
        }
        Check(Run, nameof(Run));
        Check(Revenue, nameof(Revenue));
        Check(Cost, nameof(Cost));
        Check(AlwaysOnRevenue, nameof(AlwaysOnRevenue));
        Check(AlwaysOnCost, nameof(AlwaysOnCost));
        Check(AllInPrice, nameof(AllInPrice));
        Check(Breakeven, nameof(Breakeven));
        if (!(AvailableMw > 0) || !double.IsFinite(AvailableMw))
            throw new ArgumentException($"Available MW must be a positive number (got {AvailableMw.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
    }
}
