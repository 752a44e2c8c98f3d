namespace MiningDispatch.Data.Hashprice;

/// <summary>Unit of a hashprice value in an input file: USD per TH/s per day, or USD per PH/s per day (= 1000 × the TH value).</summary>
public enum HashpriceUnit
{
    /// <summary>USD earned by 1 TH/s in one day (about 0.03–0.40 in 2016–2025).</summary>
    UsdPerThDay,
    /// <summary>USD earned by 1 PH/s in one day (the unit Hashrate Index quotes; about 30–400).</summary>
    UsdPerPhDay,
}

/// <summary>
/// One hashprice observation. <paramref name="TimestampUtc"/> is the stamp of the bucket the value describes
/// (UTC); <paramref name="UsdPerThDay"/> is always converted to USD per TH/s per day.
/// </summary>
public sealed record HashpricePoint(DateTime TimestampUtc, double UsdPerThDay);
