using System.CommandLine;
using MiningDispatch.Cli.Commands;
using MiningDispatch.Cli.Tests.Security;
using MiningDispatch.Cli.Tests.Support;
using MiningDispatch.Data.Hashprice;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// Exit codes from one mapping (issue 12): input and IO problems are exit 2 with the path and the OS reason, checked
/// before any computation where they concern the outputs; internal errors are exit 70 with a hint to report them and
/// the stack trace only with --verbose; an ArgumentException is no longer an "input error".
/// </summary>
public sealed class ExitCodeMappingTests : IDisposable
{
    private const string Key = "hi.EXITCODES-7a6b5c4d3e2f";
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    /// <summary>A price file that does not exist: if the run got as far as loading, the error would name it instead.</summary>
    private const string MissingPrices = "/nonexistent/md-exit-codes/prices.csv";

    private static void AssertOneLineError(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
    }

    [Fact]
    public void Json_pointing_at_a_folder_is_exit_2_before_any_computation()
    {
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", MissingPrices, "--json", _dir, "--out", Path.Combine(_dir, "out"));
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains($"--json {_dir}", stderr);
        Assert.Contains("is a folder", stderr);
        Assert.DoesNotContain("prices.csv", stderr); // checked before the prices were even looked at
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Out_at_an_existing_file_is_exit_2_before_any_computation()
    {
        string file = Path.Combine(_dir, "report.txt");
        File.WriteAllText(file, "keep me");
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", MissingPrices, "--out", file);
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains($"--out {file}", stderr);
        Assert.Contains("is a file, not a folder", stderr);
        Assert.Equal("keep me", File.ReadAllText(file));
        Assert.Equal("", stdout);
    }

    [Fact]
    public void Out_below_an_existing_file_is_exit_2()
    {
        string file = Path.Combine(_dir, "plain");
        File.WriteAllText(file, "x");
        string outDir = Path.Combine(file, "sub", "out");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", MissingPrices, "--out", outDir);
        Assert.Equal(2, code);
        Assert.Contains($"{file} is a file, so the folder", stderr);
    }

    [Fact]
    public void Out_at_dev_null_is_exit_2()
    {
        if (!File.Exists("/dev/null")) return; // Unix only
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", MissingPrices, "--out", "/dev/null");
        Assert.Equal(2, code);
        Assert.Contains("--out /dev/null", stderr);
    }

    [Fact]
    public void Out_in_a_read_only_folder_is_exit_2_with_the_os_reason()
    {
        // /sys refuses new files even for root, so this works in containers that run the tests as root.
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel")) return;
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", MissingPrices, "--out", "/sys/kernel/md-out");
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains("--out /sys/kernel/md-out: cannot write in /sys/kernel", stderr);
    }

    [Fact]
    public void No_report_skips_the_out_check_but_not_the_json_check()
    {
        string file = Path.Combine(_dir, "not-a-folder");
        File.WriteAllText(file, "x");
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--no-report", "--prices", MissingPrices, "--out", file);
        Assert.Equal(2, code);
        Assert.Contains(MissingPrices, stderr); // --out is not written with --no-report, so the run went on to the prices
    }

    private Dictionary<string, string?> ApiEnv(FakeHashrateIndex server, string? cacheDir = null, string? key = Key, string? baseUrl = null) => new()
    {
        ["HASHRATEINDEX_API_KEY"] = key,
        ["HASHRATEINDEX_BASE_URL"] = baseUrl ?? server.BaseUrl,
        ["MINING_DISPATCH_CACHE_DIR"] = cacheDir ?? Path.Combine(_dir, "cache"),
    };

    private static string[] ApiArgs(params string[] extra) =>
    [
        "backtest", "--no-prompt", "--no-report", "--hashprice-source", "hashrateindex", "--prices", SampleMarket.Path(SampleMarket.RtFile),
        "--start", "2023-08-01", "--end", "2023-08-07", .. extra,
    ];

    [Fact]
    public void Cache_dir_pointing_at_a_file_is_exit_2()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        string file = Path.Combine(_dir, "cache-file");
        File.WriteAllText(file, "x");
        var (code, _, stderr) = CliHarness.Run(ApiEnv(server), ApiArgs("--cache-dir", file));
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains($"--cache-dir {file} is a file, not a folder", stderr);
        Assert.Empty(server.KeysReceived);
    }

    [Fact]
    public void New_cache_folder_on_a_read_only_file_system_is_exit_2_naming_it()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/sys/kernel")) return;
        using var server = FakeHashrateIndex.Accepting(Key);
        string cache = "/sys/kernel/md-cache-" + Guid.NewGuid().ToString("N");
        var (code, _, stderr) = CliHarness.Run(ApiEnv(server, cacheDir: cache), ApiArgs());
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains($"The hashprice cache folder {cache} cannot be created", stderr);
    }

    [Fact]
    public void Base_url_that_is_not_a_url_is_exit_2_naming_the_variable()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        var (code, _, stderr) = CliHarness.Run(ApiEnv(server, baseUrl: "not a url"), ApiArgs());
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains("HASHRATEINDEX_BASE_URL", stderr);
        Assert.Contains("'not a url'", stderr);
    }

    [Fact]
    public void Key_with_a_line_break_is_exit_2_and_nothing_is_sent()
    {
        using var server = FakeHashrateIndex.Accepting(Key);
        var (code, stdout, stderr) = CliHarness.Run(ApiEnv(server, key: Key + "\r\nX-Injected: yes"), ApiArgs());
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains("control character (U+000D, CR)", stderr);
        Assert.DoesNotContain("EXITCODES", stdout + stderr);
        Assert.Empty(server.KeysReceived);
    }

    [Fact]
    public void Config_file_that_is_a_folder_is_exit_2_with_the_path()
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--no-report", "--config", _dir);
        Assert.Equal(2, code);
        AssertOneLineError(stderr);
        Assert.Contains(_dir, stderr);
    }

    [Theory]
    [InlineData("io")]
    [InlineData("denied")]
    [InlineData("notfound")]
    public void Io_failures_map_to_2_with_their_message(string kind)
    {
        Exception ex = kind switch
        {
            "io" => new IOException("No space left on device : '/data/out/report.html'"),
            "denied" => new UnauthorizedAccessException("Access to the path '/data/out' is denied."),
            _ => new FileNotFoundException("Could not find file '/data/prices.csv'.", "/data/prices.csv"),
        };
        var err = new StringWriter();
        Assert.Equal(ExitCodes.InputError, ExitCodes.Report(ex, err, verbose: false));
        Assert.Equal("error: " + ex.Message + Environment.NewLine, err.ToString());
    }

    [Fact]
    public void Api_failures_map_to_3_and_cancellation_to_130()
    {
        Assert.Equal(3, ExitCodes.For(new HashrateIndexException("x", 500, "/p")));
        Assert.Equal(130, ExitCodes.For(new OperationCanceledException()));
        Assert.Equal(2, ExitCodes.For(new MiningDispatch.App.SettingsException("x")));
    }

    private static ParseResult Parse(params string[] args) =>
        CommandTree.Build(Spectre.Console.AnsiConsole.Console, TextWriter.Null, new CliEnvironment(_ => null, false)).Parse(args);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Internal_errors_are_70_with_a_hint_and_the_stack_trace_only_when_verbose(bool verbose)
    {
        var parse = Parse(verbose ? ["backtest", "--verbose"] : ["backtest"]);
        var err = new StringWriter();
        // An ArgumentException is a bug (an unchecked value reached the domain), never an input error.
        int code = await CommandTree.Guard(parse, err, () => throw new ArgumentOutOfRangeException(nameof(verbose), "Value to add was out of range."));
        Assert.Equal(70, code);
        string text = err.ToString();
        Assert.StartsWith("error: internal error: ArgumentOutOfRangeException: Value to add was out of range.", text);
        Assert.Contains("This is a bug in mining-dispatch; please report it", text);
        if (verbose)
        {
            Assert.Contains("   at ", text);
            Assert.DoesNotContain("add --verbose", text);
        }
        else
        {
            Assert.DoesNotContain("   at ", text);
            Assert.Contains("add --verbose for the stack trace", text);
            Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    [Fact]
    public void Out_of_range_dates_are_input_errors_not_crashes()
    {
        var (code, _, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--no-report", "--end", "9999-12-31");
        Assert.Equal(2, code);
        Assert.Contains("--end 9999-12-31 is outside the supported range 2000-01-01 to 2099-12-31", stderr);
    }
}
