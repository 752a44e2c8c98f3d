using System.Diagnostics;
using System.Globalization;

namespace MiningDispatch.Cli.Tests.Interruption;

/// <summary>
/// A real CLI process interrupted by SIGINT (Ctrl+C) and SIGTERM during a long sweep: it stops within a few seconds
/// with exit 130 and publishes nothing (no report, no staging folder, no temporary files). Unix only: a shell starts
/// the CLI, sends the signal with kill(1) and reports the exit code and the seconds the CLI took to stop. A shell starts
/// background commands with SIGINT ignored (and the test host may have been started so too), and a program rightly
/// keeps a signal it inherited as ignored, as a terminal user's Ctrl+C never is: perl restores SIGINT's default first.
/// </summary>
public sealed class SignalTests
{
    private const string ResetSigint = "perl -e '$SIG{INT} = \"DEFAULT\"; exec @ARGV or die'";

    private static string CliDll => Path.Combine(AppContext.BaseDirectory, "mining-dispatch.dll");

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_long_sweep_stops_promptly_with_exit_130_and_leaves_no_outputs(string signal)
    {
        if (OperatingSystem.IsWindows()) return; // no kill(1); Ctrl+C there is Console.CancelKeyPress, the same code path
        Assert.True(File.Exists(CliDll), CliDll);
        string dir = CliHarness.NewTempDir(), outDir = Path.Combine(dir, "out");
        // About 950,000 scenarios over half a year: minutes of work, far longer than the test waits.
        string script = $"""
            {ResetSigint} dotnet '{CliDll}' sweep --efficiency 10:40:0.1 --hashprice-mult 0.5:2:0.01 --adder 0:20:1 --start 2024-01-01 --end 2024-06-30 --out '{outDir}' </dev/null >'{dir}/out.txt' 2>'{dir}/err.txt' &
            pid=$!
            sleep 5
            if ! kill -0 $pid 2>/dev/null; then echo "ended-early"; exit 0; fi
            start=$(date +%s%N)
            kill -{signal} $pid
            wait $pid
            code=$?
            echo "$code $(( ($(date +%s%N) - start) / 1000000 ))"
            """;
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["CI"] = "1";
        using var p = Process.Start(psi)!;
        string result = (await p.StandardOutput.ReadToEndAsync()).Trim();
        await p.WaitForExitAsync();
        string err = File.Exists(Path.Combine(dir, "err.txt")) ? await File.ReadAllTextAsync(Path.Combine(dir, "err.txt")) : "";
        Assert.NotEqual("ended-early", result);
        var parts = result.Split(' ');
        Assert.True(parts.Length == 2, $"shell printed '{result}'; stderr: {err}");
        Assert.True(parts[0] == "130", $"exit {parts[0]}; stderr: {err}");
        Assert.True(int.Parse(parts[1], CultureInfo.InvariantCulture) < 5000, $"took {parts[1]} ms to stop after SIG{signal}");
        Assert.Contains("Cancelled", err, StringComparison.Ordinal);
        // Nothing published: no report files, no staging folder, no temporary file.
        if (Directory.Exists(outDir)) Assert.Empty(Directory.GetFileSystemEntries(outDir, "*", SearchOption.AllDirectories));
    }
}
