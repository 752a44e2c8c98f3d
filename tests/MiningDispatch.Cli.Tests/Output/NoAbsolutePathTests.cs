using System.IO.Compression;
using System.Text;
using MiningDispatch.Cli.Tests.Support;

namespace MiningDispatch.Cli.Tests.Output;

/// <summary>
/// No output carries an absolute local path: every command that writes a report runs on inputs named by absolute
/// paths into a temporary folder, and no file it writes (nor an entry inside report.xlsx) contains the repository's
/// path, the temporary folder's or the home directory's; the terminal shows neither the repository nor the home path.
/// </summary>
public sealed class NoAbsolutePathTests
{
    private static readonly string Home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static TheoryData<string, string[]> Commands() => new()
    {
        { "backtest", ["backtest", "--prices", SampleMarket.Path(SampleMarket.RtFile), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile),
            "--start", "2024-06-01", "--end", "2024-08-31", "--four-cp-rate", "50", "--system-load", SampleMarket.Path(SampleMarket.LoadFile)] },
        { "forecast", ["forecast", "--curve", SampleMarket.Path(SampleMarket.CurveFile), "--hashprice-path", "growth:45:-2", "--start", "2027-01", "--months", "3", "--paths", "20"] },
        { "risk", ["risk", "--prices", SampleMarket.Path(SampleMarket.RtFile), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile), "--paths", "50", "--seed", "42", "--horizon-days", "60"] },
        { "sweep", ["sweep", "--prices", SampleMarket.Path(SampleMarket.RtFile), "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile),
            "--efficiency", "18:24:3", "--hashprice-mult", "0.8:1.2:0.2", "--start", "2024-06-01", "--end", "2024-06-30"] },
    };

    [Trait("Category", "Slow")]
    [Theory]
    [MemberData(nameof(Commands))]
    public void No_output_file_holds_an_absolute_local_path(string name, string[] args)
    {
        string dir = CliHarness.NewTempDir();
        string outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliHarness.Run(null, [.. args, "--out", outDir, "--json", Path.Combine(dir, "summary-copy.json")]);
        Assert.True(code == 0, $"{name}: exit {code}: {stderr}\n{stdout}");

        // report --from re-renders the saved result into a second folder.
        string again = Path.Combine(dir, "again");
        (code, var stdout2, stderr) = CliHarness.Run(null, "report", "--from", Path.Combine(outDir, "result.json"), "--out", again);
        Assert.True(code == 0, $"report --from after {name}: exit {code}: {stderr}\n{stdout2}");

        var forbidden = new[] { CliHarness.RepoRoot, dir, Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, Home + Path.DirectorySeparatorChar };
        int files = 0;
        foreach (string file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            foreach (var (entry, text) in Texts(file))
                foreach (string bad in forbidden)
                    Assert.False(text.Contains(bad, StringComparison.Ordinal), $"{name}: {Path.GetRelativePath(dir, file)}{entry} contains the absolute path {bad}");
            files++;
        }
        Assert.True(files >= 10, $"{name}: only {files} files written");
        foreach (string shown in new[] { stdout, stdout2 })
        {
            Assert.DoesNotContain(CliHarness.RepoRoot, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(Home + Path.DirectorySeparatorChar, shown, StringComparison.Ordinal);
        }
    }

    /// <summary>The file's text (PNG bytes as Latin-1, so an embedded path would still show), or each entry of a zip (xlsx).</summary>
    private static IEnumerable<(string Entry, string Text)> Texts(string file)
    {
        if (file.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(file);
            foreach (var e in zip.Entries)
            {
                using var reader = new StreamReader(e.Open(), Encoding.UTF8);
                yield return ("!" + e.FullName, reader.ReadToEnd());
            }
            yield break;
        }
        yield return ("", Encoding.Latin1.GetString(File.ReadAllBytes(file)));
    }
}
