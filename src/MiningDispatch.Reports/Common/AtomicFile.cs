using System.Text;

namespace MiningDispatch.Reports.Common;

/// <summary>
/// Writes a file through a temporary file in the same folder and then moves it over the target, so a reader never
/// sees a half-written report and a failed write leaves the previous file untouched.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full) ?? throw new ArgumentException($"Path '{path}' has no folder.", nameof(path));
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            // Read-write: the Open XML package writer (report.xlsx) needs a readable stream.
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new IOException($"Could not write '{full}': {ex.Message}", ex);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    public static void WriteText(string path, string text) => Write(path, s =>
    {
        var bytes = Utf8NoBom.GetBytes(text);
        s.Write(bytes, 0, bytes.Length);
    });

    public static void WriteText(string path, Action<TextWriter> write) => Write(path, s =>
    {
        using var w = new StreamWriter(s, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
        write(w);
        w.Flush();
    });

    public static void WriteBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes, 0, bytes.Length));

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { /* best effort */ }
        catch (UnauthorizedAccessException) { /* best effort */ }
    }
}
