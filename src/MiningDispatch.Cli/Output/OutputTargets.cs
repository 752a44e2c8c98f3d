using MiningDispatch.App;

namespace MiningDispatch.Cli.Output;

/// <summary>
/// Checks <c>--out</c> and <c>--json</c> before any computation, so a run never computes for minutes and then fails
/// to write: <c>--out</c> must be a folder (or not exist yet) on a writable disk, <c>--json</c> a file name (not a
/// folder) in a writable folder. A problem is a <see cref="SettingsException"/> naming the flag, the path and the OS
/// reason (exit 2). Nothing is created: the nearest existing folder is probed with a temporary file that is deleted.
/// </summary>
internal static class OutputTargets
{
    public static void Check(string? outDir, string? json, bool writesReport)
    {
        if (writesReport && outDir is not null)
        {
            string full = Full("--out", outDir);
            if (File.Exists(full))
                throw new SettingsException($"--out {outDir}: {full} is a file, not a folder; give a folder for the report (it is created when missing).");
            ProbeWritable("--out", outDir, NearestExisting("--out", outDir, full));
        }
        if (json is not null)
        {
            string full = Full("--json", json);
            if (Directory.Exists(full))
                throw new SettingsException($"--json {json}: {full} is a folder; give a file name such as {Path.Combine(json, "summary.json")}.");
            if (Path.GetDirectoryName(full) is { } parent)
                ProbeWritable("--json", json, NearestExisting("--json", json, parent));
        }
    }

    /// <summary>
    /// A written file or folder as the terminal shows it: relative to the working directory when it lies inside it
    /// (<c>out/report.html</c>), else as the user gave it, so the terminal never adds an absolute path of its own.
    /// </summary>
    public static string Display(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
        bool inside = !Path.IsPathRooted(rel) && rel != ".." && !rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside ? rel : path;
    }

    private static string Full(string flag, string path)
    {
        try { return Path.GetFullPath(path); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SettingsException($"{flag} {path}: not a usable path ({e.Message}).");
        }
    }

    /// <summary>The folder itself or its nearest existing ancestor (where the missing folders would be created).</summary>
    private static string NearestExisting(string flag, string given, string full)
    {
        for (var d = new DirectoryInfo(full); d is not null; d = d.Parent)
        {
            if (d.Exists) return d.FullName;
            if (File.Exists(d.FullName))
                throw new SettingsException($"{flag} {given}: {d.FullName} is a file, so the folder {full} cannot be created.");
        }
        return Path.GetPathRoot(full) ?? full;
    }

    private static void ProbeWritable(string flag, string given, string folder)
    {
        string probe = Path.Combine(folder, $".mining-dispatch-write-check-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using var _ = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The OS reason, with the probe's made-up name replaced by the folder the user knows.
            throw new SettingsException($"{flag} {given}: cannot write in {folder}: {e.Message.Replace(probe, folder, StringComparison.Ordinal)}");
        }
    }
}
