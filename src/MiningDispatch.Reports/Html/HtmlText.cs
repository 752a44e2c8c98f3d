using System.Net;

namespace MiningDispatch.Reports.Html;

/// <summary>Escaping for text and data placed in the report.</summary>
internal static class HtmlText
{
    /// <summary>HTML-escapes any text that came from inputs (names, file names, notes).</summary>
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    /// <summary>
    /// Serialises a value as JSON that is safe inside a &lt;script&gt; element: no raw '&lt;' can appear, so
    /// "&lt;/script&gt;" in a settlement point name cannot close the element.
    /// </summary>
    public static string ScriptSafeJson(object value)
    {
        string json = ScriptJson.Serialize(value);
        // '<' can only occur inside JSON strings, where \u003c means the same character. Belt and braces.
        return json.Replace("<", "\\u003c", StringComparison.Ordinal)
            .Replace(">", "\\u003e", StringComparison.Ordinal)
            .Replace("\u2028", "\\u2028", StringComparison.Ordinal)
            .Replace("\u2029", "\\u2029", StringComparison.Ordinal);
    }
}
