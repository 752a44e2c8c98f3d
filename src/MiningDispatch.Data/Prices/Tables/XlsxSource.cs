using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MiningDispatch.Data.Prices;

/// <summary>
/// Streams every worksheet of an .xlsx workbook with the SAX-style <see cref="OpenXmlReader"/> (no DOM of the
/// sheets): shared strings are read once, then each sheet's rows become table rows (one table per sheet, header
/// detected per sheet, so sheet names do not matter).
/// </summary>
internal static class XlsxSource
{
    public static void Read(Stream seekable, string display, string fileName, LoadSession session, Func<long> bytesRead)
    {
        try
        {
            ReadWorkbook(seekable, display, fileName, session, bytesRead);
        }
        catch (Exception e) when (IsDamage(e))
        {
            // package parts, relationships or the workbook XML itself are damaged
            throw Damaged(display, e);
        }
    }

    private static void ReadWorkbook(Stream seekable, string display, string fileName, LoadSession session, Func<long> bytesRead)
    {
        SpreadsheetDocument doc;
        try
        {
            doc = SpreadsheetDocument.Open(seekable, false);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new DataFormatException("not a readable .xlsx workbook: " + e.Message, display, innerException: e);
        }
        using (doc)
        {
            var wb = doc.WorkbookPart ?? throw new DataFormatException("the workbook has no workbook part", display);
            string[] strings;
            try { strings = ReadSharedStrings(wb); }
            catch (Exception e) when (IsDamage(e)) { throw Damaged(display + " [shared strings]", e); }
            var sheets = wb.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
            int tables = 0;
            foreach (var sheet in sheets)
            {
                session.Cancellation.ThrowIfCancellationRequested();
                if (sheet.Id?.Value is not { } id || wb.GetPartById(id) is not WorksheetPart part) continue;
                var table = new TableContext(session, $"{display} [sheet {sheet.Name?.Value}]", fileName, "row", bytesRead);
                var consumer = new TableConsumer(table, required: false);
                try { ReadSheet(part, strings, consumer); }
                catch (Exception e) when (IsDamage(e)) { throw Damaged(table.Display, e); }
                consumer.Complete();
                if (consumer.HasLayout) tables++;
            }
            if (tables == 0)
                throw new DataFormatException("no worksheet has a recognised price header", display);
        }
    }

    /// <summary>What a damaged workbook throws while its parts are read: bad XML, bad deflate data, bad package.</summary>
    private static bool IsDamage(Exception e) =>
        e is System.Xml.XmlException or InvalidDataException or OpenXmlPackageException or FileFormatException;

    private static DataFormatException Damaged(string display, Exception e) =>
        new("the workbook is damaged and cannot be read (" + e.GetType().Name + ": " + e.Message + "); open and re-save it in Excel, or export the sheet as CSV", display, innerException: e);

    private static string[] ReadSharedStrings(WorkbookPart wb)
    {
        var part = wb.SharedStringTablePart;
        if (part is null) return [];
        var list = new List<string>();
        var sb = new StringBuilder();
        int phonetic = 0;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            var t = reader.ElementType;
            if (t == typeof(SharedStringItem))
            {
                if (reader.IsStartElement) sb.Clear();
                else list.Add(sb.ToString());
            }
            else if (t == typeof(PhoneticRun))
            {
                phonetic += reader.IsStartElement ? 1 : -1;
            }
            else if (t == typeof(Text) && reader.IsStartElement && phonetic == 0)
            {
                sb.Append(reader.GetText());
            }
        }
        return [.. list];
    }

    private static void ReadSheet(WorksheetPart part, string[] strings, TableConsumer consumer)
    {
        var row = new TableRow();
        using var reader = OpenXmlReader.Create(part);
        int rowNumber = 0;
        int nextColumn = 0;
        bool inRow = false;
        bool inCell = false;
        string? cellType = null;
        int cellColumn = 0;
        string? cellValue = null;
        while (reader.Read())
        {
            var t = reader.ElementType;
            if (t == typeof(Row))
            {
                if (reader.IsStartElement)
                {
                    inRow = true;
                    rowNumber++;
                    foreach (var a in reader.Attributes)
                    {
                        if (a.LocalName == "r" && int.TryParse(a.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int r)) rowNumber = r;
                    }
                    row.BeginOwned();
                    row.Line = rowNumber;
                    nextColumn = 0;
                }
                else if (inRow)
                {
                    inRow = false;
                    consumer.OnRow(row);
                    if (!consumer.WantsRows) return;
                }
            }
            else if (t == typeof(Cell))
            {
                if (reader.IsStartElement)
                {
                    inCell = true;
                    cellType = null;
                    cellValue = null;
                    cellColumn = nextColumn;
                    foreach (var a in reader.Attributes)
                    {
                        if (a.LocalName == "r") cellColumn = ColumnIndex(a.Value, nextColumn);
                        else if (a.LocalName == "t") cellType = a.Value;
                    }
                }
                else if (inCell)
                {
                    inCell = false;
                    nextColumn = cellColumn + 1;
                    var text = Resolve(cellType, cellValue, strings);
                    if (text.Length > 0) row.Set(cellColumn, text);
                }
            }
            else if (inCell && reader.IsStartElement && (t == typeof(CellValue) || t == typeof(Text)))
            {
                // <v> of any cell, or <is><t> of an inline string
                cellValue = (cellValue ?? "") + reader.GetText();
            }
        }
    }

    private static string Resolve(string? type, string? value, string[] strings)
    {
        if (value is null) return "";
        switch (type)
        {
            case "s":
                return int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int i)
                       && i >= 0 && i < strings.Length ? strings[i] : "";
            case "b":
                return value == "1" ? "TRUE" : "FALSE";
            default:
                return value;
        }
    }

    /// <summary>"B12" → 1.</summary>
    private static int ColumnIndex(string? reference, int fallback)
    {
        if (string.IsNullOrEmpty(reference)) return fallback;
        int col = 0, i = 0;
        for (; i < reference.Length && char.IsAsciiLetter(reference[i]); i++) col = col * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
        return i == 0 ? fallback : col - 1;
    }
}
