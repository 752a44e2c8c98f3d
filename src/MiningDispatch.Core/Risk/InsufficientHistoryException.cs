namespace MiningDispatch.Core.Risk;

/// <summary>
/// The history given to the block bootstrap is too short or too sparse for the blocks it must draw (no complete day, no run
/// of consecutive complete days, or no block near a target day of the year). The message names the history's span and
/// the day that could not be served. Derives from <see cref="ArgumentException"/>: the history argument is what is wrong.
/// </summary>
public sealed class InsufficientHistoryException : ArgumentException
{
    /// <summary>Creates the exception with its message.</summary>
    public InsufficientHistoryException(string message) : base(message) { }

    /// <summary>Creates the exception with no message.</summary>
    public InsufficientHistoryException() { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public InsufficientHistoryException(string message, Exception innerException) : base(message, innerException) { }
}
