using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

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

    public const string DefaultSettlementPoint = "HB_WEST";
    public const double DefaultMw = 10;
    public const double DefaultEfficiency = 21.5;
    public const double DefaultPoolFee = 0.02;
    public const string DefaultOut = "out";

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
        return merged;
    }

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
        Strategy = Strategy ?? "threshold",
        HashpriceAlignment = HashpriceAlignment ?? "published",
        FillGaps = FillGaps ?? "none",
        MaxFillHours = MaxFillHours ?? Data.Quality.GapFillOptions.DefaultMaxGapHours,
    };

    /// <summary>Checks ranges and combinations; returns readable problems (empty when fine).</summary>
    public IReadOnlyList<string> Problems()
    {
        var p = new List<string>();
        if (Mw is { } mw && (!(mw > 0) || mw > 10_000)) p.Add($"--mw must be between 0 and 10,000 MW (got {F(mw)}).");
        if (Efficiency is { } e && (!(e >= 5) || e > 200)) p.Add($"--efficiency must be between 5 and 200 W/TH (got {F(e)}).");
        if (PoolFee is { } f && (!(f >= 0) || f >= 1)) p.Add($"--pool-fee is a fraction in [0, 1), e.g. 0.02 for 2 % (got {F(f)}).");
        if (PoolFee is { } f2 && f2 >= 0.2 && f2 < 1) p.Add($"--pool-fee {F(f2)} looks like a percentage; give it as a fraction (0.02 = 2 %).");
        if (Adder is { } a && (!double.IsFinite(a) || Math.Abs(a) > 10_000)) p.Add($"--adder must be a $/MWh amount between -10,000 and 10,000 (got {F(a)}).");
        if (MinProfit is { } mp && !double.IsFinite(mp)) p.Add("--min-profit must be a finite $/h amount.");
        if (Start is { } s && End is { } en && en < s) p.Add($"--end {en:yyyy-MM-dd} is before --start {s:yyyy-MM-dd}.");
        if (Market is { } m && ParseMarket(m) is null) p.Add($"--market must be rt or dam (got '{m}').");
        if (HashpriceSource is { } hs && !hs.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase) && !hs.Equals("file", StringComparison.OrdinalIgnoreCase))
            p.Add($"--hashprice-source must be 'hashrateindex' or 'file' (got '{hs}').");
        if (Hashprice is not null && HashpriceSource is { } hs2 && hs2.Equals("hashrateindex", StringComparison.OrdinalIgnoreCase))
            p.Add("Give either --hashprice FILE or --hashprice-source hashrateindex, not both.");
        if (HashpriceUnit is { } u && ParseHashpriceUnit(u) is null) p.Add($"--hashprice-unit must be th or ph (got '{u}').");
        if (HashpriceAlignment is { } al && !(al.Equals("published", StringComparison.OrdinalIgnoreCase) || al.Equals("period-start", StringComparison.OrdinalIgnoreCase)))
            p.Add($"--hashprice-alignment must be published or period-start (got '{al}').");
        GapFillProblems(p);
        ResolutionProblems(p);
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

    /// <summary>Reads a JSON config file. Keys are the long flag names in camelCase (e.g. "settlementPoint", "minProfit").</summary>
    public static BacktestSettings LoadConfig(string path)
    {
        if (!File.Exists(path)) throw new SettingsException($"Config file not found: {path}");
        try
        {
            using var s = File.OpenRead(path);
            var cfg = JsonSerializer.Deserialize<BacktestSettings>(s, JsonOptions)
                ?? throw new SettingsException($"Config file {path} is empty (expected a JSON object).");
            // Relative paths in a config file are relative to the file's folder.
            string baseDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
            return cfg with
            {
                Prices = cfg.Prices?.Select(p => Rebase(baseDir, p)).ToList(),
                Hashprice = cfg.Hashprice is null ? null : Rebase(baseDir, cfg.Hashprice),
                DaPrices = cfg.DaPrices?.Select(p => Rebase(baseDir, p)).ToList(),
                BasisPrices = cfg.BasisPrices?.Select(p => Rebase(baseDir, p)).ToList(),
                History = cfg.History?.Select(p => Rebase(baseDir, p)).ToList(),
                Fleet = RebaseIfFile(baseDir, cfg.Fleet),
                Miners = RebaseIfFile(baseDir, cfg.Miners),
                Ppa = RebaseIfFile(baseDir, cfg.Ppa),
                BtcPrice = RebaseIfFile(baseDir, cfg.BtcPrice),
                SystemLoad = RebaseIfFile(baseDir, cfg.SystemLoad),
                Curve = RebaseIfFile(baseDir, cfg.Curve),
                HashpricePath = RebaseIfFile(baseDir, cfg.HashpricePath),
            };
        }
        catch (JsonException ex)
        {
            string where = ex.LineNumber is { } l ? $" at line {l + 1}, position {ex.BytePositionInLine + 1}" : "";
            throw new SettingsException($"Config file {path} is not valid{where}: {ex.Message}");
        }
    }

    private static string Rebase(string baseDir, string p) => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(baseDir, p));

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

/// <summary>Bad settings: a message for the user, exit code 2.</summary>
public sealed class SettingsException(string message) : Exception(message);

/// <summary>The real data shipped in data/sample for the default run.</summary>
public static class SampleData
{
    public const string PricesFile = "ercot_hb_west_hourly_rt_lmp_HE_2023-07-06_2026-07-05.csv";
    public const string HashpriceFile = "hashprice_daily_interp_7dma_blockchaincom_2019-01-01_2024-11-15.csv";
    /// <summary>First and last market days both sample files cover.</summary>
    public static readonly DateOnly FirstDay = new(2023, 7, 6);
    public static readonly DateOnly LastDay = new(2024, 11, 15);

    /// <summary>
    /// Finds data/sample: next to the executable (copied at build), else walking up from the current directory.
    /// </summary>
    public static string FindDirectory()
    {
        string near = Path.Combine(AppContext.BaseDirectory, "data", "sample");
        if (File.Exists(Path.Combine(near, PricesFile))) return near;
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
        {
            string c = Path.Combine(d.FullName, "data", "sample");
            if (File.Exists(Path.Combine(c, PricesFile))) return c;
        }
        throw new SettingsException("Sample data not found (data/sample). Pass --prices and --hashprice, or run from the repository.");
    }
}
