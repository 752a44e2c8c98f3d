using System.Globalization;
using System.Text.RegularExpressions;
using MiningDispatch.Cli.Tests.Support;
using static MiningDispatch.Cli.Tests.Support.SampleMarket;

namespace MiningDispatch.Cli.Tests.Commands;

/// <summary>
/// `report --from result.json` after each kind of run (PPA with basis and DA/RT, fleet, 4CP with DR and BTC, risk,
/// sweep, forecast with Monte Carlo): the same terminal tables and the same report files, sections included.
/// </summary>
public sealed class ReportFromResultTests
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>The original run (into A) and the re-render (into B).</summary>
    private sealed record Pair(string OutA, string OutB, string DirA, string DirB)
    {
        public string HtmlA => File.ReadAllText(System.IO.Path.Combine(DirA, "report.html"));
        public string HtmlB => File.ReadAllText(System.IO.Path.Combine(DirB, "report.html"));
    }

    private static Pair RoundTrip(params string[] args)
    {
        string dir = CliHarness.NewTempDir();
        string a = System.IO.Path.Combine(dir, "a"), b = System.IO.Path.Combine(dir, "b");
        var (code, outA, err) = CliHarness.Run(null, [.. args, "--out", a]);
        Assert.True(code == 0, $"exit {code}: {err}\n{outA}");
        (code, var outB, err) = CliHarness.Run(null, "report", "--from", System.IO.Path.Combine(a, "result.json"), "--out", b);
        Assert.True(code == 0, $"report exit {code}: {err}\n{outB}");
        var p = new Pair(outA, outB, a, b);
        SameTerminalOutput(p);
        SameFiles(p);
        Assert.Equal(Headings(p.HtmlA), Headings(p.HtmlB));
        return p;
    }

    /// <summary>
    /// The re-render prints what the original printed from its title on (the original may print loader notes and
    /// warnings before it), with B's folder in place of A's.
    /// </summary>
    private static void SameTerminalOutput(Pair p)
    {
        string b = p.OutB.Replace(p.DirB, p.DirA, StringComparison.Ordinal);
        Assert.StartsWith("── MiningDispatch ", b.TrimStart());
        Assert.EndsWith(b, p.OutA, StringComparison.Ordinal);
    }

    /// <summary>Every file of the original (HTML, CSVs, JSON, chart PNGs) is in the re-render with the same bytes, and no other.</summary>
    private static void SameFiles(Pair p)
    {
        static List<string> Files(string dir) => Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal).ToList();
        var files = Files(p.DirA);
        Assert.Contains("report.html", files); // the byte-for-byte loop below is not vacuous
        Assert.Equal(files, Files(p.DirB));
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(System.IO.Path.Combine(p.DirA, f)).AsSpan().SequenceEqual(File.ReadAllBytes(System.IO.Path.Combine(p.DirB, f))), $"{f} differs");
    }

    private static List<string> Headings(string html) => Regex.Matches(html, "<h2>(.*?)</h2>").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The value cell of a key-value row: &lt;tr&gt;&lt;th&gt;label&lt;/th&gt;&lt;td&gt;value&lt;/td&gt;.</summary>
    private static string Kv(string html, string label)
    {
        var m = Regex.Match(html, $"<tr><th>{Regex.Escape(label)}</th><td>(.*?)</td>");
        Assert.True(m.Success, $"no row '{label}' in the report");
        return m.Groups[1].Value;
    }

    /// <summary>The cells of the data row whose first cell is <paramref name="first"/>.</summary>
    private static string[] Row(string html, string first)
    {
        var m = Regex.Match(html, $"<tr><td class=\"nowrap\">{Regex.Escape(first)}</td>(.*?)</tr>");
        Assert.True(m.Success, $"no row '{first}' in the report");
        return Regex.Matches(m.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(x => x.Groups[1].Value).ToArray();
    }

    /// <summary>The dollar amount at the start of an HTML cell ("$1,234.56", "-$5", "+$7.00").</summary>
    private static double HtmlUsd(string cell) => ParseUsd(Regex.Match(cell, @"-?\$[\d,]+(\.\d+)?").Value);

    /// <summary>The key number is the same in both reports and matches the terminal (rounded to the dollar there).</summary>
    private static double KeyNumber(Pair p, string htmlLabel, double terminal)
    {
        string cell = Kv(p.HtmlA, htmlLabel);
        Assert.Equal(cell, Kv(p.HtmlB, htmlLabel));
        double v = HtmlUsd(cell);
        Assert.InRange(v - terminal, -0.5, 0.5);
        return v;
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Ppa_with_basis_dr_and_day_ahead_keeps_contract_basis_two_settlement_and_the_optimum()
    {
        string da = SampleMarket.Path(DaRtFile);
        var p = RoundTrip("backtest", "--prices", da, "--da-prices", da, "--settlement-point", "LZ_WEST", "--basis-point", "HB_WEST",
            "--ppa", System.IO.Path.Combine(CliHarness.RepoRoot, "examples", "ppa.json"), "--settle-at", "hub", "--dr-price", "2.5");
        Assert.Equal(["What if?", "Summary", "Strategy comparison", "Contract: Example West PPA (hub-settled)", "Settlement at LZ_WEST vs HB_WEST",
            "Day-ahead vs real-time settlement", "Charts", "Monthly results", "Best and worst days", "Inputs used", "Data quality"], Headings(p.HtmlB));
        Assert.Contains("optimal (perfect foresight)", p.OutB);
        double total = KeyNumber(p, "Total net profit", Money(p.OutB, "Total net profit"));
        Assert.Equal(total, Amounts(p.OutB, "Site total (")[0], 0);
        KeyNumber(p, "Regret (optimum − strategy, on site totals after restart costs)", Amounts(p.OutB, "Regret vs the perfect-foresight optimum")[0]);
        KeyNumber(p, "Basis cost (LZ_WEST − HB_WEST)", Money(p.OutB, "Basis cost"));
        KeyNumber(p, "Day-ahead gain", Money(p.OutB, "Day-ahead gain (RT-only minus two-settlement)"));
        KeyNumber(p, "Demand response / ancillary income", Money(p.OutB, "Demand response / ancillary income"));

        // Contract payments by hand: 6 MW x $38.50 every hour, 2 MW x $47 in 5x16 hours (Jun-Sep 2024; July 4 and Labor Day are 2x16).
        double payments = 0;
        foreach (var (t, _, _) in DaRt("LZ_WEST", DayStartUtc(2024, 6, 1), DayStartUtc(2024, 10, 1)))
        {
            var l = Local(t);
            bool holiday = l.Date == new DateTime(2024, 7, 4) || l.Date == new DateTime(2024, 9, 2);
            bool peak = !holiday && l.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && l.Hour is >= 6 and <= 21;
            payments += 6 * 38.5 + (peak ? 2 * 47 : 0);
        }
        Assert.Equal(-payments, HtmlUsd(Kv(p.HtmlB, "Contract payments (take-or-pay)")), 2);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Fleet_keeps_the_per_model_table_and_chart()
    {
        var p = RoundTrip("backtest", "--fleet", System.IO.Path.Combine(CliHarness.RepoRoot, "examples", "fleet.json"), "--start", "2024-05-01", "--end", "2024-09-30");
        Assert.Contains("Mixed fleet by model", Headings(p.HtmlB));
        Assert.Contains("Fleet by model (merit order, most efficient first)", p.OutB);
        Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", "fleet-mw.png")));
        var s21 = Row(p.HtmlB, "S21");
        Assert.Equal(s21, Row(p.HtmlA, "S21"));
        Assert.Equal("1,200", s21[0]);
        var terminal = p.OutB.Split('\n').First(l => l.TrimStart().StartsWith("S21 ", StringComparison.Ordinal));
        Assert.Equal(HtmlUsd(s21[^1]), ParseUsd(Regex.Matches(terminal, @"-?\$[\d,]+").Last().Value), 0);
        Assert.Contains("Available MW (whole machines under the site cap): 8.000 MW", p.HtmlB); // siteCapMw 8 in examples/fleet.json
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Fleet_with_ppa_dr_4cp_avoidance_and_basis_keeps_every_section()
    {
        var p = RoundTrip("backtest", "--fleet", System.IO.Path.Combine(CliHarness.RepoRoot, "examples", "fleet.json"),
            "--ppa", System.IO.Path.Combine(CliHarness.RepoRoot, "examples", "ppa.json"), "--prices", SampleMarket.Path(DaRtFile),
            "--settlement-point", "LZ_WEST", "--basis-point", "HB_WEST", "--settle-at", "hub", "--dr-price", "2.5",
            "--four-cp-rate", "55", "--system-load", SampleMarket.Path(LoadFile), "--avoid-4cp");
        foreach (var label in new[] { "Contract: Example West PPA (hub-settled)", "Fleet by model", "4CP summer 2024", "Settlement at LZ_WEST vs HB_WEST" })
            Assert.Contains(label, p.OutB);
        Assert.Equal(Money(p.OutA, "Total net profit"), Money(p.OutB, "Total net profit"));
        Assert.Equal(Amounts(p.OutA, "4CP summer 2024"), Amounts(p.OutB, "4CP summer 2024"));
        Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", "fleet-mw.png")));
        Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", "four-cp.png")));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Four_cp_with_dr_keeps_the_avoided_charge_dr_income_and_btc()
    {
        var p = RoundTrip("backtest", "--start", "2024-06-01", "--end", "2024-09-30", "--four-cp-rate", "55",
            "--system-load", SampleMarket.Path(LoadFile), "--avoid-4cp", "--dr-price", "2.5");
        Assert.Equal(["Summary", "Strategy comparison", "Cost to mine one BTC", "4CP transmission charge", "Demand response / ancillary capacity",
            "Charts", "Monthly results", "Best and worst days", "Inputs used", "Data quality"], Headings(p.HtmlB));
        // The site runs 10 MW at all four 2024 peaks without avoidance and 0 MW with it: 10 MW x 1000 x $55/kW-yr.
        double avoided = KeyNumber(p, "Avoided charge", Amounts(p.OutB, "4CP avoided charge")[0]);
        Assert.Equal(10 * 1000 * 55.0, avoided);
        KeyNumber(p, "Income", Amounts(p.OutB, "income:")[0]);
        Assert.Equal(Kv(p.HtmlA, "BTC mined"), Kv(p.HtmlB, "BTC mined"));
        Assert.Contains($"BTC mined: {Kv(p.HtmlB, "BTC mined")};", p.OutB);
        Assert.Contains("Site total", p.OutB);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Risk_keeps_var_the_monte_carlo_and_risk_paths_csv()
    {
        var p = RoundTrip("risk", "--start", "2023-08-01", "--end", "2024-07-31", "--paths", "20", "--seed", "7", "--horizon-days", "60", "--var-levels", "0.9");
        Assert.Contains("Risk", Headings(p.HtmlB));
        var hist = Row(p.HtmlB, "Historical monthly profit");
        Assert.Equal(hist, Row(p.HtmlA, "Historical monthly profit"));
        // Cells: mean, std dev, P5, P50, P95, VaR 95, ...; terminal: mean, P5, P50, P95, ...
        Assert.Equal(HtmlUsd(hist[2]), Amounts(p.OutB, "Historical monthly profit")[1], 0);
        Assert.Equal("not meaningful", hist[5]);                         // 12 months: fewer than 20
        Assert.Contains("At 90 % (simulated horizon)", p.OutB);
        var paths = Csv(System.IO.Path.Combine(p.DirB, "risk-paths.csv"));
        Assert.Equal(20, paths.Count);
        Assert.InRange(Amounts(p.OutB, "Simulated 60-day profit")[0] - paths.Average(r => r.D("profit_usd")), -0.5, 0.5);
        Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", "risk-histogram.png")));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Fleet_sweep_keeps_the_site_cap_axis()
    {
        var p = RoundTrip("sweep", "--fleet", "S21:500,S19 XP:1000", "--site-cap-range", "1.5,4", "--hashprice-mult", "0.8,1.2",
            "--start", "2024-07-01", "--end", "2024-07-14", "--no-prompt");
        Assert.Contains("Sensitivity sweep (4 scenarios)", Headings(p.HtmlB));
        Assert.Contains("Top 4 of 4 scenarios by profit (whole fleet)", p.OutB);
        Assert.Contains("Profit by site cap", p.OutB);
        var rows = Csv(System.IO.Path.Combine(p.DirB, "sweep.csv"));
        Assert.Equal([1.5, 1.5, 4, 4], rows.Select(r => r.D("site_cap_mw")).ToArray());
    }

    [Fact]
    public void Sweep_keeps_the_top_table_tornado_heat_map_and_sweep_csv()
    {
        var p = RoundTrip("sweep", "--efficiency", "17.5,21.5", "--hashprice-mult", "0.8,1.25", "--adder", "0:5:5", "--min-profit", "0,250",
            "--start", "2024-01-01", "--end", "2024-03-31");
        Assert.Contains("Sensitivity sweep (16 scenarios)", Headings(p.HtmlB));
        Assert.Contains("Top 10 of 16 scenarios", p.OutB);
        Assert.Contains("Tornado", p.OutB);
        Assert.Contains("Profit by efficiency", p.OutB);
        var rows = Csv(System.IO.Path.Combine(p.DirB, "sweep.csv"));
        Assert.Equal(16, rows.Count);
        var best = Regex.Match(p.HtmlB, "id=\"sweep\".*?<tbody>\\s*<tr><td class=\"nowrap\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">([^<]*)</td>", RegexOptions.Singleline);
        Assert.True(best.Success);
        Assert.Equal(rows.Max(r => r.D("profit_usd")), HtmlUsd(best.Groups[1].Value), 0);
        foreach (var png in new[] { "tornado.png", "profit-heatmap.png", "breakeven-surface.png" })
            Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", png)), png);
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void Forecast_keeps_the_shaped_blocks_and_the_forward_monte_carlo()
    {
        var p = RoundTrip("forecast", "--curve", SampleMarket.Path(CurveFile), "--hashprice-path", "flat:45", "--start", "2027-01", "--months", "2", "--paths", "10");
        Assert.Contains("Forecast inputs", Headings(p.HtmlB));
        Assert.Contains("Risk", Headings(p.HtmlB));
        Assert.Contains("Forward curve forward_curve_ILLUSTRATIVE_hb_west_2027.csv shaped to hours", p.OutB);
        Assert.Contains("Hashprice path: flat 45 $/PH/day.", p.OutB);
        // The 2027-01 5x16 block keeps the curve's price.
        var line = File.ReadLines(SampleMarket.Path(CurveFile)).First(l => l.StartsWith("2027-01", StringComparison.Ordinal) && l.Contains(",5x16,", StringComparison.Ordinal));
        double price = double.Parse(line.Split(',')[2], Ci);
        var block = Row(p.HtmlB, "2027-01");
        Assert.Equal("5x16", block[0]);
        Assert.Equal(price.ToString("0.00", Ci), block[2]);
        Assert.Equal(10, Csv(System.IO.Path.Combine(p.DirB, "risk-paths.csv")).Count);
        Assert.True(File.Exists(System.IO.Path.Combine(p.DirB, "charts", "forward-curve.png")));
    }
}
