namespace MiningDispatch.Cli.Tests.Browser;

/// <summary>
/// A test that drives report.html in a real headless Chromium. It is skipped, with the reason, only when no Chromium
/// executable is found (scripts/install-test-deps installs Debian's chromium package; MINING_DISPATCH_CHROMIUM
/// names another executable).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.Path is null)
            Skip = "No Chromium found (looked at $MINING_DISPATCH_CHROMIUM, /usr/bin/chromium, /usr/bin/chromium-browser): run scripts/install-test-deps.";
    }
}

/// <summary>Where the browser test finds Chromium.</summary>
internal static class Chromium
{
    public static string? Path { get; } = Find();

    private static string? Find()
    {
        string? env = Environment.GetEnvironmentVariable("MINING_DISPATCH_CHROMIUM");
        foreach (var p in new[] { env, "/usr/bin/chromium", "/usr/bin/chromium-browser" })
            if (!string.IsNullOrEmpty(p) && File.Exists(p)) return p;
        return null;
    }
}
