using System.Text;
using MiningDispatch.Data.Prices;
using MiningDispatch.Data.Tests.Prices;

namespace MiningDispatch.Data.Tests.Fuzz;

/// <summary>The messages a user gets for the damaged inputs the fuzz tests found: each says what is wrong and where.</summary>
public sealed class DamagedInputMessageTests : IDisposable
{
    private const string Dam = "Delivery Date,Hour Ending,Repeated Hour Flag,Settlement Point,Settlement Point Price\n" +
                               "01/02/2024,01:00,N,HB_WEST,\"1,286.90\"\n01/02/2024,02:00,N,HB_WEST,-251\n";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DataFormatException Fails(string path) =>
        Assert.Throws<DataFormatException>(() => PriceLoader.Load([path], new PriceQuery("HB_WEST")));

    [Fact]
    public void Utf16_with_a_bom_loads_and_without_one_is_named()
    {
        string with = Path.Combine(_dir.Path, "with_bom.csv");
        File.WriteAllText(with, Dam, new UnicodeEncoding(false, true));
        var r = PriceLoader.Load([with], new PriceQuery("HB_WEST"));
        Assert.Equal([1286.9, -251], r.PriceUsdPerMWh);

        string without = Path.Combine(_dir.Path, "no_bom.csv");
        File.WriteAllBytes(without, new UnicodeEncoding(false, false).GetBytes(Dam));
        var e = Fails(without);
        Assert.Equal("no_bom.csv", e.File);
        Assert.Equal(1, e.Line);
        Assert.Contains("UTF-16 saved without a byte-order mark", e.Message);
    }

    [Fact]
    public void A_line_without_end_is_refused_before_it_fills_memory()
    {
        string path = Path.Combine(_dir.Path, "one_line.csv");
        // above the byte-level CSV reader's limit of 4 MiB per line (1 << 22 bytes)
        File.WriteAllText(path, new string('7', 5_000_000));
        var e = Fails(path);
        Assert.Equal(1, e.Line);
        Assert.Contains("line longer than 4,194,304 bytes", e.Message);
        Assert.True(e.Message.Length < 400);
    }

    [Fact]
    public void Unrecognised_layout_shows_only_the_start_of_a_long_first_row()
    {
        string path = Path.Combine(_dir.Path, "wide_junk.csv");
        File.WriteAllText(path, string.Join(",", Enumerable.Range(0, 5000).Select(i => "col" + i)) + "\n1,2,3\n");
        var e = Fails(path);
        Assert.Contains("layout not recognised. First row: 'col0,col1,", e.Message);
        Assert.True(e.Message.Length < 1000, $"{e.Message.Length} characters");
    }

    [Fact]
    public void Json_with_a_latin1_byte_in_a_string_names_the_encoding()
    {
        string path = Path.Combine(_dir.Path, "display.json");
        var json = Encoding.UTF8.GetBytes("[{\"Oper Day\": \"06/26/2025\", \"Interval Ending\": \"0015\", \"LZ_WEST\": \"57.07\", \"Note\": \"caf#\"}]");
        json[Array.IndexOf(json, (byte)'#')] = 0xE9; // 'é' in Latin-1, invalid in UTF-8
        File.WriteAllBytes(path, json);
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([path], new PriceQuery("LZ_WEST")));
        Assert.Contains("not UTF-8", e.Message);
        Assert.Equal("display.json", e.File);
    }

    [Fact]
    public void Truncated_json_names_the_line()
    {
        string path = Path.Combine(_dir.Path, "cut.json");
        File.WriteAllText(path, "[\n{\"Oper Day\": \"06/26/2025\", \"Interval Ending\": \"0015\", \"LZ_WEST\": \"57.07\"},\n{\"Oper Day\": \"06/2");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([path], new PriceQuery("LZ_WEST")));
        Assert.Contains("malformed JSON", e.Message);
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void Workbook_with_damaged_sheet_xml_is_named_with_its_sheet()
    {
        var f = PriceFileGenerator.Generate(new Random(5), FuzzLayout.Xlsx, _dir.Path);
        string path = Path.Combine(_dir.Path, "damaged.xlsx");
        File.Move(f.Path, path);
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var sheet = zip.Entries.First(en => en.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal));
            string name = sheet.FullName;
            string xml;
            using (var r = new StreamReader(sheet.Open())) xml = r.ReadToEnd();
            sheet.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(xml[..(xml.Length / 2)] + "<c r=\"A1\" t=<<broken");
        }
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([path], new PriceQuery(f.Points[0])));
        Assert.Equal("damaged.xlsx [sheet DAM]", e.File);
        Assert.Contains("the workbook is damaged", e.Message);
        Assert.Contains("XmlException", e.Message);
    }

    [Fact]
    public void Zip_with_a_damaged_central_directory_is_named()
    {
        string path = Path.Combine(_dir.Path, "prices.zip");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var w = new StreamWriter(zip.CreateEntry("dam.csv").Open());
            w.Write(Dam);
        }
        var bytes = File.ReadAllBytes(path);
        int eocd = bytes.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4B, 0x05, 0x06 });
        bytes[eocd + 10] = 7; // "7 entries" in the end record, 1 in the directory
        File.WriteAllBytes(path, bytes);
        var e = Fails(path);
        Assert.Equal("prices.zip", e.File);
        Assert.Contains("not a readable .zip archive", e.Message);
    }

    [Fact]
    public void Control_characters_from_a_damaged_file_are_shown_escaped()
    {
        string path = Path.Combine(_dir.Path, "nul_price.csv");
        File.WriteAllText(path, Dam.Replace("-251", "-2\u00015\u001b1", StringComparison.Ordinal));
        var e = Fails(path);
        Assert.Equal(3, e.Line);
        Assert.Equal("-2\u00015\u001b1", e.Value);          // the property keeps the raw value
        Assert.Contains("value '-2\\x015\\x1B1'", e.Message); // the message shows it readably
    }
}
