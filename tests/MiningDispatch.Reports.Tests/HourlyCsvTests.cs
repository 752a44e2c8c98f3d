using System.Globalization;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.AlwaysOn;

namespace MiningDispatch.Reports.Tests;

public class HourlyCsvTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static (string[] Header, List<string[]> Rows) WriteAndRead(BacktestResult r)
    {
        string path = Path.Combine(TestModels.TempDir(), "hourly.csv");
        HourlyCsv.Write(r, path);
        var lines = File.ReadAllLines(path);
        return (lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    private static double D(string s) => double.Parse(s, NumberStyles.Float, Inv);

    [Fact]
    public void Header_lists_every_input_and_result_column()
    {
        var (header, rows) = WriteAndRead(TestModels.Result());
        Assert.Equal(
        [
            "interval_start_utc", "market_time", "price_usd_per_mwh", "all_in_price_usd_per_mwh", "hashprice_usd_per_ph_day",
            "breakeven_usd_per_mwh", "run_fraction", "energy_mwh", "revenue_usd", "power_cost_usd", "profit_usd",
            "always_on_profit_usd", "cumulative_profit_usd", "price_filled",
        ], header);
        Assert.Equal(71, rows.Count);
        Assert.All(rows, r => Assert.Equal(14, r.Length));
        Assert.All(rows, r => Assert.Equal("false", r[13])); // no fill information: nothing is marked
    }

    [Theory]
    [InlineData(TestModels.NegativeIndex, "2024-01-30T09:00:00Z", "2024-01-30T03:00:00-06:00", 1.0)]
    [InlineData(TestModels.SpikeIndex, "2024-01-31T23:00:00Z", "2024-01-31T17:00:00-06:00", 0.0)]
    [InlineData(0, "2024-01-30T06:00:00Z", "2024-01-30T00:00:00-06:00", 1.0)]
    [InlineData(47, "2024-02-01T05:00:00Z", "2024-01-31T23:00:00-06:00", 1.0)]
    [InlineData(66, "2024-02-02T00:00:00Z", "2024-02-01T18:00:00-06:00", 0.0)]
    public void Row_values_match_a_hand_calculation(int t, string utc, string market, double expectedRun)
    {
        var (_, rows) = WriteAndRead(TestModels.Result());
        var row = rows[t < TestModels.MissingIndex ? t : t - 1];
        double price = TestModels.PriceAt(t), hpPh = TestModels.HashpricePhDay(t / 24);
        var (revenue, cost) = TestModels.HandHour(price, hpPh);
        double run = revenue - cost > TestModels.MinProfit ? 1 : 0;
        double breakeven = hpPh / 1000 * (1 - TestModels.Fee) * 1e6 / (24 * TestModels.Eff);

        Assert.Equal(expectedRun, run); // the scenario is what the test claims it is
        Assert.Equal(utc, row[0]);
        Assert.Equal(market, row[1]);
        Assert.Equal(price, D(row[2]));
        Assert.Equal(price + TestModels.Adder, D(row[3]), 9);
        Assert.Equal(hpPh.ToString("R", Inv), row[4]);
        Assert.Equal(breakeven, D(row[5]), 9);
        Assert.Equal(run, D(row[6]));
        Assert.Equal(run * TestModels.Mw, D(row[7]), 9);
        Assert.Equal(run * revenue, D(row[8]), 9);
        Assert.Equal(run * cost, D(row[9]), 9);
        Assert.Equal(run * (revenue - cost), D(row[10]), 9);
        Assert.Equal(revenue - cost, D(row[11]), 9);
    }

    [Fact]
    public void Profit_column_sums_to_the_summary_and_to_a_hand_total_to_the_cent()
    {
        var r = TestModels.Result();
        var (_, rows) = WriteAndRead(r);
        double hand = 0, handAlwaysOn = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            handAlwaysOn += rev - cost;
            if (rev - cost > TestModels.MinProfit) hand += rev - cost;
        }
        double sum = rows.Sum(x => D(x[10]));
        double sumAlwaysOn = rows.Sum(x => D(x[11]));
        Assert.Equal(Math.Round(r.Summary.ProfitUsd, 2), Math.Round(sum, 2));
        Assert.Equal(Math.Round(hand, 2), Math.Round(sum, 2));
        Assert.Equal(Math.Round(handAlwaysOn, 2), Math.Round(sumAlwaysOn, 2));
        Assert.Equal(Math.Round(r.Summary.AlwaysOnProfitUsd, 2), Math.Round(sumAlwaysOn, 2));
        Assert.Equal(Math.Round(sum, 2), Math.Round(D(rows[^1][12]), 2));
        Assert.Equal(Math.Round(r.Summary.EnergyMWh, 6), Math.Round(rows.Sum(x => D(x[7])), 6));
    }

    [Fact]
    public void Market_time_follows_daylight_saving_time()
    {
        // 2024-03-10: 02:00 CST jumps to 03:00 CDT at 08:00 UTC.
        var start = new DateTime(2024, 3, 10, 6, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 4).Select(i => start.AddHours(i)).ToArray();
        var market = new MarketSeries(times, [20, 21, 22, 23], [0.05, 0.05, 0.05, 0.05]);
        var r = Backtester.Run(market, TestModels.Site, new AlwaysOnStrategy());
        var (_, rows) = WriteAndRead(r);
        Assert.Equal(
            ["2024-03-10T00:00:00-06:00", "2024-03-10T01:00:00-06:00", "2024-03-10T03:00:00-05:00", "2024-03-10T04:00:00-05:00"],
            rows.Select(x => x[1]));
        Assert.Equal("2024-03-10T08:00:00Z", rows[2][0]);
    }
}
