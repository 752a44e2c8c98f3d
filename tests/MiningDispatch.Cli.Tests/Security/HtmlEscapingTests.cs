using System.Text.RegularExpressions;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.TempPrices;

namespace MiningDispatch.Cli.Tests.Security;

/// <summary>
/// Text from input files reaches the HTML report only escaped: a settlement point named like a script tag (or an
/// img with onerror, or Spectre markup) shows as text in the report, the terminal and the JSON, adds no element to
/// the page and does not break the hourly CSV.
/// </summary>
public sealed class HtmlEscapingTests : IDisposable
{
    private readonly string _dir = CliHarness.NewTempDir();

    public void Dispose() => Directory.Delete(_dir, true);

    private (int Code, string Out, string Err, string OutDir) Backtest(string point, string name)
    {
        string prices = WriteLong(_dir, name + ".csv", point, Hours(Utc(2024, 3, 1, 6), 48).Select((t, i) => (t, 20.0 + i)));
        string outDir = Path.Combine(_dir, name);
        var (code, stdout, stderr) = CliHarness.Run(null, "backtest", "--no-prompt", "--prices", prices, "--settlement-point", point,
            "--hashprice", SampleMarket.Path(SampleMarket.HashpriceFile), "--out", outDir, "--json", Path.Combine(outDir, "copy.json"));
        return (code, stdout, stderr, outDir);
    }

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what), RegexOptions.IgnoreCase);

    [Trait("Category", "Slow")]
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;", "<script>alert(1)")]
    [InlineData("<img src=x onerror=alert(2)>&co", "&lt;IMG SRC=X ONERROR=ALERT(2)&gt;&amp;CO", "<img src=x")]
    public void Settlement_point_named_like_markup_is_escaped_in_the_report(string point, string escaped, string raw)
    {
        var clean = Backtest("HB_WEST", "clean");
        var (code, stdout, stderr, outDir) = Backtest(point, "hostile");
        Assert.True(code == 0, stderr);
        Assert.Equal(0, clean.Code);

        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        string cleanHtml = File.ReadAllText(Path.Combine(clean.OutDir, "report.html"));
        Assert.Equal(0, Count(html, raw));
        Assert.Contains(escaped, html); // the loader gives point names in upper case, as ERCOT writes them
        Assert.True(Count(html, escaped) >= 3, "title, data-quality heading and source all show the name");
        // no element was added: as many script / img tags as the report of an ordinary point has
        Assert.Equal(Count(cleanHtml, "<script"), Count(html, "<script"));
        Assert.Equal(Count(cleanHtml, "</script"), Count(html, "</script"));
        Assert.Equal(Count(cleanHtml, "<img"), Count(html, "<img"));

        // hourly.csv: the name is not a column, every row keeps the header's field count, nothing of the name slipped in
        var lines = File.ReadAllLines(Path.Combine(outDir, "hourly.csv"));
        int fields = lines[0].Split(',').Length;
        Assert.Equal(49, lines.Length);
        Assert.All(lines, l => Assert.Equal(fields, l.Split(',').Length));
        Assert.All(lines, l => Assert.DoesNotContain("<", l));

        // JSON keeps the name as data; the terminal prints it as text (Spectre markup escaped)
        string upper = point.ToUpperInvariant();
        var result = SampleMarket.Json(Path.Combine(outDir, "result.json"));
        Assert.Contains(upper, result.GetProperty("info").GetProperty("title").GetString());
        Assert.Contains(upper, stdout);
    }

    [Fact]
    public void Spectre_markup_in_a_point_name_is_printed_as_text_by_backtest_and_validate()
    {
        var (code, stdout, stderr, outDir) = Backtest("[red]HB[/]", "markup");
        Assert.True(code == 0, stderr);
        Assert.Contains("[RED]HB[/] real-time", stdout);
        Assert.Contains("[RED]HB[/] real-time", File.ReadAllText(Path.Combine(outDir, "report.html")));

        var v = CliHarness.Run(null, "validate", "--prices", Path.Combine(_dir, "markup.csv"));
        Assert.Equal(0, v.Code);
        Assert.Contains("[RED]HB[/]", v.Out);
    }
}
