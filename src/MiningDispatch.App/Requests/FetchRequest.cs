using System.Globalization;
using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Hashprice;

namespace MiningDispatch.App.Requests;

/// <summary>
/// <c>fetch</c>: download <paramref name="Reports"/> from ERCOT's Public Data API for the market days
/// <paramref name="Start"/>..<paramref name="End"/> (inclusive, Central Prevailing Time) and, for the price reports,
/// each of <paramref name="Points"/>, into CSV files in <paramref name="OutDirectory"/> (see <see cref="ErcotCsvFiles"/>).
/// </summary>
/// <param name="Reports">Reports to download (no repeats).</param>
/// <param name="Start">First market day.</param>
/// <param name="End">Last market day (inclusive).</param>
/// <param name="Points">Settlement points for the real-time and day-ahead prices (ignored by AS prices and system load).</param>
/// <param name="OutDirectory">Folder the CSV files go to (created when missing).</param>
/// <param name="Api">Credentials, endpoints and the cache folder.</param>
public sealed record FetchRequest(
    IReadOnlyList<ErcotReport> Reports, DateOnly Start, DateOnly End, IReadOnlyList<string> Points, string OutDirectory, ErcotApiOptions Api)
{
    /// <summary>What <c>--report</c> defaults to: real-time prices.</summary>
    public static IReadOnlyList<ErcotReport> DefaultReports { get; } = [ErcotReport.RealTimePrices];

    /// <summary>The settlement point when none is given (the backtest's default).</summary>
    public const string DefaultPoint = MarketRequest.DefaultSettlementPoint;

    /// <summary>
    /// The name that, given to a flag that reads fetched files (<c>--prices</c>, <c>--da-prices</c>, <c>--as-prices</c>,
    /// <c>--system-load</c>, <c>--history</c>, <c>--basis-prices</c>), means what <c>fetch</c> wrote into the default folder.
    /// </summary>
    public const string FolderAlias = "ercot-api";

    /// <summary>The longest range one fetch may ask for, in market days (a year and a leap day).</summary>
    public const int MaxDays = 366;

    /// <summary>
    /// Default output folder: <c>{cache folder}/ercot-api</c>, where the cache folder is <paramref name="cacheDirectory"/>
    /// or <see cref="HashpriceCache.DefaultDirectory"/> ($MINING_DISPATCH_CACHE_DIR, $XDG_CACHE_HOME/mining-dispatch or
    /// ~/.cache/mining-dispatch).
    /// </summary>
    public static string DefaultOutDirectory(string? cacheDirectory, Func<string, string?>? getEnvironmentVariable = null) =>
        Path.Combine(cacheDirectory ?? HashpriceCache.DefaultDirectory(getEnvironmentVariable), FolderAlias);

    /// <summary>
    /// <paramref name="paths"/> with <see cref="FolderAlias"/> (unless a file or folder of that name exists here) replaced
    /// by what <c>fetch</c> wrote of <paramref name="report"/> into the default folder (<see cref="DefaultOutDirectory"/>):
    /// <list type="bullet">
    /// <item>real-time prices: the folder itself (a prices folder; its day-ahead files count too, for <c>--market dam</c>);</item>
    /// <item>day-ahead prices: the folder itself, which must hold day-ahead files;</item>
    /// <item>AS prices: every file of its <c>as/</c> subfolder (the AS loaders read files);</item>
    /// <item>system load: its <c>load/</c> subfolder (the system-load loader merges the files of a folder).</item>
    /// </list>
    /// Nothing fetched of that report is a <see cref="SettingsException"/> naming <paramref name="flag"/>, the folder and
    /// the fetch command to run.
    /// </summary>
    public static IReadOnlyList<string> ResolveAlias(IReadOnlyList<string> paths, string flag, string? cacheDirectory, Func<string, string?>? getEnvironmentVariable = null,
        ErcotReport report = ErcotReport.RealTimePrices)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!paths.Any(IsAlias)) return paths;
        var spec = ErcotReportSpec.Of(report);
        string folder = DefaultOutDirectory(cacheDirectory, getEnvironmentVariable);
        string where = ErcotCsvFiles.Subfolder(spec) is { } sub ? Path.Combine(folder, sub) : folder;
        var accepted = report == ErcotReport.RealTimePrices ? [spec, ErcotReportSpec.Of(ErcotReport.DayAheadPrices)] : new[] { spec };
        var files = Directory.Exists(where)
            ? accepted.SelectMany(a => Directory.EnumerateFiles(where, ErcotCsvFiles.SearchPattern(a))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (files.Count == 0)
            throw new SettingsException(
                $"{flag} {FolderAlias}: nothing has been fetched yet into {where} (no {spec.Description}, {spec.Emil}). Download them first, e.g. " +
                $"mining-dispatch fetch --report {spec.Code} --start 2025-01-01 --end 2025-01-31{(spec.PerPoint ? " --sp " + DefaultPoint : "")} " +
                $"(credentials in {ErcotApiOptions.SubscriptionKeyVariable}, {ErcotApiOptions.UsernameVariable} and {ErcotApiOptions.PasswordVariable}; " +
                "--cache-dir or MINING_DISPATCH_CACHE_DIR choose the cache folder that holds the ercot-api folder).");
        IReadOnlyList<string> replacement = report == ErcotReport.AncillaryPrices ? files : [where];
        return paths.SelectMany(p => IsAlias(p) ? replacement : [p]).ToList();
    }

    /// <summary>For a flag's help: what <see cref="FolderAlias"/> stands for there.</summary>
    public static string AliasHelp(ErcotReport report) => report switch
    {
        ErcotReport.DayAheadPrices => $"{FolderAlias} = the day-ahead prices mining-dispatch fetch --report da wrote into its default folder",
        ErcotReport.AncillaryPrices => $"{FolderAlias} = every AS price file mining-dispatch fetch --report as wrote (the as/ subfolder of its default folder)",
        ErcotReport.SystemLoad => $"{FolderAlias} = the system load mining-dispatch fetch --report load wrote (the load/ subfolder of its default folder, files merged)",
        _ => $"{FolderAlias} = the folder mining-dispatch fetch writes by default",
    };

    /// <summary>Whether <paramref name="path"/> is <see cref="FolderAlias"/> and no file or folder of that name exists here.</summary>
    public static bool IsAlias(string? path) =>
        string.Equals(path, FolderAlias, StringComparison.OrdinalIgnoreCase) && !File.Exists(path) && !Directory.Exists(path);

    /// <summary>Every problem of the request (empty when none), each naming its flag; <paramref name="today"/> is the market day now.</summary>
    public IReadOnlyList<string> Problems(DateOnly today)
    {
        var p = new List<string>();
        if (Reports.Count == 0) p.Add($"--report: give at least one of {ErcotReportSpec.CodeList}.");
        if (Reports.Distinct().Count() != Reports.Count) p.Add("--report: a report is given twice.");
        if (End < Start) p.Add(string.Create(CultureInfo.InvariantCulture, $"--end {End:yyyy-MM-dd} is before --start {Start:yyyy-MM-dd}."));
        else if (End.DayNumber - Start.DayNumber + 1 > MaxDays)
            p.Add(string.Create(CultureInfo.InvariantCulture, $"--start {Start:yyyy-MM-dd} to --end {End:yyyy-MM-dd} is {End.DayNumber - Start.DayNumber + 1} days; fetch at most {MaxDays} days at a time."));
        if (Start > today) p.Add(string.Create(CultureInfo.InvariantCulture, $"--start {Start:yyyy-MM-dd} is after today ({today:yyyy-MM-dd} in Texas): there is nothing to fetch yet."));
        if (Reports.Any(r => ErcotReportSpec.Of(r).PerPoint))
        {
            if (Points.Count == 0) p.Add("--sp: give the settlement point(s) of the real-time or day-ahead prices.");
            foreach (var sp in Points)
                if (string.IsNullOrWhiteSpace(sp) || sp.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')))
                    p.Add($"--sp '{sp}' is not a settlement point name (letters, digits, _ - . only; e.g. {DefaultPoint}).");
            if (Points.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Points.Count) p.Add("--sp: a point is given twice.");
        }
        if (File.Exists(OutDirectory)) p.Add($"--out {OutDirectory} is a file, not a folder.");
        var missing = Api.MissingCredentials();
        if (missing.Count > 0)
            p.Add($"ERCOT API credentials missing: set {string.Join(", ", missing)} (environment variables only, never flags). " +
                  "Register at https://apiexplorer.ercot.com, subscribe to the Public API product and use that account's username, password and primary key.");
        if (ErcotApiOptions.SubscriptionKeyProblem(Api.SubscriptionKey) is { } keyProblem) p.Add($"{ErcotApiOptions.SubscriptionKeyVariable}: {keyProblem}. Nothing was sent.");
        return p;
    }
}
