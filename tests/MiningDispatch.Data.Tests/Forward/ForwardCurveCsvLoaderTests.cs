using MiningDispatch.Core.Forward;
using MiningDispatch.Data.Forward;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Forward;

public sealed class ForwardCurveCsvLoaderTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Writes the file into its own sub-folder of this test's temporary folder (deleted afterwards).</summary>
    private string Write(string text)
    {
        string dir = Path.Combine(_tmp.Path, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "curve.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_months_blocks_prices_comments_and_the_settlement_point()
    {
        var c = ForwardCurveCsvLoader.Load(Write("# illustrative\nmonth,block,price,settlement_point\n2027-01,5x16,48.5,HB_WEST\n2027-01,2x16,40,HB_WEST\n\n2027-02-01,7x8,-3.25,HB_WEST\n"));
        Assert.Equal(3, c.Prices.Count);
        Assert.Equal(48.5, c.Price(2027, 1, ForwardBlock.Peak5x16));
        Assert.Equal(40, c.Price(2027, 1, ForwardBlock.Weekend2x16));
        Assert.Equal(-3.25, c.Price(2027, 2, ForwardBlock.Night7x8));
        Assert.Equal("HB_WEST", c.SettlementPoint);
        Assert.Equal("curve.csv", c.Source);
    }

    [Theory]
    [InlineData("month,block,price\n2027-13,5x16,40\n", "line 2, column 'month', value '2027-13': not a month")]
    [InlineData("month,block,price\n2027-01,6x16,40\n", "line 2, column 'block', value '6x16': unknown block")]
    [InlineData("month,block,price\n2027-01,5x16,cheap\n", "line 2, column 'price', value 'cheap': not a price")]
    [InlineData("month,block,price\n2027-01,5x16,40\n2027-01,5X16,41\n", "line 3: 2027-01 5x16 is priced twice (lines 2 and 3)")]
    [InlineData("month,price\n2027-01,40\n", "line 1: expected the columns month, block, price")]
    [InlineData("month,block,price\n", "the file has a header but no prices")]
    [InlineData("month,block,price,settlement_point\n2027-01,5x16,40,HB_WEST\n2027-01,7x8,30,HB_NORTH\n", "mixes settlement points")]
    public void Bad_rows_name_the_file_line_column_and_value(string text, string expected)
    {
        string path = Write(text);
        var ex = Assert.Throws<DataFormatException>(() => ForwardCurveCsvLoader.Load(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Missing_file_is_file_not_found()
        => Assert.Throws<FileNotFoundException>(() => ForwardCurveCsvLoader.Load("/nonexistent/curve.csv"));
}
