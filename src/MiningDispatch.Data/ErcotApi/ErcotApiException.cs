namespace MiningDispatch.Data.ErcotApi;

/// <summary>
/// An ERCOT Public Data API request failed, or its answer is unusable. <see cref="RequestPath"/> is the path and query
/// of the request; no credential (subscription key, username, password, ID token) ever appears in the message or path.
/// </summary>
public sealed class ErcotApiException : Exception
{
    public ErcotApiException(string message, int? statusCode, string requestPath, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RequestPath = requestPath;
    }

    /// <summary>HTTP status of the last answer; null for timeouts, network errors and problems found before sending.</summary>
    public int? StatusCode { get; }

    /// <summary>Path and query of the request, without any secret.</summary>
    public string RequestPath { get; }
}
