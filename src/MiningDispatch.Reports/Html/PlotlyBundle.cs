using System.Text.RegularExpressions;

namespace MiningDispatch.Reports.Html;

/// <summary>
/// The plotly.js partial bundle "cartesian" (scatter, bar, heatmap, histogram and a few more trace types; 1.4 MB
/// instead of the full bundle's 3.6 MB), embedded in this assembly (Html/Assets, see SOURCES.txt there) and prepared
/// for inlining in a &lt;script&gt; element so the report works with no network at all.
/// </summary>
internal static partial class PlotlyBundle
{
    /// <summary>The resource (and file) name of the bundle.</summary>
    public const string ResourceName = "plotly-cartesian-2.35.3.min.js";

    private static readonly Lazy<string> Bundle = new(LoadBundle);

    /// <summary>plotly.js with every "&lt;/script" and "&lt;!--" neutralised so it cannot end the script element early.</summary>
    public static string InlineScript => Bundle.Value;

    private static string LoadBundle()
    {
        var asm = typeof(PlotlyBundle).Assembly;
        using var stream = asm.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The plotly.js resource {ResourceName} is missing from {asm.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return EscapeForScriptElement(reader.ReadToEnd());
    }

    /// <summary>"&lt;/script" → "&lt;\/script" and "&lt;!--" → "&lt;\!--" (both mean the same inside JS strings and regexes).</summary>
    internal static string EscapeForScriptElement(string js)
        => CommentOpen().Replace(ScriptClose().Replace(js, @"<\/$1"), @"<\!--");

    [GeneratedRegex("</(script)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScriptClose();

    [GeneratedRegex("<!--", RegexOptions.CultureInvariant)]
    private static partial Regex CommentOpen();
}
