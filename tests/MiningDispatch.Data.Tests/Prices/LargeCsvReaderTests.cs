using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>
/// A multi-point NP6-905 file larger than the reader's 1 MB buffer, with the rows a fast reader could get wrong:
/// a lower-case row of the point, names that contain the point's name, a non-ASCII name, blank lines, CRLF endings
/// and a last line without a newline. Every encoding must give the same hours, means and row count.
/// </summary>
public class LargeCsvReaderTests
{
    private const int Filler = 4000; // other points per interval

    // HB_WEST on 2024-01-10 (CST): HE1 intervals 10, 20, 30, 40; HE2 1.5, 2.5 (written "hb_west,hu"), 3.5, 4.5.
    private static readonly double[][] West = [[10, 20, 30, 40], [1.5, 2.5, 3.5, 4.5]];

    private static (string Text, int RowsRead, int LastLine) Build(bool lowerCaseFiller, string? badLastPrice = null)
    {
        var sb = new StringBuilder("DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag\n");
        int line = 1, rows = 0;
        void Row(string text, string eol = "\n")
        {
            sb.Append(text).Append(eol);
            line++;
        }
        for (int he = 1; he <= 2; he++)
        {
            string eol = he == 2 ? "\r\n" : "\n";
            for (int iv = 1; iv <= 4; iv++)
            {
                string date = "01/10/2024";
                if (he == 1 && iv == 1) { Row($"{date},1,1,ÅSGÅRD_RN,RN,7.00,N", eol); rows++; }
                for (int k = 0; k < Filler; k++)
                {
                    string name = $"P{k:0000}_RN";
                    Row($"{date},{he},{iv},{(lowerCaseFiller ? name.ToLowerInvariant() : name)},RN,{k % 90}.25,N", eol);
                    rows++;
                }
                Row($"{date},{he},{iv},HB_WEST2,RN,999.00,N", eol);
                Row($"{date},{he},{iv},XHB_WEST,RN,999.00,N", eol);
                rows += 2;
                if (he == 1 && iv == 3)
                {
                    Row("", eol);
                    Row(",,,,,,", eol);
                    Row("   ", eol);
                }
                string price = West[he - 1][iv - 1].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
                bool last = he == 2 && iv == 4;
                if (last && badLastPrice is not null) price = badLastPrice;
                string point = he == 2 && iv == 2 ? "hb_west,hu" : "HB_WEST,HU";
                Row($"{date},{he},{iv},{point},{price},N", last ? "" : eol);
                rows++;
            }
        }
        return (sb.ToString(), rows, line);
    }

    [Theory]
    [InlineData("utf-8", false)]
    [InlineData("utf-8-bom", false)]
    [InlineData("utf-16", false)]
    [InlineData("utf-8", true)]
    public void ManyPoints_OnePointsHourlyMeans_AndEveryRowCounted(string encoding, bool lowerCaseFiller)
    {
        var (text, rowsRead, _) = Build(lowerCaseFiller);
        using var dir = new TempDir();
        string file = Path.Combine(dir.Path, "np6905_big.csv");
        Encoding enc = encoding switch
        {
            "utf-8" => new UTF8Encoding(false),
            "utf-8-bom" => new UTF8Encoding(true),
            _ => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        };
        File.WriteAllText(file, text, enc);
        Assert.True(new FileInfo(file).Length > 1 << 20, "the file must be larger than the reader's buffer");

        var r = PriceLoader.Load([file], new PriceQuery("HB_WEST", PriceMarket.RealTime));

        Assert.Equal([Utc(2024, 1, 10, 6), Utc(2024, 1, 10, 7)], r.HoursUtc);
        Assert.Equal((10 + 20 + 30 + 40) / 4.0, r.PriceUsdPerMWh[0], 12);
        Assert.Equal((1.5 + 2.5 + 3.5 + 4.5) / 4.0, r.PriceUsdPerMWh[1], 12);
        Assert.Equal(8 * (Filler + 3) + 1, rowsRead);
        Assert.Equal(rowsRead, r.Quality.RowsRead);
        Assert.Equal(8, r.Quality.RowsUsed);
    }

    [Fact]
    public void BadPrice_AfterMegabytesOfOtherPoints_NamesItsLine()
    {
        var (text, _, lastLine) = Build(lowerCaseFiller: false, badLastPrice: "4.5x");
        using var dir = new TempDir();
        var file = dir.Write("np6905_bad.csv", text);
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST")));
        Assert.Equal(8 * (Filler + 3) + 1 + 3 + 1, lastLine); // rows, three blank lines, header
        Assert.Equal(lastLine, e.Line);
        Assert.Equal("4.5x", e.Value);
    }

    [Fact]
    public void EnergyWeightedZone_InALargeFile()
    {
        // LZ_WEST appears as type LZ and LZEW; LZ_WEST_EW must take the LZEW rows only.
        var sb = new StringBuilder("DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag\n");
        for (int iv = 1; iv <= 4; iv++)
        {
            for (int k = 0; k < 9000; k++) sb.Append($"01/10/2024,1,{iv},Q{k:0000}_RN,RN,1.00,N\n");
            sb.Append($"01/10/2024,1,{iv},LZ_WEST,LZ,{iv}.00,N\n");
            sb.Append($"01/10/2024,1,{iv},LZ_WEST,LZEW,{10 * iv}.00,N\n");
        }
        using var dir = new TempDir();
        var file = dir.Write("np6905_lz.csv", sb.ToString());
        var ew = PriceLoader.Load([file], new PriceQuery("LZ_WEST_EW"));
        var lz = PriceLoader.Load([file], new PriceQuery("LZ_WEST"));
        Assert.Equal((10 + 20 + 30 + 40) / 4.0, ew.PriceUsdPerMWh.Single(), 12);
        Assert.Equal((1 + 2 + 3 + 4) / 4.0, lz.PriceUsdPerMWh.Single(), 12);
        Assert.Equal(4 * 9002, ew.Quality.RowsRead);
    }
}
