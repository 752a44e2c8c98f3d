using System.Globalization;
using ExcelDataReader;
using MiningDispatch.Core.Screen;
using MiningDispatch.Reports.Screen;
using Parquet;
using Parquet.Schema;

namespace MiningDispatch.Reports.Tests;

/// <summary>screen.csv, screen.parquet, the "Screen" sheet of report.xlsx and intervals.parquet read back and compared.</summary>
public sealed class ScreenReportTests : IDisposable
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly string _dir = Directory.CreateTempSubdirectory("screen-report-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ScreenRun Run()
    {
        ScreenPoint[] points =
        [
            new("HB_WEST", 48, 48, 48, 1234.5678, 1000.25, 40, 83.3333333333333, 3, 5, 31.0625, 44.1, 20.123456789, -1.5, 48, 6),
            new("LZ_WEST", 44, 48, 44, 999.125, 1100, 30, 68.18, 0, 9, 50.5, 61.25, 35.5, 2.25, 44, 4),
            new("NEVER_RUNS", 48, 48, 48, 0, -500.75, 0, 0, 0, 48, null, 250, 10, null, 0, 0),
        ];
        return new ScreenRun
        {
            Points = PointScreen.Rank(points),
            Top = 2,
            Title = "MiningDispatch screen: 3 settlement points, real-time, 2024-07-01 to 2024-07-02",
            Strategy = "threshold",
            Hub = "HB_HUBAVG",
            Start = new DateOnly(2024, 7, 1),
            End = new DateOnly(2024, 7, 2),
            IntervalHours = 1,
            Inputs = [new("Site", "1 MW at 25 W/TH")],
            Warnings = ["LZ_WEST lacks 4 hours"],
            DurationCurves = [new DurationCurve("HB_WEST", [90, 50, -15])],
        };
    }

    private static List<string[]> Csv(string path) => File.ReadAllLines(path).Select(l => l.Split(',')).ToList();

    [Fact]
    public async Task Parquet_and_the_xlsx_sheet_hold_the_csv_table()
    {
        var run = Run();
        var files = ScreenReportWriter.WriteAll(run, _dir, parquet: true);
        var csv = Csv(files.Csv);
        Assert.Equal(ScreenCsv.Columns, csv[0]);
        Assert.Equal(4, csv.Count);
        // Rank order: profit 1234.57, 999.13, 0.
        Assert.Equal(["1", "HB_WEST"], csv[1][..2]);
        Assert.Equal(["3", "NEVER_RUNS"], csv[3][..2]);
        int paid = Array.IndexOf(csv[0], "avg_price_paid_usd_per_mwh");
        Assert.Equal("", csv[3][paid]);
        Assert.Equal("31.0625", csv[1][paid]);
        Assert.Equal((1234.5678 - 1000.25).ToString("R", Ci), csv[1][Array.IndexOf(csv[0], "curtailment_value_usd")]);

        // Parquet: the same columns, in order, and the same values.
        await using (var reader = await ParquetReader.CreateAsync(files.Parquet!))
        {
            var fields = reader.Schema.GetDataFields();
            Assert.Equal(csv[0], fields.Select(f => f.Name));
            using var rg = reader.OpenRowGroupReader(0);
            Assert.Equal(3, rg.RowCount);
            for (int c = 0; c < fields.Length; c++)
            {
                var f = fields[c];
                string[] got;
                if (f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>))
                {
                    var s = new string?[3];
                    await rg.ReadAsync(f, s.AsMemory());
                    got = s.Select(x => x ?? "").ToArray();
                }
                else if (f.ClrType == typeof(int))
                {
                    var a = new int[3];
                    await rg.ReadAsync<int>(f, a.AsMemory());
                    got = a.Select(v => v.ToString(Ci)).ToArray();
                }
                else
                {
                    var a = new double?[3];
                    await rg.ReadAsync<double>(f, a.AsMemory());
                    got = a.Select(v => v is double d ? d.ToString("R", Ci) : "").ToArray();
                }
                for (int r = 0; r < 3; r++) Assert.True(csv[r + 1][c] == got[r], $"{f.Name} row {r + 1}: csv '{csv[r + 1][c]}', parquet '{got[r]}'");
            }
        }

        // The "Screen" sheet: the same header and numbers.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(files.Workbook);
        using var xlsx = ExcelReaderFactory.CreateOpenXmlReader(stream);
        Assert.Equal(ScreenXlsx.SheetName, xlsx.Name);
        Assert.True(xlsx.Read());
        var header = Enumerable.Range(0, xlsx.FieldCount).Select(i => xlsx.GetValue(i) as string).ToArray();
        Assert.Equal(csv[0], header);
        for (int r = 1; r <= 3; r++)
        {
            Assert.True(xlsx.Read());
            for (int c = 0; c < header.Length; c++)
            {
                object? v = xlsx.GetValue(c);
                string want = csv[r][c];
                if (c == 1) Assert.Equal(want, v);
                else if (want.Length == 0) Assert.Null(v);
                else Assert.Equal(double.Parse(want, Ci), Convert.ToDouble(v, Ci), 9);
            }
        }
        Assert.False(xlsx.Read());

        string html = File.ReadAllText(files.HtmlReport);
        Assert.Contains("id=\"chart-ranked\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"chart-duration\"", html, StringComparison.Ordinal);
        Assert.Contains("LZ_WEST lacks 4 hours", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_parquet_an_earlier_screen_parquet_is_removed_and_a_cancelled_run_publishes_nothing()
    {
        ScreenReportWriter.WriteAll(Run(), _dir, parquet: true);
        var files = ScreenReportWriter.WriteAll(Run(), _dir, parquet: false);
        Assert.Null(files.Parquet);
        Assert.False(File.Exists(Path.Combine(_dir, ScreenReportWriter.ParquetName)));

        string fresh = Path.Combine(_dir, "fresh");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ScreenReportWriter.WriteAll(Run(), fresh, parquet: true, ct: cts.Token));
        Assert.Empty(Directory.EnumerateFileSystemEntries(fresh));
    }

    [Fact]
    public async Task Intervals_parquet_holds_the_hourly_csv_columns_and_values()
    {
        var files = ReportWriter.WriteAll(TestModels.Model(), _dir, intervalsParquet: true);
        Assert.NotNull(files.IntervalsParquet);
        var csv = Csv(files.HourlyCsv);
        await using var reader = await ParquetReader.CreateAsync(files.IntervalsParquet!);
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(HourlyCsv.Columns, fields.Select(f => f.Name));
        using var rg = reader.OpenRowGroupReader(0);
        int n = (int)rg.RowCount;
        Assert.Equal(csv.Count - 1, n);
        for (int c = 0; c < fields.Length; c++)
        {
            var f = fields[c];
            string[] got;
            if (f.ClrType == typeof(DateTime))
            {
                var a = new DateTime[n];
                await rg.ReadAsync<DateTime>(f, a.AsMemory());
                got = a.Select(t => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Ci)).ToArray();
            }
            else if (f.ClrType == typeof(string) || f.ClrType == typeof(ReadOnlyMemory<char>))
            {
                var a = new string?[n];
                await rg.ReadAsync(f, a.AsMemory());
                got = a.Select(x => x ?? "").ToArray();
            }
            else if (f.ClrType == typeof(bool))
            {
                var a = new bool[n];
                await rg.ReadAsync<bool>(f, a.AsMemory());
                got = a.Select(b => b ? "true" : "false").ToArray();
            }
            else
            {
                var a = new double[n];
                await rg.ReadAsync<double>(f, a.AsMemory());
                got = a.Select(v => v.ToString("R", Ci)).ToArray();
            }
            for (int r = 0; r < n; r++)
            {
                string want = csv[r + 1][c];
                if (f.Name == "hashprice_usd_per_ph_day") Assert.Equal(double.Parse(want, Ci), double.Parse(got[r], Ci), 9);
                else Assert.True(want == got[r], $"{f.Name} row {r + 1}: csv '{want}', parquet '{got[r]}'");
            }
        }
    }
}
