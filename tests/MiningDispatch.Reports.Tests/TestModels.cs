using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Time;
using MiningDispatch.Core.Units;

namespace MiningDispatch.Reports.Tests;

/// <summary>
/// A hand-made 72-hour market (Tue 30 Jan 2024 00:00 CST .. Fri 2 Feb 00:00 CST, crossing the month boundary in
/// market time) with one missing hour, a negative price and a $5,000 spike, run through Core's Backtester.
/// </summary>
internal static class TestModels
{
    public const double Mw = 10, Eff = 20, Fee = 0.02, Adder = 5, MinProfit = 700;
    public const string Hostile = "</script><script>alert(1)</script>";
    public const string HostileBenchmark = "perfect-foresight</script><script>alert(2)</script>";

    public static readonly DateTime Start = new(2024, 1, 30, 6, 0, 0, DateTimeKind.Utc); // 00:00 CST
    public const int MissingIndex = 60;     // 2024-02-01 12:00 CST is absent
    public const int NegativeIndex = 3;     // 2024-01-30 03:00 CST
    public const int SpikeIndex = 41;       // 2024-01-31 17:00 CST
    public const double SpikePrice = 5000, NegativePrice = -15.25;

    /// <summary>Hashprice by market day in $/PH/day.</summary>
    public static double HashpricePhDay(int dayIndex) => dayIndex switch { 0 => 52.3, 1 => 53.1, _ => 50.8 };

    /// <summary>Settlement price for hour index t (hour of day h = t % 24, day d = t / 24).</summary>
    public static double PriceAt(int t)
    {
        if (t == NegativeIndex) return NegativePrice;
        if (t == SpikeIndex) return SpikePrice;
        int h = t % 24, d = t / 24;
        if (h is 18 or 19) return 118.5 + 3 * d;   // evening peak above breakeven (~107 $/MWh all-in)
        return Math.Round(25 + 20 * Math.Sin(2 * Math.PI * (h - 6) / 24.0), 4);
    }

    public static MarketSeries Market(string settlementPoint = Hostile)
    {
        var times = new List<DateTime>();
        var price = new List<double>();
        var hp = new List<double>();
        for (int t = 0; t < 72; t++)
        {
            if (t == MissingIndex) continue;
            times.Add(Start.AddHours(t));
            price.Add(PriceAt(t));
            hp.Add(HashpricePhDay(t / 24) / 1000.0);
        }
        return new MarketSeries(times.ToArray(), price.ToArray(), hp.ToArray(), 1.0, null, settlementPoint, "RT");
    }

    public static SiteSpec Site => new(new Megawatts(Mw), new WattsPerTerahash(Eff), Fee, new UsdPerMWh(Adder), MinProfit);

    public static BacktestResult Result() => Backtester.Run(Market(), Site, new ThresholdStrategy());

    /// <summary>A "perfect-foresight" benchmark: run whenever the hour is profitable at all (no minimum margin).</summary>
    public static BacktestResult Benchmark()
    {
        var problem = new DispatchProblem(Market(), Site);
        var run = problem.Net.Select(x => x > 0 ? 1.0 : 0.0).ToArray();
        return Backtester.Evaluate(problem, run, HostileBenchmark, MarketClock.Ercot);
    }

    public static RunInfo Info() => new(
        "HB_WEST & " + Hostile,
        [
            new("Settlement point", Hostile),
            new("Prices file", "prices <2024> & co.csv"),
            new("Site", "10 MW, 20 W/TH, pool fee 2 %, adder $5/MWh"),
        ],
        [
            new DataQualityReport("data/prices_</script>.csv", "Real-time prices " + Hostile, 73, 71, 1,
                [new DataGap(Start.AddHours(MissingIndex), Start.AddHours(MissingIndex + 1), 1)], 0, 0,
                ["<b>one</b> duplicate row dropped", "note with & ampersand"]),
            new DataQualityReport("hashprice.csv", "Daily hashprice", 3, 3, 0, [], 0, 0, []),
        ]);

    public static BacktestRun Model() => new(Result(), Info(), [Benchmark()]);

    /// <summary>Hand calculation of one hour if fully on: (revenue, cost) in USD.</summary>
    public static (double Revenue, double Cost) HandHour(double priceUsdPerMWh, double hashpricePhDay)
    {
        double revenue = Mw * 1e6 / Eff * (hashpricePhDay / 1000.0) / 24.0 * (1 - Fee);
        double cost = Mw * (priceUsdPerMWh + Adder);
        return (revenue, cost);
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Created = NewRegistry();

    /// <summary>A fresh folder of its own (parallel tests never share one), deleted when the test process exits.</summary>
    public static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "md-reports-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        Created.Add(dir);
        return dir;
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> NewRegistry()
    {
        var bag = new System.Collections.Concurrent.ConcurrentBag<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var d in bag)
            {
                try { Directory.Delete(d, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        };
        return bag;
    }
}
