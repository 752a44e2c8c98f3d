using System.CommandLine;
using System.Reflection;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Strategies.Factory;
using Spectre.Console;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// The strategy flags and config keys come from the strategy descriptors: every one is reachable, none clashes with a
/// general flag or setting, config keys and flags merge key by key, and a new strategy (percentile) works end to end.
/// </summary>
public sealed class StrategyOptionsFromDescriptorsTests
{
    private const double Mw = 10, Eff = 21.5, Fee = 0.02;

    [Fact]
    public void Every_strategy_flag_is_on_backtest_and_forecast_once_and_no_command_has_a_flag_twice()
    {
        using var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) });
        var root = CommandTree.Build(console, stderr, new CliEnvironment(_ => null, Interactive: false));
        foreach (var cmd in root.Subcommands)
        {
            var names = cmd.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToList();
            var twice = names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{cmd.Name}: {string.Join(", ", twice)}");
            if (cmd.Name is "backtest" or "forecast")
                foreach (var (_, o) in StrategyRegistry.AllOptions) Assert.Contains(o.Flag, names);
        }
    }

    [Fact]
    public void No_strategy_config_key_is_also_a_general_setting()
    {
        // A key that is also a property of BacktestSettings would be read into that property, never reaching the strategy.
        var properties = typeof(BacktestSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (s, o) in StrategyRegistry.AllOptions) Assert.False(properties.Contains(o.Key), $"{s.Name}: '{o.Key}' is also a setting");
    }

    [Fact]
    public void Config_keys_load_and_flags_win_key_by_key()
    {
        string dir = CliHarness.NewTempDir();
        string cfg = System.IO.Path.Combine(dir, "c.json");
        File.WriteAllText(cfg, """{ "strategy": "hysteresis", "OffMargin": 5, "onMargin": 5, "offConfirm": 3, "highStrike": null }""");
        var fromConfig = BacktestSettings.LoadConfig(cfg);
        Assert.Equal(new Dictionary<string, double> { ["offMargin"] = 5, ["onMargin"] = 5, ["offConfirm"] = 3 }, fromConfig.StrategyValues);
        Assert.Null(fromConfig.OtherKeys);
        var merged = fromConfig.Merge(new BacktestSettings { StrategyValues = new Dictionary<string, double> { ["offConfirm"] = 2 } });
        Assert.Equal(new Dictionary<string, double> { ["offMargin"] = 5, ["onMargin"] = 5, ["offConfirm"] = 2 }, merged.StrategyValues);
        Assert.Empty(merged.Problems());
    }

    [Theory]
    [InlineData("""{ "offPrise": 40 }""", """unknown key "offPrise"; did you mean "offPrice"?""")]
    [InlineData("""{ "strategy": "hysteresis", "offConfirm": 1.5 }""", "'offConfirm' must be a whole number (got 1.5)")]
    [InlineData("""{ "strategy": "hysteresis", "offPrice": "high" }""", "'offPrice' must be a number (got \"high\")")]
    public void Bad_strategy_config_keys_are_errors_naming_the_key(string json, string expected)
    {
        string dir = CliHarness.NewTempDir();
        string cfg = System.IO.Path.Combine(dir, "c.json");
        File.WriteAllText(cfg, json);
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--config", cfg, "--no-report");
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Theory]
    [InlineData(new[] { "--strategy", "percentile", "--percentile", "120" }, "--percentile must be between 0 and 100 (got 120).")]
    [InlineData(new[] { "--strategy", "percentile", "--window", "0" }, "--window must be between 1 and 35136 interval (got 0).")]
    [InlineData(new[] { "--window", "48" }, "--window applies to --strategy percentile (the strategy is threshold).")]
    [InlineData(new[] { "--strategy", "lagged", "--off-confirm", "2" }, "--off-confirm applies to --strategy hysteresis (the strategy is lagged).")]
    [InlineData(new[] { "--strategy", "hysteresis", "--off-confirm", "0" }, "--off-confirm must be between 1 and 672 interval (got 0).")]
    public void Bad_strategy_flags_exit_2_with_the_descriptors_message(string[] flags, string expected)
    {
        var (code, _, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--start", "2024-01-01", "--end", "2024-01-31", .. flags]);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr);
    }

    [Fact]
    public void Percentile_matches_a_plain_loop_from_flags_and_from_a_config_file()
    {
        // Run an hour when its price is at or below the 30th percentile of the previous 48 hours' prices (linear
        // interpolation between ranks); the threshold rule for the first 48 hours.
        var hours = Rt(DayStartUtc(2024, 1, 1), DayStartUtc(2024, 4, 1));
        int running = 0;
        double profit = 0;
        for (int i = 0; i < hours.Count; i++)
        {
            var (t, p) = hours[i];
            double net = Revenue(Mw, Eff, Fee, Hashprice(t)) - Mw * p;
            bool on;
            if (i < 48) on = net > 0;
            else
            {
                var w = hours.Skip(i - 48).Take(48).Select(h => h.Price).Order().ToArray();
                double h = 47 * 0.30;
                int lo = (int)Math.Floor(h);
                on = p <= w[lo] + (h - lo) * (w[lo + 1] - w[lo]);
            }
            if (on) { running++; profit += net; }
        }
        string dir = CliHarness.NewTempDir();
        string cfg = System.IO.Path.Combine(dir, "p.json");
        File.WriteAllText(cfg, """{ "strategy": "percentile", "percentile": 30, "window": 48, "start": "2024-01-01", "end": "2024-03-31" }""");
        string[][] runs =
        [
            ["--strategy", "percentile", "--percentile", "30", "--window", "48", "--start", "2024-01-01", "--end", "2024-03-31"],
            ["--config", cfg],
        ];
        foreach (var args in runs)
        {
            string json = System.IO.Path.Combine(CliHarness.NewTempDir(), "s.json");
            var (code, stdout, stderr) = CliHarness.Run(null, ["backtest", "--no-report", "--json", json, .. args]);
            Assert.True(code == 0, stderr);
            var s = Json(json);
            Assert.Equal("percentile", s.GetProperty("strategy").GetString());
            Assert.Equal(running, s.GetProperty("operatingHours").GetDouble(), 6);
            Assert.Equal(profit, s.GetProperty("profitUsd").GetDouble(), 2);
            Assert.Contains("percentile", stdout);
        }
        Assert.True(running > 100 && running < hours.Count - 100, "the rule should both run and curtail in the period");
    }
}
