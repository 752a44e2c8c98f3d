using System.Globalization;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Services;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.App.Tests.Services;

/// <summary>The backtest service on the shipped sample files, against a plain loop over the raw CSV rows.</summary>
public class BacktestServiceTests
{
    private const double Mw = 10, Efficiency = 21.5, Fee = 0.02;

    /// <summary>Records what a service tells the user.</summary>
    private sealed class RecordingObserver : IRunObserver
    {
        public List<string> Notes { get; } = [];
        public List<string> Warnings { get; } = [];
        public List<string> Phases { get; } = [];
        public List<string> Steps { get; } = [];
        public T RunStep<T>(string title, Func<IProgress<string>, T> work) { Steps.Add(title); return work(new Progress<string>()); }
        public T Load<T>(string title, Func<IProgress<LoadProgress>, T> work) { Steps.Add(title); return work(new Progress<LoadProgress>()); }
        public Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work) { Steps.Add(title); return work(new Progress<string>()); }
        public void Note(string text) => Notes.Add(text);
        public void Warn(string text) => Warnings.Add(text);
        public void Phase(string name) => Phases.Add(name);
    }

    private static BacktestRequest Request(DateOnly start, DateOnly end)
    {
        var r = BacktestRequest.Sample(RepoPaths.SampleDir, new ThresholdStrategy());
        return r with { Market = r.Market with { Start = start, End = end } };
    }

    [Fact]
    public async Task Two_market_days_match_a_hand_loop_over_the_raw_files()
    {
        // 2024-03-05 and 2024-03-06 in CPT (UTC-6, no DST change): UTC 2024-03-05 06:00 to 2024-03-07 06:00, 48 hours.
        var from = new DateTime(2024, 3, 5, 6, 0, 0, DateTimeKind.Utc);
        var to = from.AddHours(48);
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
        Assert.Equal(48, prices.Count);

        // Published alignment: an hour of UTC day D uses the daily value stamped D - 1 ($/PH/day -> $/TH/day).
        double thS = Mw * 1e6 / Efficiency, strategy = 0, alwaysOn = 0, energy = 0;
        foreach (var (t, price) in prices)
        {
            double hp = hashpricePh[DateOnly.FromDateTime(t).AddDays(-1)] / 1000;
            double net = thS * hp / 24 * (1 - Fee) - Mw * price;
            alwaysOn += net;
            if (net > 0) { strategy += net; energy += Mw; }
        }

        var observer = new RecordingObserver();
        var run = await new BacktestService(observer).RunAsync(Request(new DateOnly(2024, 3, 5), new DateOnly(2024, 3, 6)));

        var s = run.Result.Summary;
        Assert.Equal(48, s.Hours);
        Assert.Equal(strategy, s.ProfitUsd, 1e-6 * Math.Abs(strategy));
        Assert.Equal(alwaysOn, s.AlwaysOnProfitUsd, 1e-6 * Math.Abs(alwaysOn));
        Assert.Equal(energy, s.EnergyMWh, 1e-9);
        // Without switching constraints the hour-by-hour rule is the optimum: no regret.
        Assert.NotNull(run.Comparison);
        Assert.Equal(0, run.Comparison.RegretUsd, 1e-6);
        Assert.Equal(["compute"], observer.Phases);
        Assert.Contains(observer.Notes, n => n.Contains("sample data", StringComparison.Ordinal));
        Assert.Contains(run.Info.Inputs, kv => kv.Key == "Facility size" && kv.Value == "10 MW");
    }

    [Fact]
    public async Task A_range_outside_the_prices_is_a_settings_error_naming_the_range()
    {
        var ex = await Assert.ThrowsAsync<SettingsException>(() => new BacktestService(SilentObserver.Instance)
            .RunAsync(Request(new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 31))));
        Assert.Contains("2019-01-01 to 2019-01-31", ex.Message);
    }

    [Fact]
    public void A_site_outside_its_ranges_is_rejected_naming_the_range()
    {
        var site = SiteRequest.Default with { Mw = -1 };
        var ex = Assert.Throws<ArgumentException>(site.ToSiteSpec);
        Assert.Contains("between 0 and 10,000 MW", ex.Message);
    }

    [Fact]
    public void The_hashrate_index_request_needs_a_key_and_never_shows_it()
    {
        Assert.Throws<SettingsException>(() => HashpriceRequest.FromApi(new Data.Hashprice.HashrateIndexOptions { ApiKey = " " }));
        var r = HashpriceRequest.FromApi(new Data.Hashprice.HashrateIndexOptions { ApiKey = "secret-key-123" });
        Assert.DoesNotContain("secret-key-123", r.ToString());
    }
}
