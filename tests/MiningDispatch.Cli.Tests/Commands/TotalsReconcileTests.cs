using System.Globalization;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.TempPrices;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// The hourly CSV adds up to the summary to the cent, and extreme ERCOT prices (spikes above $5,000/MWh, the
/// -$251/MWh floor) pass through unclamped into the CSV and the totals.
/// </summary>
public sealed class TotalsReconcileTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    private static void Cent(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) < 0.005, $"{what}: {expected.ToString("R", Ci)} vs {actual.ToString("R", Ci)} differ by a cent or more");

    [Trait("Category", "Slow")]
    [Fact]
    public void Sample_backtest_hourly_csv_sums_to_the_summary_to_the_cent()
    {
        string outDir = Path.Combine(_dir, "out"), json = Path.Combine(_dir, "copy.json");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--out", outDir, "--json", json);
        Assert.True(code == 0, stderr);

        var rows = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv"));
        Assert.True(rows.Count >= 24 * 28, $"only {rows.Count} hourly rows: the sums below would prove little");
        foreach (var file in new[] { Path.Combine(outDir, "summary.json"), json })
        {
            var s = SampleMarket.Json(file);
            // the month loop below must cover every row (it would pass vacuously on an empty "monthly" array)
            Assert.Equal(rows.Count, s.GetProperty("monthly").EnumerateArray().Sum(m => m.GetProperty("hours").GetInt32()));
            Assert.Equal(rows.Count, s.GetProperty("hours").GetInt32());
            Cent(rows.Sum(r => r.D("revenue_usd")), s.GetProperty("revenueUsd").GetDouble(), "revenue");
            Cent(rows.Sum(r => r.D("power_cost_usd")), s.GetProperty("powerCostUsd").GetDouble(), "power cost");
            Cent(rows.Sum(r => r.D("profit_usd")), s.GetProperty("profitUsd").GetDouble(), "profit");
            Cent(rows.Sum(r => r.D("always_on_profit_usd")), s.GetProperty("alwaysOnProfitUsd").GetDouble(), "always-on profit");
            Cent(rows.Sum(r => r.D("energy_mwh")), s.GetProperty("energyMWh").GetDouble(), "energy");
            Cent(rows.Sum(r => r.D("revenue_usd")) - rows.Sum(r => r.D("power_cost_usd")), s.GetProperty("profitUsd").GetDouble(), "revenue - cost");
            Cent(rows[^1].D("cumulative_profit_usd"), s.GetProperty("profitUsd").GetDouble(), "last cumulative profit");

            // every month of the summary is the sum of its rows (months in Central Prevailing Time)
            foreach (var m in s.GetProperty("monthly").EnumerateArray())
            {
                string ym = $"{m.GetProperty("year").GetInt32():D4}-{m.GetProperty("month").GetInt32():D2}";
                var month = rows.Where(r => r["market_time"].StartsWith(ym, StringComparison.Ordinal)).ToList();
                Assert.Equal(month.Count, m.GetProperty("hours").GetInt32());
                Cent(month.Sum(r => r.D("profit_usd")), m.GetProperty("profitUsd").GetDouble(), ym + " profit");
                Cent(month.Sum(r => r.D("always_on_profit_usd")), m.GetProperty("alwaysOnProfitUsd").GetDouble(), ym + " always-on");
            }
        }
        // the terminal shows whole dollars of the same total
        double profit = SampleMarket.Json(json).GetProperty("profitUsd").GetDouble();
        Assert.Equal(Math.Round(profit), SampleMarket.Amounts(stdout, "Net profit")[0]);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Spikes_above_5000_and_the_minus_251_floor_are_kept_unclamped()
    {
        const double mw = 10, eff = 21.5, fee = 0.02;
        // 24 hours of 2024-03-05 (CST) at $30 with extremes in five of them
        var extremes = new Dictionary<int, string> { [5] = "5250.75", [6] = "9000", [7] = "-251", [8] = "-250.99", [9] = "5000.01" };
        var hours = Hours(Utc(2024, 3, 5, 6), 24).ToList();
        string prices = WriteLong(_dir, "extremes.csv", hours.Select((t, i) => new Row(t, "HB_WEST", extremes.GetValueOrDefault(i, "30"))));
        string outDir = Path.Combine(_dir, "out"), json = Path.Combine(_dir, "s.json");

        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", prices, "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile),
            "--mw", "10", "--efficiency", "21.5", "--out", outDir, "--json", json);
        Assert.True(code == 0, stderr);

        var rows = SampleMarket.Csv(Path.Combine(outDir, "hourly.csv"));
        Assert.Equal(24, rows.Count);
        double profit = 0, alwaysOn = 0, cost = 0;
        for (int i = 0; i < 24; i++)
        {
            double price = double.Parse(extremes.GetValueOrDefault(i, "30"), Ci);
            Assert.Equal(price, rows[i].D("price_usd_per_mwh")); // exactly the file's value
            double rev = SampleMarket.Revenue(mw, eff, fee, SampleMarket.Hashprice(hours[i])), cst = mw * price;
            alwaysOn += rev - cst;
            bool run = rev - cst > 0;
            if (run) { profit += rev - cst; cost += cst; }
            Assert.Equal(run ? 1 : 0, rows[i].D("run_fraction"));
            Assert.Equal(run ? rev - cst : 0, rows[i].D("profit_usd"), 6);
            Assert.Equal(rev - cst, rows[i].D("always_on_profit_usd"), 6);
        }
        // the extremes matter: always-on pays 10 MW x $9,000 in one hour, the floor earns 10 x $251
        Assert.Equal(-90_000 + SampleMarket.Revenue(mw, eff, fee, SampleMarket.Hashprice(hours[6])), rows[6].D("always_on_profit_usd"), 6);
        Assert.Equal(2_510 + SampleMarket.Revenue(mw, eff, fee, SampleMarket.Hashprice(hours[7])), rows[7].D("profit_usd"), 6);

        var s = SampleMarket.Json(json);
        Cent(profit, s.GetProperty("profitUsd").GetDouble(), "profit");
        Cent(alwaysOn, s.GetProperty("alwaysOnProfitUsd").GetDouble(), "always-on profit");
        Cent(cost, s.GetProperty("powerCostUsd").GetDouble(), "power cost");
        Assert.Equal(21, s.GetProperty("operatingHours").GetDouble()); // the three spike hours are curtailed

        // validate reports them as kept
        var v = CliHarness.Run(null, "validate", "--prices", prices, "--settlement-point", "HB_WEST");
        Assert.Equal(0, v.Code);
        Assert.Contains("Max price:     9,000.00 $/MWh at 2024-03-05 12:00Z (spike above $5,000, kept)", v.Out);
        Assert.Contains("Min price:     -251.00 $/MWh at 2024-03-05 13:00Z (negative, kept)", v.Out);
        Assert.Contains("Spikes:        3 hour(s) above $5,000/MWh", v.Out);
        Assert.Contains("Negatives:     2 hour(s) below $0/MWh", v.Out);
    }
}
