namespace MiningDispatch.Data.Prices;

/// <summary>
/// What to load from ERCOT price files.
/// </summary>
/// <param name="SettlementPoint">
/// Settlement point name, case-insensitive (e.g. <c>HB_WEST</c>, <c>LZ_WEST</c>). Load zones exist twice in real-time
/// data: the plain load-zone price (type <c>LZ</c>) is selected by the bare name; the energy-weighted one (type
/// <c>LZEW</c>) by <c>LZ_WEST_EW</c> (gridstatus naming) or <c>LZ_WEST:LZEW</c>. <c>NAME:TYPE</c> selects an exact
/// settlement point type when the file has a type column.
/// </param>
/// <param name="Market">Market to use; null lets the loader choose (real-time when the files hold both, with a note).</param>
/// <param name="FromUtc">Keep hours starting at or after this instant (UTC; an unspecified kind is read as UTC).</param>
/// <param name="ToUtc">Keep hours starting before this instant (UTC, exclusive).</param>
/// <param name="Resolution">
/// Interval length of the result: hourly (the default for this API: 15-minute prices are averaged over each UTC hour),
/// 15-minute (hourly prices are an error) or native (15-minute when every price is a 15-minute interval).
/// </param>
/// <param name="Rules">Price bounds and date order (null: <see cref="PriceReadRules.Default"/>).</param>
public sealed record PriceQuery(
    string SettlementPoint,
    PriceMarket? Market = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    PriceResolution Resolution = PriceResolution.Hourly,
    PriceReadRules? Rules = null);
