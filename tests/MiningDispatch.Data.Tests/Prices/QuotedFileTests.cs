using System.Globalization;
using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>
/// ERCOT's MIS CSVs quote every field and the header. A quoted file must load exactly as its unquoted copy (same
/// prices, same quality counts), and the reader must pass over quoted rows of other points as fast as unquoted ones.
/// </summary>
public class QuotedFileTests
{
    private const string Header = "DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag";
    private const int Filler = 3000; // other points per interval: the file is larger than the reader's 1 MB buffer

    private static string Quote(string line) => string.Join(",", line.Split(',').Select(f => "\"" + f + "\""));

    /// <summary>
    /// Two hours of a 15-minute file, HB_WEST plus <see cref="Filler"/> other points; HB_WEST's price in interval
    /// (he, iv) is he * 10 + iv, except one blank price (he 2, iv 3) and a duplicate of (he 1, iv 1).
    /// </summary>
    private static string Build(bool quoted)
    {
        var sb = new StringBuilder((quoted ? Quote(Header) : Header) + "\n");
        void Row(string line) => sb.Append(quoted ? Quote(line) : line).Append('\n');
        for (int he = 1; he <= 2; he++)
        {
            for (int iv = 1; iv <= 4; iv++)
            {
                for (int k = 0; k < Filler; k++) Row(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,{he},{iv},P{k:0000}_RN,RN,{k % 70}.5,N"));
                string price = he == 2 && iv == 3 ? "" : string.Create(CultureInfo.InvariantCulture, $"{he * 10 + iv}.00");
                Row($"01/10/2024,{he},{iv},HB_WEST,HU,{price},N");
                if (he == 1 && iv == 1) Row("01/10/2024,1,1,HB_WEST,HU,11.00,N");
                Row($"01/10/2024,{he},{iv},LZ_WEST,LZ,{he + iv}.25,N");
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void QuotedAndUnquotedCopies_LoadIdentically_EveryPriceAndCount()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        string plain = a.Write("rtm.csv", Build(quoted: false));
        string quoted = b.Write("rtm.csv", Build(quoted: true));
        Assert.True(new FileInfo(quoted).Length > 1 << 20);

        foreach (var point in new[] { "HB_WEST", "LZ_WEST", "P0007_RN" })
        {
            var p = PriceLoader.Load([plain], new PriceQuery(point, PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
            var q = PriceLoader.Load([quoted], new PriceQuery(point, PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
            Assert.Equal(p.HoursUtc, q.HoursUtc);
            Assert.Equal(p.PriceUsdPerMWh, q.PriceUsdPerMWh);
            Assert.Equal(p.Quality.RowsRead, q.Quality.RowsRead);
            Assert.Equal(p.Quality.RowsUsed, q.Quality.RowsUsed);
            Assert.Equal(p.Quality.Duplicates, q.Quality.Duplicates);
            Assert.Equal(p.Quality.Gaps, q.Quality.Gaps);
            Assert.Equal(p.Quality.PartialIntervals, q.Quality.PartialIntervals);
            Assert.Equal(p.Quality.Notes, q.Quality.Notes);
        }

        // and the figures themselves, by hand: 8 intervals less the blank one, 8 * (3000 + 2) + 1 data rows
        var west = PriceLoader.Load([quoted], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([11.0, 12, 13, 14, 21, 22, 24], west.PriceUsdPerMWh);
        Assert.Equal(Utc(2024, 1, 10, 6), west.HoursUtc[0]);
        Assert.Equal(8 * (Filler + 2) + 1, west.Quality.RowsRead);
        Assert.Equal(1, west.Quality.Duplicates);
        var hourly = PriceLoader.Load([quoted], new PriceQuery("LZ_WEST", PriceMarket.RealTime));
        Assert.Equal([(2.25 + 3.25 + 4.25 + 5.25) / 4, (3.25 + 4.25 + 5.25 + 6.25) / 4], hourly.PriceUsdPerMWh);
    }

    [Fact]
    public void QuotedRowsOfOtherPoints_ArePassedOverByTheFastReader()
    {
        // three quoted rows of other points, then the point: all three are passed over without decoding
        var text = "\"01/10/2024\",\"1\",\"A_RN\",\"1.0\"\n\"01/10/2024\",\"1\",\"B,\"\"C\"\"_RN\",\"2.0\"\n\"01/10/2024\",\"1\",\"D\"\"_RN\",\"3.0\"\n\"01/10/2024\",\"1\",\"HB_WEST\",\"4.0\"\n";
        using var reader = new Utf8LineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), default, "t.csv");
        Assert.Equal(3, reader.SkipLinesWithout("HB_WEST"u8));
        Assert.True(reader.TryReadLine(out int n));
        Assert.Equal("\"01/10/2024\",\"1\",\"HB_WEST\",\"4.0\"", new string(reader.Chars, 0, n));
    }

    [Theory]
    [InlineData("\"\",\"\",\"\"")]      // a blank quoted row: not a data row, must not be counted
    [InlineData("\" 01/10/2024\",\"1\"")] // a quoted field starting with a blank: left to the careful reader
    [InlineData("\"\"\"x\",\"1\"")]      // starts with a doubled quote
    public void QuotedLinesThatMayBeBlank_AreLeftToTheCarefulReader(string line)
    {
        using var reader = new Utf8LineReader(new MemoryStream(Encoding.ASCII.GetBytes(line + "\nX,1\n")), default, "t.csv");
        Assert.Equal(0, reader.SkipLinesWithout("HB_WEST"u8));
    }

    /// <summary>A quoted multi-point file with odd rows among megabytes of other points.</summary>
    private static (string Text, int Rows) Odd(string pointRow, string? otherRow = null)
    {
        var sb = new StringBuilder(Quote(Header) + "\n");
        int rows = 0;
        for (int iv = 1; iv <= 4; iv++)
        {
            for (int k = 0; k < Filler; k++)
            {
                sb.Append(Quote(string.Create(CultureInfo.InvariantCulture, $"01/10/2024,1,{iv},P{k:0000}_RN,RN,1.5,N"))).Append('\n');
                rows++;
            }
            if (iv == 2 && otherRow is not null)
            {
                sb.Append(otherRow).Append('\n');
                rows++;
            }
            sb.Append(iv == 3 ? pointRow : Quote($"01/10/2024,1,{iv},HB_WEST,HU,{iv}.00,N")).Append('\n');
            rows++;
            sb.Append("\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"); // blank quoted row: skipped, not counted
        }
        return (sb.ToString(), rows);
    }

    [Fact]
    public void EmbeddedCommaAndDoubledQuotes_InOtherPointsAndInThePointsPrice()
    {
        // other point with a comma and doubled quotes in its name; the point's price with a thousands separator
        var (text, rows) = Odd(
            "\"01/10/2024\",\"1\",\"3\",\"HB_WEST\",\"HU\",\"1,003.00\",\"N\"",
            "\"01/10/2024\",\"1\",\"2\",\"Q,\"\"ODD\"\"_RN\",\"RN\",\"7.0\",\"N\"");
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", text);
        var r = PriceLoader.Load([file], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([1.0, 2, 1003, 4], r.PriceUsdPerMWh);
        Assert.Equal(rows, r.Quality.RowsRead);
        var odd = PriceLoader.Load([file], new PriceQuery("Q,\"ODD\"_RN", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([7.0], odd.PriceUsdPerMWh);
    }

    [Fact]
    public void QuoteInsideAnUnquotedField_IsALiteralCharacter_AsTheCarefulReaderReadsIt()
    {
        // P"X_RN is an unquoted field with a quote in it: the name is P"X_RN, listed and loadable
        var (text, rows) = Odd(Quote("01/10/2024,1,3,HB_WEST,HU,3.00,N"), "01/10/2024,1,2,P\"X_RN,RN,8.0,N");
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", text);
        Assert.Contains("P\"X_RN", PriceLoader.ListSettlementPoints([file]));
        var r = PriceLoader.Load([file], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([1.0, 2, 3, 4], r.PriceUsdPerMWh);
        Assert.Equal(rows, r.Quality.RowsRead);
        var x = PriceLoader.Load([file], new PriceQuery("P\"X_RN", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([8.0], x.PriceUsdPerMWh);
    }

    [Fact]
    public void UnclosedQuote_InARowOfThePoint_NamesFileLineColumnAndValue()
    {
        var (text, _) = Odd("\"01/10/2024\",\"1\",\"3\",\"HB_WEST\",\"HU\",\"3.00,N");
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", text);
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([file], new PriceQuery("HB_WEST", PriceMarket.RealTime)));
        Assert.Contains("quoted field is not closed", e.Message, StringComparison.Ordinal);
        // header, intervals 1 and 2 (3000 filler + point + blank row each), 3000 filler rows, then the point's row
        Assert.Equal(1 + 2 * (Filler + 2) + Filler + 1, e.Line);
        Assert.Equal("rtm.csv", e.File);
        Assert.Equal("SettlementPointPrice", e.Column);
        Assert.Equal("3.00,N", e.Value);
    }

    [Fact]
    public void UnclosedQuote_InARowOfAnotherPoint_IsIgnoredAsInAnUnquotedFile()
    {
        var (text, rows) = Odd(Quote("01/10/2024,1,3,HB_WEST,HU,3.00,N"), "\"01/10/2024\",\"1\",\"2\",\"Z_RN,RN,1.0,N");
        using var dir = new TempDir();
        var file = dir.Write("rtm.csv", text);
        var r = PriceLoader.Load([file], new PriceQuery("HB_WEST", PriceMarket.RealTime, Resolution: PriceResolution.FifteenMinute));
        Assert.Equal([1.0, 2, 3, 4], r.PriceUsdPerMWh);
        Assert.Equal(rows, r.Quality.RowsRead);
    }
}
