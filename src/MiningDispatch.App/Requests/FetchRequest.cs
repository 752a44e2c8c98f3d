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

    /// <summary>The name that, given to <c>--prices</c> or <c>--da-prices</c>, means the default fetch folder.</summary>
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
    /// <paramref name="paths"/> with <see cref="FolderAlias"/> replaced by the default fetch folder (unless a file or
    /// folder of that name exists here). The folder must hold fetched price files, else a
    /// <see cref="SettingsException"/> names <paramref name="flag"/>, the folder and the fetch command to run.
    /// </summary>
    public static IReadOnlyList<string> ResolveAlias(IReadOnlyList<string> paths, string flag, string? cacheDirectory, Func<string, string?>? getEnvironmentVariable = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (!paths.Any(IsAlias)) return paths;
        string folder = DefaultOutDirectory(cacheDirectory, getEnvironmentVariable);
        bool fetched = Directory.Exists(folder) &&
                       Directory.EnumerateFiles(folder, "ercot-api_*.csv").Any();
        if (!fetched)
            throw new SettingsException(
                $"{flag} {FolderAlias}: nothing has been fetched yet into {folder}. Download prices first, e.g. " +
                $"mining-dispatch fetch --report rt --start 2025-01-01 --end 2025-01-31 --sp {DefaultPoint} " +
                $"(credentials in {ErcotApiOptions.SubscriptionKeyVariable}, {ErcotApiOptions.UsernameVariable} and {ErcotApiOptions.PasswordVariable}).");
        return paths.Select(p => IsAlias(p) ? folder : p).ToList();
    }

    private static bool IsAlias(string p) =>
        string.Equals(p, FolderAlias, StringComparison.OrdinalIgnoreCase) && !File.Exists(p) && !Directory.Exists(p);

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
