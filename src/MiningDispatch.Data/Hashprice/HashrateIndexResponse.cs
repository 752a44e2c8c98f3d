using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MiningDispatch.Data.Hashprice;

/// <summary>Parses <c>GET /hashprice</c> bodies and problem+json error bodies (tolerantly: unknown fields ignored).</summary>
internal static class HashrateIndexResponse
{
    /// <summary>
    /// Reads <c>{"data":[{"price":..,"timestamp":"RFC 3339"}]}</c>; throws <see cref="FormatException"/> with a precise
    /// reason (invalid or truncated JSON, missing <c>data</c>, bad element). Prices are returned as sent.
    /// </summary>
    public static List<(DateTime T, double Price)> ParsePoints(string body, Func<string, string>? redact = null)
    {
        redact ??= static x => x;
        JsonDocument doc;
        try { doc = JsonDocument.Parse(body); }
        catch (JsonException e)
        {
            throw new FormatException(
                $"the response is not valid JSON (truncated or corrupt?): {e.Message} Body length {body.Length} characters.", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data))
                throw new FormatException("the response has no \"data\" member.");
            if (data.ValueKind == JsonValueKind.Null) return [];
            if (data.ValueKind != JsonValueKind.Array)
                throw new FormatException($"\"data\" is a {data.ValueKind}, expected an array.");
            var list = new List<(DateTime, double)>(data.GetArrayLength());
            int i = 0;
            foreach (var e in data.EnumerateArray())
            {
                if (e.ValueKind != JsonValueKind.Object
                    || !e.TryGetProperty("price", out var p) || p.ValueKind != JsonValueKind.Number
                    || !e.TryGetProperty("timestamp", out var t) || t.ValueKind != JsonValueKind.String)
                    throw new FormatException($"data[{i}] is not {{\"price\": number, \"timestamp\": string}}: {Short(redact(e.GetRawText()))}");
                if (!DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var ts)
                    || !HasOffset(t.GetString()!))
                    throw new FormatException($"data[{i}].timestamp '{Short(redact(t.GetString() ?? ""))}' is not an RFC 3339 instant.");
                double v = p.GetDouble();
                if (!double.IsFinite(v) || v < 0)
                    throw new FormatException($"data[{i}].price {p.GetRawText()} is not a finite non-negative number.");
                list.Add((ts.UtcDateTime, v));
                i++;
            }
            return list;
        }
    }

    /// <summary>
    /// "detail; location: message (value); ..." from a problem+json body, or a short excerpt of other text.
    /// <paramref name="redact"/> (hiding the API key) runs on the whole text before the excerpt is cut.
    /// </summary>
    public static string? ErrorDetail(string body, Func<string, string>? redact = null)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        redact ??= static x => x;
        string Short(string s) => HashrateIndexResponse.Short(redact(s));
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Short(body);
            var sb = new StringBuilder();
            string? Str(JsonElement o, string name) =>
                o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
                    ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
            sb.Append(Str(root, "detail") ?? Str(root, "title") ?? Str(root, "message") ?? "");
            if (root.TryGetProperty("error", out var err) && Str(err, "message") is { } em) Append(sb, em);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    string item = (Str(e, "location") is { } loc ? loc + ": " : "") + (Str(e, "message") ?? e.GetRawText());
                    if (Str(e, "value") is { } val) item += $" (value {val})";
                    Append(sb, item);
                }
            }
            return sb.Length > 0 ? Short(sb.ToString()) : Short(body);
        }
        catch (JsonException) { return Short(body); }
    }

    private static void Append(StringBuilder sb, string s)
    {
        if (sb.Length > 0) sb.Append("; ");
        sb.Append(s);
    }

    private static bool HasOffset(string s)
    {
        s = s.Trim();
        return s.EndsWith('Z') || s.EndsWith('z') || (s.Length > 6 && (s[^6] is '+' or '-') && s[^3] == ':');
    }

    private static string Short(string s) => s.Length <= 300 ? s.Trim() : s[..300].Trim() + "...";
}
