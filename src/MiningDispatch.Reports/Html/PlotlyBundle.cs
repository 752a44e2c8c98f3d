using System.Text.RegularExpressions;

namespace MiningDispatch.Reports.Html;

/// <summary>
/// The plotly.js bundle embedded in the Plotly.NET package, prepared for inlining in a &lt;script&gt; element so the
/// report works with no network at all.
/// </summary>
internal static partial class PlotlyBundle
{
    private static readonly Lazy<(string Name, string Script)> Bundle = new(LoadBundle);

    /// <summary>Resource name, e.g. "Plotly.NET.plotly-2.28.0.min.js".</summary>
    public static string ResourceName => Bundle.Value.Name;

    /// <summary>plotly.js with every "&lt;/script" and "&lt;!--" neutralised so it cannot end the script element early.</summary>
    public static string InlineScript => Bundle.Value.Script;

    private static (string, string) LoadBundle()
    {
        var asm = typeof(Plotly.NET.GenericChart).Assembly;
        string[] names = asm.GetManifestResourceNames()
            .Where(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal))
            .ToArray();
        if (names.Length != 1)
            throw new InvalidOperationException($"Expected one plotly.js resource in {asm.GetName().Name}, found {names.Length}: {string.Join(", ", names)}.");
        using var stream = asm.GetManifestResourceStream(names[0])
            ?? throw new InvalidOperationException($"Resource {names[0]} could not be opened.");
        using var reader = new StreamReader(stream);
        string js = reader.ReadToEnd();
        return (names[0], EscapeForScriptElement(js));
    }

    /// <summary>"&lt;/script" → "&lt;\/script" and "&lt;!--" → "&lt;\!--" (both mean the same inside JS strings and regexes).</summary>
    internal static string EscapeForScriptElement(string js)
        => CommentOpen().Replace(ScriptClose().Replace(js, @"<\/$1"), @"<\!--");

    [GeneratedRegex("</(script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptClose();

    [GeneratedRegex("<!--", RegexOptions.CultureInvariant)]
    private static partial Regex CommentOpen();
}
