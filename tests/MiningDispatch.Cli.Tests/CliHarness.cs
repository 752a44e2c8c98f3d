using MiningDispatch.Cli;
using MiningDispatch.Cli.Commands;
using Spectre.Console;

namespace MiningDispatch.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output and a controlled environment.</summary>
internal static class CliHarness
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SampleDir => Path.Combine(RepoRoot, "data", "sample");

    public static (int Code, string Out, string Err) Run(IReadOnlyDictionary<string, string?>? env, params string[] args) =>
        RunWith(new CliEnvironment(name => env is not null && env.TryGetValue(name, out var v) ? v : null, Interactive: false), args);

    /// <summary>Runs the CLI in-process with <paramref name="environment"/> (e.g. one whose API waits are recorded, not slept).</summary>
    public static (int Code, string Out, string Err) RunWith(CliEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        int code = Program.RunAsync(args, console, stderr, environment).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Created = NewRegistry();

    /// <summary>A fresh folder of its own (parallel tests never share one), deleted when the test process exits
    /// if the test did not delete it itself.</summary>
    public static string NewTempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "md-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        Created.Add(d);
        return d;
    }

    private static System.Collections.Concurrent.ConcurrentBag<string> NewRegistry()
    {
        var bag = new System.Collections.Concurrent.ConcurrentBag<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var d in bag)
            {
                try { if (Directory.Exists(d)) Directory.Delete(d, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        };
        return bag;
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MiningDispatch.slnx"))) return d.FullName;
        throw new InvalidOperationException("Repository root (MiningDispatch.slnx) not found above " + AppContext.BaseDirectory);
    }
}
