using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiningDispatch.Reports;

/// <summary>
/// A <c>double[,]</c> as a JSON array of rows (<c>[[a, b], [c, d]]</c> for [row, column]); reading checks that every
/// row has the same length. Numbers follow the serializer options (named literals for NaN and ±Infinity). An array
/// with no rows is written as <c>[]</c> and read as 0 × 0.
/// </summary>
internal sealed class RectangularArrayConverter : JsonConverter<double[,]>
{
    public override double[,] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected an array of rows (arrays of numbers).");
        var rows = new List<double[]>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var row = JsonSerializer.Deserialize<double[]>(ref reader, options)
                ?? throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Row {rows.Count} is null."));
            if (rows.Count > 0 && row.Length != rows[0].Length)
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Row {rows.Count} has {row.Length} values but row 0 has {rows[0].Length}; the array must be rectangular."));
            rows.Add(row);
        }
        int n = rows.Count, m = n == 0 ? 0 : rows[0].Length;
        var result = new double[n, m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) result[i, j] = rows[i][j];
        return result;
    }

    public override void Write(Utf8JsonWriter writer, double[,] value, JsonSerializerOptions options)
    {
        int n = value.GetLength(0), m = value.GetLength(1);
        var row = new double[m];
        writer.WriteStartArray();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < m; j++) row[j] = value[i, j];
            JsonSerializer.Serialize(writer, row, options);
        }
        writer.WriteEndArray();
    }
}
