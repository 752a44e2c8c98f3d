using MiningDispatch.Data.Prices;

namespace MiningDispatch.Data.Tests.Prices;

public sealed class CsvSplitterTests
{
    private static string[] Split(string line, char delimiter = ',')
    {
        var row = new TableRow();
        var buffer = ("#" + line + "#").ToCharArray(); // the line sits inside a larger buffer, as in the readers
        CsvSplitter.Split(buffer, 1, line.Length, delimiter, row);
        return row.ToArray();
    }

    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData(" a , \"b\" ,c ", new[] { "a", "b", "c" })]
    [InlineData("\"1,286.90\",x", new[] { "1,286.90", "x" })]
    [InlineData("\"say \"\"hi\"\"\",2", new[] { "say \"hi\"", "2" })]
    [InlineData("\"\"\"x\",y", new[] { "\"x", "y" })]
    [InlineData("\"\"\"\",\"\"", new[] { "\"", "" })]
    [InlineData("a,,", new[] { "a", "", "" })]
    [InlineData("\"unterminated, field", new[] { "unterminated, field" })]
    public void Splits_and_unquotes_fields(string line, string[] expected) => Assert.Equal(expected, Split(line));

    [Fact]
    public void Semicolons_with_quoted_decimal_commas() =>
        Assert.Equal(["HB_WEST", "23,45", "x;y"], Split("HB_WEST;\"23,45\";\"x;y\"", ';'));
}
