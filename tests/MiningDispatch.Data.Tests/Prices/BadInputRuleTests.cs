using System.Text;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

/// <summary>
/// Issue 12's silent wrong answers: a decimal comma, implausible prices, ambiguous day/month dates, malformed rows and
/// a cut last line. Each is an error naming file, line, column and value, the same on the fast UTF-8 path (rows of
/// other points passed over unsplit) and the decoding path (UTF-16).
/// </summary>
public class BadInputRuleTests
{
    private const string DamHeader = "Delivery Date,Hour Ending,Repeated Hour Flag,Settlement Point,Settlement Point Price\n";

    /// <summary>Loads <paramref name="text"/> written once as UTF-8 and once as UTF-16 (BOM); both must fail alike.</summary>
    private static DataFormatException FailsOnBothPaths(string text, string point = "HB_WEST", PriceReadRules? rules = null)
    {
        using var dir = new TempDir();
        var utf8 = dir.Write("p.csv", text);
        var sub = Directory.CreateDirectory(Path.Combine(dir.Path, "u16")).FullName;
        var utf16 = Path.Combine(sub, "p.csv");
        File.WriteAllText(utf16, text, Encoding.Unicode);
        var q = new PriceQuery(point, Rules: rules);
        var fast = Assert.Throws<DataFormatException>(() => PriceLoader.Load([utf8], q));
        var slow = Assert.Throws<DataFormatException>(() => PriceLoader.Load([utf16], q));
        Assert.Equal(fast.Problem, slow.Problem);
        Assert.Equal((fast.Line, fast.Column, fast.Value), (slow.Line, slow.Column, slow.Value));
        Assert.Equal("p.csv", fast.File);
        return fast;
    }

    private static PriceLoadResult Loads(string text, string point = "HB_WEST", PriceReadRules? rules = null)
    {
        using var dir = new TempDir();
        return PriceLoader.Load([dir.Write("p.csv", text)], new PriceQuery(point, Rules: rules));
    }

    // 20 rows of another point first so the fast path passes over whole lines before the point's rows
    private static string OtherRows()
    {
        var sb = new StringBuilder();
        for (int h = 1; h <= 20; h++) sb.Append("06/01/2024,").Append(h).Append(":00,N,HB_NORTH,20.44\n");
        return sb.ToString();
    }

    [Fact]
    public void QuotedDecimalComma_InCommaFile_IsAnError_NeverThousands()
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST,20.44\n06/01/2024,02:00,N,HB_WEST,\"17,97\"\n");
        Assert.Equal(23, e.Line);
        Assert.Equal("Settlement Point Price", e.Column);
        Assert.Equal("17,97", e.Value);
        Assert.Contains("decimal comma", e.Message, StringComparison.Ordinal);
        Assert.Contains("not read as thousands", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"1,286.90\"", 1286.90)]
    [InlineData("\"-1,000\"", -1000)]
    [InlineData("\"9,000.00\"", 9000)]
    public void ThousandsSeparators_InGroupsOfThree_StillRead(string field, double expected)
    {
        var r = Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST," + field + "\n");
        Assert.Equal([expected], r.PriceUsdPerMWh);
    }

    [Theory]
    [InlineData("\"1,28\"")]
    [InlineData("\"12,3456\"")]
    [InlineData("\",123\"")]
    [InlineData("\"1234,567\"")]
    public void BadGrouping_IsAnError(string field)
    {
        var e = Assert.Throws<DataFormatException>(() => Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST," + field + "\n"));
        Assert.Contains("decimal comma", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SemicolonFile_CommaIsTheDecimalMark()
    {
        var r = Loads("Delivery Date;Hour Ending;Repeated Hour Flag;Settlement Point;Settlement Point Price\n06/01/2024;01:00;N;HB_WEST;\"17,97\"\n");
        Assert.Equal([17.97], r.PriceUsdPerMWh);
    }

    [Theory]
    [InlineData("-1000000")]
    [InlineData("1e12")]
    [InlineData("10000.01")]
    [InlineData("-1000.01")]
    public void PriceOutsideDefaultBounds_IsAnError(string price)
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST," + price + "\n");
        Assert.Equal(22, e.Line);
        Assert.Equal(price, e.Value);
        Assert.Contains("-1,000..10,000 $/MWh", e.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-extreme-prices", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RealErcotExtremes_AreInsideTheDefaultBounds()
    {
        // -251 (RT offer floor with adders), 5000.01 (offer cap plus adder), 9000 (Uri cap), 10000 and -1000 (the bounds)
        var r = Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,-251\n06/01/2024,02:00,N,HB_WEST,5000.01\n06/01/2024,03:00,N,HB_WEST,9000\n" +
                      "06/01/2024,04:00,N,HB_WEST,10000\n06/01/2024,05:00,N,HB_WEST,-1000\n");
        Assert.Equal([-251, 5000.01, 9000, 10000, -1000], r.PriceUsdPerMWh);
    }

    [Fact]
    public void AllowExtremePrices_KeepsTheValue_WithANote()
    {
        var r = Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,-1000000\n", rules: new PriceReadRules { AllowExtremePrices = true });
        Assert.Equal([-1_000_000.0], r.PriceUsdPerMWh);
        Assert.Contains(r.Quality.Notes, n => n.Contains("1 price(s) outside the plausible range", StringComparison.Ordinal) && n.Contains("line 2", StringComparison.Ordinal));
    }

    [Fact]
    public void CustomBounds_AreApplied()
    {
        var rules = new PriceReadRules { MinPrice = -100, MaxPrice = 300 };
        var e = Assert.Throws<DataFormatException>(() => Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,-251\n", rules: rules));
        Assert.Contains("-100..300 $/MWh", e.Message, StringComparison.Ordinal);
        Assert.Equal([299.99], Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,299.99\n", rules: rules).PriceUsdPerMWh);
    }

    private const string LongHeader = "Date,Price,Zone\n";

    [Fact]
    public void AmbiguousSlashDates_AreAnError_NamingTheFirst()
    {
        var e = FailsOnBothPaths(LongHeader + "1/6/2024 1:00:00 AM,20,HB_WEST\n1/6/2024 2:00:00 AM,21,HB_WEST\n");
        Assert.Equal(2, e.Line);
        Assert.Equal("Date", e.Column);
        Assert.Equal("1/6/2024 1:00:00 AM", e.Value);
        Assert.Contains("--date-order mdy", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DateOrderFlag_DecidesAmbiguousDates()
    {
        const string text = LongHeader + "1/6/2024 1:00:00 AM,20,HB_WEST\n1/6/2024 2:00:00 AM,21,HB_WEST\n";
        // month-first: 6 January 01:00 CST = 07:00Z; day-first: 1 June 01:00 CDT = 06:00Z
        Assert.Equal([Utc(2024, 1, 6, 7), Utc(2024, 1, 6, 8)], Loads(text, rules: new PriceReadRules { DateOrder = DateOrder.MonthFirst }).HoursUtc);
        Assert.Equal([Utc(2024, 6, 1, 6), Utc(2024, 6, 1, 7)], Loads(text, rules: new PriceReadRules { DateOrder = DateOrder.DayFirst }).HoursUtc);
    }

    [Fact]
    public void FileWithADayAbove12_IsReadMonthFirst_WithANote()
    {
        var r = Loads(LongHeader + "1/6/2024 1:00:00 AM,20,HB_WEST\n1/6/2024 2:00:00 AM,20,HB_WEST\n1/13/2024 1:00:00 AM,21,HB_WEST\n");
        Assert.Equal(Utc(2024, 1, 13, 7), r.HoursUtc[^1]);
        Assert.Equal(Utc(2024, 1, 6, 7), r.HoursUtc[0]);
        Assert.Contains(r.Quality.Notes, n => n.Contains("month-first", StringComparison.Ordinal) && n.Contains("'1/13/2024 1:00:00 AM'", StringComparison.Ordinal));
    }

    [Fact]
    public void DayFirstDate_WithoutTheFlag_SaysWhichFlag()
    {
        var e = Assert.Throws<DataFormatException>(() => Loads(LongHeader + "13/01/2024 1:00:00 AM,20,HB_WEST\n"));
        Assert.Contains("--date-order dmy", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Line);
        var r = Loads(LongHeader + "13/01/2024 1:00:00 AM,20,HB_WEST\n", rules: new PriceReadRules { DateOrder = DateOrder.DayFirst });
        Assert.Equal([Utc(2024, 1, 13, 7)], r.HoursUtc);
    }

    [Fact]
    public void ErcotLayout_IsMonthFirstByDefinition()
    {
        // 01/06/2024 HE01 in ERCOT's DAM layout is 6 January: 00:00 CST = 06:00Z
        var r = Loads(DamHeader + "01/06/2024,01:00,N,HB_WEST,20\n");
        Assert.Equal([Utc(2024, 1, 6, 6)], r.HoursUtc);
        // the date-order flag does not override ERCOT's own definition
        Assert.Equal([Utc(2024, 1, 6, 6)], Loads(DamHeader + "01/06/2024,01:00,N,HB_WEST,20\n", rules: new PriceReadRules { DateOrder = DateOrder.DayFirst }).HoursUtc);
    }

    [Fact]
    public void ExtraField_IsAnError()
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST,20.44,7\n");
        Assert.Equal(22, e.Line);
        Assert.Equal("#6 (none in the header)", e.Column);
        Assert.Equal("7", e.Value);
        Assert.Contains("extra field", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrailingEmptyField_IsAllowed()
    {
        Assert.Equal([20.44], Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,20.44,\n").PriceUsdPerMWh);
    }

    [Fact]
    public void MissingField_IsAnError_NotAGap()
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST,20.44\n06/01/2024,02:00,HB_WEST,21.5\n");
        Assert.Equal(23, e.Line);
        Assert.Equal("Settlement Point Price", e.Column);
        Assert.Contains("4 field(s) where the header has 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnbalancedQuote_IsAnError()
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST,\"20.44\n");
        Assert.Equal(22, e.Line);
        Assert.Equal("Settlement Point Price", e.Column);
        Assert.Contains("unbalanced", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedRowOfAnotherPoint_IsNotRead_OnEitherPath()
    {
        const string text = DamHeader + "06/01/2024,01:00,N,HB_NORTH,20.44,9,9\n06/01/2024,01:00,N,HB_WEST,20.44\n";
        using var dir = new TempDir();
        var utf8 = dir.Write("a.csv", text);
        var utf16 = Path.Combine(dir.Path, "b.csv");
        File.WriteAllText(utf16, text, Encoding.Unicode);
        Assert.Equal([20.44], PriceLoader.Load([utf8], new PriceQuery("HB_WEST")).PriceUsdPerMWh);
        Assert.Equal([20.44], PriceLoader.Load([utf16], new PriceQuery("HB_WEST")).PriceUsdPerMWh);
    }

    [Fact]
    public void LastLineCutMidNumber_WithoutNewline_IsAnError()
    {
        var e = FailsOnBothPaths(DamHeader + OtherRows() + "06/01/2024,01:00,N,HB_WEST,20.44\n06/01/2024,02:00,N,HB_WEST,2");
        Assert.Equal(23, e.Line);
        Assert.Equal("2", e.Value);
        Assert.Contains("cut off", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CompleteLastLine_WithoutNewline_IsUsed()
    {
        var r = Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,20.44\n06/01/2024,02:00,N,HB_WEST,21.10");
        Assert.Equal([20.44, 21.10], r.PriceUsdPerMWh);
        // the same short value with a line break is complete by definition
        Assert.Equal([20.44, 2], Loads(DamHeader + "06/01/2024,01:00,N,HB_WEST,20.44\n06/01/2024,02:00,N,HB_WEST,2\n").PriceUsdPerMWh);
    }
}
