using System.Diagnostics;
using System.Globalization;

namespace MiningDispatch.Benchmarks.Figures;

/// <summary>The key=value pairs a child process printed on its RESULT line, and its wall time seen from outside.</summary>
internal sealed record ChildResult(IReadOnlyDictionary<string, string> Values, double WallSeconds)
{
    public double this[string key] => double.Parse(Values[key], CultureInfo.InvariantCulture);
}

/// <summary>Runs this executable (or another program) in a fresh process and reads its RESULT line.</summary>
internal static class ChildProcess
{
    public const string ResultPrefix = "RESULT ";

    /// <summary>Prints the RESULT line a parent reads.</summary>
    public static void Report(params (string Key, double Value)[] values) =>
        Console.WriteLine(ResultPrefix + string.Join(' ', values.Select(v => v.Key + "=" + v.Value.ToString("R", CultureInfo.InvariantCulture))));

    /// <summary>Runs this benchmark executable with <paramref name="args"/> in a new process.</summary>
    public static ChildResult RunSelf(params string[] args)
    {
        string exe = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot find this executable's path.");
        var all = new List<string>();
        if (Path.GetFileNameWithoutExtension(exe) == "dotnet") all.Add(typeof(ChildProcess).Assembly.Location);
        all.AddRange(args);
        var (stdout, wall) = RunProgram(exe, all);
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"Child '{string.Join(' ', args)}' printed no result:\n{stdout}");
        var values = line[ResultPrefix.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
        return new ChildResult(values, wall);
    }

    /// <summary>Runs a program to completion; throws with its output when it fails. Returns stdout and the wall time.</summary>
    public static (string Stdout, double WallSeconds) RunProgram(string exe, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var (stdout, stderr, exit, wall) = TryRunProgram(exe, args, workingDirectory, environment);
        if (exit != 0)
            throw new InvalidOperationException($"{Path.GetFileName(exe)} {string.Join(' ', args)} exited with {exit}:\n{stdout}\n{stderr}");
        return (stdout, wall);
    }

    /// <summary>Runs a program to completion whatever its exit code: stdout, stderr, exit code and wall time (process start included).</summary>
    public static (string Stdout, string Stderr, int ExitCode, double WallSeconds) TryRunProgram(string exe, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Cannot start {exe}.");
        p.StandardInput.Close();
        var err = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        double wall = sw.Elapsed.TotalSeconds;
        return (stdout, err.Result, p.ExitCode, wall);
    }
}
