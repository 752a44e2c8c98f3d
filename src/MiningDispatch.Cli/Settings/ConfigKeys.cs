using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Cli.Settings;

/// <summary>
/// Which config-file keys each command reads. Every key is a <see cref="BacktestSettings"/> property in camelCase; the
/// keys of <c>forecast</c>, <c>risk</c> and <c>sweep</c> alone are listed here, every other key is shared. A key that
/// belongs to another command, or to none, is an error naming the key, the file and the nearest valid key.
/// </summary>
internal static class ConfigKeys
{
    /// <summary>Keys only some commands read, with those commands.</summary>
    private static readonly Dictionary<string, string[]> OwnedBy = new(StringComparer.OrdinalIgnoreCase)
    {
        ["curve"] = ["forecast"],
        ["history"] = ["forecast"],
        ["hashpricePath"] = ["forecast"],
        ["months"] = ["forecast"],
        ["paths"] = ["risk", "forecast"],
        ["seed"] = ["risk", "forecast"],
        ["blockDays"] = ["risk", "forecast"],
        ["horizonDays"] = ["risk"],
        ["varLevels"] = ["risk"],
        ["efficiencyRange"] = ["sweep"],
        ["hashpriceMultRange"] = ["sweep"],
        ["adderRange"] = ["sweep"],
        ["minProfitRange"] = ["sweep"],
        ["siteCapRange"] = ["sweep"],
        ["top"] = ["sweep", "screen"],
        ["hub"] = ["screen"],
        ["memoryLimit"] = ["screen"],
        ["parquet"] = ["backtest", "screen"],
        ["asPrices"] = ["backtest", "risk", "validate"],
        ["asProducts"] = ["backtest", "risk", "forecast", "validate"],
        ["resource"] = ["backtest", "risk", "forecast", "validate"],
        ["asMaxShare"] = ["backtest", "risk", "forecast", "validate"],
        ["minLoad"] = ["backtest", "risk", "forecast", "validate"],
        ["asDeployments"] = ["backtest", "risk", "forecast", "validate"],
        ["asPrice"] = ["forecast"],
        ["asShortfallCharge"] = ["backtest", "risk", "forecast", "validate"],
    };

    /// <summary>Every key a config file may hold (for some command), camelCase: the settings and the strategies' own options.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(BacktestSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanWrite && p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .Concat(StrategyRegistry.AllOptions.Select(o => o.Option.Key))
        .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The keys <paramref name="command"/> reads.</summary>
    public static IEnumerable<string> For(string command) =>
        All.Where(k => !OwnedBy.TryGetValue(k, out var owners) || owners.Contains(command, StringComparer.Ordinal));

    /// <summary>Throws <see cref="SettingsException"/> for the first key of <paramref name="root"/> that <paramref name="command"/> does not read.</summary>
    public static void Check(JsonElement root, string path, string command)
    {
        if (root.ValueKind != JsonValueKind.Object) return;
        var valid = For(command).ToList();
        foreach (var p in root.EnumerateObject())
        {
            string? known = All.FirstOrDefault(k => k.Equals(p.Name, StringComparison.OrdinalIgnoreCase));
            if (known is not null && valid.Contains(known, StringComparer.Ordinal)) continue;
            if (known is not null)
                throw new SettingsException($"Config file {path}: key \"{p.Name}\" is read by {string.Join(" and ", OwnedBy[known])}, not by {command}. " +
                    $"Remove it, or run {OwnedBy[known][0]} with this file.");
            string nearest = valid.MinBy(k => Distance(k.ToLowerInvariant(), p.Name.ToLowerInvariant()))!;
            throw new SettingsException($"Config file {path}: unknown key \"{p.Name}\"; did you mean \"{nearest}\"? " +
                $"Keys are the long flag names in camelCase ({command} reads: {string.Join(", ", valid)}).");
        }
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
