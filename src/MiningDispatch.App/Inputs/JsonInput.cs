using System.Globalization;
using System.Text.Json;

namespace MiningDispatch.App.Inputs;

/// <summary>Small helpers for reading the CLI's JSON input files with messages that name the file and the entry.</summary>
internal static class JsonInput
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static JsonDocument Parse(string path, string what)
    {
        if (!File.Exists(path)) throw new SettingsException($"{what} file not found: {path}");
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } l ? $" at line {l + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new SettingsException($"{what} file {path} is not valid JSON{where}: {ex.Message}");
        }
    }

    /// <summary>Property by case-insensitive name, or null.</summary>
    public static JsonElement? Prop(JsonElement o, params string[] names)
    {
        foreach (var p in o.EnumerateObject())
            foreach (var n in names)
                if (p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)) return p.Value;
        return null;
    }

    public static void OnlyKnown(JsonElement o, string where, params string[] known)
    {
        foreach (var p in o.EnumerateObject())
            if (!known.Any(k => k.Equals(p.Name, StringComparison.OrdinalIgnoreCase)))
                throw new SettingsException($"{where}: unknown property \"{p.Name}\"; expected {string.Join(", ", known.Select(k => $"\"{k}\""))}.");
    }

    public static double Number(JsonElement? e, string where, string name)
    {
        if (e is not { } v) throw new SettingsException($"{where}: \"{name}\" is missing.");
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !double.IsFinite(d))
            throw new SettingsException($"{where}: \"{name}\" must be a number (got {v.GetRawText()}).");
        return d;
    }

    public static string Text(JsonElement? e, string where, string name)
    {
        if (e is not { } v) throw new SettingsException($"{where}: \"{name}\" is missing.");
        if (v.ValueKind != JsonValueKind.String) throw new SettingsException($"{where}: \"{name}\" must be a string (got {v.GetRawText()}).");
        return v.GetString()!;
    }

    public static DateOnly Day(JsonElement? e, string where, string name)
    {
        string s = Text(e, where, name);
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        throw new SettingsException($"{where}: \"{name}\" '{s}' is not a date in yyyy-MM-dd form.");
    }
}
