using System.Collections.Concurrent;
using System.Globalization;
using MiningDispatch.Core.Series;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Loads an hourly UTC price series for one ERCOT settlement point from price files in any of the layouts ERCOT,
/// gridstatus and community repositories use (see docs/ercot-data-formats.md): CSV (',' ';' or tab, BOM, CRLF,
/// quoted numbers with thousands separators), .xlsx workbooks (every sheet), JSON (API Report or display records)
/// and .zip files holding those. Files are streamed; rows of other points are rejected before parsing.
/// </summary>
/// <example>
/// <code>
/// var r = PriceLoader.Load(["data/ercot/DAMLZHBSPP_2025.xlsx"], new PriceQuery("HB_WEST", PriceMarket.DayAhead));
/// for (int i = 0; i &lt; r.Count; i++) Console.WriteLine($"{r.HoursUtc[i]:O} {r.PriceUsdPerMWh[i]}");
/// </code>
/// </example>
public static class PriceLoader
{
    /// <summary>
    /// Reads <paramref name="paths"/> (files, or folders: every .csv/.xlsx/.zip/.json directly inside, sorted) and
    /// returns the requested point's prices at <see cref="PriceQuery.Resolution"/>. Central Prevailing Time is converted
    /// to UTC exactly; at hourly resolution 15-minute prices are averaged over each UTC hour, at 15-minute resolution
    /// every interval is kept; exact duplicates are dropped and counted; gaps are reported, not filled.
    /// </summary>
    /// <exception cref="DataFormatException">Unknown layout, malformed value, conflicting duplicate, unknown point,
    /// no data for the market or range. The message names the file, line, column and value.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static PriceLoadResult Load(
        IReadOnlyList<string> paths,
        PriceQuery query,
        IProgress<LoadProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(query);
        Validate(query);
        var skipped = new List<string>();
        var files = ExpandPaths(paths, skipped);
        using var grids = new GridMemory();
        var session = new LoadSession(query, listMode: false, TotalBytes(files), progress, grids, ct);
        session.Notes.AddRange(skipped);
        ReadAll(files, session, FromFolders(paths, files));
        return Build(files, query, session);
    }

    /// <summary>
    /// Reads <paramref name="paths"/> once and returns the series of every settlement point in them (those
    /// <see cref="AllPointsQuery.Points"/> keeps), sorted by name. Each point's <see cref="PriceLoadResult"/> (prices,
    /// layouts, quality report and notes) is the one <see cref="Load"/> gives for that point; a point <see cref="Load"/>
    /// would refuse (a malformed row of the point, no usable price, nothing in the range) is listed in
    /// <see cref="AllPointsLoadResult.Failures"/> with that error instead of failing the others. Points with the same
    /// intervals share one time-axis array. Memory grows with the prices kept (points x intervals), not with the file
    /// size: the load stops with a <see cref="DataFormatException"/> naming the numbers before it would need more than
    /// <see cref="AllPointsQuery.MemoryLimitBytes"/> (the bytes the kept prices hold, about
    /// <see cref="AllPointsQuery.BytesPerPrice"/> per price on each point's interval grid; without a time range also
    /// projected from the share of the files read).
    /// </summary>
    /// <exception cref="DataFormatException">Unknown layout, unreadable file, no point in the files, the memory limit.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    public static AllPointsLoadResult LoadAll(
        IReadOnlyList<string> paths,
        AllPointsQuery query,
        IProgress<LoadProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(query);
        ValidateRange(query.FromUtc, query.ToUtc, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.MemoryLimitBytes, nameof(query));
        var skipped = new List<string>();
        var files = ExpandPaths(paths, skipped);
        // every point's grid is freed as its series is built, and all that are left when the load ends
        using var grids = new GridMemory();
        var session = new LoadSession(query, TotalBytes(files), progress, grids, ct);
        session.Notes.AddRange(skipped);
        var all = session.AllPoints!;
        try
        {
            ReadAll(files, session, FromFolders(paths, files));
        }
        finally
        {
            all.Dispose();
        }

        var (points, failures) = BuildAll(files, query, all, ct);
        if (points.Count == 0 && failures.Count == 0)
        {
            string problem = session.SkippedForMarket.Count > 0 && query.Market is { } asked
                ? $"no {TableConsumer.Describe(asked)} prices: skipped {string.Join(", ", session.SkippedForMarket)}"
                : all.FilteredOut.Count > 0
                    ? $"no settlement point matches {string.Join(",", query.Points ?? [])}. The file(s) contain: {string.Join(", ", all.FilteredOut.Order(StringComparer.Ordinal).Take(50))}{(all.FilteredOut.Count > 50 ? ", ..." : "")}"
                    : "no settlement point found in the file(s)";
            throw new DataFormatException(problem, string.Join(", ", files.Select(Path.GetFileName)), column: "settlement point");
        }
        var notes = new List<string>(session.Notes);
        if (all.FilteredOut.Count > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{all.FilteredOut.Count} point(s) left out by the point filter {string.Join(",", query.Points ?? [])}."));
        return new AllPointsLoadResult(points, failures, files, [.. session.Layouts], notes);
    }

    /// <summary>
    /// Builds every kept point's series from its session on as many threads as there are cores (each point is
    /// independent; the result is the same on one thread), and gives them in order of name. A point whose prices cannot
    /// be built is a failure. Each point's grid is freed as its series is built.
    /// <para>
    /// The points are built one at a time per thread in the order they first appeared in the files: the order in which
    /// their grids took memory (<see cref="GridMemory"/>, a block shared by the points that crossed a chunk boundary
    /// together), so each block is given back soon after the last of its points is built, and the series built meanwhile
    /// do not pile up beside grids no longer used.
    /// </para>
    /// </summary>
    private static (List<PriceLoadResult> Points, List<PointLoadFailure> Failures) BuildAll(
        List<string> files, AllPointsQuery query, AllPointsCollector all, CancellationToken ct)
    {
        var sinks = all.Sinks.Where(s => s.Kept).ToArray();
        var built = new PriceLoadResult?[sinks.Length];
        var failed = new PointLoadFailure?[sinks.Length];
        var axes = new Dictionary<(int, long, long), List<DateTime[]>>();
        // a few points are not worth a second thread
        var options = new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, sinks.Length / 8)) };
        // each worker passes on the time axis of the point it built last, which the next may share
        var inOrder = Partitioner.Create(Enumerable.Range(0, sinks.Length), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(inOrder, options, () => (DateTime[]?)null, (i, _, lastAxis) =>
        {
            var sink = sinks[i];
            if (sink.Session is not { } pointSession)
            {
                failed[i] = new PointLoadFailure(sink.Name, sink.Error!);
                return lastAxis;
            }
            all.Sync(sink);
            if (pointSession.RowsMatched == 0)
            {
                // no row was the point's own (a name its selector does not take back): the error lists every point, as Load's does
                foreach (var other in all.Sinks) pointSession.Points.Add(other.Name, default);
            }
            try
            {
                var result = Build(files, query.ForPoint(sink.Name), pointSession, lastAxis);
                lock (axes) result = ShareAxis(result, axes);
                lastAxis = result.HoursUtc;
                built[i] = result;
            }
            catch (DataFormatException e)
            {
                failed[i] = new PointLoadFailure(sink.Name, e);
            }
            pointSession.Store.Release();
            sink.Release();
            return lastAxis;
        }, _ => { });

        var points = new List<PriceLoadResult>(sinks.Length);
        var failures = new List<PointLoadFailure>();
        foreach (int i in Enumerable.Range(0, sinks.Length).OrderBy(i => sinks[i].Name, StringComparer.Ordinal))
        {
            if (built[i] is { } r) points.Add(r);
            else if (failed[i] is { } f) failures.Add(f);
        }
        return (points, failures);
    }

    /// <summary>Gives <paramref name="r"/> the time axis of an earlier point with exactly the same intervals, if any.</summary>
    private static PriceLoadResult ShareAxis(PriceLoadResult r, Dictionary<(int, long, long), List<DateTime[]>> axes)
    {
        if (r.Count == 0) return r;
        var key = (r.Count, r.HoursUtc[0].Ticks, r.HoursUtc[^1].Ticks);
        if (!axes.TryGetValue(key, out var same)) axes[key] = same = [];
        var mine = System.Runtime.InteropServices.MemoryMarshal.Cast<DateTime, long>(r.HoursUtc);
        foreach (var axis in same)
        {
            if (System.Runtime.InteropServices.MemoryMarshal.Cast<DateTime, long>(axis).SequenceEqual(mine))
                return new PriceLoadResult(r.SettlementPoint, r.Market, axis, r.PriceUsdPerMWh, r.Files, r.Layouts, r.Quality, r.IntervalHours);
        }
        same.Add(r.HoursUtc);
        return r;
    }

    /// <summary>The distinct settlement points (canonical names, sorted) the files contain.</summary>
    public static IReadOnlyList<string> ListSettlementPoints(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = ExpandPaths(paths);
        using var grids = new GridMemory();
        var session = new LoadSession(null, listMode: true, TotalBytes(files), null, grids, CancellationToken.None);
        ReadAll(files, session);
        return session.Points.Sorted();
    }

    private static void Validate(PriceQuery q)
    {
        if (string.IsNullOrWhiteSpace(q.SettlementPoint))
            throw new ArgumentException("The settlement point is empty.", nameof(q));
        ValidateRange(q.FromUtc, q.ToUtc, nameof(q));
    }

    private static void ValidateRange(DateTime? from, DateTime? to, string name)
    {
        if (from is { Kind: DateTimeKind.Local } || to is { Kind: DateTimeKind.Local })
            throw new ArgumentException("FromUtc/ToUtc must be UTC, not local times.", name);
        if (from is { } f && to is { } t && t <= f)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ToUtc ({t:O}) must be after FromUtc ({f:O})."), name);
    }

    /// <summary>
    /// The files <see cref="Load"/> reads for <paramref name="paths"/>: each file as given, and the .csv, .xlsx, .zip
    /// and .json files of each folder in ordinal name order.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="DataFormatException">A folder holds no price file.</exception>
    public static List<string> ExpandPaths(IReadOnlyList<string> paths) => ExpandPaths(paths, null);

    /// <summary>
    /// As <see cref="ExpandPaths(IReadOnlyList{string})"/>; entries of a folder that are not readable regular files
    /// (a FIFO, a device, a broken symbolic link or a link loop, an empty file) are left out and described in
    /// <paramref name="skipped"/> (one warning each) instead of hanging or failing the run.
    /// </summary>
    public static List<string> ExpandPaths(IReadOnlyList<string> paths, List<string>? skipped)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                var inside = Directory.EnumerateFiles(p)
                    .Where(f => FileReader.Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                    .Where(f => IsRegularFile(f, skipped))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (inside.Count == 0)
                    throw new DataFormatException("the folder holds no .csv, .xlsx, .zip or .json file", p);
                files.AddRange(inside);
            }
            else if (File.Exists(p))
            {
                if (NotARegularFile(p) is { } why) throw new DataFormatException("not a readable price file: " + why, p);
                files.Add(p);
            }
            else
            {
                throw new FileNotFoundException($"Price file or folder not found: {p}", p);
            }
        }
        if (files.Count == 0) throw new ArgumentException("No price files given.", nameof(paths));
        return files;
    }

    /// <summary>
    /// True for a readable, non-empty regular file. A FIFO or a device has no length (reading one would wait for a
    /// writer or never end); a link loop or a broken link does not resolve.
    /// </summary>
    private static bool IsRegularFile(string path, List<string>? skipped)
    {
        if (NotARegularFile(path) is not { } why) return true;
        skipped?.Add($"{path}: skipped, {why}.");
        return false;
    }

    /// <summary>Null for a readable, non-empty regular file; else why it is not one.</summary>
    private static string? NotARegularFile(string path)
    {
        string? why;
        try
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
                why = "a symbolic link that does not lead to a file (broken, or a loop)";
            else if (!info.Exists)
                why = "a symbolic link that does not lead to a file (broken, or a loop)";
            else if (info.Length == 0)
                why = "empty, or not a regular file (a FIFO or a device)";
            else
                why = null;
        }
        catch (IOException e)
        {
            why = "not readable (" + e.Message.TrimEnd('.') + ")";
        }
        catch (UnauthorizedAccessException e)
        {
            why = "not readable (" + e.Message.TrimEnd('.') + ")";
        }
        return why;
    }

    private static long TotalBytes(List<string> files) => files.Sum(f => new FileInfo(f).Length);

    /// <summary>The files of <paramref name="files"/> that were found in a folder of <paramref name="paths"/>, not named themselves.</summary>
    private static HashSet<string> FromFolders(IReadOnlyList<string> paths, List<string> files)
    {
        var named = paths.Where(File.Exists).Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        return files.Where(f => !named.Contains(Path.GetFullPath(f))).ToHashSet(StringComparer.Ordinal);
    }

    private static void ReadAll(List<string> files, LoadSession session, HashSet<string>? optional = null)
    {
        foreach (var file in files)
        {
            session.Cancellation.ThrowIfCancellationRequested();
            session.CurrentFile = file;
            session.CurrentFileOptional = optional?.Contains(file) == true;
            session.ReportProgress(0);
            FileReader.Read(file, session);
            session.CompletedBytes += new FileInfo(file).Length;
            session.ReportProgress(0);
        }
    }

    /// <param name="axis">The interval starts of the point built before (all-points loads): reused when this point's are the same.</param>
    private static PriceLoadResult Build(List<string> files, PriceQuery query, LoadSession s, DateTime[]? axis = null)
    {
        string point = s.Selector.Canonical;
        if (s.RowsMatched == 0 && s.SkippedForMarket.Count > 0 && s.Points.Count == 0 && query.Market is { } asked)
        {
            var other = asked == PriceMarket.RealTime ? PriceMarket.DayAhead : PriceMarket.RealTime;
            throw new DataFormatException(
                $"no {TableConsumer.Describe(asked)} prices: the file(s) hold {TableConsumer.Describe(other)} prices ({string.Join(", ", s.SkippedForMarket)}). Ask for {TableConsumer.Describe(other)} or add {TableConsumer.Describe(asked)} files.",
                string.Join(", ", files.Select(Path.GetFileName)), column: "market", value: TableConsumer.Describe(asked));
        }
        if (s.RowsMatched == 0)
        {
            var available = s.Points.Sorted();
            string skipped = s.SkippedForMarket.Count > 0
                ? $" Skipped for the market: {string.Join(", ", s.SkippedForMarket)}."
                : "";
            throw new DataFormatException(
                $"settlement point '{query.SettlementPoint}' not found. The file(s) contain: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}.{skipped}",
                string.Join(", ", files.Select(Path.GetFileName)), column: "settlement point", value: query.SettlementPoint,
                availableSettlementPoints: available);
        }

        var notes = new List<string>();
        int rt = s.Store.CountOf(PriceMarket.RealTime);
        int da = s.Store.CountOf(PriceMarket.DayAhead);
        int unknown = s.Store.CountOf(null);
        PriceMarket market;
        if (query.Market is { } wanted)
        {
            market = wanted;
            if (unknown > 0)
                notes.Add($"Rows from files that do not state their market were taken as {TableConsumer.Describe(wanted)}, as requested.");
        }
        else if (rt > 0 && da > 0)
        {
            market = PriceMarket.RealTime;
            notes.Add("The files hold both real-time and day-ahead prices and no market was given: real-time used.");
        }
        else if (da > 0)
        {
            market = PriceMarket.DayAhead;
        }
        else
        {
            market = PriceMarket.RealTime;
            if (unknown > 0 && rt == 0)
                notes.Add("No market was given and the files do not state one: the prices are labelled real-time.");
        }
        // the chosen market's observations, then those of files that do not state one
        ReadOnlySpan<int> chosen = [ObservationStore.Slot(market), ObservationStore.Slot(null)];
        if (s.Store.CountOf(market) + unknown == 0)
        {
            int other = market == PriceMarket.RealTime ? da : rt;
            string problem;
            if (other > 0)
                problem = $"no {TableConsumer.Describe(market)} prices for {point}; the files hold {TableConsumer.Describe(market == PriceMarket.RealTime ? PriceMarket.DayAhead : PriceMarket.RealTime)} prices";
            else if (s.Store.OutOfRange > 0)
                problem = string.Create(CultureInfo.InvariantCulture,
                    $"no prices for {point} in the requested range [{Fmt(query.FromUtc)}, {Fmt(query.ToUtc)}); the files cover {new DateTime(s.Store.MinSeenTicks, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z .. {new DateTime(s.Store.MaxSeenTicks, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z");
            else if (s.SkippedForMarket.Count > 0)
                problem = $"no {TableConsumer.Describe(market)} prices for {point}; skipped: {string.Join(", ", s.SkippedForMarket)}";
            else
                problem = $"no usable prices for {point} (every row was blank or partial)";
            throw new DataFormatException(problem, string.Join(", ", files.Select(Path.GetFileName)), column: "settlement point", value: point);
        }

        bool quarter = UseQuarterHours(query, chosen, s, point);
        HourlyAggregator.Result agg;
        int n = s.Store.SortedUnique(chosen, out var buffer);
        try
        {
            if (n >= 0)
            {
                // one market on its interval grid: already in order, no two prices of one interval
                var sorted = buffer.AsSpan(0, n);
                agg = quarter
                    ? QuarterHourAggregator.BuildSorted(sorted, 0, s.SourceName, point, axis)
                    : HourlyAggregator.BuildSorted(sorted, 0, s.SourceName, point, axis);
            }
            else
            {
                var observations = s.Store.Materialize(chosen);
                agg = quarter
                    ? QuarterHourAggregator.Build(observations, s.SourceName, point)
                    : HourlyAggregator.Build(observations, s.SourceName, point);
            }
        }
        finally
        {
            if (buffer is not null) System.Buffers.ArrayPool<Observation>.Shared.Return(buffer);
        }
        notes.InsertRange(0, s.Layouts.Select(l => "Layout: " + l));
        notes.AddRange(s.Notes);
        notes.AddRange(s.SkippedRowNotes());
        notes.AddRange(agg.Notes);
        if (agg.Duplicates > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{agg.Duplicates} exact duplicate row(s) dropped."));
        if (s.Store.OutOfRange > 0)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Store.OutOfRange} row(s) outside the requested range [{Fmt(query.FromUtc)}, {Fmt(query.ToUtc)}) ignored."));
        notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Rows read counts every data row of every point; rows used counts the {point} intervals that make the series."));

        string source = string.Join("; ", files.Select(Path.GetFileName));
        string description = string.Create(CultureInfo.InvariantCulture,
            $"{point} {TableConsumer.Describe(market)} prices, {(quarter ? "15-minute (UTC interval starts)" : "hourly (UTC hour starts)")}, from {files.Count} file(s): {string.Join("; ", s.Layouts)}");
        var quality = new DataQualityReport(
            source,
            description,
            (int)Math.Min(int.MaxValue, s.RowsRead),
            agg.RowsUsed,
            agg.Duplicates,
            agg.Gaps,
            agg.PartialHours,
            0,
            notes);
        return new PriceLoadResult(point, market, agg.Hours, agg.Prices, files, [.. s.Layouts], quality, quarter ? 0.25 : 1.0);
    }

    /// <summary>
    /// True when the series is built at 15 minutes: asked for (every price must then be a 15-minute interval) or
    /// native with only 15-minute prices. Hourly keeps today's averaging.
    /// </summary>
    private static bool UseQuarterHours(PriceQuery query, ReadOnlySpan<int> chosen, LoadSession s, string point)
    {
        switch (query.Resolution)
        {
            case PriceResolution.Hourly:
                return false;
            case PriceResolution.Native:
                return !s.Store.FirstOtherThan(QuarterHourAggregator.Minutes, chosen, out _);
            case PriceResolution.FifteenMinute:
                if (!s.Store.FirstOtherThan(QuarterHourAggregator.Minutes, chosen, out var other)) return true;
                string length = other.Minutes >= 60 ? "hourly" : string.Create(CultureInfo.InvariantCulture, $"{other.Minutes}-minute");
                throw new DataFormatException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"15-minute resolution was asked for, but {point} has {length} prices (e.g. the interval starting {new DateTime(other.Ticks, DateTimeKind.Utc):yyyy-MM-dd HH:mm}Z); hourly prices are not expanded to 15 minutes. Load them at resolution hourly or native, or give 15-minute price files"),
                    s.SourceName(other.Source), other.Line, "resolution", "15min");
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.Resolution, "Unknown price resolution.");
        }
    }

    private static string Fmt(DateTime? t) =>
        t is { } v ? v.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "Z" : "-";
}
