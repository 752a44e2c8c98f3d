using System.Text.RegularExpressions;
using MiningDispatch.Core.Economics;

namespace MiningDispatch.Core.Tests.Architecture;

/// <summary>
/// MiningDispatch.Core is the pure domain: no file or network IO, no console, no clock, no environment, no drawing or
/// CLI libraries. Loaders live in Data, rendering in Reports, the edges in the CLI. A failure names the assembly or
/// the file:line and what it uses.
/// </summary>
public partial class CorePurityTests
{
    /// <summary>Assembly name prefixes Core must not reference.</summary>
    private static readonly string[] ForbiddenAssemblies =
    [
        "System.Net.Http", "System.Net.Requests", "System.Net.Sockets", "System.Console", "System.Drawing",
        "ScottPlot", "SkiaSharp", "Plotly", "Spectre.Console", "System.CommandLine", "Microsoft.Data.Sqlite", "DocumentFormat.OpenXml",
    ];

    /// <summary>Source patterns that mean IO, console, HTTP, clock, environment or timing.</summary>
    private static readonly (Regex Pattern, string What)[] ForbiddenCode =
    [
        (FileApi(), "file-system IO"),
        (StreamApi(), "stream IO"),
        (ConsoleApi(), "the console"),
        (HttpApi(), "HTTP"),
        (ClockApi(), "the wall clock (take times as inputs; the clock is read at the edges)"),
        (EnvironmentApi(), "the process environment"),
        (StopwatchApi(), "timing"),
    ];

    [Fact]
    public void Core_references_no_io_console_http_drawing_or_cli_assembly()
    {
        var refs = typeof(MiningEconomics).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        Assert.NotEmpty(refs);
        var bad = refs.Where(r => ForbiddenAssemblies.Any(f => r.StartsWith(f, StringComparison.Ordinal))).ToList();
        Assert.True(bad.Count == 0, "MiningDispatch.Core references " + string.Join(", ", bad));
    }

    [Fact]
    public void Core_sources_use_no_io_console_http_clock_environment_or_stopwatch()
    {
        string root = RepoRoot();
        string core = Path.Combine(root, "src", "MiningDispatch.Core");
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(Path.GetRelativePath(core, f)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count > 50, $"only {files.Count} source files found under {core}");
        var violations = new List<string>();
        foreach (var file in files)
            foreach (var v in Scan(File.ReadAllLines(file)))
                violations.Add($"{Path.GetRelativePath(root, file).Replace('\\', '/')}:{v.Line}: {v.What}: {v.Text}");
        Assert.True(violations.Count == 0, "MiningDispatch.Core must stay pure:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_scanner_finds_each_forbidden_use_and_ignores_comments_and_strings()
    {
        string[] source =
        [
            "var now = DateTime.UtcNow;",
            "/// <summary>DateTime.Now in a doc comment is fine.</summary>",
            "var s = \"File.ReadAllText in a message is fine\"; // and Console.WriteLine in a comment",
            "var text = File.ReadAllText(path);",
            "using var r = new StreamReader(path);",
            "Console.Error.WriteLine(x);",
            "using var c = new HttpClient();",
            "int n = Environment.ProcessorCount;",
            "var sw = Stopwatch.StartNew();",
            "var today = DateTime.Today; var rng = Xoshiro.ForStream(1, 2); var d = Directory.GetFiles(p);",
        ];
        var found = Scan(source).Select(f => $"{f.Line} {f.What.Split(' ')[^1]}").ToList();
        Assert.Equal(["1 edges)", "4 IO", "5 IO", "6 console", "7 HTTP", "8 environment", "9 timing", "10 IO", "10 edges)"], found);
    }

    private static IEnumerable<(int Line, string What, string Text)> Scan(string[] lines)
    {
        bool inBlockComment = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string code = StripCommentsAndStrings(lines[i], ref inBlockComment);
            foreach (var (pattern, what) in ForbiddenCode)
                if (pattern.IsMatch(code))
                    yield return (i + 1, what, lines[i].Trim());
        }
    }

    /// <summary>The code of one line without string and char literals and comments (block comments may span lines).</summary>
    private static string StripCommentsAndStrings(string line, ref bool inBlockComment)
    {
        var sb = new System.Text.StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            if (inBlockComment)
            {
                if (line[i] == '*' && i + 1 < line.Length && line[i + 1] == '/') { inBlockComment = false; i++; }
                continue;
            }
            char c = line[i];
            if (c == '/' && i + 1 < line.Length && line[i + 1] == '/') break;
            if (c == '/' && i + 1 < line.Length && line[i + 1] == '*') { inBlockComment = true; i++; continue; }
            if (c is '"' or '\'')
            {
                // Skip the literal (escapes included); interpolation holes are skipped too, which errs on the lenient side.
                int j = i + 1;
                while (j < line.Length && line[j] != c) j += line[j] == '\\' ? 2 : 1;
                sb.Append(' ');
                i = j;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsBuildOutput(string relativePath)
    {
        string first = relativePath.Replace('\\', '/').Split('/')[0];
        return first is "bin" or "obj";
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MiningDispatch.slnx")))
                return dir.FullName;
        throw new InvalidOperationException($"No MiningDispatch.slnx above {AppContext.BaseDirectory}; the architecture test runs from the repository.");
    }

    [GeneratedRegex(@"\b(File|Directory|FileInfo|DirectoryInfo|DriveInfo|FileSystemWatcher)\b\s*[.(]|\bnew\s+(FileInfo|DirectoryInfo)\b|\bSystem\.IO\b")]
    private static partial Regex FileApi();

    [GeneratedRegex(@"\b(Stream|FileStream|MemoryStream|StreamReader|StreamWriter|BinaryReader|BinaryWriter|TextReader|TextWriter)\b")]
    private static partial Regex StreamApi();

    [GeneratedRegex(@"\bConsole\s*\.")]
    private static partial Regex ConsoleApi();

    [GeneratedRegex(@"\b(HttpClient|HttpMessageHandler|HttpRequestMessage|WebClient|System\.Net\.Http)\b")]
    private static partial Regex HttpApi();

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\s*\.\s*(Now|UtcNow|Today)\b|\bTimeProvider\s*\.\s*System\b")]
    private static partial Regex ClockApi();

    [GeneratedRegex(@"\bEnvironment\s*\.")]
    private static partial Regex EnvironmentApi();

    [GeneratedRegex(@"\bStopwatch\b")]
    private static partial Regex StopwatchApi();
}
