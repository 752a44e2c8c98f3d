using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Series;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports;

/// <summary>
/// Saves and loads everything a report needs (per-interval arrays, summary, groupings, run info, benchmarks and every
/// optional section of <see cref="BacktestRun"/>) as one JSON file, so <c>mining-dispatch report --from result.json</c>
/// can re-render without re-running the backtest. Doubles are written in their shortest round-trip form (NaN and
/// ±Infinity as the strings "NaN", "Infinity", "-Infinity"), so a loaded model equals the saved one exactly.
/// Version 1 files (no sections) still load. Version 3 puts every risk figure on one quantile convention (VaR95 = −P5,
/// CVaR = mean of the outcomes at or below it, sub-cent values zero, historical VaR/CVaR null under 20 months); a
/// version 2 file's risk figures are recomputed on load from the samples it saved, so it renders as a new run would.
/// </summary>
public static class ResultJson
{
    /// <summary>Value of the "format" field identifying the file.</summary>
    public const string FormatName = "mining-dispatch-result";

    /// <summary>File format version written by <see cref="Save"/>; <see cref="Load"/> reads this version and the older ones.</summary>
    public const int FormatVersion = 3;

    /// <summary>Oldest format version <see cref="Load"/> reads (version 1 has no report sections).</summary>
    public const int MinFormatVersion = 1;

    /// <summary>
    /// Strict options: a missing constructor parameter or <c>required</c> member, or a null where the type does not
    /// allow one, is an error naming the JSON path. Properties computed from others (get-only, not a constructor
    /// parameter) are not written: the loaded objects recompute them.
    /// </summary>
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new RectangularArrayConverter() },
        TypeInfoResolver = ResultJsonContext.Default.WithAddedModifier(SkipComputedProperties),
    };

    /// <summary>The same options with reflection-based metadata: the reference the source-generated output is tested against.</summary>
    internal static JsonSerializerOptions ReflectionOptions() => new(Options)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { SkipComputedProperties } },
    };

    private static void SkipComputedProperties(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (int i = type.Properties.Count - 1; i >= 0; i--)
            if (type.Properties[i].Set is null && type.Properties[i].AssociatedParameter is null) type.Properties.RemoveAt(i);
    }

    /// <summary>
    /// Sections (their JSON names) a default backtest's result.json holds; the other sections' types are left to the
    /// first save that needs them.
    /// </summary>
    internal static readonly HashSet<string> CommonSections = new(StringComparer.Ordinal) { "siteTotal", "comparison", "btc", "whatIf" };

    /// <summary>
    /// Builds the serializer's metadata for the types of a backtest's result.json (the work the first <see cref="Save"/>
    /// of a process otherwise does first) and writes an empty file object to nowhere. Writes no file.
    /// </summary>
    internal static void WarmUp()
    {
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>([typeof(ResultFileDto)]);
        while (pending.TryPop(out var type))
        {
            if (!seen.Add(type)) continue;
            var info = Options.GetTypeInfo(type);
            foreach (var p in info.Properties)
                if (type != typeof(SectionsDto) || CommonSections.Contains(p.Name)) pending.Push(p.PropertyType);
            if (info.ElementType is { } element) pending.Push(element);
            if (info.KeyType is { } key) pending.Push(key);
        }
        JsonSerializer.Serialize(Stream.Null, new ResultFileDto { Format = FormatName, Version = FormatVersion, Info = new RunInfoDto() }, Options);
    }

    /// <summary>Writes <paramref name="m"/> to <paramref name="path"/> (atomically: a temporary file moved into place).</summary>
    public static void Save(BacktestRun m, string path)
    {
        var dto = Dto(m);
        AtomicFile.Write(path, s => JsonSerializer.Serialize(s, dto, Options));
    }

    /// <summary>The file's content as written by <see cref="Save"/>.</summary>
    internal static ResultFileDto Dto(BacktestRun m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new ResultFileDto
        {
            Format = FormatName,
            Version = FormatVersion,
            Info = RunInfoDto.From(m.Info),
            Result = ResultDto.From(m.Result),
            Benchmarks = m.Benchmarks.Select(ResultDto.From).ToList(),
            Sections = SectionsDto.From(m),
        };
    }

    /// <summary>Loads a file written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> naming the file, the JSON path and the problem.</summary>
    public static BacktestRun Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Result file '{path}' does not exist.", path);
        ResultFileDto? dto;
        try
        {
            using var fs = File.OpenRead(path);
            dto = JsonSerializer.Deserialize<ResultFileDto>(fs, Options);
        }
        catch (JsonException ex)
        {
            string at = ex.Path is { Length: > 0 } p ? $" at {p}" : "";
            throw new InvalidDataException($"{path}: not a valid result JSON file{at} ({ex.Message}).", ex);
        }
        if (dto is null) throw new InvalidDataException($"{path}: the file is empty (JSON null).");
        if (dto.Format != FormatName)
            throw new InvalidDataException($"{path}: \"format\" is '{dto.Format}', expected '{FormatName}'. Is this a mining-dispatch result.json?");
        if (dto.Version is < MinFormatVersion or > FormatVersion)
            throw new InvalidDataException($"{path}: format version {dto.Version} is not supported (this build reads versions {MinFormatVersion} to {FormatVersion}).");
        if (dto.Result is null) throw new InvalidDataException($"{path}: \"result\" is missing.");
        var info = (dto.Info ?? throw new InvalidDataException($"{path}: \"info\" is missing.")).ToRunInfo(path);
        var result = dto.Result.ToResult(path, "result");
        var benchmarks = (dto.Benchmarks ?? []).Select((b, i) => b.ToResult(path, $"benchmarks[{i}]")).ToList();
        var model = new BacktestRun(result, info, benchmarks);
        return dto.Version >= 2 && dto.Sections is { } sections ? sections.AddTo(model, path, dto.Version) : model;
    }
}

internal sealed class ResultFileDto
{
    public string? Format { get; set; }
    public int Version { get; set; }
    public RunInfoDto? Info { get; set; }
    public ResultDto? Result { get; set; }
    public List<ResultDto>? Benchmarks { get; set; }
    /// <summary>The optional report sections (version 2 on).</summary>
    public SectionsDto? Sections { get; set; }
}

internal sealed class LabelValueDto
{
    public string Label { get; set; } = "";
    public string Value { get; set; } = "";
}

internal sealed class RunInfoDto
{
    public string Title { get; set; } = "";
    public List<LabelValueDto> Inputs { get; set; } = [];
    public List<DataQualityReport> DataQuality { get; set; } = [];

    public static RunInfoDto From(RunInfo? info) => info is null ? new RunInfoDto() : new RunInfoDto
    {
        Title = info.Title,
        Inputs = info.Inputs.Select(kv => new LabelValueDto { Label = kv.Key, Value = kv.Value }).ToList(),
        DataQuality = info.DataQuality.ToList(),
    };

    public RunInfo ToRunInfo(string path)
    {
        foreach (var q in DataQuality)
        {
            if (q is null) throw new InvalidDataException($"{path}: $.info.dataQuality contains null.");
            if (q.Gaps is null || q.Notes is null || q.FilledGaps is null) throw new InvalidDataException($"{path}: $.info.dataQuality '{q.Source}' lacks gaps, filledGaps or notes.");
        }
        return new RunInfo(Title ?? "", Inputs.Select(i => new KeyValuePair<string, string>(i.Label ?? "", i.Value ?? "")).ToList(), DataQuality);
    }
}

internal sealed class ResultDto
{
    public string Strategy { get; set; } = "";
    public double IntervalHours { get; set; }
    public DateTime[] TimesUtc { get; set; } = [];
    public double[] Price { get; set; } = [];
    public double[] AllInPrice { get; set; } = [];
    public double[] Hashprice { get; set; } = [];
    public double[] Breakeven { get; set; } = [];
    public double[] Run { get; set; } = [];
    public double[] Revenue { get; set; } = [];
    public double[] Cost { get; set; } = [];
    public double[] Profit { get; set; } = [];
    public double[] AlwaysOnProfit { get; set; } = [];
    public BacktestSummary? Summary { get; set; }
    public List<MonthlyRow> Monthly { get; set; } = [];
    public List<DailyRow> Daily { get; set; } = [];
    public double[] RunRateByHourOfDay { get; set; } = [];
    /// <summary>[month index][hour of day].</summary>
    public double[][] RunRateByMonthAndHour { get; set; } = [];

    public static ResultDto From(BacktestResult r)
    {
        int months = r.RunRateByMonthAndHour.GetLength(0), hours = r.RunRateByMonthAndHour.GetLength(1);
        var grid = new double[months][];
        for (int m = 0; m < months; m++)
        {
            grid[m] = new double[hours];
            for (int h = 0; h < hours; h++) grid[m][h] = r.RunRateByMonthAndHour[m, h];
        }
        return new ResultDto
        {
            Strategy = r.Strategy,
            IntervalHours = r.IntervalHours,
            TimesUtc = r.Times,
            Price = r.Price,
            AllInPrice = r.AllInPrice,
            Hashprice = r.Hashprice,
            Breakeven = r.Breakeven,
            Run = r.Run,
            Revenue = r.Revenue,
            Cost = r.Cost,
            Profit = r.Profit,
            AlwaysOnProfit = r.AlwaysOnProfit,
            Summary = r.Summary,
            Monthly = r.Monthly.ToList(),
            Daily = r.Daily.ToList(),
            RunRateByHourOfDay = r.RunRateByHourOfDay,
            RunRateByMonthAndHour = grid,
        };
    }

    public BacktestResult ToResult(string path, string where)
    {
        string Where(string field) => $"{path}: $.{where}.{field}";
        int n = TimesUtc?.Length ?? throw new InvalidDataException($"{Where("timesUtc")} is missing.");
        if (Summary is null) throw new InvalidDataException($"{Where("summary")} is missing.");
        if (!(IntervalHours > 0)) throw new InvalidDataException($"{Where("intervalHours")} must be positive (got {IntervalHours.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
        for (int i = 0; i < n; i++)
        {
            if (TimesUtc[i].Kind != DateTimeKind.Utc)
                throw new InvalidDataException($"{Where("timesUtc")}[{i}] is not a UTC time (it must end in 'Z').");
            if (i > 0 && TimesUtc[i] <= TimesUtc[i - 1])
                throw new InvalidDataException($"{Where("timesUtc")}[{i}] is not after the previous interval.");
        }
        double[] Arr(double[]? a, string name) => a is null
            ? throw new InvalidDataException($"{Where(name)} is missing.")
            : a.Length == n ? a : throw new InvalidDataException($"{Where(name)} has {a.Length} values but timesUtc has {n}.");
        if (RunRateByHourOfDay is null || RunRateByHourOfDay.Length != 24)
            throw new InvalidDataException($"{Where("runRateByHourOfDay")} must have 24 values.");
        var monthly = Monthly ?? throw new InvalidDataException($"{Where("monthly")} is missing.");
        var rows = RunRateByMonthAndHour ?? throw new InvalidDataException($"{Where("runRateByMonthAndHour")} is missing.");
        if (rows.Length != monthly.Count)
            throw new InvalidDataException($"{Where("runRateByMonthAndHour")} has {rows.Length} months but monthly has {monthly.Count}.");
        var grid = new double[rows.Length, 24];
        for (int m = 0; m < rows.Length; m++)
        {
            if (rows[m] is null || rows[m].Length != 24) throw new InvalidDataException($"{Where("runRateByMonthAndHour")}[{m}] must have 24 values.");
            for (int h = 0; h < 24; h++) grid[m, h] = rows[m][h];
        }
        return new BacktestResult
        {
            Strategy = Strategy ?? "",
            Times = TimesUtc,
            IntervalHours = IntervalHours,
            Price = Arr(Price, "price"),
            AllInPrice = Arr(AllInPrice, "allInPrice"),
            Hashprice = Arr(Hashprice, "hashprice"),
            Breakeven = Arr(Breakeven, "breakeven"),
            Run = Arr(Run, "run"),
            Revenue = Arr(Revenue, "revenue"),
            Cost = Arr(Cost, "cost"),
            Profit = Arr(Profit, "profit"),
            AlwaysOnProfit = Arr(AlwaysOnProfit, "alwaysOnProfit"),
            Summary = Summary,
            Monthly = monthly,
            Daily = Daily ?? throw new InvalidDataException($"{Where("daily")} is missing."),
            RunRateByHourOfDay = RunRateByHourOfDay,
            RunRateByMonthAndHour = grid,
        };
    }
}

/// <summary>
/// Source-generated metadata for result.json, so the first save and load of a process skip the reflection-based
/// discovery of every DTO and section type. The options of <see cref="ResultJson"/> still apply (naming, number
/// handling, converters, strictness); the output is the same bytes as with reflection.
/// </summary>
[JsonSerializable(typeof(ResultFileDto))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
