namespace MiningDispatch.Cli.Tests.Settings;

/// <summary>A config key is read by the command it belongs to, and only by it; anything else stops the run naming the key.</summary>
public class ConfigKeyTests
{
    private static string Config(string json)
    {
        string path = Path.Combine(CliHarness.NewTempDir(), "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("paths", "100", "risk and forecast")]
    [InlineData("top", "5", "sweep and screen")]
    [InlineData("hub", "\"HB_WEST\"", "screen")]
    [InlineData("curve", "\"curve.csv\"", "forecast")]
    [InlineData("horizonDays", "30", "risk")]
    public void Backtest_rejects_a_key_of_another_command(string key, string value, string owners)
    {
        var (code, _, err) = CliHarness.Run(null, "backtest", "--config", Config($"{{\"mw\": 5, \"{key}\": {value}}}"), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains($"key \"{key}\" is read by {owners}, not by backtest", err);
    }

    [Fact]
    public void Unknown_key_names_the_nearest_valid_one()
    {
        var (code, _, err) = CliHarness.Run(null, "backtest", "--config", Config("{\"settlmentPoint\": \"HB_WEST\"}"), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("unknown key \"settlmentPoint\"; did you mean \"settlementPoint\"?", err);
    }

    [Fact]
    public void Unknown_key_of_risk_suggests_among_risk_keys()
    {
        // "pahts" is one swap away from "paths", which risk reads (backtest would not suggest it).
        var (code, _, err) = CliHarness.Run(null, "risk", "--config", Config("{\"pahts\": 10}"), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("did you mean \"paths\"?", err);
    }

    [Theory]
    [InlineData("{\"mw\": \"ten\"}", "\"mw\" must be a number")]
    [InlineData("{\"maxFillHours\": 2.5}", "\"maxFillHours\" must be a whole number")]
    [InlineData("{\"prices\": 5}", "\"prices\" must be a file path or a list of file paths")]
    public void A_value_of_the_wrong_kind_is_named_without_a_dotnet_type(string json, string expected)
    {
        var (code, _, err) = CliHarness.Run(null, "backtest", "--config", Config(json), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("System.", err);
        Assert.DoesNotContain("Nullable", err);
    }

    [Fact]
    public void A_config_that_is_not_an_object_is_an_error()
    {
        var (code, _, err) = CliHarness.Run(null, "backtest", "--config", Config("[1, 2]"), "--no-report");
        Assert.Equal(2, code);
        Assert.Contains("must hold one JSON object", err);
    }
}
