using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Hysteresis;
using MiningDispatch.Core.Strategies.Optimal;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.App.Tests.Services;

/// <summary>A backtest records the what-if panel's inputs only for a single-model threshold or hysteresis run.</summary>
public class WhatIfInputsTests
{
    private static Task<BacktestRun> Run(IDispatchStrategy strategy)
    {
        var r = BacktestRequest.Sample(RepoPaths.SampleDir, new ThresholdStrategy());
        r = r with { Market = r.Market with { Start = new DateOnly(2024, 3, 1), End = new DateOnly(2024, 3, 10) }, Strategy = StrategyRequest.Plain(strategy) };
        return new BacktestService(SilentObserver.Instance).RunAsync(r);
    }

    [Fact]
    public async Task Threshold_records_the_site_as_run()
    {
        var run = await Run(new ThresholdStrategy());
        var w = Assert.IsType<WhatIfInputs>(run.WhatIf);
        Assert.Equal("threshold", w.Strategy);
        Assert.Null(w.Hysteresis);
        // The recorded site is the one the result was computed with: profit from its own kernel, by a plain loop.
        var r = run.Result;
        double th = w.Site.Capacity.Value * 1e6 / w.Site.Efficiency.Value, profit = 0;
        for (int t = 0; t < r.Times.Length; t++)
        {
            double rev = th * r.Hashprice[t] / 24.0 * (1.0 - w.Site.PoolFee) * r.IntervalHours;
            double cost = w.Site.Capacity.Value * (r.Price[t] + w.Site.Adder.Value) * r.IntervalHours;
            if (rev - cost > w.Site.MinProfitUsdPerHour * r.IntervalHours) profit += rev - cost;
        }
        Assert.Equal(profit, r.Summary.ProfitUsd, 6);
    }

    [Fact]
    public async Task Hysteresis_records_its_band()
    {
        var band = HysteresisOptions.AroundBreakeven(8, 4, 2, 1);
        var run = await Run(new HysteresisStrategy(band));
        Assert.Equal(band, run.WhatIf?.Hysteresis);
    }

    [Fact]
    public async Task Another_strategy_gets_a_reason_instead()
    {
        var run = await Run(new OptimalStrategy());
        Assert.Null(run.WhatIf);
        Assert.Contains("optimal", run.WhatIfAbsentReason, StringComparison.Ordinal);
    }
}
