using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MiningDispatch.Reports.Excel;

/// <summary>Cell formats of the workbook; the value is the index into the stylesheet's cellXfs.</summary>
internal enum XlsxStyle : uint
{
    General = 0,
    Header = 1,
    /// <summary>Whole dollars: "$1,235", negatives red.</summary>
    Usd = 2,
    /// <summary>Dollars and cents, for per-interval money.</summary>
    Usd2 = 3,
    /// <summary>Prices and other two-decimal numbers: "1,234.56".</summary>
    Price = 4,
    /// <summary>A fraction shown as a percentage: 0.953 → "95.3%".</summary>
    Pct = 5,
    /// <summary>An Excel date and time: "2024-01-31 06:00".</summary>
    DateTime = 6,
    /// <summary>An Excel date: "2024-01-31".</summary>
    Date = 7,
    /// <summary>An Excel date shown as its month: "Jan 2024".</summary>
    Month = 8,
    /// <summary>Three decimals (MW, MWh): "1,234.567".</summary>
    Num3 = 9,
    /// <summary>Whole numbers with thousands separators (counts, hours).</summary>
    Int = 10,
    /// <summary>Four decimals (BTC, ratios).</summary>
    Num4 = 11,
    /// <summary>Bold text, for a totals row's label.</summary>
    Bold = 12,
}

/// <summary>One column of a sheet: header text (with the unit), default cell format and width in characters.</summary>
internal sealed record XlsxColumn(string Header, XlsxStyle Style, double Width);

/// <summary>
/// One worksheet: its columns and a callback that streams the rows. The header row is frozen (and the first
/// <see cref="FreezeColumns"/> columns, when set).
/// </summary>
internal sealed record XlsxSheet(string Name, IReadOnlyList<XlsxColumn> Columns, Action<XlsxRows> Rows)
{
    public int FreezeColumns { get; init; }
}

/// <summary>Streams the rows of one sheet: <see cref="Row"/> starts a row, then one call per cell, left to right.</summary>
internal sealed class XlsxRows
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly OpenXmlWriter _w;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private uint _row;
    private int _col;
    private bool _open;

    internal XlsxRows(OpenXmlWriter w, IReadOnlyList<XlsxColumn> columns, uint firstRow)
    {
        _w = w;
        _columns = columns;
        _row = firstRow - 1;
    }

    /// <summary>Starts the next row.</summary>
    public XlsxRows Row()
    {
        End();
        _row++;
        _w.WriteStartElement(RowElement, [new OpenXmlAttribute("r", "", _row.ToString(Inv))]);
        _open = true;
        _col = 0;
        return this;
    }

    /// <summary>A text cell (blank when null).</summary>
    public XlsxRows Text(string? s, XlsxStyle? style = null)
    {
        if (s is null) return Blank();
        _w.WriteStartElement(CellElement, TextAttributes[(int)Resolve(style)]);
        _w.WriteStartElement(InlineElement);
        _w.WriteStartElement(TextElement);
        _w.WriteString(Clean(s));
        _w.WriteEndElement();
        _w.WriteEndElement();
        _w.WriteEndElement();
        _col++;
        return this;
    }

    /// <summary>A number cell in the column's format, or <paramref name="style"/>; blank when null or not finite.</summary>
    public XlsxRows Num(double? v, XlsxStyle? style = null)
    {
        if (v is not double d || !double.IsFinite(d)) return Blank();
        _w.WriteStartElement(CellElement, StyleAttributes[(int)Resolve(style)]);
        _w.WriteStartElement(ValueElement);
        _w.WriteString(d.ToString("R", Inv));
        _w.WriteEndElement();
        _w.WriteEndElement();
        _col++;
        return this;
    }

    /// <summary>A real Excel date (serial number) in the column's date format, or <paramref name="style"/>.</summary>
    public XlsxRows Date(DateTime? t, XlsxStyle? style = null) => t is DateTime d ? Num(d.ToOADate(), style) : Blank();

    /// <summary>A TRUE/FALSE cell.</summary>
    public XlsxRows Bool(bool b)
    {
        _w.WriteStartElement(CellElement, BoolAttributes);
        _w.WriteStartElement(ValueElement);
        _w.WriteString(b ? "1" : "0");
        _w.WriteEndElement();
        _w.WriteEndElement();
        _col++;
        return this;
    }

    /// <summary>An empty cell.</summary>
    public XlsxRows Blank()
    {
        _w.WriteStartElement(CellElement, StyleAttributes[(int)Resolve(null)]);
        _w.WriteEndElement();
        _col++;
        return this;
    }

    /// <summary>Index (1-based) of the last row started.</summary>
    internal uint LastRow => _row;

    internal void End()
    {
        if (_open) _w.WriteEndElement();
        _open = false;
    }

    private XlsxStyle Resolve(XlsxStyle? style) => style ?? (_col < _columns.Count ? _columns[_col].Style : XlsxStyle.General);

    // The writer only reads the elements' names: one instance of each, and one attribute list per style, serve every cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly OpenXmlAttribute[][] StyleAttributes = Styles(null);
    private static readonly OpenXmlAttribute[][] TextAttributes = Styles("inlineStr");
    private static readonly OpenXmlAttribute[] BoolAttributes = [new("s", "", "0"), new("t", "", "b")];

    private static OpenXmlAttribute[][] Styles(string? type) => Enum.GetValues<XlsxStyle>()
        .Select(s => type is null ? new[] { new OpenXmlAttribute("s", "", ((uint)s).ToString(Inv)) } : [new("s", "", ((uint)s).ToString(Inv)), new("t", "", type)])
        .ToArray();

    /// <summary>Drops the control characters XML cannot hold (tab and line breaks stay).</summary>
    private static string Clean(string s)
    {
        foreach (char c in s)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r')) return new string(s.Where(x => x >= 0x20 || x is '\t' or '\n' or '\r').ToArray());
        }
        return s;
    }
}

/// <summary>Writes sheets into an .xlsx package with the Open XML SDK's streaming writer (no cell DOM in memory).</summary>
internal static class XlsxWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes <paramref name="sheets"/>, in order, to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0) throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        using var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var wb = doc.AddWorkbookPart();
        var stylesPart = wb.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = Stylesheet();
        var entries = new Sheets();
        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = wb.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet, first: id == 1);
            entries.Append(new Sheet { Name = sheet.Name, SheetId = id++, Id = wb.GetIdOfPart(part) });
        }
        wb.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0 }), entries);
    }

    private static void WriteSheet(WorksheetPart part, XlsxSheet sheet, bool first)
    {
        using var w = OpenXmlWriter.Create(part);
        w.WriteStartElement(new Worksheet());

        int fc = sheet.FreezeColumns;
        string topLeft = Column(fc) + "2";
        var pane = new Pane
        {
            HorizontalSplit = fc > 0 ? fc : null, // xSplit: frozen columns
            VerticalSplit = 1,                    // ySplit: the header row
            TopLeftCell = topLeft,
            ActivePane = fc > 0 ? PaneValues.BottomRight : PaneValues.BottomLeft,
            State = PaneStateValues.Frozen,
        };
        var view = new SheetView(pane, new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
        {
            WorkbookViewId = 0,
            TabSelected = first ? true : null,
        };
        w.WriteElement(new SheetViews(view));

        var cols = new Columns();
        for (int i = 0; i < sheet.Columns.Count; i++)
            cols.Append(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = sheet.Columns[i].Width, CustomWidth = true });
        w.WriteElement(cols);

        w.WriteStartElement(new SheetData());
        var rows = new XlsxRows(w, sheet.Columns, firstRow: 1);
        rows.Row();
        foreach (var c in sheet.Columns) rows.Text(c.Header, XlsxStyle.Header);
        sheet.Rows(rows);
        rows.End();
        w.WriteEndElement(); // sheetData

        if (sheet.Columns.Count > 0)
            w.WriteElement(new AutoFilter { Reference = "A1:" + Column(sheet.Columns.Count - 1) + rows.LastRow.ToString(Inv) });
        w.WriteEndElement(); // worksheet
    }

    /// <summary>Column letters of a zero-based index: 0 → A, 26 → AA.</summary>
    internal static string Column(int index)
    {
        string s = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    private static Stylesheet Stylesheet()
    {
        // Custom number formats start at id 164; 3 (#,##0) and 4 (#,##0.00) are built in.
        var formats = new (uint Id, string Code)[]
        {
            (164, "\"$\"#,##0;[Red]-\"$\"#,##0"),
            (165, "\"$\"#,##0.00;[Red]-\"$\"#,##0.00"),
            (166, "0.0%"),
            (167, "yyyy-mm-dd hh:mm"),
            (168, "yyyy-mm-dd"),
            (169, "mmm yyyy"),
            (170, "#,##0.000"),
            (171, "0.0000"),
        };
        var numFmts = new NumberingFormats(formats.Select(f => new NumberingFormat { NumberFormatId = f.Id, FormatCode = f.Code }));
        numFmts.Count = (uint)formats.Length;

        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEEF2F5" }) { PatternType = PatternValues.Solid }))
        { Count = 3 };
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 };

        static CellFormat Num(uint fmt) => new() { NumberFormatId = fmt, ApplyNumberFormat = true, FontId = 0, FillId = 0, BorderId = 0 };
        var xfs = new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 },                     // General
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Bottom })        // Header
            { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true },
            Num(164), Num(165), Num(4), Num(166), Num(167), Num(168), Num(169), Num(170), Num(3), Num(171),
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true });   // Bold
        xfs.Count = (uint)xfs.ChildElements.Count;
        return new Stylesheet(numFmts, fonts, fills, borders, new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 }, xfs);
    }
}
