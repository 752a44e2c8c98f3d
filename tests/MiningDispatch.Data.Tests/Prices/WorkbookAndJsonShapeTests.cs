using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiningDispatch.Data.Prices;
using static MiningDispatch.Data.Tests.Prices.TestFiles;

namespace MiningDispatch.Data.Tests.Prices;

public class WorkbookShapeTests
{
    /// <summary>
    /// A workbook as a user might re-save it: a notes sheet first, then a sheet whose header is on row 3 under a title,
    /// inline strings, a blank row, a row with only some cells. Values: meltvar_June_2024_first_day.csv lines 6-9 (HB_NORTH HE1).
    /// </summary>
    private static string WriteWorkbook(TempDir dir)
    {
        var path = System.IO.Path.Combine(dir.Path, "rtm_resaved.xlsx");
        using var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        wb.Workbook = new Workbook();
        var sheets = wb.Workbook.AppendChild(new Sheets());

        void AddSheet(uint id, string name, IEnumerable<object?[]> rows)
        {
            var part = wb.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            uint r = 0;
            foreach (var cells in rows)
            {
                r++;
                var row = new Row { RowIndex = r };
                for (int c = 0; c < cells.Length; c++)
                {
                    if (cells[c] is null) continue;
                    string reference = $"{(char)('A' + c)}{r}";
                    row.Append(cells[c] is double d
                        ? new Cell { CellReference = reference, CellValue = new CellValue(d) }
                        : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text((string)cells[c]!)) });
                }
                data.Append(row);
            }
            part.Worksheet = new Worksheet(data);
            sheets.Append(new Sheet { Id = wb.GetIdOfPart(part), SheetId = id, Name = name });
        }

        AddSheet(1, "Notes", [["Exported from ERCOT NP6-785-ER"], ["see SOURCES"]]);
        AddSheet(2, "Jun", [
            ["RTM prices June 2024"],
            [],
            ["Delivery Date", "Delivery Hour", "Delivery Interval", "Repeated Hour Flag", "Settlement Point Name", "Settlement Point Type", "Settlement Point Price"],
            ["06/01/2024", 1.0, 1.0, "N", "HB_NORTH", "HU", 17.69],
            [],
            ["06/01/2024", 1.0, 2.0, "N", "HB_NORTH", "HU", 18.33],
            ["06/01/2024", 1.0, 3.0, "N", "HB_NORTH", "HU", 17.85],
            ["06/01/2024", 1.0, 4.0, "N", "HB_NORTH", "HU", 18.01],
            [null, null, null, null, "HB_NORTH", "HU", null],
        ]);
        return path;
    }

    [Fact]
    public void HeaderFoundBelowTitle_NotesSheetSkipped_BlankAndPartialRowsSkipped()
    {
        using var dir = new TempDir();
        var r = PriceLoader.Load([WriteWorkbook(dir)], new PriceQuery("HB_NORTH"));
        Assert.Equal([Utc(2024, 6, 1, 5)], r.HoursUtc);
        Assert.Equal((17.69 + 18.33 + 17.85 + 18.01) / 4, r.PriceUsdPerMWh[0], 12); // 71.88 / 4 = 17.97
        Assert.Contains(r.Quality.Notes, n => n.Contains("[sheet Notes]: skipped, not a price table (no price header recognised", StringComparison.Ordinal));
        Assert.Contains(r.Quality.Notes, n => n.Contains("partial row", StringComparison.Ordinal) && n.Contains("row 9", StringComparison.Ordinal));
    }

    [Fact]
    public void BadPriceInWorkbook_NamesSheetAndRow()
    {
        using var dir = new TempDir();
        var path = System.IO.Path.Combine(dir.Path, "bad.xlsx");
        using (var doc = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var part = wb.AddNewPart<WorksheetPart>();
            Cell Text(string s) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(s)) };
            part.Worksheet = new Worksheet(new SheetData(
                new Row(Text("Delivery Date"), Text("Hour Ending"), Text("Repeated Hour Flag"), Text("Settlement Point"), Text("Settlement Point Price")) { RowIndex = 1 },
                new Row(Text("01/01/2025"), Text("01:00"), Text("N"), Text("HB_WEST"), Text("#N/A")) { RowIndex = 2 }));
            wb.Workbook.AppendChild(new Sheets(new Sheet { Id = wb.GetIdOfPart(part), SheetId = 1, Name = "Jan" }));
        }
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([path], new PriceQuery("HB_WEST")));
        Assert.Equal("bad.xlsx [sheet Jan]", e.File);
        Assert.Equal(2, e.Line);
        Assert.Equal("Settlement Point Price", e.Column);
        Assert.Equal("#N/A", e.Value);
    }

    [Fact]
    public void BinaryXls_IsRejectedClearly()
    {
        using var dir = new TempDir();
        var f = dir.Write("old.xls", "not really");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([f], new PriceQuery("HB_WEST")));
        Assert.Contains(".xlsx", e.Message);
    }
}

public class JsonShapeTests
{
    // values: raw_rt_spp_excerpt.csv 2026-01-03 HE24 HB_NORTH = 20.69 19.87 18.42 19.5 -> 19.62 at 2026-01-04T05:00Z
    private const string Fields = "\"fields\":[{\"name\":\"deliveryDate\"},{\"name\":\"deliveryHour\"},{\"name\":\"deliveryInterval\"},{\"name\":\"settlementPoint\"},{\"name\":\"settlementPointType\"},{\"name\":\"settlementPointPrice\"},{\"name\":\"DSTFlag\"}]";

    private static string Data(params (int Interval, double Price)[] rows) =>
        "\"data\":[" + string.Join(",", rows.Select(r =>
            FormattableString.Invariant($"[\"2026-01-03\",24,{r.Interval},\"HB_NORTH\",\"HU\",{r.Price},false]"))) + "]";

    [Fact]
    public void ArrayOfPages_DataBeforeFields()
    {
        using var dir = new TempDir();
        var json = "[{" + Data((1, 20.69), (2, 19.87)) + "," + Fields + "}, {\"_meta\":{\"currentPage\":2}," + Fields + "," + Data((3, 18.42), (4, 19.5)) + "}]";
        var r = PriceLoader.Load([dir.Write("pages.json", json)], new PriceQuery("HB_NORTH"));
        Assert.Equal([Utc(2026, 1, 4, 5)], r.HoursUtc);
        Assert.Equal((20.69 + 19.87 + 18.42 + 19.5) / 4, r.PriceUsdPerMWh[0], 12); // 78.48 / 4 = 19.62
        Assert.Equal(0, r.Quality.PartialIntervals);
    }

    [Fact]
    public void MalformedJson_NamesTheFile()
    {
        using var dir = new TempDir();
        var f = dir.Write("broken.json", "{" + Fields + ",\"data\":[[\"2026-01-03\",24,1,\"HB_NORTH\"");
        var e = Assert.Throws<DataFormatException>(() => PriceLoader.Load([f], new PriceQuery("HB_NORTH")));
        Assert.Equal("broken.json", e.File);
    }
}
