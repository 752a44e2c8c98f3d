using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using ExcelDataReader;
using MiningDispatch.Core.Backtest;
using MiningDispatch.Core.Economics;
using MiningDispatch.Core.Series;
using MiningDispatch.Core.Strategies.Threshold;
using MiningDispatch.Core.Units;
using Xunit.Abstractions;

namespace MiningDispatch.Reports.Tests;

/// <summary>
/// report.xlsx is written by hand (Excel/XlsxWriter) and read back here with ExcelDataReader, a different library, so a
/// workbook Excel would refuse cannot pass; every sheet's figures are checked against sums computed in the test.
/// </summary>
public class XlsxReportTests(ITestOutputHelper output)
{
    private const double Cent = 0.005;

    /// <summary>One sheet as read back: header texts, data rows (values) and each data cell's number format.</summary>
    private sealed record SheetData(string Name, string[] Header, List<object?[]> Rows, List<string?[]> Formats)
    {
        public int Col(string header)
        {
            int i = Array.IndexOf(Header, header);
            Assert.True(i >= 0, $"{Name}: no column '{header}' in [{string.Join(" | ", Header)}]");
            return i;
        }

        public double Num(int row, string header) => Assert.IsType<double>(Rows[row][Col(header)]);

        public IEnumerable<double> Column(string header) => Rows.Select(r => r[Col(header)]).OfType<double>();

        /// <summary>A key/value sheet's value cell for <paramref name="item"/> (and <paramref name="unit"/>).</summary>
        public object? Value(string item, string? unit = null)
        {
            var row = Rows.FirstOrDefault(r => Equals(r[0], item) && (unit is null || Equals(r[2], unit)));
            Assert.True(row is not null, $"{Name}: no row '{item}' ({unit})");
            return row[1];
        }
    }

    private static Dictionary<string, SheetData> Read(string path)
    {
        // ExcelDataReader's configuration asks for code page 1252 even for .xlsx.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var sheets = new Dictionary<string, SheetData>(StringComparer.Ordinal);
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        do
        {
            string[]? header = null;
            var rows = new List<object?[]>();
            var formats = new List<string?[]>();
            while (reader.Read())
            {
                var values = new object?[reader.FieldCount];
                var fmts = new string?[reader.FieldCount];
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    values[i] = reader.GetValue(i);
                    fmts[i] = reader.GetNumberFormatString(i);
                }
                if (header is null) header = values.Select(v => v as string ?? "").ToArray();
                else
                {
                    rows.Add(values);
                    formats.Add(fmts);
                }
            }
            sheets.Add(reader.Name, new SheetData(reader.Name, header ?? [], rows, formats));
        } while (reader.NextResult());
        return sheets;
    }

    /// <summary>The full test model with a site total whose lines the test sets by hand.</summary>
    private static BacktestRun Model()
    {
        var m = ResultJsonSectionsTests.FullModel();
        double p = m.Result.Summary.ProfitUsd, ao = m.Result.Summary.AlwaysOnProfitUsd, opt = m.Comparison!.Rows[2].ProfitUsd;
        return m with
        {
            SiteTotal = new SiteTotalSection(
                [new("threshold", "strategy", p, 120, 1000, 250, 500), new("always-on", "baseline", ao, 0, 1000, 0, 700), new("optimal (perfect foresight)", "optimum", opt, 60, 1000, 300, 400)],
                "energy margin", null, 2000, 3000, null, null)
            { OneIntervalLate = new("threshold, one interval late", "strategy", p - 900, 150, 1000, 250, 500) },
        };
    }

    private static readonly Lazy<(BacktestRun Model, string Path, Dictionary<string, SheetData> Sheets)> Written = new(() =>
    {
        var model = Model();
        string path = Path.Combine(TestModels.TempDir(), "report.xlsx");
        XlsxReport.Write(model, path);
        return (model, path, Read(path));
    });

    [Fact]
    public void Every_section_has_its_sheet_in_order()
    {
        Assert.Equal(
            ["Summary", "Monthly", "Intervals", "Site total", "Comparison", "Optimum", "Fleet", "Contract", "Contract tranches", "Contract monthly", "Cost per BTC",
             "4CP", "4CP months", "4CP summers", "Demand response", "Basis", "DA vs RT", "Forecast", "Forecast blocks", "Risk", "Risk tail", "Risk simulated months",
             "Sweep", "Sweep tornado"],
            Written.Value.Sheets.Keys);

        // A plain run has only the three core sheets.
        string path = Path.Combine(TestModels.TempDir(), "plain.xlsx");
        XlsxReport.Write(new BacktestRun(TestModels.Result(), TestModels.Info()), path);
        Assert.Equal(["Summary", "Monthly", "Intervals"], Read(path).Keys);
    }

    [Fact]
    public void Intervals_hold_every_hour_and_sum_to_the_summary()
    {
        var (model, _, sheets) = Written.Value;
        var iv = sheets["Intervals"];
        Assert.Equal(71, iv.Rows.Count);
        double profit = 0, revenue = 0, cost = 0, energy = 0, alwaysOn = 0;
        int row = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, c) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            bool on = rev - c > TestModels.MinProfit;
            Assert.Equal(TestModels.Start.AddHours(t), Assert.IsType<DateTime>(iv.Rows[row][iv.Col("Interval start (UTC)")]), TimeSpan.FromSeconds(1));
            Assert.Equal(TestModels.Start.AddHours(t - 6), Assert.IsType<DateTime>(iv.Rows[row][iv.Col("Interval start (CPT)")]), TimeSpan.FromSeconds(1)); // CST = UTC−6
            Assert.Equal(TestModels.PriceAt(t), iv.Num(row, "Price (USD/MWh)"), 9);
            Assert.Equal(TestModels.HashpricePhDay(t / 24), iv.Num(row, "Hashprice (USD/PH/s/day)"), 9);
            Assert.Equal(on ? 1 : 0, iv.Num(row, "Run (% of capacity)"));
            Assert.Equal(on ? TestModels.Mw : 0, iv.Num(row, "Running (MW)"), 9);
            Assert.Equal(false, iv.Rows[row][iv.Col("Price filled (gap fill)")]);
            if (on) { profit += rev - c; revenue += rev; cost += c; energy += TestModels.Mw; }
            alwaysOn += rev - c;
            row++;
        }
        Assert.Equal(profit, iv.Column("Profit (USD)").Sum(), 6);
        Assert.Equal(revenue, iv.Column("Revenue (USD)").Sum(), 6);
        Assert.Equal(cost, iv.Column("Power cost (USD)").Sum(), 6);
        Assert.Equal(energy, iv.Column("Energy (MWh)").Sum(), 6);
        Assert.Equal(alwaysOn, iv.Column("Always-on profit (USD)").Sum(), 6);
        Assert.Equal(profit, iv.Column("Cumulative profit (USD)").Last(), 6);
        Assert.Equal(profit, Assert.IsType<double>(sheets["Summary"].Value("Profit", "USD")), 6);
        Assert.Equal(model.Result.Summary.ProfitUsd, profit, 6);

        Assert.Equal("yyyy-mm-dd hh:mm", iv.Formats[0][iv.Col("Interval start (UTC)")]);
        Assert.Contains("$", iv.Formats[0][iv.Col("Profit (USD)")], StringComparison.Ordinal);
        Assert.Equal("#,##0.00", iv.Formats[0][iv.Col("Price (USD/MWh)")]);
        Assert.Equal("0.0%", iv.Formats[0][iv.Col("Run (% of capacity)")]);
    }

    [Fact]
    public void Monthly_rows_sum_to_the_total_row_and_the_intervals()
    {
        var sheets = Written.Value.Sheets;
        var mo = sheets["Monthly"];
        var iv = sheets["Intervals"];
        Assert.Equal(3, mo.Rows.Count); // Jan 2024, Feb 2024, Total
        Assert.Equal(new DateTime(2024, 1, 1), mo.Rows[0][0]);
        Assert.Equal(new DateTime(2024, 2, 1), mo.Rows[1][0]);
        Assert.Equal("Total", mo.Rows[2][0]);
        Assert.Equal("mmm yyyy", mo.Formats[0][0]);
        // Market months from the CPT column of the interval sheet, summed here.
        var byMonth = iv.Rows.GroupBy(r => ((DateTime)r[iv.Col("Interval start (CPT)")]!).Month)
            .ToDictionary(g => g.Key, g => (Profit: g.Sum(r => (double)r[iv.Col("Profit (USD)")]!), Hours: g.Count(), Energy: g.Sum(r => (double)r[iv.Col("Energy (MWh)")]!)));
        Assert.Equal(48, byMonth[1].Hours);   // 30 and 31 January
        Assert.Equal(23, byMonth[2].Hours);   // 1 February minus the missing hour
        foreach (string col in new[] { "Profit (USD)", "Hours (h)", "Energy (MWh)", "Power cost (USD)", "Always-on profit (USD)" })
            Assert.Equal(mo.Num(2, col), mo.Num(0, col) + mo.Num(1, col), 6);
        Assert.Equal(byMonth[1].Profit, mo.Num(0, "Profit (USD)"), 6);
        Assert.Equal(byMonth[2].Profit, mo.Num(1, "Profit (USD)"), 6);
        Assert.Equal(byMonth[1].Energy, mo.Num(0, "Energy (MWh)"), 6);
        Assert.Equal(mo.Num(0, "Revenue (USD)") + mo.Num(1, "Revenue (USD)"), mo.Num(2, "Revenue (USD)"), 6);
        Assert.Equal(mo.Num(0, "Uplift (USD)") + mo.Num(1, "Uplift (USD)"), mo.Num(2, "Uplift (USD)"), 6);
        Assert.Equal(iv.Column("Profit (USD)").Sum() - iv.Column("Always-on profit (USD)").Sum(), mo.Num(2, "Uplift (USD)"), 6);
    }

    [Fact]
    public void Summary_leads_with_the_site_total_and_the_site_total_sheet_equals_its_lines()
    {
        var (model, _, sheets) = Written.Value;
        var sum = sheets["Summary"];
        double p = model.Result.Summary.ProfitUsd, ao = model.Result.Summary.AlwaysOnProfitUsd;
        double strategy = p - 120 + 1000 + 250 - 500, alwaysOn = ao + 1000 - 700;
        // The first money row is the site total, before any backtest figure.
        int firstMoney = sum.Rows.FindIndex(r => Equals(r[2], "USD"));
        Assert.Equal("Site total (strategy)", sum.Rows[firstMoney][0]);
        Assert.Equal(strategy, (double)sum.Rows[firstMoney][1]!, 6);
        Assert.True(firstMoney < sum.Rows.FindIndex(r => Equals(r[0], "Profit")));
        Assert.Equal(alwaysOn, (double)sum.Value("Site total (always-on)")!, 6);
        Assert.Equal(strategy - alwaysOn, (double)sum.Value("Uplift vs always-on (site total)", "USD")!, 6);
        Assert.Equal((strategy - alwaysOn) / Math.Abs(alwaysOn), (double)sum.Value("Uplift vs always-on (site total)", "%")!, 9);
        Assert.Equal(900 + 30, (double)sum.Value("Value of instant response")!, 6); // late: 900 less profit and 30 more restart cost
        Assert.Equal(model.Result.Summary.UptimePct / 100, (double)sum.Value("Uptime")!, 12);
        Assert.Equal("0.0%", sum.Formats[sum.Rows.FindIndex(r => Equals(r[0], "Uptime"))][1]);
        Assert.Equal(TestModels.Start, (DateTime)sum.Value("First interval start", "UTC")!, TimeSpan.FromSeconds(1));

        var st = sheets["Site total"];
        Assert.Equal(["strategy", "baseline", "optimum", "one interval late"], st.Rows.Select(r => r[1]));
        var lines = model.SiteTotal!.Lines.Append(model.SiteTotal.OneIntervalLate!).ToList();
        for (int i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            Assert.Equal(l.Schedule, st.Rows[i][0]);
            Assert.Equal(l.MiningProfitUsd, st.Num(i, "Mining profit (USD)"), 9);
            Assert.Equal(l.RestartCostUsd, st.Num(i, "Restart costs (USD)"), 9);
            Assert.Equal(l.ContractValueUsd, st.Num(i, "Contract value (USD)"), 9);
            Assert.Equal(l.DrIncomeUsd, st.Num(i, "DR income (USD)"), 9);
            Assert.Equal(l.FourCpChargeUsd, st.Num(i, "4CP charge (USD)"), 9);
            double hand = st.Num(i, "Mining profit (USD)") - st.Num(i, "Restart costs (USD)") + st.Num(i, "Contract value (USD)") + st.Num(i, "DR income (USD)") - st.Num(i, "4CP charge (USD)");
            Assert.Equal(hand, st.Num(i, "Site total (USD) = mining − restarts + contract + DR − 4CP"), 6);
        }
        Assert.Equal(strategy, st.Num(0, "Site total (USD) = mining − restarts + contract + DR − 4CP"), 6);
    }

    [Fact]
    public void Section_sheets_hold_the_hand_computed_figures()
    {
        var (model, _, sheets) = Written.Value;
        double strat = 0, opt = 0, sweepProfit = 0;
        for (int t = 0; t < 72; t++)
        {
            if (t == TestModels.MissingIndex) continue;
            var (rev, cost) = TestModels.HandHour(TestModels.PriceAt(t), TestModels.HashpricePhDay(t / 24));
            if (rev - cost > 0) opt += rev - cost;
            if (rev - cost > TestModels.MinProfit) strat += rev - cost;
            if (1.2 * rev - cost > 700) sweepProfit += 1.2 * rev - cost;
        }
        var o = sheets["Optimum"];
        Assert.Equal(strat, o.Num(0, "Profit (USD)"), 6);
        Assert.Equal(opt, o.Num(2, "Profit (USD)"), 6);
        var cmp = sheets["Comparison"];
        Assert.Equal(opt - strat, cmp.Num(1 + 1, "Profit (USD)") - cmp.Num(0, "Profit (USD)"), 6); // the benchmark is the optimum

        var fleet = sheets["Fleet"];
        Assert.Equal(2000, fleet.Num(0, "Machines (count)"));
        Assert.Equal(model.Fleet!.Result.Summary.ProfitUsd, fleet.Column("Profit (USD)").Sum(), 6);

        var cm = sheets["Contract monthly"];
        Assert.Equal(4.0 * 71, cm.Column("Contracted (MWh)").Sum(), 6);       // 4 MW × 71 h
        Assert.Equal(4.0 * 30 * 71, cm.Column("Contract payments (USD)").Sum(), 6);
        Assert.Equal((double)sheets["Contract"].Value("Total net profit")!, cm.Column("Total (USD)").Sum(), 6);
        Assert.Equal(4.0 * 71, sheets["Contract tranches"].Column("Contracted (MWh)").Sum(), 6);

        Assert.Equal(TestModels.Mw * 1000 * 50, (double)sheets["4CP"].Value("Avoided charge")!, 6);
        var months = sheets["4CP months"];
        Assert.Equal(new DateTime(2024, 1, 30, 23, 0, 0), months.Rows[0][months.Col("Peak interval start (UTC)")]);

        var sw = sheets["Sweep"];
        Assert.Equal(4, sw.Rows.Count);
        int hit = sw.Rows.FindIndex(r => Equals(r[0], 20.0) && Equals(r[1], 1.2));
        Assert.Equal(sweepProfit, sw.Num(hit, "Profit (USD)"), 6);
        Assert.Equal(2, sheets["Sweep tornado"].Rows.Count);

        var risk = sheets["Risk"];
        Assert.Equal("Historical monthly profit", risk.Rows[0][0]);
        Assert.Equal((-10 + 20 + 30 + 40 + 50) / 5.0, risk.Num(0, "Mean (USD)"), 9);
        Assert.Equal(5, risk.Num(0, "N (count)"));
        Assert.Equal(0.2, risk.Num(0, "P(loss) (%)"), 12); // one loss month in five

        var blocks = sheets["Forecast blocks"];
        Assert.Equal([61.25, 3.5], blocks.Column("Block price (USD/MWh)"));
        Assert.Equal(model.Basis!.BasisCostUsd, (double)sheets["Basis"].Value("Basis cost (LZ_TEST − HB_TEST)")!, 6);
        Assert.Equal(3.0 * TestModels.Mw * 71, model.Basis.BasisCostUsd, 6);   // $3/MWh over the hub, 10 MW, 71 h
        Assert.Equal(1.0 * TestModels.Mw * 71, (double)sheets["DA vs RT"].Value("Day-ahead gain")!, 6);
        Assert.Equal(2.5 * TestModels.Mw * 71, (double)sheets["Demand response"].Value("Income")!, 6);
    }

    [Fact]
    public void Headers_name_units_and_every_sheet_is_frozen_with_column_widths()
    {
        var (_, path, sheets) = Written.Value;
        foreach (var s in sheets.Values)
        {
            if (s.Header.Contains("Unit")) continue; // key/value sheets (and the tornado) carry the unit in a column of their own
            for (int j = 0; j < s.Header.Length; j++)
            {
                bool numeric = s.Rows.Any(r => r[j] is double);
                if (numeric) Assert.True(s.Header[j].Contains('(', StringComparison.Ordinal) && s.Header[j].Contains(')', StringComparison.Ordinal), $"{s.Name}: '{s.Header[j]}' names no unit");
            }
        }
        Assert.All(sheets["Summary"].Rows.Where(r => r[1] is double), r => Assert.False(string.IsNullOrEmpty(r[2] as string), $"Summary: '{r[0]}' has no unit"));

        // Frozen panes and widths straight from the package's XML.
        using var zip = ZipFile.OpenRead(path);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var worksheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList();
        Assert.Equal(sheets.Count, worksheets.Count);
        int withFrozenColumn = 0;
        foreach (var e in worksheets)
        {
            using var st = e.Open();
            var doc = XDocument.Load(st);
            var pane = doc.Descendants(ns + "pane").Single();
            Assert.Equal("frozen", (string?)pane.Attribute("state"));
            Assert.Equal("1", (string?)pane.Attribute("ySplit"));
            if ((string?)pane.Attribute("xSplit") == "1") withFrozenColumn++;
            var cols = doc.Descendants(ns + "col").ToList();
            Assert.NotEmpty(cols);
            Assert.All(cols, c => Assert.True(double.Parse((string)c.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) >= 8));
        }
        Assert.Equal(1, withFrozenColumn); // Intervals keeps its time column in view
    }

    [Fact]
    public void The_package_is_valid_against_the_Office_schema()
    {
        // Element order and attribute values Excel is strict about (ExcelDataReader above is lenient about them).
        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(Written.Value.Path, false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2010).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
    }

    [Trait("Category", "Slow")]
    [Fact]
    public void A_year_of_15_minute_intervals_streams_and_reconciles()
    {
        int n = 366 * 96; // 2024, a leap year
        var start = new DateTime(2024, 1, 1, 6, 0, 0, DateTimeKind.Utc);
        var times = new DateTime[n];
        var price = new double[n];
        var hp = new double[n];
        for (int t = 0; t < n; t++)
        {
            times[t] = start.AddMinutes(15 * t);
            price[t] = 30 + 25 * Math.Sin(t * 0.01) + (t % 997 == 0 ? 2000 : 0);
            hp[t] = 0.05;
        }
        var market = new MarketSeries(times, price, hp, 0.25, null, "HB_WEST", "RT");
        var site = new SiteSpec(new Megawatts(10), new WattsPerTerahash(20), 0.02, new UsdPerMWh(5), 0);
        var model = new BacktestRun(Backtester.Run(market, site, new ThresholdStrategy()), TestModels.Info());
        string path = Path.Combine(TestModels.TempDir(), "year.xlsx");

        var sw = Stopwatch.StartNew();
        XlsxReport.Write(model, path);
        sw.Stop();
        output.WriteLine($"{n:N0} intervals: report.xlsx written in {sw.ElapsedMilliseconds:N0} ms, {new FileInfo(path).Length:N0} bytes");

        var sheets = Read(path);
        var iv = sheets["Intervals"];
        Assert.Equal(n, iv.Rows.Count);
        double hand = 0;
        for (int t = 0; t < n; t++)
        {
            // 10 MW × 0.25 h; revenue = 10e6 W / 20 W/TH × 0.05 $/TH/day / 96 × 0.98
            double net = 10e6 / 20 * 0.05 / 96 * 0.98 - 2.5 * (price[t] + 5);
            if (net > 0) hand += net;
        }
        Assert.Equal(hand, iv.Column("Profit (USD)").Sum(), 4);
        var mo = sheets["Monthly"];
        Assert.Equal(13, mo.Rows.Count);
        Assert.Equal(hand, mo.Rows.Take(12).Sum(r => (double)r[mo.Col("Profit (USD)")]!), 4);
        Assert.Equal(new DateTime(2024, 12, 31, 23, 45, 0), (DateTime)iv.Rows[^1][iv.Col("Interval start (CPT)")]!, TimeSpan.FromSeconds(1));
    }
}

/// <summary>The workbook's XML is written by hand: text that XML must escape reads back as it was written.</summary>
public class XlsxWriterTests
{
    [Fact]
    public void Text_that_xml_escapes_and_odd_names_read_back_unchanged()
    {
        string[] texts = ["a & b", "<tag attr=\"x\">", "  leading and trailing  ", "tab\there", "é ≥ 😀 €", "bell\u0007gone", ""];
        var sheet = new Excel.XlsxSheet("R&D <1>", [new("Text", Excel.XlsxStyle.General, 20), new("Value (USD)", Excel.XlsxStyle.Usd, 12)], rows =>
        {
            for (int i = 0; i < texts.Length; i++) rows.Row().Text(texts[i]).Num(i + 0.1 * i);
            rows.Row().Text(null).Num(double.NaN);
        });
        string path = Path.Combine(TestModels.TempDir(), "escape.xlsx");
        using (var fs = File.Create(path)) Excel.XlsxWriter.Write(fs, [sheet]);

        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(path);
        using var reader = ExcelDataReader.ExcelReaderFactory.CreateOpenXmlReader(stream);
        Assert.Equal("R&D <1>", reader.Name);
        Assert.True(reader.Read());
        Assert.Equal("Text", reader.GetValue(0));
        for (int i = 0; i < texts.Length; i++)
        {
            Assert.True(reader.Read());
            string expected = texts[i].Replace("\u0007", "", StringComparison.Ordinal); // a control character XML cannot hold is dropped
            Assert.Equal(expected, (string?)reader.GetValue(0) ?? "");
            Assert.Equal(i * 1.1, Assert.IsType<double>(reader.GetValue(1)), 12);
        }
        Assert.True(reader.Read());
        Assert.Null(reader.GetValue(0));
        Assert.Null(reader.GetValue(1));
        Assert.False(reader.Read());
    }
}
