using MiningDispatch.Core.Risk;

namespace MiningDispatch.App.Services;

/// <summary>Turns the bootstrap's "history too short" into a settings error in the command's own terms (exit 2, not a bug).</summary>
internal static class MonteCarloHistory
{
    /// <summary>
    /// The bootstrap's finding (its span and the day it could not serve), then what to change on the command line:
    /// <paramref name="historyFlags"/> names the flags that set the history (e.g. <c>--start/--end</c>).
    /// </summary>
    public static SettingsException Explain(InsufficientHistoryException ex, string historyFlags)
    {
        ArgumentNullException.ThrowIfNull(ex);
        string what = ex.Message;
        int cut = what.IndexOf(" Widen ", StringComparison.Ordinal); // the library's remedy names its options, not flags
        if (cut > 0) what = what[..cut];
        return new SettingsException($"The price history is too short for the Monte Carlo's seasonal block bootstrap: {what} " +
            $"Give more history with {historyFlags} (a year or more covers every season), use shorter --block-days, or set --paths 0 for no Monte Carlo.");
    }
}
