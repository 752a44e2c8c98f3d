namespace MiningDispatch.Data.Hashprice;

/// <summary>
/// A Hashrate Index request failed. <see cref="RequestPath"/> is the path and query of the request
/// (e.g. <c>/v1/hashrateindex/hashprice?span=5Y&amp;bucket=1D&amp;currency=USD&amp;hashunit=THS</c>); the API key travels
/// in a header and never appears in the message, the path or <see cref="ApiDetail"/>.
/// </summary>
public sealed class HashrateIndexException : Exception
{
    public HashrateIndexException(string message, int? statusCode, string requestPath, string? apiDetail = null, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        RequestPath = requestPath;
        ApiDetail = apiDetail;
    }

    /// <summary>HTTP status of the last answer; null for timeouts, network errors and problems found before sending.</summary>
    public int? StatusCode { get; }

    /// <summary>Path and query of the request, without any secret.</summary>
    public string RequestPath { get; }

    /// <summary>The API's own explanation (problem+json <c>detail</c> and <c>errors</c>), when it sent one.</summary>
    public string? ApiDetail { get; }
}
