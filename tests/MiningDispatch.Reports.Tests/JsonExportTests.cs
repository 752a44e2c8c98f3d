using System.Text.Json;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;

namespace MiningDispatch.Reports.Tests;

public class JsonExportTests
{
    private static JsonElement Write(BacktestResult r)
    {
        string path = Path.Combine(TestModels.TempDir(), "summary.json");
        JsonExport.WriteSummary(r, path);
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    [Fact]
    public void Keys_are_exactly_the_documented_camelCase_names()
    {
        var j = Write(TestModels.Result());
        Assert.Equal(
        [
            "hours", "operatingHours", "uptimePct", "energyMWh", "revenueUsd", "powerCostUsd", "profitUsd", "alwaysOnProfitUsd",
            "upliftUsd", "upliftPct", "curtailedHours", "avgPricePaidUsdPerMWh", "breakevenUsdPerMWh", "firstHourUtc", "lastHourUtc",
            "strategy", "monthly",
        ], j.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["min", "mean", "median", "max"], j.GetProperty("breakevenUsdPerMWh").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
        [
            "year", "month", "hours", "operatingHours", "uptimePct", "energyMWh", "revenueUsd", "powerCostUsd", "profitUsd",
            "alwaysOnProfitUsd", "avgSettlementPriceUsdPerMWh", "avgBreakevenUsdPerMWh",
        ], j.GetProperty("monthly")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Values_match_a_hand_calculation()
    {
        var j = Write(TestModels.Result());
        double profit = 0, alwaysOn = 0, runHours = 0, pricePaid = 0;
        double janHours = 0, janProfit = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            double price = TestModels.PriceAt(t);
            var (rev, cost) = TestModels.HandHour(price, TestModels.HashpricePhDay(t / 24));
            alwaysOn += rev - cost;
            bool run = rev - cost > TestModels.MinProfit;
            if (run) { profit += rev - cost; runHours++; pricePaid += price; }
            if (t < 48) { janHours++; if (run) janProfit += rev - cost; }
        }
        double Be(double ph) => ph / 1000 * (1 - TestModels.Fee) * 1e6 / (24 * TestModels.Eff);

        Assert.Equal(71, j.GetProperty("hours").GetInt32());
        Assert.Equal(runHours, j.GetProperty("operatingHours").GetDouble());
        Assert.Equal(100 * runHours / 71, j.GetProperty("uptimePct").GetDouble(), 9);
        Assert.Equal(runHours * TestModels.Mw, j.GetProperty("energyMWh").GetDouble(), 9);
        Assert.Equal(profit, j.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(alwaysOn, j.GetProperty("alwaysOnProfitUsd").GetDouble(), 6);
        Assert.Equal(profit - alwaysOn, j.GetProperty("upliftUsd").GetDouble(), 6);
        Assert.Equal(100 * (profit - alwaysOn) / Math.Abs(alwaysOn), j.GetProperty("upliftPct").GetDouble(), 6);
        Assert.Equal(71 - runHours, j.GetProperty("curtailedHours").GetDouble());
        Assert.Equal(pricePaid / runHours, j.GetProperty("avgPricePaidUsdPerMWh").GetDouble(), 9);
        var be = j.GetProperty("breakevenUsdPerMWh");
        Assert.Equal(Be(50.8), be.GetProperty("min").GetDouble(), 9);
        Assert.Equal(Be(53.1), be.GetProperty("max").GetDouble(), 9);
        Assert.Equal(Be(52.3), be.GetProperty("median").GetDouble(), 9); // 24 × 52.3, 24 × 53.1, 23 × 50.8 → middle is 52.3
        Assert.Equal((24 * Be(52.3) + 24 * Be(53.1) + 23 * Be(50.8)) / 71, be.GetProperty("mean").GetDouble(), 9);
        Assert.Equal("2024-01-30T06:00:00Z", j.GetProperty("firstHourUtc").GetString());
        Assert.Equal("2024-02-02T05:00:00Z", j.GetProperty("lastHourUtc").GetString());
        Assert.Equal("threshold", j.GetProperty("strategy").GetString());
        var monthly = j.GetProperty("monthly");
        Assert.Equal(2, monthly.GetArrayLength());
        Assert.Equal(2024, monthly[0].GetProperty("year").GetInt32());
        Assert.Equal(1, monthly[0].GetProperty("month").GetInt32());
        Assert.Equal(janHours, monthly[0].GetProperty("hours").GetInt32());
        Assert.Equal(janProfit, monthly[0].GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(2, monthly[1].GetProperty("month").GetInt32());
        Assert.Equal(23, monthly[1].GetProperty("hours").GetInt32());
    }

    [Fact]
    public void Undefined_ratios_are_null()
    {
        // Prices far above breakeven: the threshold strategy never runs, so there is no average price paid.
        var start = new DateTime(2024, 6, 1, 5, 0, 0, DateTimeKind.Utc);
        var market = new MarketSeries([start, start.AddHours(1)], [900, 950], [0.05, 0.05]);
        var j = Write(Backtester.Run(market, TestModels.Site, new ThresholdStrategy()));
        Assert.Equal(JsonValueKind.Null, j.GetProperty("avgPricePaidUsdPerMWh").ValueKind);
        Assert.Equal(0, j.GetProperty("operatingHours").GetDouble());
        Assert.Equal(0, j.GetProperty("profitUsd").GetDouble());
    }
}
