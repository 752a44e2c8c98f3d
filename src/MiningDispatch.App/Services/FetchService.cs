using System.Globalization;
using System.Text;
using MiningDispatch.App.Requests;
using MiningDispatch.App.Results;
using MiningDispatch.Core.Time;
using MiningDispatch.Data.ErcotApi;

namespace MiningDispatch.App.Services;

/// <summary>
/// <c>fetch</c>: each report (and point) through <see cref="ErcotApiClient"/> (cache first), written as CSV into a
/// staging folder inside the output folder and published together at the end, so a failed or cancelled run leaves no
/// file written in part and none of this run's files at all.
/// </summary>
/// <param name="handler">HTTP handler for the client (tests); null = a real one.</param>
/// <param name="delay">The client's wait (tests pass a recorder); null = real delays.</param>
/// <param name="clock">"Now" (tests); null = the system clock.</param>
public sealed class FetchService(HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken, Task>? delay = null, TimeProvider? clock = null)
{
    private const string StagingPrefix = ".fetch-staging-";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="SettingsException">The request has problems (each naming its flag).</exception>
    /// <exception cref="ErcotApiException">The API failed, refused a credential, sent an unusable page or no rows.</exception>
    public async Task<FetchResult> RunAsync(FetchRequest request, IRunObserver observer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(observer);
        var today = MarketClock.Ercot.MarketDay(_clock.GetUtcNow().UtcDateTime);
        if (request.Problems(today) is { Count: > 0 } problems) throw new SettingsException(string.Join(Environment.NewLine, problems));
        var end = request.End > today ? today : request.End;
        if (end < request.End)
            observer.Warn(string.Create(CultureInfo.InvariantCulture, $"--end {request.End:yyyy-MM-dd} is after today; fetching up to {end:yyyy-MM-dd}."));

        string outDir = Path.GetFullPath(request.OutDirectory);
        Directory.CreateDirectory(outDir);
        foreach (string stale in Directory.EnumerateDirectories(outDir, StagingPrefix + "*")) TryDelete(stale);
        string stage = Path.Combine(outDir, StagingPrefix + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stage);
        using var client = new ErcotApiClient(request.Api, handler, delay, _clock) { OnWarning = observer.Warn };
        try
        {
            var staged = new List<(string Staged, FetchedFile File)>();
            foreach (var report in request.Reports)
            {
                var spec = ErcotReportSpec.Of(report);
                List<string?> points = spec.PerPoint ? request.Points.Select(p => (string?)p.Trim().ToUpperInvariant()).ToList() : [null];
                foreach (var point in points)
                {
                    ct.ThrowIfCancellationRequested();
                    var rows = await observer.RunStepAsync($"ERCOT API {spec.Describe(point, request.Start, end)}",
                        progress => client.GetAsync(report, request.Start, end, point, progress, ct)).ConfigureAwait(false);
                    string relative = ErcotCsvFiles.RelativePath(spec, point, request.Start, end);
                    string staging = Path.Combine(stage, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(staging)!);
                    using (var w = new StreamWriter(staging, false, new UTF8Encoding(false)))
                    {
                        try { ErcotCsvFiles.Write(rows, w); }
                        catch (FormatException e)
                        {
                            throw new ErcotApiException($"ERCOT API answer for {spec.Describe(point, request.Start, end)} is unusable: {e.Message}. Nothing was written.", 200, spec.Endpoint, e);
                        }
                    }
                    staged.Add((staging, new FetchedFile(report, point, Path.Combine(outDir, relative), rows.Rows.Count, rows.FromCache, rows.Requests)));
                }
            }
            ct.ThrowIfCancellationRequested();
            foreach (var (from, file) in staged)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.Path)!);
                File.Move(from, file.Path, overwrite: true);
            }
            var result = new FetchResult(outDir, staged.Select(s => s.File).ToList(), client.CacheFilePath);
            observer.Note(string.Create(CultureInfo.InvariantCulture,
                $"{result.Files.Count} file(s) written to {outDir} ({result.Requests} API request(s), {result.Files.Count(f => f.FromCache)} from the cache)"));
            return result;
        }
        finally
        {
            TryDelete(stage);
        }
    }

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
