using MiningDispatch.Data.Prices;
using MiningDispatch.Data.SystemLoad;

namespace MiningDispatch.Data.Tests.SystemLoad;

public sealed class FourCpIntervalsCsvLoaderTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private string Write(string text) => _tmp.Write(Guid.NewGuid().ToString("N") + ".csv", text);

    private static DateTime U(int y, int m, int d, int h, int mi) => new(y, m, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void Central_prevailing_starts_several_years_comments_and_load()
    {
        // June–September are CDT (UTC−5): 16:45 CDT = 21:45Z. Rows in any order; a '#' line is a comment.
        var peaks = FourCpIntervalsCsvLoader.Load(Write(
            "# ERCOT 4CP\nyear,month,interval_start,load_mw\n2024,6,2024-06-30 16:45,76543\n2023,8,2023-08-10 17:00,\n2024,7,2024-07-01T16:30:00-05:00,80000\n"));
        Assert.Equal([U(2023, 8, 10, 22, 0), U(2024, 6, 30, 21, 45), U(2024, 7, 1, 21, 30)], peaks.Select(p => p.StartUtc));
        Assert.Equal([(2023, 8), (2024, 6), (2024, 7)], peaks.Select(p => (p.Year, p.Month)));
        Assert.Equal([null, 76543.0, 80000.0], peaks.Select(p => p.SystemLoadMw));
        Assert.All(peaks, p => Assert.Equal(DateTimeKind.Utc, p.StartUtc.Kind));
    }

    [Fact]
    public void Interval_ending_is_shifted_back_15_minutes_and_utc_column_is_read_as_utc()
    {
        // Interval ending 2024-09-01 00:00 CDT is the interval starting 2024-08-31 23:45 CDT = 2024-09-01 04:45Z: an August interval.
        var ending = FourCpIntervalsCsvLoader.Load(Write("year,month,interval_ending\n2024,8,2024-09-01 00:00\n"));
        Assert.Equal(U(2024, 9, 1, 4, 45), Assert.Single(ending).StartUtc);
        var utc = FourCpIntervalsCsvLoader.Load(Write("year,month,interval_start_utc\n2024,8,2024-08-20 21:15\n"));
        Assert.Equal(U(2024, 8, 20, 21, 15), Assert.Single(utc).StartUtc);
    }

    [Theory]
    [InlineData("year,month,interval_start\n2024,5,2024-05-30 16:45\n", "line 2", "June to September")]
    [InlineData("year,month,interval_start\n2024,6,2024-06-30 16:40\n", "line 2", "quarter hour")]
    [InlineData("year,month,interval_start\n2024,7,2024-06-30 16:45\n", "line 2", "not in 2024-07")]
    [InlineData("year,month,interval_start\n2024,6,2024-06-30 16:45\n2024,6,2024-06-27 17:00\n", "lines 2 and 3", "one 4CP interval per month")]
    [InlineData("year,month,interval_start\n2024,6,30/06/2024 16:45\n", "line 2", "not a time")]
    [InlineData("year,month,when\n2024,6,2024-06-30 16:45\n", "line 1", "interval_start")]
    [InlineData("year,month,interval_start,load_mw\n2024,6,2024-06-30 16:45,-5\n", "line 2", "MW")]
    public void Bad_rows_name_the_line_and_the_problem(string text, string where, string what)
    {
        var ex = Assert.Throws<DataFormatException>(() => FourCpIntervalsCsvLoader.Load(Write(text)));
        Assert.Contains(where, ex.Message, StringComparison.Ordinal);
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
    }
}
