namespace MiningDispatch.Cli.Tests.BadInputs;

/// <summary>
/// The committed bad-input corpus (TestData/bad-inputs): each line of its manifest.tsv is one case run through the
/// CLI, with the exit code and a fragment of the message it must give. Special files (a FIFO, a symbolic-link loop)
/// cannot be committed portably and are made by the tests below.
/// </summary>
public class BadInputCorpusTests
{
    private static readonly string Dir = Path.Combine(CliHarness.RepoRoot, "tests", "MiningDispatch.Cli.Tests", "TestData", "bad-inputs");

    private static IEnumerable<string[]> Manifest() =>
        File.ReadAllLines(Path.Combine(Dir, "manifest.tsv"))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'));

    public static TheoryData<string> Cases() => new(Manifest().Select(f => f[0]));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_gives_its_exit_code_and_message(string name)
    {
        var fields = Manifest().Single(f => f[0] == name);
        Assert.Equal(4, fields.Length);
        int expectedExit = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        string fragment = fields[2];
        var args = fields[3].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a.Replace("{dir}", Dir, StringComparison.Ordinal).Replace("{sample}", CliHarness.SampleDir, StringComparison.Ordinal))
            .ToArray();
        var (code, stdout, stderr) = CliHarness.Run(null, args);
        string all = stdout + stderr;
        Assert.True(code == expectedExit, $"{name}: exit {code}, expected {expectedExit}\n{all}");
        Assert.Contains(fragment, all, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
    }

    [Fact]
    public void Every_corpus_file_is_used_by_a_case()
    {
        var used = string.Join("\n", Manifest().Select(f => f[3]));
        foreach (var file in Directory.GetFiles(Dir, "*.csv"))
            Assert.Contains("{dir}/" + Path.GetFileName(file), used, StringComparison.Ordinal);
    }

    [Fact]
    public void Fifo_and_symlink_loop_in_a_prices_folder_are_skipped_with_a_warning()
    {
        if (OperatingSystem.IsWindows()) return; // no mkfifo
        string dir = CliHarness.NewTempDir();
        File.Copy(Path.Combine(CliHarness.SampleDir, "ercot_hb_west_rtm_15min_spp_2024-06-01_2024-08-31.csv"), Path.Combine(dir, "a_rtm.csv"));
        File.CreateSymbolicLink(Path.Combine(dir, "loop.csv"), "loop.csv");
        using (var mk = System.Diagnostics.Process.Start("mkfifo", Path.Combine(dir, "pipe.csv"))) mk.WaitForExit();
        Assert.True(File.Exists(Path.Combine(dir, "pipe.csv")));

        var (code, stdout, stderr) = CliHarness.Run(null, "validate", "--prices", dir, "--sp", "HB_WEST");
        string all = stdout + stderr;
        Assert.True(code == 0, all);
        Assert.Contains("pipe.csv: skipped, empty, or not a regular file (a FIFO or a device)", all, StringComparison.Ordinal);
        Assert.Contains("loop.csv: skipped", all, StringComparison.Ordinal);
        Assert.Contains("OK with 2 warning(s)", all, StringComparison.Ordinal);

        // given directly, the FIFO is an input error, not a hang
        var (code2, _, err2) = CliHarness.Run(null, "validate", "--prices", Path.Combine(dir, "pipe.csv"), "--sp", "HB_WEST");
        Assert.Equal(2, code2);
        Assert.Contains("not a readable price file", err2, StringComparison.Ordinal);
    }
}
