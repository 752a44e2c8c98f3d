using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Units;
using MiningDispatch.Reports;

namespace MiningDispatch.Cli.Tests.Browser;

/// <summary>
/// The report's what-if panel in a real headless Chromium: move the inputs of one run's report and the page must show
/// what a second CLI run with those inputs prints, to the cent (in fact to the last bit: the page's JavaScript does
/// the kernel's operations in the same order). The reference figures are the second run's own summary.json.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ReportWhatIfBrowserTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string Backtest(params string[] extra)
    {
        string dir = CliHarness.NewTempDir();
        var (code, _, err) = CliHarness.Run(null, ["backtest", "--out", dir, .. extra]);
        Assert.True(code == 0, err);
        return dir;
    }

    private static JsonElement Summary(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json"))).RootElement;

    private static async Task<(IPlaywright, IBrowser, IPage)> Open(string dir)
    {
        var pw = await Playwright.CreateAsync();
        var browser = await pw.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(new Uri(Path.Combine(dir, "report.html")).AbsoluteUri);
        await page.WaitForFunctionAsync("() => window.whatIf && window.whatIf.last");
        Assert.Empty(errors);
        return (pw, browser, page);
    }

    private static async Task Set(IPage page, string key, double value)
        => await page.FillAsync("#wi-" + key, value.ToString("R", Inv));

    private static async Task<JsonElement> Last(IPage page)
        => JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.whatIf.last)")).RootElement;

    /// <summary>The page's figures equal the CLI's summary.json, field by field, to the last bit.</summary>
    private static void AssertSame(JsonElement cli, JsonElement page)
    {
        var r = page.GetProperty("result");
        foreach (var (c, p) in new[] { ("profitUsd", "profit"), ("alwaysOnProfitUsd", "aoProfit"), ("upliftUsd", "uplift"), ("revenueUsd", "revenue"),
                     ("powerCostUsd", "cost"), ("uptimePct", "uptimePct"), ("energyMWh", "energyMWh"), ("avgPricePaidUsdPerMWh", "avgPricePaid") })
            Assert.True(cli.GetProperty(c).GetDouble() == r.GetProperty(p).GetDouble(),
                $"{c}: CLI {cli.GetProperty(c).GetDouble():R}, page {r.GetProperty(p).GetDouble():R}");
        var cm = cli.GetProperty("monthly").EnumerateArray().ToList();
        var pm = r.GetProperty("monthly").EnumerateArray().ToList();
        Assert.Equal(cm.Count, pm.Count);
        for (int i = 0; i < cm.Count; i++)
            foreach (var (c, p) in new[] { ("profitUsd", "profit"), ("alwaysOnProfitUsd", "aoProfit"), ("revenueUsd", "revenue"), ("powerCostUsd", "cost"),
                         ("operatingHours", "operatingHours"), ("avgBreakevenUsdPerMWh", "avgBreakeven") })
                Assert.True(cm[i].GetProperty(c).GetDouble() == pm[i].GetProperty(p).GetDouble(),
                    $"month {i} {c}: CLI {cm[i].GetProperty(c).GetDouble():R}, page {pm[i].GetProperty(p).GetDouble():R}");
    }

    /// <summary>
    /// The page times each recompute (kernel, cards, table, both charts) and keeps it in <c>whatIf.last.ms</c>; the test
    /// checks the figure is there and sane, not its size: speed is measured by bench/run on an idle machine, never
    /// asserted in a test that shares the machine with others.
    /// </summary>
    private static async Task AssertTimed(IPage page)
    {
        for (int i = 0; i < 3; i++)
        {
            double ms = await page.EvaluateAsync<double>("() => { window.whatIf.update(); return window.whatIf.last.ms; }");
            Assert.True(double.IsFinite(ms) && ms >= 0, $"the page's recompute time is {ms.ToString("R", Inv)} ms");
        }
    }

    private static string Usd(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N2", Inv);
    private static string Usd0(double v) => (v < 0 ? "-$" : "$") + Math.Abs(v).ToString("N0", Inv);

    [BrowserFact]
    public async Task Threshold_inputs_moved_in_the_page_give_the_CLI_run_with_those_inputs()
    {
        string asRun = Backtest("--mw", "10", "--efficiency", "21.5", "--adder", "3");
        string moved = Backtest("--mw", "12.5", "--efficiency", "18", "--adder", "5", "--min-profit", "40");
        var (pw, browser, page) = await Open(asRun);
        using (pw)
        await using (browser)
        {
            var run = Summary(asRun);
            AssertSame(run, await Last(page)); // the page's own computation at the run's inputs is the run

            await Set(page, "eff", 18);
            await Set(page, "adder", 5);
            await Set(page, "minProfit", 40);
            await Set(page, "mw", 12.5);
            var last = await Last(page);
            var cli = Summary(moved);
            AssertSame(cli, last);
            await AssertTimed(page);

            // What the reader sees: the panel, the mining-profit card, the monthly table and the charts.
            double profit = cli.GetProperty("profitUsd").GetDouble();
            Assert.Equal(Usd(profit), await page.TextContentAsync("#wi-out-profit"));
            Assert.Equal(Usd(profit), await page.TextContentAsync(".kpi[data-wi=profit] .kpi-value"));
            Assert.Contains("(what-if)", await page.TextContentAsync(".kpi[data-wi=profit] .kpi-label"), StringComparison.Ordinal);
            Assert.Contains("(as run)", await page.TextContentAsync(".kpi[data-asrun] .kpi-label"), StringComparison.Ordinal); // site total stays as run
            var firstMonth = cli.GetProperty("monthly")[0];
            Assert.Equal(Usd0(firstMonth.GetProperty("profitUsd").GetDouble()), await page.TextContentAsync("#monthly-table tbody tr:first-child td:nth-child(8)"));
            Assert.Equal(Usd0(profit), await page.TextContentAsync("#monthly-table tfoot td:nth-child(8)"));
            double chartLast = await page.EvaluateAsync<double>("() => { const d = document.getElementById('chart-cumulative').data[0].y; return d[d.length - 1]; }");
            Assert.Equal(profit, chartLast, 6);
            double chartMonth = await page.EvaluateAsync<double>("() => document.getElementById('chart-monthly').data[0].y[0]");
            Assert.Equal(firstMonth.GetProperty("profitUsd").GetDouble(), chartMonth);

            // Reset returns to the run's inputs and figures.
            await page.ClickAsync("#wi-reset");
            AssertSame(run, await Last(page));
            Assert.Equal("21.5", await page.InputValueAsync("#wi-eff"));
            Assert.Equal(Usd(run.GetProperty("profitUsd").GetDouble()), await page.TextContentAsync(".kpi[data-wi=profit] .kpi-value"));
            Assert.DoesNotContain("(as run)", await page.TextContentAsync(".kpi[data-asrun] .kpi-label"), StringComparison.Ordinal);
        }
    }

    [BrowserFact]
    public async Task Hysteresis_band_moved_in_the_page_gives_the_CLI_run_with_that_band()
    {
        string[] common = ["--strategy", "hysteresis", "--start", "2024-06-01", "--end", "2024-08-31",
            "--prices", Path.Combine(CliHarness.SampleDir, "ercot_hb_west_rtm_15min_spp_2024-06-01_2024-08-31.csv")];
        string asRun = Backtest([.. common, "--off-margin", "10", "--on-margin", "10", "--off-confirm", "2"]);
        string moved = Backtest([.. common, "--off-margin", "4", "--on-margin", "12", "--off-confirm", "3", "--on-confirm", "2", "--efficiency", "19", "--adder", "6"]);
        var (pw, browser, page) = await Open(asRun);
        using (pw)
        await using (browser)
        {
            AssertSame(Summary(asRun), await Last(page));
            await Set(page, "off", 4);
            await Set(page, "on", 12);
            await Set(page, "offConfirm", 3);
            await Set(page, "onConfirm", 2);
            await Set(page, "eff", 19);
            await Set(page, "adder", 6);
            var last = await Last(page);
            AssertSame(Summary(moved), last);
            await AssertTimed(page);
        }
    }

    [BrowserFact]
    public async Task Hashprice_multiplier_scales_every_interval_hashprice()
    {
        // Independent reference: a plain loop over the run's own interval data (result.json) at 0.8 × hashprice.
        string asRun = Backtest("--mw", "10", "--efficiency", "20", "--adder", "4", "--min-profit", "25", "--pool-fee", "0.02");
        var res = JsonDocument.Parse(File.ReadAllText(Path.Combine(asRun, "result.json"))).RootElement.GetProperty("result");
        double dt = res.GetProperty("intervalHours").GetDouble();
        var price = res.GetProperty("price").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var hp = res.GetProperty("hashprice").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        const double fee = 0.02;
        double th = 10 * 1e6 / 20.0, profit = 0, ao = 0;
        for (int t = 0; t < price.Length; t++)
        {
            double r = th * (hp[t] * 0.8) / 24.0 * (1.0 - fee) * dt, c = 10 * (price[t] + 4) * dt;
            ao += r - c;
            if (r - c > 25 * dt) profit += r - c;
        }
        var (pw, browser, page) = await Open(asRun);
        using (pw)
        await using (browser)
        {
            await Set(page, "mult", 0.8);
            var r = (await Last(page)).GetProperty("result");
            Assert.Equal(profit, r.GetProperty("profit").GetDouble(), 2);
            Assert.Equal(ao, r.GetProperty("aoProfit").GetDouble(), 2);
        }
    }

    [BrowserFact]
    public async Task A_year_of_15_minute_intervals_recomputes_in_the_page_and_matches_the_backtester()
    {
        // 35,040 intervals of 2025 with a made-up price path (daily and weekly shape, a few spikes) and a daily hashprice.
        const int n = 365 * 96;
        var start = new DateTime(2025, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var times = new DateTime[n];
        var price = new double[n];
        var hp = new double[n];
        for (int t = 0; t < n; t++)
        {
            times[t] = start.AddMinutes(15 * t);
            double h = t / 4.0;
            price[t] = Math.Round(30 + 25 * Math.Sin(h / 24 * 2 * Math.PI) + 10 * Math.Sin(h / 168 * 2 * Math.PI) + (t % 997 == 0 ? 900 : 0), 2);
            hp[t] = 0.045 + 0.01 * Math.Sin(t / 96 / 58.0);
        }
        var market = new MarketSeries(times, price, hp, 0.25);
        SiteSpec Site(double eff, double adder, double minProfit) => new(new Megawatts(20), new WattsPerTerahash(eff), 0.02, new UsdPerMWh(adder), minProfit);
        var asRun = Site(21.5, 4.5, 0);
        var model = new BacktestRun(Backtester.Run(market, asRun, new ThresholdStrategy()), new RunInfo("A year of 15-minute intervals", [], []))
        {
            WhatIf = new WhatIfInputs(asRun, ThresholdStrategy.StrategyName, null),
        };
        string dir = CliHarness.NewTempDir();
        File.WriteAllText(Path.Combine(dir, "report.html"), HtmlReport.Render(model));
        var expected = Backtester.Run(market, Site(18, 7, 30), new ThresholdStrategy()).Summary;
        var (pw, browser, page) = await Open(dir);
        using (pw)
        await using (browser)
        {
            await Set(page, "eff", 18);
            await Set(page, "adder", 7);
            await Set(page, "minProfit", 30);
            var r = (await Last(page)).GetProperty("result");
            Assert.True(expected.ProfitUsd == r.GetProperty("profit").GetDouble(), $"CLI {expected.ProfitUsd:R}, page {r.GetProperty("profit").GetDouble():R}");
            Assert.True(expected.AlwaysOnProfitUsd == r.GetProperty("aoProfit").GetDouble());
            Assert.True(expected.UptimePct == r.GetProperty("uptimePct").GetDouble());
            Assert.True(expected.EnergyMWh == r.GetProperty("energyMWh").GetDouble());
            await AssertTimed(page);
        }
    }
}
