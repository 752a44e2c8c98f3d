using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.Hashprice;

public sealed class BtcPriceCsvLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Reads_quoted_prices_with_thousands_separators_and_skips_empty_ones()
    {
        string path = _dir.Write("btc.csv",
            "# BTC close, USD\r\ndate,\"btc_price_usd\",note\r\n2024-05-31,\"67,000.50\",a\r\n2024-06-01,,missing\r\n\"2024-06-02\",68123.25,\"x, y\"\r\n", bom: true);
        var csv = BtcPriceCsvLoader.TryLoad(path)!;
        Assert.Equal("btc_price_usd", csv.Column);
        Assert.Equal(
            [new HashpricePoint(new DateTime(2024, 5, 31, 0, 0, 0, DateTimeKind.Utc), 67000.50), new HashpricePoint(new DateTime(2024, 6, 2, 0, 0, 0, DateTimeKind.Utc), 68123.25)],
            csv.Points);
    }

    [Fact]
    public void A_file_without_a_btc_price_column_is_not_a_btc_source()
    {
        string path = _dir.Write("hp.csv", "date,hashprice_usd_per_ph_day\n2024-06-01,45.1\n");
        Assert.Null(BtcPriceCsvLoader.TryLoad(path));
    }

    [Theory]
    [InlineData("2024-06-01,abc\n", "line 2", "'abc'")]
    [InlineData("2024-06-01,-5\n", "line 2", "'-5'")]
    [InlineData("June first,65000\n", "line 2", "'June first'")]
    [InlineData("2024-06-01,65000,extra\n", "line 2", "expected 2 fields")]
    public void Bad_rows_name_the_file_line_and_value(string row, string line, string detail)
    {
        string path = _dir.Write("bad.csv", "date,btc_price\n" + row);
        var e = Assert.Throws<DataFormatException>(() => BtcPriceCsvLoader.TryLoad(path));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains(line, e.Message);
        Assert.Contains(detail, e.Message);
    }
}
