using global::Parquet;
using global::Parquet.Schema;
using MiningDispatch.Reports.Common;

namespace MiningDispatch.Reports.Parquet;

/// <summary>One column of a Parquet table: its name and values (string, int, long, double, double?, bool or UTC DateTime).</summary>
internal sealed record ParquetColumn(string Name, Array Values);

/// <summary>
/// Writes a flat table as one Parquet file (Parquet.Net, Snappy-compressed, one row group per
/// <see cref="RowGroupSize"/> rows), replacing the file atomically.
/// </summary>
internal static class ParquetTable
{
    public const int RowGroupSize = 1 << 20;

    public static void Write(string path, IReadOnlyList<ParquetColumn> columns, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(columns);
        int rows = columns.Count == 0 ? 0 : columns[0].Values.Length;
        if (columns.Any(c => c.Values.Length != rows)) throw new ArgumentException("Every column must have the same number of rows.", nameof(columns));
        var fields = columns.Select(c => Field(c)).ToArray();
        var schema = new ParquetSchema(fields);
        AtomicFile.Write(path, stream => WriteAsync(stream, schema, fields, columns, rows, ct).GetAwaiter().GetResult());
    }

    private static DataField Field(ParquetColumn c) => c.Values switch
    {
        string[] => new DataField<string>(c.Name),
        int[] => new DataField<int>(c.Name),
        long[] => new DataField<long>(c.Name),
        double[] => new DataField<double>(c.Name),
        double?[] => new DataField<double?>(c.Name),
        bool[] => new DataField<bool>(c.Name),
        DateTime[] => new DataField<DateTime>(c.Name),
        _ => throw new ArgumentException($"Column {c.Name}: values of type {c.Values.GetType().Name} are not supported.", nameof(c)),
    };

    private static async Task WriteAsync(Stream stream, ParquetSchema schema, DataField[] fields, IReadOnlyList<ParquetColumn> columns, int rows, CancellationToken ct)
    {
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: ct).ConfigureAwait(false);
        for (int from = 0; from < rows || from == 0; from += RowGroupSize)
        {
            ct.ThrowIfCancellationRequested();
            int n = Math.Min(RowGroupSize, rows - from);
            using var group = writer.CreateRowGroup();
            for (int i = 0; i < columns.Count; i++)
            {
                var f = fields[i];
                switch (columns[i].Values)
                {
                    case string[] s: await group.WriteAsync(f, (IReadOnlyCollection<string>)s.AsSpan(from, n).ToArray()).ConfigureAwait(false); break;
                    case int[] a: await group.WriteAsync(f, new ReadOnlyMemory<int>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    case long[] a: await group.WriteAsync(f, new ReadOnlyMemory<long>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    case double[] a: await group.WriteAsync(f, new ReadOnlyMemory<double>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    case double?[] a: await group.WriteAsync(f, new ReadOnlyMemory<double?>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    case bool[] a: await group.WriteAsync(f, new ReadOnlyMemory<bool>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    case DateTime[] a: await group.WriteAsync(f, new ReadOnlyMemory<DateTime>(a, from, n), cancellationToken: ct).ConfigureAwait(false); break;
                    default: throw new ArgumentException($"Column {columns[i].Name}: unsupported values.", nameof(columns));
                }
            }
            if (rows == 0) break;
        }
    }
}
