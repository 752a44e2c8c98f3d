using System.Text;

namespace MiningDispatch.Data.Tests;

/// <summary>A temporary folder deleted at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "md-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> exactly (no newline translation), UTF-8, optional BOM.</summary>
    public string Write(string name, string text, bool bom = false)
    {
        var file = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(file, text, new UTF8Encoding(bom));
        return file;
    }

    /// <summary>Writes <paramref name="content"/> as UTF-8 without a BOM.</summary>
    public string File(string name, string content) => Write(name, content);

    public string Copy(string source, string? name = null)
    {
        var file = System.IO.Path.Combine(Path, name ?? System.IO.Path.GetFileName(source));
        System.IO.File.Copy(source, file);
        return file;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
