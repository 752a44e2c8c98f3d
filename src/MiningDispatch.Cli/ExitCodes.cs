namespace MiningDispatch.Cli;

/// <summary>Process exit codes.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Command-line usage error (unknown flag, unparsable value).</summary>
    public const int Usage = 1;
    /// <summary>Bad settings or input data (file missing, malformed row, no coverage).</summary>
    public const int InputError = 2;
    /// <summary>The Hashrate Index API failed (auth, rate limit, server error, timeout).</summary>
    public const int ApiError = 3;
    /// <summary>Interrupted by the user.</summary>
    public const int Cancelled = 130;
}
