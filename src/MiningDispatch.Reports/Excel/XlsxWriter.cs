using System.Buffers.Text;
using System.Globalization;
using System.IO.Compression;
using System.Text;

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
    private readonly XmlBytes _w;
    private readonly IReadOnlyList<XlsxColumn> _columns;
    private uint _row;
    private int _col;
    private bool _open;

    internal XlsxRows(XmlBytes w, IReadOnlyList<XlsxColumn> columns, uint firstRow)
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
        _w.Raw("<row r=\""u8).Int(_row).Raw("\">"u8);
        _open = true;
        _col = 0;
        return this;
    }

    /// <summary>A text cell (blank when null).</summary>
    public XlsxRows Text(string? s, XlsxStyle? style = null)
    {
        if (s is null) return Blank();
        _w.Raw("<c s=\""u8).Int((uint)Resolve(style)).Raw("\" t=\"inlineStr\"><is>"u8);
        // Leading or trailing blanks are kept only when the text says so (XML would let a reader trim them).
        _w.Raw(s.Length > 0 && (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) ? "<t xml:space=\"preserve\">"u8 : "<t>"u8);
        _w.Text(s).Raw("</t></is></c>"u8);
        _col++;
        return this;
    }

    /// <summary>A number cell in the column's format, or <paramref name="style"/>; blank when null or not finite.</summary>
    public XlsxRows Num(double? v, XlsxStyle? style = null)
    {
        if (v is not double d || !double.IsFinite(d)) return Blank();
        _w.Raw("<c s=\""u8).Int((uint)Resolve(style)).Raw("\"><v>"u8).Number(d).Raw("</v></c>"u8);
        _col++;
        return this;
    }

    /// <summary>A real Excel date (serial number) in the column's date format, or <paramref name="style"/>.</summary>
    public XlsxRows Date(DateTime? t, XlsxStyle? style = null) => t is DateTime d ? Num(d.ToOADate(), style) : Blank();

    /// <summary>A TRUE/FALSE cell.</summary>
    public XlsxRows Bool(bool b)
    {
        _w.Raw(b ? "<c s=\"0\" t=\"b\"><v>1</v></c>"u8 : "<c s=\"0\" t=\"b\"><v>0</v></c>"u8);
        _col++;
        return this;
    }

    /// <summary>An empty cell.</summary>
    public XlsxRows Blank()
    {
        _w.Raw("<c s=\""u8).Int((uint)Resolve(null)).Raw("\"/>"u8);
        _col++;
        return this;
    }

    /// <summary>Index (1-based) of the last row started.</summary>
    internal uint LastRow => _row;

    internal void End()
    {
        if (_open) _w.Raw("</row>"u8);
        _open = false;
    }

    private XlsxStyle Resolve(XlsxStyle? style) => style ?? (_col < _columns.Count ? _columns[_col].Style : XlsxStyle.General);
}

/// <summary>
/// UTF-8 XML written straight into a byte buffer that is flushed to a stream when full: markup as UTF-8 literals,
/// text and attribute values escaped, numbers formatted in place (round-trip "R", invariant culture).
/// </summary>
internal sealed class XmlBytes(Stream stream) : IDisposable
{
    private const int Size = 1 << 16;
    private readonly byte[] _buf = new byte[Size];
    private int _n;

    public XmlBytes Raw(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > Size - _n)
        {
            Flush();
            if (utf8.Length > Size)
            {
                stream.Write(utf8);
                return this;
            }
        }
        utf8.CopyTo(_buf.AsSpan(_n));
        _n += utf8.Length;
        return this;
    }

    public XmlBytes Int(uint v)
    {
        if (Size - _n < 16) Flush();
        Utf8Formatter.TryFormat(v, _buf.AsSpan(_n), out int written);
        _n += written;
        return this;
    }

    /// <summary>The shortest text that reads back as the same double (what <c>ToString("R")</c> gives).</summary>
    public XmlBytes Number(double d)
    {
        if (Size - _n < 64) Flush();
        if (!d.TryFormat(_buf.AsSpan(_n), out int written, "R", CultureInfo.InvariantCulture)) throw new InvalidOperationException("A number did not fit its buffer.");
        _n += written;
        return this;
    }

    /// <summary>Text content or an attribute value: &amp; &lt; &gt; &quot; escaped; control characters XML cannot hold dropped (tab and line breaks stay).</summary>
    public XmlBytes Text(string s)
    {
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            ReadOnlySpan<byte> esc;
            if (c == '&') esc = "&amp;"u8;
            else if (c == '<') esc = "&lt;"u8;
            else if (c == '>') esc = "&gt;"u8;
            else if (c == '"') esc = "&quot;"u8;
            else if (c < 0x20 && c is not ('\t' or '\n' or '\r')) esc = default;
            else continue;
            Chars(s.AsSpan(start, i - start));
            Raw(esc);
            start = i + 1;
        }
        return Chars(s.AsSpan(start));
    }

    private XmlBytes Chars(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return this;
        int max = Encoding.UTF8.GetMaxByteCount(s.Length);
        if (max > Size - _n)
        {
            Flush();
            if (max > Size) return Raw(Encoding.UTF8.GetBytes(s.ToArray()));
        }
        _n += Encoding.UTF8.GetBytes(s, _buf.AsSpan(_n));
        return this;
    }

    public void Flush()
    {
        stream.Write(_buf, 0, _n);
        _n = 0;
    }

    public void Dispose() => Flush();
}

/// <summary>
/// Writes sheets into an .xlsx package: the package's XML parts written directly, as UTF-8, into a zip (no cell DOM
/// and no package library in memory; the rows stream from the sheets' callbacks into the compressor).
/// </summary>
internal static class XlsxWriter
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    /// <summary>The time stamp of every entry of the workbook's zip (the earliest a zip can hold), so the same run gives the same bytes.</summary>
    private static readonly DateTimeOffset FixedStamp = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes <paramref name="sheets"/>, in order, to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IReadOnlyList<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0) throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        Part(zip, "[Content_Types].xml", w => ContentTypes(w, sheets.Count));
        Part(zip, "_rels/.rels", w => w.Raw(Utf8(Declaration + $"<Relationships xmlns=\"{PackageRelNs}\">"
            + $"<Relationship Id=\"rId1\" Type=\"{RelNs}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")));
        Part(zip, "xl/workbook.xml", w => Workbook(w, sheets));
        Part(zip, "xl/_rels/workbook.xml.rels", w => WorkbookRels(w, sheets.Count));
        Part(zip, "xl/styles.xml", w => w.Raw(StylesXml));
        for (int i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            bool first = i == 0;
            Part(zip, SheetPath(i), w => WriteSheet(w, sheet, first));
        }
    }

    private static string SheetPath(int index) => "xl/worksheets/sheet" + (index + 1).ToString(CultureInfo.InvariantCulture) + ".xml";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static void Part(ZipArchive zip, string name, Action<XmlBytes> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = FixedStamp;
        using var s = entry.Open();
        using var w = new XmlBytes(s);
        write(w);
    }

    private static void ContentTypes(XmlBytes w, int sheetCount)
    {
        var sb = new StringBuilder(Declaration)
            .Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
            .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
            .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
            .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
            .Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 0; i < sheetCount; i++)
        {
            sb.Append("<Override PartName=\"/").Append(SheetPath(i))
              .Append("\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        w.Raw(Utf8(sb.Append("</Types>").ToString()));
    }

    private static void Workbook(XmlBytes w, IReadOnlyList<XlsxSheet> sheets)
    {
        w.Raw(Utf8(Declaration + $"<workbook xmlns=\"{MainNs}\" xmlns:r=\"{RelNs}\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"));
        for (int i = 0; i < sheets.Count; i++)
        {
            uint id = (uint)i + 1;
            w.Raw("<sheet name=\""u8).Text(sheets[i].Name).Raw("\" sheetId=\""u8).Int(id).Raw("\" r:id=\"rId"u8).Int(id).Raw("\"/>"u8);
        }
        w.Raw("</sheets></workbook>"u8);
    }

    private static void WorkbookRels(XmlBytes w, int sheetCount)
    {
        var sb = new StringBuilder(Declaration).Append("<Relationships xmlns=\"").Append(PackageRelNs).Append("\">");
        for (int i = 0; i < sheetCount; i++)
        {
            sb.Append("<Relationship Id=\"rId").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\" Type=\"").Append(RelNs)
              .Append("/worksheet\" Target=\"worksheets/sheet").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append(".xml\"/>");
        }
        sb.Append("<Relationship Id=\"rIdStyles\" Type=\"").Append(RelNs).Append("/styles\" Target=\"styles.xml\"/></Relationships>");
        w.Raw(Utf8(sb.ToString()));
    }

    private static void WriteSheet(XmlBytes w, XlsxSheet sheet, bool first)
    {
        var inv = CultureInfo.InvariantCulture;
        int fc = sheet.FreezeColumns;
        string topLeft = Column(fc) + "2";
        string activePane = fc > 0 ? "bottomRight" : "bottomLeft";
        var head = new StringBuilder(Declaration).Append("<worksheet xmlns=\"").Append(MainNs).Append("\"><sheetViews><sheetView")
            .Append(first ? " tabSelected=\"1\"" : "").Append(" workbookViewId=\"0\"><pane")
            .Append(fc > 0 ? " xSplit=\"" + fc.ToString(inv) + "\"" : "") // frozen columns
            .Append(" ySplit=\"1\" topLeftCell=\"").Append(topLeft).Append("\" activePane=\"").Append(activePane).Append("\" state=\"frozen\"/>") // the header row
            .Append("<selection pane=\"").Append(activePane).Append("\" activeCell=\"").Append(topLeft).Append("\" sqref=\"").Append(topLeft).Append("\"/></sheetView></sheetViews>");
        if (sheet.Columns.Count > 0)
        {
            head.Append("<cols>");
            for (int i = 0; i < sheet.Columns.Count; i++)
            {
                string n = (i + 1).ToString(inv);
                head.Append("<col min=\"").Append(n).Append("\" max=\"").Append(n).Append("\" width=\"").Append(sheet.Columns[i].Width.ToString("R", inv)).Append("\" customWidth=\"1\"/>");
            }
            head.Append("</cols>");
        }
        w.Raw(Utf8(head.Append("<sheetData>").ToString()));

        var rows = new XlsxRows(w, sheet.Columns, firstRow: 1);
        rows.Row();
        foreach (var c in sheet.Columns) rows.Text(c.Header, XlsxStyle.Header);
        sheet.Rows(rows);
        rows.End();
        w.Raw("</sheetData>"u8);

        if (sheet.Columns.Count > 0)
            w.Raw(Utf8("<autoFilter ref=\"A1:" + Column(sheet.Columns.Count - 1) + rows.LastRow.ToString(inv) + "\"/>"));
        w.Raw("</worksheet>"u8);
    }

    /// <summary>Column letters of a zero-based index: 0 → A, 26 → AA.</summary>
    internal static string Column(int index)
    {
        string s = "";
        for (int n = index + 1; n > 0; n = (n - 1) / 26) s = (char)('A' + (n - 1) % 26) + s;
        return s;
    }

    /// <summary>Custom number formats (ids from 164; 3 = #,##0 and 4 = #,##0.00 are built in).</summary>
    private static readonly (uint Id, string Code)[] NumberFormats =
    [
        (164, "\"$\"#,##0;[Red]-\"$\"#,##0"),
        (165, "\"$\"#,##0.00;[Red]-\"$\"#,##0.00"),
        (166, "0.0%"),
        (167, "yyyy-mm-dd hh:mm"),
        (168, "yyyy-mm-dd"),
        (169, "mmm yyyy"),
        (170, "#,##0.000"),
        (171, "0.0000"),
    ];

    /// <summary>The number format of each <see cref="XlsxStyle"/> that is a plain number format, in enum order from <see cref="XlsxStyle.Usd"/> to <see cref="XlsxStyle.Num4"/>.</summary>
    private static readonly uint[] NumberStyleFormats = [164, 165, 4, 166, 167, 168, 169, 170, 3, 171];

    private static readonly byte[] StylesXml = BuildStyles();

    private static byte[] BuildStyles()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(Declaration).Append("<styleSheet xmlns=\"").Append(MainNs).Append("\">")
            .Append("<numFmts count=\"").Append(NumberFormats.Length.ToString(inv)).Append("\">");
        foreach (var (id, code) in NumberFormats)
            sb.Append("<numFmt numFmtId=\"").Append(id.ToString(inv)).Append("\" formatCode=\"").Append(code.Replace("\"", "&quot;", StringComparison.Ordinal)).Append("\"/>");
        sb.Append("</numFmts>")
          .Append("<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>")
          .Append("<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>")
          .Append("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFEEF2F5\"/></patternFill></fill></fills>")
          .Append("<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>")
          .Append("<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>")
          .Append("<cellXfs count=\"").Append((NumberStyleFormats.Length + 3).ToString(inv)).Append("\">")
          .Append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>") // General
          .Append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" applyFont=\"1\" applyFill=\"1\" applyAlignment=\"1\"><alignment vertical=\"bottom\" wrapText=\"1\"/></xf>"); // Header
        foreach (uint fmt in NumberStyleFormats)
            sb.Append("<xf numFmtId=\"").Append(fmt.ToString(inv)).Append("\" fontId=\"0\" fillId=\"0\" borderId=\"0\" applyNumberFormat=\"1\"/>");
        sb.Append("<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" applyFont=\"1\"/>") // Bold
          .Append("</cellXfs></styleSheet>");
        return Utf8(sb.ToString());
    }
}
