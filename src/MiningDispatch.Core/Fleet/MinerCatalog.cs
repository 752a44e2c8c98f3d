using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiningDispatch.Core.Fleet;

/// <summary>
/// ASIC models by name. <see cref="BuiltIn"/> holds nameplate values from docs/hashprice-api.md §8; <see cref="Load"/>
/// reads a JSON catalogue that overrides or extends it. Names match ignoring case, spaces, '-', '_' and an
/// "Antminer"/"Whatsminer" prefix, so "s21xp", "S21 XP" and "Antminer S21-XP" are the same model.
/// </summary>
public sealed class MinerCatalog
{
    private readonly Dictionary<string, MinerModel> _byKey;
    private readonly List<MinerModel> _models;

    private MinerCatalog(IEnumerable<MinerModel> models)
    {
        _byKey = new Dictionary<string, MinerModel>(StringComparer.Ordinal);
        _models = [];
        foreach (var m in models) Set(m);
    }

    /// <summary>Nameplate specs (±3–5 %, wall power).</summary>
    public static MinerCatalog BuiltIn { get; } = new(
    [
        new("S19", 95, 3250),
        new("S19 Pro", 110, 3250),
        new("S19j Pro", 100, 3050),
        new("S19k Pro", 136, 3310),
        new("S19 XP", 140, 3010),
        new("S21", 200, 3500),
        new("S21 Pro", 234, 3510),
        new("S21 XP", 270, 3645),
        new("S21+ Hydro", 319, 4785),
        new("M30S++", 112, 3472),
        new("M50S", 126, 3276),
        new("M60S", 186, 3441),
    ]);

    /// <summary>Models in the order they were added (built-in first, then new ones from JSON).</summary>
    public IReadOnlyList<MinerModel> Models => _models;

    public bool TryGet(string name, out MinerModel model)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byKey.TryGetValue(Key(name), out model!);
    }

    /// <summary>The model named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> listing the known names.</summary>
    public MinerModel Get(string name)
        => TryGet(name, out var m) ? m
           : throw new KeyNotFoundException($"Unknown miner model '{name}'. Known models: {string.Join(", ", _models.Select(x => x.Name))}.");

    /// <summary>A new catalogue with <paramref name="models"/> replacing same-named entries and adding the rest.</summary>
    public MinerCatalog With(IEnumerable<MinerModel> models)
    {
        var c = new MinerCatalog(_models);
        foreach (var m in models) c.Set(m);
        return c;
    }

    /// <summary>
    /// Reads a JSON catalogue: either an array of miners or an object with a "miners" array. Each miner is
    /// <c>{"name": "S21 XP", "terahashPerSecond": 270, "watts": 3645}</c> (property names case-insensitive; optional
    /// "notes"/"source" strings are ignored). Entries override built-in models of the same name and add new ones.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">File name or description used in error messages.</param>
    /// <param name="extendBuiltIn">False to start from an empty catalogue.</param>
    /// <exception cref="FormatException">Invalid JSON or an invalid entry; the message names the source, line and column.</exception>
    public static MinerCatalog Load(string json, string source = "miner catalog", bool extendBuiltIn = true)
    {
        ArgumentNullException.ThrowIfNull(json);
        var models = new CatalogReader(json, source).Read();
        return (extendBuiltIn ? BuiltIn : new MinerCatalog([])).With(models);
    }

    private void Set(MinerModel m)
    {
        m.Validate();
        string key = Key(m.Name);
        if (_byKey.TryGetValue(key, out var old)) _models[_models.IndexOf(old)] = m;
        else _models.Add(m);
        _byKey[key] = m;
    }

    internal static string Key(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char ch in name)
            if (!char.IsWhiteSpace(ch) && ch != '-' && ch != '_') sb.Append(char.ToLowerInvariant(ch));
        string k = sb.ToString();
        foreach (var prefix in (string[])["antminer", "whatsminer", "bitmain", "microbt"])
            if (k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length) return k[prefix.Length..];
        return k;
    }

    /// <summary>Hand-rolled reader so that every error can name the line and column of the offending entry.</summary>
    private sealed class CatalogReader(string json, string source)
    {
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(json);

        public List<MinerModel> Read()
        {
            var reader = new Utf8JsonReader(_bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            try
            {
                var list = new List<MinerModel>();
                if (!reader.Read()) throw Error(0, "the file is empty; expected a JSON array of miners or {\"miners\": [...]}.");
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    bool found = false;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        long at = reader.TokenStartIndex;
                        string prop = reader.GetString()!;
                        reader.Read();
                        if (prop.Equals("miners", StringComparison.OrdinalIgnoreCase)) { ReadArray(ref reader, list); found = true; }
                        else if (IsIgnored(prop)) reader.Skip();
                        else throw Error(at, $"unknown property '{prop}'; expected \"miners\".");
                    }
                    if (!found) throw Error(0, "no \"miners\" array found.");
                }
                else if (reader.TokenType == JsonTokenType.StartArray) ReadArray(ref reader, list);
                else throw Error(reader.TokenStartIndex, "expected a JSON array of miners or {\"miners\": [...]}.");

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var m in list)
                    if (!seen.Add(Key(m.Name))) throw new FormatException($"{source}: miner '{m.Name}' is listed twice.");
                return list;
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{source}, line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: invalid JSON ({ex.Message})", ex);
            }
        }

        private void ReadArray(ref Utf8JsonReader reader, List<MinerModel> list)
        {
            if (reader.TokenType != JsonTokenType.StartArray) throw Error(reader.TokenStartIndex, "\"miners\" must be an array.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject) throw Error(reader.TokenStartIndex, "each miner must be an object {\"name\", \"terahashPerSecond\", \"watts\"}.");
                list.Add(ReadMiner(ref reader));
            }
        }

        private MinerModel ReadMiner(ref Utf8JsonReader reader)
        {
            long start = reader.TokenStartIndex;
            string? name = null;
            double? th = null, watts = null;
            long thAt = start, wAt = start;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                long at = reader.TokenStartIndex;
                string prop = reader.GetString()!;
                reader.Read();
                switch (prop.ToLowerInvariant())
                {
                    case "name":
                        if (reader.TokenType != JsonTokenType.String) throw Error(at, "\"name\" must be a string.");
                        name = reader.GetString();
                        break;
                    case "terahashpersecond":
                        th = Number(ref reader, at, prop, name);
                        thAt = at;
                        break;
                    case "watts":
                        watts = Number(ref reader, at, prop, name);
                        wAt = at;
                        break;
                    default:
                        if (IsIgnored(prop)) { reader.Skip(); break; }
                        throw Error(at, $"miner {Label(name)}: unknown property '{prop}'; expected \"name\", \"terahashPerSecond\", \"watts\".");
                }
            }
            if (string.IsNullOrWhiteSpace(name)) throw Error(start, "a miner has no \"name\".");
            if (th is null) throw Error(start, $"miner {Label(name)} has no \"terahashPerSecond\".");
            if (watts is null) throw Error(start, $"miner {Label(name)} has no \"watts\".");
            if (!(th > 0)) throw Error(thAt, $"miner {Label(name)}: \"terahashPerSecond\" must be positive (got {F(th.Value)}).");
            if (!(watts > 0)) throw Error(wAt, $"miner {Label(name)}: \"watts\" must be positive (got {F(watts.Value)}).");
            var model = new MinerModel(name, th.Value, watts.Value);
            try { model.Validate(); }
            catch (ArgumentException ex) { throw Error(start, ex.Message); }
            return model;
        }

        private double Number(ref Utf8JsonReader reader, long at, string prop, string? name)
        {
            if (reader.TokenType != JsonTokenType.Number) throw Error(at, $"miner {Label(name)}: \"{prop}\" must be a number.");
            return reader.GetDouble();
        }

        private static bool IsIgnored(string prop) => prop.Equals("notes", StringComparison.OrdinalIgnoreCase) || prop.Equals("source", StringComparison.OrdinalIgnoreCase);

        private static string Label(string? name) => name is null ? "(unnamed)" : $"'{name}'";

        private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

        private FormatException Error(long byteOffset, string message)
        {
            int line = 1, col = 1;
            for (long i = 0; i < byteOffset && i < _bytes.Length; i++)
            {
                if (_bytes[i] == (byte)'\n') { line++; col = 1; }
                else if ((_bytes[i] & 0xC0) != 0x80) col++;
            }
            return new FormatException($"{source}, line {line}, column {col}: {message}");
        }
    }
}
