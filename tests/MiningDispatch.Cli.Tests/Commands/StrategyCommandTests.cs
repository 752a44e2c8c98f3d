using System.Text.RegularExpressions;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>`backtest --strategy ...` on the sample data against rules written out here as plain loops.</summary>
public sealed class StrategyCommandTests
{
    private const double Mw = 10, Eff = 21.5, Fee = 0.02;
    private static readonly DateTime JanStart = DayStartUtc(2024, 1, 1), AprStart = DayStartUtc(2024, 4, 1);

    private static (int Running, double Profit, double AlwaysOn, int Starts) Threshold(DateTime from, DateTime to, double minProfit, double adder = 0)
    {
        int running = 0, starts = 0;
        double profit = 0, ao = 0;
        bool prev = true;
        foreach (var (t, p) in Rt(from, to))
        {
            double net = Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * (p + adder);
            ao += net;
            bool on = net > minProfit;
            if (on) { running++; profit += net; }
            if (on && !prev) starts++;
            prev = on;
        }
        return (running, profit, ao, starts);
    }

    private static (int Code, string Out, string Err, string Dir) Run(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--json", System.IO.Path.Combine(dir, "s.json"), "--out", System.IO.Path.Combine(dir, "out"), .. args]);
        Assert.True(code == 0, $"exit {code}: {stderr}\n{stdout}");
        return (code, stdout, stderr, dir);
    }

    [Fact]
    public void Optimal_without_constraints_equals_threshold_at_zero_min_profit()
    {
        var e = Threshold(JanStart, AprStart, 0);
        var opt = Run("--strategy", "optimal", "--start", "2024-01-01", "--end", "2024-03-31", "--no-report");
        var thr = Run("--strategy", "threshold", "--start", "2024-01-01", "--end", "2024-03-31", "--no-report");
        var o = Json(System.IO.Path.Combine(opt.Dir, "s.json"));
        var t = Json(System.IO.Path.Combine(thr.Dir, "s.json"));
        Assert.Equal("optimal", o.GetProperty("strategy").GetString());
        Assert.Equal(e.Running, o.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(e.Profit, o.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(t.GetProperty("profitUsd").GetDouble(), o.GetProperty("profitUsd").GetDouble(), 6);
        Assert.Equal(e.AlwaysOn, o.GetProperty("alwaysOnProfitUsd").GetDouble(), 2);
        // The threshold run shows the optimum beside it, with no regret.
        Assert.Contains("optimal (perfect foresight)", thr.Out);
        Assert.Equal(0, Money(thr.Out, "Regret vs the perfect-foresight optimum"));
    }

    [Fact]
    public void Threshold_with_a_margin_shows_regret_and_captured_uplift_against_the_optimum()
    {
        var strat = Threshold(JanStart, AprStart, 300);
        var best = Threshold(JanStart, AprStart, 0);
        var r = Run("--start", "2024-01-01", "--end", "2024-03-31", "--min-profit", "300");
        Assert.Equal(Math.Round(best.Profit - strat.Profit), Money(r.Out, "Regret vs the perfect-foresight optimum"));
        double captured = 100 * (strat.Profit - strat.AlwaysOn) / (best.Profit - best.AlwaysOn);
        Assert.Contains($"captured uplift {captured.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} %", r.Out);
        // The summary table has a fourth column, and the optimum is the report's benchmark.
        var net = Amounts(r.Out, "Net profit");
        Assert.Equal([Math.Round(strat.Profit), Math.Round(strat.AlwaysOn), Math.Round(best.Profit)], net);
        var result = Json(System.IO.Path.Combine(r.Dir, "out", "result.json"));
        var bench = result.GetProperty("benchmarks")[0];
        Assert.Equal("optimal", bench.GetProperty("strategy").GetString());
        Assert.Equal(best.Profit, bench.GetProperty("summary").GetProperty("profitUsd").GetDouble(), 2);
        string html = File.ReadAllText(System.IO.Path.Combine(r.Dir, "out", "report.html"));
        Assert.Contains("Against the perfect-foresight optimum", html);
        Assert.Contains("Captured uplift", html);
    }

    [Fact]
    public void Restart_cost_is_charged_to_every_schedule_and_the_optimum_still_wins()
    {
        var strat = Threshold(JanStart, AprStart, 0);
        var r = Run("--start", "2024-01-01", "--end", "2024-03-31", "--min-up", "4", "--min-down", "2", "--restart-cost", "50", "--no-report");
        var starts = Regex.Matches(r.Out.Split('\n').First(l => l.Contains("Starts")), @"\d[\d,]*").Select(m => int.Parse(m.Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(strat.Starts, starts[0]);
        Assert.Equal(0, starts[1]);
        var restart = Amounts(r.Out, "Restart costs");
        Assert.Equal(strat.Starts * 50 * Mw, restart[0]);
        Assert.Equal(0, restart[1]);
        Assert.Equal(starts[2] * 50 * Mw, restart[2]);
        var after = Amounts(r.Out, "Profit after restarts");
        Assert.Equal(Math.Round(strat.Profit - strat.Starts * 50 * Mw), after[0]);
        Assert.True(after[2] >= after[0] && after[2] >= after[1], string.Join(", ", after));
        Assert.Contains("min up 4 interval(s), min down 2 interval(s), restart cost $50/MW per start", r.Out);
    }

    [Fact]
    public void Hysteresis_matches_a_hand_written_band_with_confirmation()
    {
        // Band around breakeven: curtail after 2 hours above breakeven + 5, resume at once below breakeven - 5.
        bool on = true;
        int above = 0, below = 0, running = 0;
        double profit = 0;
        foreach (var (t, p) in Rt(JanStart, AprStart))
        {
            double be = Hashprice(t) * (1 - Fee) * 1e6 / (24 * Eff);
            if (p > be + 5) { above++; below = 0; }
            else if (p < be - 5) { below++; above = 0; }
            else { above = 0; below = 0; }
            if (on) { if (above >= 2) on = false; }
            else if (below >= 1) on = true;
            if (on) { running++; profit += Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * p; }
        }
        var r = Run("--strategy", "hysteresis", "--off-margin", "5", "--on-margin", "5", "--off-confirm", "2", "--start", "2024-01-01", "--end", "2024-03-31", "--no-report");
        var s = Json(System.IO.Path.Combine(r.Dir, "s.json"));
        Assert.Equal("hysteresis", s.GetProperty("strategy").GetString());
        Assert.Equal(running, s.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
    }

    [Fact]
    public void Hysteresis_with_absolute_prices_and_a_high_strike_from_a_config_file()
    {
        // Off after 3 hours above $40 or at once above $60; on after 2 hours below $25.
        bool on = true;
        int running = 0, above = 0, below = 0, strikes = 0;
        double profit = 0;
        foreach (var (t, p) in Rt(JanStart, AprStart))
        {
            if (p > 40) { above++; below = 0; }
            else if (p < 25) { below++; above = 0; }
            else { above = 0; below = 0; }
            if (on)
            {
                if (p > 60 && above < 3) strikes++;
                if (p > 60 || above >= 3) on = false;
            }
            else if (below >= 2) on = true;
            if (on) { running++; profit += Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * p; }
        }
        Assert.True(strikes > 0, "the period should have hours where only the high strike curtails");
        string dir = CliHarness.NewTempDir();
        string cfg = System.IO.Path.Combine(dir, "h.json");
        File.WriteAllText(cfg, """{ "strategy": "hysteresis", "offPrice": 40, "onPrice": 25, "offConfirm": 3, "onConfirm": 2, "highStrike": 60, "start": "2024-01-01", "end": "2024-03-31" }""");
        var r = Run("--config", cfg, "--no-report");
        var s = Json(System.IO.Path.Combine(r.Dir, "s.json"));
        Assert.Equal(running, s.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
    }

    [Fact]
    public void Lagged_decides_on_the_price_two_hours_old()
    {
        var hours = Rt(JanStart, AprStart);
        int running = 0;
        double profit = 0;
        for (int i = 0; i < hours.Count; i++)
        {
            var (t, p) = hours[i];
            double rev = Revenue(Mw, Eff, Fee, Hashprice(t));
            bool on = i < 2 || rev - Mw * hours[i - 2].Price > 0;
            if (on) { running++; profit += rev - Mw * p; }
        }
        var r = Run("--strategy", "lagged", "--lag", "2", "--start", "2024-01-01", "--end", "2024-03-31", "--no-report");
        var s = Json(System.IO.Path.Combine(r.Dir, "s.json"));
        Assert.Equal(running, s.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
    }

    [Fact]
    public void Day_ahead_schedules_on_day_ahead_prices_settles_at_real_time_and_reports_the_day_ahead_gain()
    {
        DateTime from = DayStartUtc(2024, 7, 1), to = DayStartUtc(2024, 8, 1);
        var rows = DaRt("HB_WEST", from, to);
        Assert.Equal(31 * 24, rows.Count);
        int running = 0;
        double profit = 0, gain = 0;
        foreach (var (t, da, rt) in rows)
        {
            // The hashprice known when the day-ahead market closed (10:00 CPT the day before); the first day closed before
            // the backtest's first hour, whose value is the earliest there is.
            var close = DayAheadCloseUtc(t);
            double decisionHp = Hashprice(close < from ? from : close);
            bool on = Revenue(Mw, Eff, Fee, decisionHp) - Mw * da > 0;
            if (!on) continue;
            running++;
            profit += Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * rt;
            gain += Mw * (rt - da);
        }
        var r = Run("--strategy", "day-ahead", "--prices", SampleMarket.Path(DaRtFile), "--start", "2024-07-01", "--end", "2024-07-31", "--no-report");
        var s = Json(System.IO.Path.Combine(r.Dir, "s.json"));
        Assert.Equal("day-ahead", s.GetProperty("strategy").GetString());
        Assert.Equal(running, s.GetProperty("operatingHours").GetDouble(), 6);
        Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
        Assert.Equal(Math.Round(gain), Money(r.Out, "Day-ahead gain"));
    }

    [Theory]
    [InlineData(new[] { "--strategy", "magic" }, "Choose one of: always-on, threshold, hysteresis, optimal, day-ahead, lagged")]
    [InlineData(new[] { "--strategy", "hysteresis", "--off-price", "40" }, "needs both --off-price and --on-price")]
    [InlineData(new[] { "--strategy", "hysteresis", "--off-price", "20", "--on-price", "30" }, "--on-price 30 must not be above --off-price 20")]
    [InlineData(new[] { "--strategy", "hysteresis", "--off-price", "40", "--on-price", "30", "--off-margin", "5" }, "not both")]
    [InlineData(new[] { "--off-margin", "5" }, "--off-margin applies to --strategy hysteresis")]
    [InlineData(new[] { "--lag", "2" }, "--lag applies to --strategy lagged")]
    [InlineData(new[] { "--strategy", "lagged", "--lag", "0" }, "--lag must be between 1 and 672 interval")]
    [InlineData(new[] { "--min-up", "0" }, "--min-up must be between 1 and 35,136 intervals (got 0)")]
    [InlineData(new[] { "--restart-cost", "-5" }, "--restart-cost must be a $/MW per start between 0 and 1,000,000 (got -5)")]
    [InlineData(new[] { "--strategy", "day-ahead" }, "--da-prices")]
    public void Bad_strategy_settings_exit_2_with_a_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--start", "2024-01-01", "--end", "2024-01-31", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }
}
