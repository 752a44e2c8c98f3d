using MiningDispatch.Data.Prices;
using MiningDispatch.Data.SystemLoad;

namespace MiningDispatch.Data.Tests.SystemLoad;

public sealed class SystemLoadCsvLoaderTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Writes the file into its own sub-folder of this test's temporary folder (deleted afterwards).</summary>
    private string Write(string text)
    {
        string dir = Path.Combine(_tmp.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "load.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private static DateTime U(int y, int m, int d, int h) => new(y, m, d, h, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Utc_column_rows_in_any_order()
    {
        var l = SystemLoadCsvLoader.Load(Write("interval_start_utc,system_load_mw\n2024-08-20T21:00:00Z,85628.456\n2024-08-20T20:00:00Z,85345.5\n"));
        Assert.Equal([U(2024, 8, 20, 20), U(2024, 8, 20, 21)], l.StartsUtc);
        Assert.Equal([85345.5, 85628.456], l.LoadMw);
        Assert.Equal("load.csv (system_load_mw)", l.Source);
    }

    [Fact]
    public void Local_times_are_central_prevailing_time_with_the_repeated_hour_cdt_first()
    {
        // 2024-11-03: 01:00 CDT = 06:00Z, 01:00 CST = 07:00Z. July: CDT = UTC-5. Offsets win when given.
        var l = SystemLoadCsvLoader.Load(Write(
            "time,load\n2024-07-01 15:00,80000\n2024-11-03 01:00,40000\n2024-11-03 01:00,39000\n2024-11-03 02:00,38000\n2024-07-02T15:00:00-05:00,81000\n"));
        Assert.Equal([U(2024, 7, 1, 20), U(2024, 7, 2, 20), U(2024, 11, 3, 6), U(2024, 11, 3, 7), U(2024, 11, 3, 8)], l.StartsUtc);
        Assert.Equal([80000, 81000, 40000, 39000, 38000], l.LoadMw);
    }

    [Theory]
    [InlineData("time,load\n2024-03-10 02:00,40000\n", "line 2, column 'time', value '2024-03-10 02:00': this Central Prevailing Time does not exist")]
    [InlineData("time,load\nyesterday,40000\n", "line 2, column 'time', value 'yesterday': not a time")]
    [InlineData("time,load\n2024-07-01 15:00,-5\n", "line 2, column 'load', value '-5': system load must not be negative")]
    [InlineData("time,load\n2024-07-01 15:00,lots\n", "value 'lots': not a number of MW")]
    [InlineData("interval_start_utc,load_mw\n2024-07-01T20:00:00Z,1\n2024-07-01T20:00:00Z,2\n", "is given twice (lines 2 and 3)")]
    [InlineData("when,mw\n2024-07-01 15:00,1\n", "no time column found")]
    [InlineData("time,price\n2024-07-01 15:00,1\n", "no load column found")]
    public void Bad_rows_name_the_file_line_column_and_value(string text, string expected)
    {
        string path = Write(text);
        var ex = Assert.Throws<DataFormatException>(() => SystemLoadCsvLoader.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void A_folder_merges_its_files_and_keeps_an_overlap_that_agrees_once()
    {
        // fetch's load/ folder after two overlapping ranges: 05:00Z-07:00Z and 06:00Z-08:00Z, 06:00Z in both.
        string dir = Path.Combine(_tmp.Path, "load");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.csv"), "interval_start_utc,load_mw\n2024-07-01T05:00Z,61000\n2024-07-01T06:00Z,62000.5\n");
        File.WriteAllText(Path.Combine(dir, "b.csv"), "interval_start_utc,load_mw\n2024-07-01T07:00Z,63000\n2024-07-01T06:00Z,62000.5\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not a CSV: ignored");
        var load = SystemLoadCsvLoader.Load(dir);
        Assert.Equal([U(2024, 7, 1, 5), U(2024, 7, 1, 6), U(2024, 7, 1, 7)], load.StartsUtc);
        Assert.Equal([61000, 62000.5, 63000], load.LoadMw);
        Assert.Equal("load/ (2 file(s))", load.Source);
    }

    [Fact]
    public void A_folder_whose_files_disagree_on_an_hour_names_both_files_and_lines()
    {
        string dir = Path.Combine(_tmp.Path, "load");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.csv"), "interval_start_utc,load_mw\n2024-07-01T05:00Z,61000\n2024-07-01T06:00Z,62000\n");
        File.WriteAllText(Path.Combine(dir, "b.csv"), "interval_start_utc,load_mw\n2024-07-01T06:00Z,62500\n");
        var e = Assert.Throws<DataFormatException>(() => SystemLoadCsvLoader.Load(dir));
        Assert.Contains("2024-07-01 06:00Z is 62500 MW here but 62000 MW in " + Path.Combine(dir, "a.csv") + " line 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir, "b.csv"), e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);

        string empty = Path.Combine(_tmp.Path, "empty");
        Directory.CreateDirectory(empty);
        var none = Assert.Throws<FileNotFoundException>(() => SystemLoadCsvLoader.Load(empty));
        Assert.Contains("holds no CSV file", none.Message, StringComparison.Ordinal);
    }
}
