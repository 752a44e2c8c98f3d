using System.Text.Json;
using MiningDispatch.Core.Contracts;
using MiningDispatch.Core.Units;

namespace MiningDispatch.App.Inputs;

/// <summary>
/// Reads <c>--ppa FILE</c>: <c>{"name": "PPA", "holidays": "nerc", "tranches": [{"block": "5x16", "mw": 5, "price": 45,
/// "start": "2024-01-01", "end": "2024-12-31", "name": "optional label"}]}</c> (or just the tranche array). Blocks: 7x24,
/// 5x16, 2x16, 7x8; dates are market days (CPT), both inclusive; "holidays": "nerc" (default, NERC holidays are 2x16
/// days) or "none".
/// </summary>
internal static class PpaInput
{
    public static PpaContract Load(string path)
    {
        using var doc = JsonInput.Parse(path, "PPA");
        var root = doc.RootElement;
        string name = Path.GetFileNameWithoutExtension(path);
        var holidays = HolidayCalendar.Nerc;
        JsonElement list;
        if (root.ValueKind == JsonValueKind.Object)
        {
            JsonInput.OnlyKnown(root, path, "name", "holidays", "tranches", "notes");
            if (JsonInput.Prop(root, "name") is { } n) name = JsonInput.Text(n, path, "name");
            if (JsonInput.Prop(root, "holidays") is { } h)
                holidays = JsonInput.Text(h, path, "holidays").Trim().ToLowerInvariant() switch
                {
                    "nerc" => HolidayCalendar.Nerc,
                    "none" => HolidayCalendar.None,
                    var other => throw new SettingsException($"{path}: \"holidays\" must be \"nerc\" or \"none\" (got '{other}')."),
                };
            list = JsonInput.Prop(root, "tranches") ?? throw new SettingsException($"{path}: no \"tranches\" array.");
        }
        else list = root;
        if (list.ValueKind != JsonValueKind.Array) throw new SettingsException($"{path}: \"tranches\" must be an array.");
        var tranches = new List<PpaTranche>();
        int k = 0;
        foreach (var e in list.EnumerateArray())
        {
            k++;
            string where = $"{path}, tranche {k}";
            if (e.ValueKind != JsonValueKind.Object) throw new SettingsException($"{where}: expected an object {{\"block\", \"mw\", \"price\", \"start\", \"end\"}}.");
            JsonInput.OnlyKnown(e, where, "block", "mw", "price", "start", "end", "name");
            PowerBlock block;
            string b = JsonInput.Text(JsonInput.Prop(e, "block"), where, "block");
            try { block = PowerBlocks.Parse(b); }
            catch (FormatException ex) { throw new SettingsException($"{where}: {ex.Message}"); }
            double mw = JsonInput.Number(JsonInput.Prop(e, "mw"), where, "mw");
            double price = JsonInput.Number(JsonInput.Prop(e, "price"), where, "price");
            var start = JsonInput.Day(JsonInput.Prop(e, "start"), where, "start");
            var end = JsonInput.Day(JsonInput.Prop(e, "end"), where, "end");
            string label = JsonInput.Prop(e, "name") is { } l ? JsonInput.Text(l, where, "name") : "";
            tranches.Add(new PpaTranche(block, new Megawatts(mw), new UsdPerMWh(price), start, end, label));
        }
        try { return new PpaContract(tranches, name, holidays); }
        catch (ArgumentException ex) { throw new SettingsException($"{path}: {ex.Message}"); }
    }
}
