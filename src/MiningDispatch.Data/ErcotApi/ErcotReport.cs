using System.Globalization;

namespace MiningDispatch.Data.ErcotApi;

/// <summary>The ERCOT Public Data API reports <c>fetch</c> downloads.</summary>
public enum ErcotReport
{
    /// <summary>NP6-905-CD real-time settlement point prices (15-minute).</summary>
    RealTimePrices,
    /// <summary>NP4-190-CD day-ahead settlement point prices (hourly).</summary>
    DayAheadPrices,
    /// <summary>NP4-188-CD day-ahead AS clearing prices for capacity (MCPC, hourly).</summary>
    AncillaryPrices,
    /// <summary>NP6-346-CD actual system load by forecast zone (hourly).</summary>
    SystemLoad,
}

/// <summary>
/// How each report is asked for and which of its fields are kept: the endpoint, the date parameters, whether it is per
/// settlement point, the fields the written CSV needs (by API name) and the one numeric field checked on every row.
/// </summary>
public sealed record ErcotReportSpec(
    ErcotReport Report, string Code, string Emil, string Endpoint, string DateFromParameter, string DateToParameter,
    string DateField, bool PerPoint, IReadOnlyList<string> KeptFields, string ValueField, string Description)
{
    /// <summary>The four reports, in the order of <see cref="ErcotReport"/>.</summary>
    public static IReadOnlyList<ErcotReportSpec> All { get; } =
    [
        new(ErcotReport.RealTimePrices, "rt", "NP6-905-CD", "/np6-905-cd/spp_node_zone_hub", "deliveryDateFrom", "deliveryDateTo",
            "deliveryDate", true,
            ["deliveryDate", "deliveryHour", "deliveryInterval", "settlementPoint", "settlementPointType", "settlementPointPrice", "DSTFlag"],
            "settlementPointPrice", "real-time settlement point prices"),
        new(ErcotReport.DayAheadPrices, "da", "NP4-190-CD", "/np4-190-cd/dam_stlmnt_pnt_prices", "deliveryDateFrom", "deliveryDateTo",
            "deliveryDate", true,
            ["deliveryDate", "hourEnding", "settlementPoint", "settlementPointPrice", "DSTFlag"],
            "settlementPointPrice", "day-ahead settlement point prices"),
        new(ErcotReport.AncillaryPrices, "as", "NP4-188-CD", "/np4-188-cd/dam_clear_price_for_cap", "deliveryDateFrom", "deliveryDateTo",
            "deliveryDate", false,
            ["deliveryDate", "hourEnding", "ancillaryType", "MCPC", "DSTFlag"],
            "MCPC", "AS clearing prices for capacity"),
        new(ErcotReport.SystemLoad, "load", "NP6-346-CD", "/np6-346-cd/act_sys_load_by_fzn", "operatingDayFrom", "operatingDayTo",
            "operatingDay", false,
            ["operatingDay", "hourEnding", "total", "DSTFlag"],
            "total", "actual system load"),
    ];

    /// <summary>The spec of <paramref name="report"/>.</summary>
    public static ErcotReportSpec Of(ErcotReport report) => All[(int)report];

    /// <summary>The report named by <paramref name="code"/> (rt, da, as, load; case-insensitive), or null.</summary>
    public static ErcotReportSpec? FromCode(string? code) =>
        All.FirstOrDefault(s => string.Equals(s.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The codes, for messages: "rt, da, as or load".</summary>
    public static string CodeList => string.Join(", ", All.Take(All.Count - 1).Select(s => s.Code)) + " or " + All[^1].Code;

    /// <summary>"NP6-905-CD HB_WEST 2025-01-01..2025-01-31" (no point for AS and load).</summary>
    public string Describe(string? point, DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{Emil}{(point is null ? "" : " " + point)} {from:yyyy-MM-dd}..{to:yyyy-MM-dd}");
}

/// <summary>
/// What one report returned for one point and range: the kept fields (<see cref="ErcotReportSpec.KeptFields"/>, in
/// that order) and the rows as the API sent them (numbers in their JSON text, booleans true/false, null as empty).
/// </summary>
public sealed record ErcotReportRows(
    ErcotReportSpec Spec, string? Point, DateOnly From, DateOnly To, IReadOnlyList<string[]> Rows, DateTimeOffset FetchedAt,
    bool FromCache, int Requests);
