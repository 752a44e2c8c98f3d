using MiningDispatch.Data.Hashprice;

namespace MiningDispatch.Data.Tests.Hashprice;

public class HashrateIndexSpansTests
{
    private static readonly DateTimeOffset Now = new(2024, 4, 28, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2024-04-28", "1D", "5m")]  // needs 04-27 23:50; 1D reaches 04-27 12:00
    [InlineData("2024-04-27", "7D", "1H")]  // needs 04-26 22:00; 1D reaches only 04-27 12:00
    [InlineData("2024-04-22", "7D", "1H")]
    [InlineData("2024-04-01", "1M", "1H")]  // needs 03-31 22:00; 1M (28 d) reaches 03-31 12:00
    [InlineData("2024-03-31", "3M", "1H")]  // needs 03-30 22:00: too far for 28 d
    [InlineData("2024-01-31", "3M", "1H")]  // 89 d reaches 2024-01-30 12:00
    [InlineData("2024-01-30", "1Y", "6H")]  // needs 01-29 22:00
    [InlineData("2023-05-01", "1Y", "6H")]  // 365 d reaches 2023-04-29 12:00
    [InlineData("2023-04-29", "5Y", "6H")]
    [InlineData("2019-05-01", "5Y", "6H")]  // 1826 d reaches 2019-04-29 12:00
    [InlineData("2019-04-29", "ALL", "7D")]
    public void Choose_SmallestCoveringSpan(string from, string span, string bucket)
    {
        var f = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Assert.Equal((span, bucket), HashrateIndexSpans.Choose(f, Now));
    }

    [Fact]
    public void Validate_DocumentedPairsOnly()
    {
        Assert.Equal(("5Y", "1D"), HashrateIndexSpans.Validate("5y", "1d"));
        Assert.Equal(("1D", "15s"), HashrateIndexSpans.Validate("1D", "15s"));
        Assert.Equal(("3M", "6H"), HashrateIndexSpans.Validate("3M", "6H"));
        int valid = 0;
        string[] spans = ["1D", "7D", "1M", "3M", "1Y", "5Y", "ALL"];
        string[] buckets = ["15s", "5m", "15m", "1H", "2H", "6H", "1D", "7D"];
        foreach (var s in spans)
            foreach (var b in buckets)
            {
                try { HashrateIndexSpans.Validate(s, b); valid++; }
                catch (ArgumentException) { }
            }
        Assert.Equal(3 + 1 + 2 + 2 + 1 + 2 + 1, valid); // the doc's table
        Assert.Equal(TimeSpan.FromHours(6), HashrateIndexSpans.BucketLength("6H"));
    }
}
