using System.IO.Compression;

namespace MiningDispatch.Data.Prices;

/// <summary>Reads one input file by extension: .csv/.txt (delimited text), .xlsx, .json, or .zip holding those.</summary>
internal static class FileReader
{
    public static readonly string[] Extensions = [".csv", ".xlsx", ".zip", ".json"];

    public static void Read(string path, LoadSession session)
    {
        string name = Path.GetFileName(path);
        using var counting = new CountingStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        long length = counting.Length;
        long Bytes() => Math.Min(counting.BytesRead, length);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".xlsx":
                XlsxSource.Read(counting, name, name, session, Bytes);
                break;
            case ".json":
                JsonSource.Read(counting, name, name, session, Bytes);
                break;
            case ".zip":
                ReadZip(counting, name, session, Bytes);
                break;
            case ".xls":
            case ".xlsb":
                throw new DataFormatException("binary Excel workbooks are not supported; save the workbook as .xlsx or CSV", name);
            default:
                ReadCsv(counting, name, name, session, Bytes);
                break;
        }
    }

    private static void ReadCsv(Stream stream, string display, string fileName, LoadSession session, Func<long> bytes)
    {
        var table = new TableContext(session, display, fileName, "line", bytes);
        CsvSource.Read(stream, new TableConsumer(table, required: !session.CurrentFileOptional));
    }

    private static void ReadZip(Stream stream, string name, LoadSession session, Func<long> bytes)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException("not a readable .zip archive: " + e.Message, name, innerException: e);
        }
        using (zip)
        {
            List<ZipArchiveEntry> entries;
            try
            {
                // the central directory is read lazily, here
                entries = zip.Entries
                    .Where(e => e.Length > 0 && Path.GetExtension(e.FullName).ToLowerInvariant() is ".csv" or ".xlsx" or ".json")
                    .OrderBy(e => e.FullName, StringComparer.Ordinal)
                    .ToList();
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException("not a readable .zip archive: " + e.Message, name, innerException: e);
            }
            if (entries.Count == 0)
                throw new DataFormatException("the zip holds no .csv, .xlsx or .json file", name);
            foreach (var entry in entries)
            {
                session.Cancellation.ThrowIfCancellationRequested();
                string display = $"{name}/{entry.FullName}";
                try
                {
                    ReadEntry(entry, display, session, bytes);
                }
                catch (InvalidDataException e)
                {
                    throw new DataFormatException("the zip entry is damaged and cannot be decompressed: " + e.Message, display, innerException: e);
                }
            }
        }
    }

    private static void ReadEntry(ZipArchiveEntry entry, string display, LoadSession session, Func<long> bytes)
    {
        string entryName = Path.GetFileName(entry.FullName);
        switch (Path.GetExtension(entry.FullName).ToLowerInvariant())
        {
            case ".xlsx":
            {
                // OpenXML needs a seekable stream: spill the entry to a temporary file (streamed, not in memory)
                string temp = Path.Combine(Path.GetTempPath(), $"md-{Guid.NewGuid():N}.xlsx");
                using var tempStream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                using (var source = entry.Open()) source.CopyTo(tempStream);
                tempStream.Position = 0;
                XlsxSource.Read(tempStream, display, entryName, session, bytes);
                break;
            }
            case ".json":
            {
                using var source = entry.Open();
                JsonSource.Read(source, display, entryName, session, bytes);
                break;
            }
            default:
            {
                using var source = entry.Open();
                ReadCsv(source, display, entryName, session, bytes);
                break;
            }
        }
    }
}
