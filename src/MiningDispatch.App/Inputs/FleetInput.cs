using System.Globalization;
using System.Text.Json;
using MiningDispatch.Core.Fleet;

namespace MiningDispatch.App.Inputs;

/// <summary>
/// Reads <c>--fleet</c>: a JSON file <c>{"siteCapMw": 10, "miners": [{"model": "S21", "count": 500},
/// {"name": "Custom", "ths": 200, "watts": 3500, "count": 10}]}</c> (or just the array), or the shorthand
/// <c>"S21:500,S19 XP:1000"</c>. Models come from the built-in catalogue, overridden by <c>--miners FILE</c>.
/// </summary>
internal static class FleetInput
{
    public static FleetSpec Load(string spec, string? minersPath, double? siteCapOverride)
    {
        var catalog = MinerCatalog.BuiltIn;
        if (minersPath is not null)
        {
            if (!File.Exists(minersPath)) throw new SettingsException($"Miner catalogue file not found: {minersPath}");
            try { catalog = MinerCatalog.Load(File.ReadAllText(minersPath), minersPath); }
            catch (FormatException ex) { throw new SettingsException(ex.Message); }
        }
        FleetSpec fleet;
        if (File.Exists(spec) || spec.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) fleet = FromFile(spec, catalog);
        else fleet = FromShorthand(spec, catalog);
        if (siteCapOverride is { } cap) fleet = fleet with { SiteCapMw = cap };
        try { fleet.Validate(); }
        catch (ArgumentException ex) { throw new SettingsException($"--fleet {spec}: {ex.Message}"); }
        return fleet;
    }

    private static FleetSpec FromShorthand(string spec, MinerCatalog catalog)
    {
        var tranches = new List<FleetTranche>();
        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = part.LastIndexOf(':');
            if (colon <= 0)
                throw new SettingsException($"--fleet '{spec}': '{part}' is not model:count (e.g. \"S21:500,S19 XP:1000\"), and no such file exists.");
            string model = part[..colon].Trim(), count = part[(colon + 1)..].Trim();
            if (!int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 1)
                throw new SettingsException($"--fleet '{spec}': machine count '{count}' for {model} must be a positive whole number.");
            tranches.Add(new FleetTranche(Model(catalog, model, "--fleet"), n));
        }
        if (tranches.Count == 0) throw new SettingsException("--fleet is empty; give a JSON file or \"model:count,...\".");
        return new FleetSpec(tranches);
    }

    private static FleetSpec FromFile(string path, MinerCatalog catalog)
    {
        using var doc = JsonInput.Parse(path, "Fleet");
        var root = doc.RootElement;
        double? cap = null;
        JsonElement list;
        if (root.ValueKind == JsonValueKind.Object)
        {
            JsonInput.OnlyKnown(root, path, "siteCapMw", "miners", "name", "notes");
            if (JsonInput.Prop(root, "siteCapMw") is { } c) cap = JsonInput.Number(c, path, "siteCapMw");
            list = JsonInput.Prop(root, "miners") ?? throw new SettingsException($"{path}: no \"miners\" array.");
        }
        else list = root;
        if (list.ValueKind != JsonValueKind.Array) throw new SettingsException($"{path}: \"miners\" must be an array of {{\"model\", \"count\"}}.");
        var tranches = new List<FleetTranche>();
        int k = 0;
        foreach (var e in list.EnumerateArray())
        {
            k++;
            string where = $"{path}, miner {k}";
            if (e.ValueKind != JsonValueKind.Object) throw new SettingsException($"{where}: expected an object {{\"model\", \"count\"}}.");
            JsonInput.OnlyKnown(e, where, "model", "name", "ths", "terahashPerSecond", "watts", "count", "notes");
            double count = JsonInput.Number(JsonInput.Prop(e, "count"), where, "count");
            if (count < 1 || count != Math.Floor(count) || count > int.MaxValue)
                throw new SettingsException($"{where}: \"count\" must be a positive whole number (got {count.ToString(CultureInfo.InvariantCulture)}).");
            MinerModel model;
            var th = JsonInput.Prop(e, "ths", "terahashPerSecond");
            var watts = JsonInput.Prop(e, "watts");
            if (th is not null || watts is not null)
            {
                string name = JsonInput.Text(JsonInput.Prop(e, "name", "model"), where, "name");
                model = new MinerModel(name, JsonInput.Number(th, where, "ths"), JsonInput.Number(watts, where, "watts"));
                try { model.Validate(); }
                catch (ArgumentException ex) { throw new SettingsException($"{where}: {ex.Message}"); }
            }
            else model = Model(catalog, JsonInput.Text(JsonInput.Prop(e, "model", "name"), where, "model"), where);
            tranches.Add(new FleetTranche(model, (int)count));
        }
        if (tranches.Count == 0) throw new SettingsException($"{path}: the fleet lists no miners.");
        return new FleetSpec(tranches, cap);
    }

    private static MinerModel Model(MinerCatalog catalog, string name, string where)
    {
        try { return catalog.Get(name); }
        catch (KeyNotFoundException ex) { throw new SettingsException($"{where}: {ex.Message} Add it with --miners FILE or give \"ths\" and \"watts\"."); }
    }
}
