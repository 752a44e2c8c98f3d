using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiningDispatch.App;
using MiningDispatch.App.Requests;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Cli.Settings;

/// <summary>
/// Every setting of a backtest. All fields are optional so that a JSON config file, command-line flags and the
/// interactive prompt can each supply some; <see cref="Merge"/> lets the later source win and
/// <see cref="WithDefaults"/> fills the rest. The settings of strategies, fleets, contracts, forecasts, risk and sweeps
/// live in the other parts of this partial record (one file per feature).
/// </summary>
public sealed partial record BacktestSettings
{
    public IReadOnlyList<string>? Prices { get; init; }
    public string? SettlementPoint { get; init; }
    public string? Market { get; init; }
    public string? Hashprice { get; init; }
    public string? HashpriceSource { get; init; }
    /// <summary>Folder of blockchain.com chart files for <c>--hashprice-source chain</c> (default: the shipped data/chain).</summary>
    public string? ChainDir { get; init; }
    public string? HashpriceUnit { get; init; }
    public string? HashpriceAlignment { get; init; }
    public double? Mw { get; init; }
    public double? Efficiency { get; init; }
    public DateOnly? Start { get; init; }
    public DateOnly? End { get; init; }
    public double? PoolFee { get; init; }
    public double? Adder { get; init; }
    public double? MinProfit { get; init; }
    public string? Out { get; init; }
    public string? Json { get; init; }
    public string? Strategy { get; init; }
    /// <summary>Hashrate Index API key; only ever read from the config file or the environment, never printed.</summary>
    public string? HashrateIndexApiKey { get; init; }
    public string? HashrateIndexBaseUrl { get; init; }
    public string? CacheDir { get; init; }

    public const string DefaultSettlementPoint = MarketRequest.DefaultSettlementPoint;
    public const double DefaultMw = App.Requests.SiteRequest.DefaultMw;
    public const double DefaultEfficiency = App.Requests.SiteRequest.DefaultEfficiency;
    public const double DefaultPoolFee = App.Requests.SiteRequest.DefaultPoolFee;
    public const string DefaultOut = "out";

    /// <summary>Largest --min-profit either way, $/h: a 10,000 MW site at $1,000/MWh.</summary>
    public const double MaxMinProfit = 10_000_000;

    private static readonly PropertyInfo[] Settable = typeof(BacktestSettings)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();

    /// <summary>Values of <paramref name="over"/> win where set (an empty list counts as not set).</summary>
    public BacktestSettings Merge(BacktestSettings over)
    {
        ArgumentNullException.ThrowIfNull(over);
        var merged = this with { };
        foreach (var p in Settable)
        {
            object? v = p.GetValue(over);
            if (v is null || v is ICollection { Count: 0 }) continue;
            p.SetValue(merged, v);
        }
        return merged with { StrategyValues = MergeStrategyValues(StrategyValues, over.StrategyValues) };
    }

    /// <summary>True for <c>--hashprice-source chain</c>.</summary>
    internal bool IsChainSource => string.Equals(HashpriceSource, "chain", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when neither prices nor hashprice were given, so the shipped sample data is used.</summary>
    public bool UsesSampleData => Prices is not { Count: > 0 } && Hashprice is null && HashpriceSource is null;

    /// <summary>Paths of the shipped sample data, resolved relative to <paramref name="sampleDir"/>.</summary>
    public BacktestSettings WithDefaults(string sampleDir) => this with
    {
        Prices = Prices is { Count: > 0 } ? Prices : [Path.Combine(sampleDir, SampleData.PricesFile)],
        Hashprice = Hashprice ?? (HashpriceSource is null ? Path.Combine(sampleDir, SampleData.HashpriceFile) : null),
        SettlementPoint = SettlementPoint ?? DefaultSettlementPoint,
        Mw = Mw ?? DefaultMw,
        Efficiency = Efficiency ?? DefaultEfficiency,
        PoolFee = PoolFee ?? DefaultPoolFee,
        Adder = Adder ?? 0,
        MinProfit = MinProfit ?? 0,
        Out = Out ?? DefaultOut,
        Strategy = Strategy ?? StrategyFactory.DefaultName,
        HashpriceAlignment = HashpriceAlignment ?? "published",
        FillGaps = FillGaps ?? "none",
        MaxFillHours = MaxFillHours ?? Data.Quality.GapFillOptions.DefaultMaxGapHours,
    };

    /// <summary>Checks ranges and combinations; returns readable problems (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Mw is { } mw && SiteLimits.Mw(mw) is { } mwProblem) p.Add($"--mw {mwProblem}.");
        if (Efficiency is { } e && SiteLimits.Efficiency(e) is { } effProblem) p.Add($"--efficiency {effProblem}.");
        if (PoolFee is { } f && !SiteLimits.IsPoolFee(f)) p.Add($"--pool-fee is a fraction in [0, 1), e.g. 0.02 for 2 % (got {F(f)}).");
        if (PoolFee is { } f2 && f2 >= 0.2 && f2 < 1) p.Add($"--pool-fee {F(f2)} looks like a percentage; give it as a fraction (0.02 = 2 %).");
        if (Adder is { } a && (!double.IsFinite(a) || Math.Abs(a) > 10_000)) p.Add($"--adder must be a $/MWh amount between -10,000 and 10,000 (got {F(a)}).");
        if (MinProfit is { } mp && !(Math.Abs(mp) <= MaxMinProfit)) p.Add(string.Create(CultureInfo.InvariantCulture, $"--min-profit must be a $/h amount between -{MaxMinProfit:#,0} and {MaxMinProfit:#,0} (got {F(mp)})."));
        if (Start is { } sd && MarketRequest.DayProblem("--start", sd) is { } sdp) p.Add(sdp);
        if (End is { } ed && MarketRequest.DayProblem("--end", ed) is { } edp) p.Add(edp);
        if (Start is { } s && End is { } en && en < s) p.Add($"--end {en:yyyy-MM-dd} is before --start {s:yyyy-MM-dd}.");
        if (Market is { } m && ParseMarket(m) is null) p.Add($"--market must be rt or dam (got '{m}').");
        if (HashpriceSource is { } hs && !hs.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase) && !hs.Equals("file", StringComparison.OrdinalIgnoreCase)
            && !IsChainSource)
            p.Add($"--hashprice-source must be 'file', 'chain' or 'hashrateindex' (got '{hs}').");
        if (Hashprice is not null && HashpriceSource is { } hs2 && (hs2.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase) || IsChainSource))
            p.Add($"Give either --hashprice FILE or --hashprice-source {hs2.ToLowerInvariant()}, not both.");
        if (ChainDir is not null && !IsChainSource)
            p.Add("--chain-dir is read only with --hashprice-source chain.");
        if (HashpriceUnit is { } u && ParseHashpriceUnit(u) is null) p.Add($"--hashprice-unit must be th or ph (got '{u}').");
        if (HashpriceAlignment is { } al && !(al.Equals("published", StringComparison.OrdinalIgnoreCase) || al.Equals("period-start", StringComparison.OrdinalIgnoreCase)))
            p.Add($"--hashprice-alignment must be published or period-start (got '{al}').");
        GapFillProblems(p);
        ResolutionProblems(p);
        PriceRuleProblems(p);
        StrategyProblems(p);
        FleetProblems(p);
        ContractProblems(p);
        ForecastProblems(p);
        RiskProblems(p);
        SweepProblems(p);
        return p;
    }

    /// <summary>"rt" / "dam" (also "realtime", "day-ahead") to true = real time, false = day ahead; null if unknown.</summary>
    public static bool? ParseMarket(string s) => s.Trim().ToLowerInvariant() switch
    {
        "rt" or "rtm" or "realtime" or "real-time" => true,
        "dam" or "da" or "dayahead" or "day-ahead" => false,
        _ => null,
    };

    /// <summary>"th" / "ph" to true = per TH, false = per PH; null if unknown.</summary>
    public static bool? ParseHashpriceUnit(string s) => s.Trim().ToLowerInvariant() switch
    {
        "th" or "ths" or "usd/th/day" => true,
        "ph" or "phs" or "usd/ph/day" => false,
        _ => null,
    };

    private static string F(double v) => v.ToString(CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new DateOnlyJsonConverter(), new StringOrListConverter() },
    };

    /// <summary>
    /// Reads a JSON config file for <paramref name="command"/>. Keys are the long flag names in camelCase (e.g.
    /// "settlementPoint", "minProfit"); a key of another command, or of none, is an error naming it and the nearest valid one.
    /// </summary>
    public static BacktestSettings LoadConfig(string path, string command = "backtest")
    {
        if (!File.Exists(path)) throw new SettingsException($"Config file not found: {path}");
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            using (var doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }))
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new SettingsException($"Config file {path} must hold one JSON object {{\"key\": value, ...}} (got {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}).");
                ConfigKeys.Check(doc.RootElement, path, command);
            }
            var cfg = JsonSerializer.Deserialize<BacktestSettings>(bytes, JsonOptions)
                ?? throw new SettingsException($"Config file {path} is empty (expected a JSON object).");
            // Relative paths in a config file are relative to the file's folder.
            string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return cfg with
            {
                Prices = cfg.Prices?.Select(p => Rebase(baseDir, p)).ToList(),
                Hashprice = cfg.Hashprice is null ? null : Rebase(baseDir, cfg.Hashprice),
                ChainDir = cfg.ChainDir is null ? null : Rebase(baseDir, cfg.ChainDir),
                DaPrices = cfg.DaPrices?.Select(p => Rebase(baseDir, p)).ToList(),
                BasisPrices = cfg.BasisPrices?.Select(p => Rebase(baseDir, p)).ToList(),
                History = cfg.History?.Select(p => Rebase(baseDir, p)).ToList(),
                Fleet = RebaseIfFile(baseDir, cfg.Fleet),
                Miners = RebaseIfFile(baseDir, cfg.Miners),
                Ppa = RebaseIfFile(baseDir, cfg.Ppa),
                BtcPrice = RebaseIfFile(baseDir, cfg.BtcPrice),
                SystemLoad = RebaseIfFile(baseDir, cfg.SystemLoad),
                FourCpIntervals = RebaseIfFile(baseDir, cfg.FourCpIntervals),
                Curve = RebaseIfFile(baseDir, cfg.Curve),
                HashpricePath = RebaseIfFile(baseDir, cfg.HashpricePath),
                StrategyValues = StrategyValuesFromConfig(path, cfg.OtherKeys),
                OtherKeys = null,
            };
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } l ? $" at line {l + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new SettingsException($"Config file {path} is not valid{where}: {Explain(ex)}");
        }
    }

    /// <summary>What went wrong in words a user knows: the key and the kind of value it takes, never a .NET type name.</summary>
    private static string Explain(JsonException ex)
    {
        string? key = ex.Path is { Length: > 2 } jp && jp.StartsWith("$.", StringComparison.Ordinal) ? jp[2..].Split('.', '[')[0] : null;
        var prop = key is null ? null : Settable.FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (prop is null) return ex.InnerException is null && !ex.Message.Contains("System.", StringComparison.Ordinal) ? ex.Message : "the file is not valid JSON.";
        var t = Nullable.GetUnderlyingType(prop.PropertyType) ?? prop.PropertyType;
        string kind = t == typeof(double) ? "a number"
            : t == typeof(int) ? "a whole number"
            : t == typeof(bool) ? "true or false"
            : t == typeof(DateOnly) ? "a date in yyyy-MM-dd form"
            : t == typeof(string) ? "a string"
            : t == typeof(IReadOnlyList<double>) ? "a list of numbers"
            : "a file path or a list of file paths";
        string detail = ex.Message.Contains("System.", StringComparison.Ordinal) ? "" : " (" + ex.Message.TrimEnd('.') + ")";
        return $"\"{key}\" must be {kind}{detail}.";
    }

    /// <summary>A path relative to the config file's folder made absolute; <c>ercot-api</c> stays the alias unless that folder holds a file or folder of that name.</summary>
    private static string Rebase(string baseDir, string p) =>
        Path.IsPathRooted(p) || (string.Equals(p, App.Requests.FetchRequest.FolderAlias, StringComparison.OrdinalIgnoreCase) && !Path.Exists(Path.Combine(baseDir, p)))
            ? p : Path.GetFullPath(Path.Combine(baseDir, p));

    /// <summary>Values that are either a file or an inline spec ("S21:500", "flat:45", "60000"): rebased only when the file exists there.</summary>
    private static string? RebaseIfFile(string baseDir, string? p)
    {
        if (p is null || Path.IsPathRooted(p)) return p;
        string full = Path.GetFullPath(Path.Combine(baseDir, p));
        return File.Exists(full) ? full : p;
    }

    private sealed class DateOnlyJsonConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string? s = reader.GetString();
            if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            throw new JsonException($"'{s}' is not a date in yyyy-MM-dd form.");
        }

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class StringOrListConverter : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String) return [reader.GetString()!];
            if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected a file path or a list of file paths.");
            var list = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.String) throw new JsonException("Expected a list of file paths (strings).");
                list.Add(reader.GetString()!);
            }
            return list;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var v in value) writer.WriteStringValue(v);
            writer.WriteEndArray();
        }
    }
}
