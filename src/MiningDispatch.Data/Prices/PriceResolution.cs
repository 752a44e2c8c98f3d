namespace MiningDispatch.Data.Prices;

/// <summary>The interval length a price series is loaded at.</summary>
public enum PriceResolution
{
    /// <summary>
    /// The files' own resolution: 15-minute when every price of the point is a 15-minute interval (ERCOT real-time
    /// settlement point prices), hourly otherwise (hourly files, or a mix of hourly and 15-minute files).
    /// </summary>
    Native,

    /// <summary>One interval per 15 minutes. Hourly prices are an error: they are never expanded.</summary>
    FifteenMinute,

    /// <summary>One interval per UTC hour; 15-minute prices are averaged over each UTC hour.</summary>
    Hourly,
}

/// <summary>Parsing and naming of <see cref="PriceResolution"/> values.</summary>
public static class PriceResolutions
{
    /// <summary>The accepted names, for messages.</summary>
    public const string ValidNames = "native, 15min or hourly";

    /// <summary>
    /// Parses <c>native</c>, <c>15min</c> (also <c>15m</c>, <c>15-minute</c>, <c>15</c>) or <c>hourly</c> (also
    /// <c>1h</c>, <c>60min</c>, <c>hour</c>); case-insensitive. Null when the text is none of them.
    /// </summary>
    public static PriceResolution? TryParse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "native" or "auto" => PriceResolution.Native,
        "15min" or "15m" or "15-minute" or "15-min" or "15minute" or "15" or "quarter-hour" => PriceResolution.FifteenMinute,
        "hourly" or "hour" or "1h" or "60min" or "60m" or "60" => PriceResolution.Hourly,
        _ => null,
    };

    /// <summary>The name as typed on the command line.</summary>
    public static string Name(this PriceResolution r) => r switch
    {
        PriceResolution.FifteenMinute => "15min",
        PriceResolution.Hourly => "hourly",
        _ => "native",
    };
}
