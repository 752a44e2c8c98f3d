using MiningDispatch.Data.ErcotApi;
using MiningDispatch.Data.Hashprice;
using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli;

/// <summary>Process exit codes, and the one mapping from a failure to its code and message (<see cref="Report"/>).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Command-line usage error (unknown flag, unparsable value).</summary>
    public const int Usage = 1;
    /// <summary>Bad settings or input data (file missing, malformed row, no coverage), or a file or folder that cannot be read or written (the path and the OS reason).</summary>
    public const int InputError = 2;
    /// <summary>The Hashrate Index or ERCOT Public Data API failed (auth, rate limit, server error, timeout, unusable answer, no rows).</summary>
    public const int ApiError = 3;
    /// <summary>A bug in mining-dispatch (EX_SOFTWARE): a short message and a request to report it; the stack trace with <c>--verbose</c>.</summary>
    public const int InternalError = 70;
    /// <summary>Interrupted by the user.</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// The exit code for <paramref name="ex"/>: the input exception types (<see cref="SettingsException"/>,
    /// <see cref="DataFormatException"/>) and every <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>
    /// (file or folder missing, denied, read-only, full disk, a file where a folder is needed) are input errors;
    /// anything else, <see cref="ArgumentException"/> included, is an internal error.
    /// </summary>
    public static int For(Exception ex) => ex switch
    {
        OperationCanceledException => Cancelled,
        SettingsException or DataFormatException => InputError,
        HashrateIndexException or ErcotApiException => ApiError,
        IOException or UnauthorizedAccessException => InputError,
        _ => InternalError,
    };

    /// <summary>Writes the one-line message for <paramref name="ex"/> to <paramref name="stderr"/> and returns its exit code.</summary>
    public static int Report(Exception ex, TextWriter stderr, bool verbose)
    {
        ArgumentNullException.ThrowIfNull(ex);
        ArgumentNullException.ThrowIfNull(stderr);
        int code = For(ex);
        string message = code switch
        {
            Cancelled => "Cancelled.",
            InternalError => $"internal error: {ex.GetType().Name}: {OneLine(ex.Message)}. This is a bug in mining-dispatch; please report it " +
                             "with the command you ran" + (verbose ? "" : " (add --verbose for the stack trace)") + ".",
            _ => ex.Message, // input, IO and API messages name the file, flag or request; IO ones carry the OS reason
        };
        stderr.WriteLine("error: " + message);
        if (verbose && code == InternalError) stderr.WriteLine(ex.ToString());
        return code;
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
