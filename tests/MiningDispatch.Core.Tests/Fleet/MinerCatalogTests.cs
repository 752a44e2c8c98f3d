using MiningDispatch.Core.Fleet;

namespace MiningDispatch.Core.Tests.Fleet;

public class MinerCatalogTests
{
    // Nameplate TH/s and W from the ASIC spec table of docs/hashprice-api.md §8 (shared reference, not the catalogue).
    [Theory]
    [InlineData("S19", 95, 3250)]
    [InlineData("S19j Pro", 100, 3050)]
    [InlineData("S19 XP", 140, 3010)]
    [InlineData("S21", 200, 3500)]
    [InlineData("S21 Pro", 234, 3510)]
    [InlineData("S21 XP", 270, 3645)]
    [InlineData("M50S", 126, 3276)]
    [InlineData("M60S", 186, 3441)]
    public void Built_in_specs_from_the_reference_table(string name, double th, double watts)
    {
        var m = MinerCatalog.BuiltIn.Get(name);
        Assert.Equal(th, m.TerahashPerSecond);
        Assert.Equal(watts, m.Watts);
    }

    [Fact]
    public void Efficiencies_match_the_published_j_per_th()
    {
        Assert.Equal(13.5, MinerCatalog.BuiltIn.Get("S21 XP").Efficiency.Value, 1e-9);
        Assert.Equal(17.5, MinerCatalog.BuiltIn.Get("S21").Efficiency.Value, 1e-9);
        Assert.Equal(21.5, MinerCatalog.BuiltIn.Get("S19 XP").Efficiency.Value, 1e-9);
        Assert.Equal(18.5, MinerCatalog.BuiltIn.Get("M60S").Efficiency.Value, 0.01);
    }

    [Theory]
    [InlineData("s21xp")]
    [InlineData("Antminer S21-XP")]
    [InlineData("S21_XP")]
    public void Names_match_loosely(string name) => Assert.Equal("S21 XP", MinerCatalog.BuiltIn.Get(name).Name);

    [Fact]
    public void Unknown_model_lists_the_known_ones()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => MinerCatalog.BuiltIn.Get("S99"));
        Assert.Contains("'S99'", ex.Message);
        Assert.Contains("S21 XP", ex.Message);
    }

    [Fact]
    public void Json_overrides_and_extends_the_built_in_catalogue()
    {
        const string json = """
            {
              "miners": [
                { "name": "S21", "terahashPerSecond": 200, "watts": 3550, "notes": "measured at our site" },
                { "Name": "Custom X", "TerahashPerSecond": 300, "Watts": 4200 }
              ]
            }
            """;
        var c = MinerCatalog.Load(json, "fleet.json");
        Assert.Equal(3550, c.Get("S21").Watts);
        Assert.Equal(14.0, c.Get("custom x").Efficiency.Value, 1e-12);
        Assert.Equal(MinerCatalog.BuiltIn.Models.Count + 1, c.Models.Count);
        Assert.Equal(3500, MinerCatalog.BuiltIn.Get("S21").Watts); // the built-in is unchanged
    }

    [Fact]
    public void Json_array_without_built_ins()
    {
        var c = MinerCatalog.Load("""[{"name":"Only","terahashPerSecond":100,"watts":2000}]""", extendBuiltIn: false);
        Assert.Equal(["Only"], c.Models.Select(m => m.Name));
    }

    [Theory]
    [InlineData("[\n  {\"name\": \"S21\", \"terahashPerSecond\": 200, \"watts\": -5}\n]", "line 2, column 45", "\"watts\" must be positive (got -5)")]
    [InlineData("[\n  {\"name\": \"S21\", \"watts\": 3500}\n]", "line 2, column 3", "has no \"terahashPerSecond\"")]
    [InlineData("[\n  {\"name\": \"S21\", \"terahashPerSecond\": 200, \"watts\": 3.5}\n]", "line 2, column 3", "check the units")]
    [InlineData("[\n  {\"name\": \"S21\", \"terahashPerSecond\": 200, \"wats\": 3500}\n]", "line 2, column 45", "unknown property 'wats'")]
    [InlineData("[\n  {\"name\": \"S21\", \"terahashPerSecond\": \"200\", \"watts\": 3500}\n]", "line 2, column 19", "must be a number")]
    [InlineData("{\"miners\": [\n {\"name\": \"S21\" \"watts\": 1}]}", "line 2", "invalid JSON")]
    [InlineData("[{\"name\":\"A\",\"terahashPerSecond\":100,\"watts\":2000},{\"name\":\"a\",\"terahashPerSecond\":100,\"watts\":2000}]", "fleet.json", "listed twice")]
    [InlineData("{\"machines\": []}", "line 1, column 2", "unknown property 'machines'")]
    public void Bad_json_names_the_file_line_and_value(string json, string where, string what)
    {
        var ex = Assert.Throws<FormatException>(() => MinerCatalog.Load(json, "fleet.json"));
        Assert.StartsWith("fleet.json", ex.Message);
        Assert.Contains(where, ex.Message);
        Assert.Contains(what, ex.Message);
    }

    [Fact]
    public void Fleet_from_catalogue_names()
    {
        var f = FleetSpec.Create(MinerCatalog.BuiltIn, 10, ("S19j Pro", 1000), ("S21 XP", 500), ("M60S", 200));
        Assert.Equal(["S21 XP", "M60S", "S19j Pro"], f.MeritOrder.Select(t => t.Model.Name));
        Assert.Equal(3.05 + 1.8225 + 0.6882, f.NameplateMw, 1e-9);
        // 1000 × 3050 W + 500 × 3645 W + 200 × 3441 W = 5.5607 MW, below the 10 MW cap
        Assert.Equal((1000 * 3050 + 500 * 3645 + 200 * 3441) / 1e6, f.AvailableMw, 1e-9);
    }
}
