using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiningDispatch.Core.Strategies.Factory;
using MiningDispatch.Core.Strategies.Optimal;

namespace MiningDispatch.Cli.Settings;

/// <summary>
/// Strategy settings: <c>--strategy</c>, the switching constraints of the comparison, and the options of each
/// strategy. The strategies' own options (offPrice, lag, ...) are not written out here: their config keys, flags,
/// ranges and cross-checks come from the strategy descriptors (<see cref="StrategyRegistry"/>).
/// </summary>
public sealed partial record BacktestSettings
{
    /// <summary>Largest --restart-cost, $ per MW per start.</summary>
    public const double MaxRestartCost = 1_000_000;

    /// <summary>Optimum (and every schedule's switching check): minimum up time in intervals.</summary>
    public int? MinUp { get; init; }
    /// <summary>Minimum down time in intervals.</summary>
    public int? MinDown { get; init; }
    /// <summary>Restart cost, $ per MW per start.</summary>
    public double? RestartCost { get; init; }
    /// <summary>Day-ahead price files (default: the <see cref="Prices"/> files, day-ahead market).</summary>
    public IReadOnlyList<string>? DaPrices { get; init; }

    /// <summary>
    /// Values of the strategies' own options by config key (e.g. "offPrice" → 40, "lag" → 2), from flags or config
    /// keys; ints and bools as doubles. Null or empty when none was given.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, double>? StrategyValues { get; init; }

    /// <summary>
    /// Config keys that are no setting of this record; <see cref="LoadConfig"/> reads the strategies' options from
    /// them into <see cref="StrategyValues"/> and rejects the rest. Always null after loading.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? OtherKeys { get; set; }

    /// <summary>The strategy values with the switching constraints, for <see cref="StrategyDescriptor.Create"/>.</summary>
    public StrategyParameters StrategyParameters() => new(StrategyValues)
    {
        Switching = new OptimalOptions(MinUp ?? 1, MinDown ?? 1, RestartCost ?? 0),
    };

    private void StrategyProblems(List<string> p)
    {
        var chosen = StrategyRegistry.Find(Strategy ?? StrategyFactory.DefaultName);
        if (chosen is null)
            p.Add($"--strategy '{Strategy}' is not known. Choose one of: {string.Join(", ", StrategyFactory.Names)}.");
        else
            p.AddRange(StrategyRegistry.Problems(chosen, StrategyParameters()));
        if (MinUp is < 1 or > StrategyLimits.MaxWindowIntervals) p.Add(string.Create(CultureInfo.InvariantCulture, $"--min-up must be between 1 and {StrategyLimits.MaxWindowIntervals:#,0} intervals (got {MinUp})."));
        if (MinDown is < 1 or > StrategyLimits.MaxWindowIntervals) p.Add(string.Create(CultureInfo.InvariantCulture, $"--min-down must be between 1 and {StrategyLimits.MaxWindowIntervals:#,0} intervals (got {MinDown})."));
        if (RestartCost is { } rc && !(rc >= 0 && rc <= MaxRestartCost)) p.Add(string.Create(CultureInfo.InvariantCulture, $"--restart-cost must be a $/MW per start between 0 and {MaxRestartCost:#,0} (got {F(rc)})."));
    }

    /// <summary>Flag values win key by key over <paramref name="under"/>'s.</summary>
    private static IReadOnlyDictionary<string, double>? MergeStrategyValues(IReadOnlyDictionary<string, double>? under, IReadOnlyDictionary<string, double>? over)
    {
        if (under is not { Count: > 0 }) return over;
        if (over is not { Count: > 0 }) return under;
        var merged = new Dictionary<string, double>(under, StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in over) merged[k] = v;
        return merged;
    }

    /// <summary>
    /// Reads the strategies' options out of the config keys no other setting took; any other key is an error naming it.
    /// </summary>
    private static Dictionary<string, double>? StrategyValuesFromConfig(string path, Dictionary<string, JsonElement>? keys)
    {
        if (keys is not { Count: > 0 }) return null;
        var values = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, json) in keys)
        {
            if (StrategyRegistry.FindOption(key) is not { } found)
                throw new SettingsException($"Config file {path}: unknown key '{key}' (no setting and no strategy option is called that).");
            var o = found.Option;
            if (json.ValueKind == JsonValueKind.Null) continue;
            double? v = o.Kind switch
            {
                StrategyOptionKind.Switch => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? (json.GetBoolean() ? 1 : 0) : null,
                StrategyOptionKind.WholeNumber => json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out int i) ? i : null,
                _ => json.ValueKind == JsonValueKind.Number ? json.GetDouble() : null,
            };
            string expected = o.Kind switch
            {
                StrategyOptionKind.Switch => "true or false",
                StrategyOptionKind.WholeNumber => "a whole number",
                _ => "a number",
            };
            values[o.Key] = v ?? throw new SettingsException($"Config file {path}: '{key}' must be {expected} (got {json.GetRawText()}).");
        }
        return values;
    }
}
