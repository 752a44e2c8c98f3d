namespace MiningDispatch.Core.Economics;

/// <summary>
/// Bitcoin's block subsidy schedule and the network-side hashprice formulas (docs: README "Hashprice from chain data").
/// <para>
/// Subsidy at block height h: 50 BTC halved floor(h / 210,000) times (Bitcoin Core <c>GetBlockSubsidy</c>:
/// 5,000,000,000 sat shifted right, 0 after 64 halvings). Hashprice from difficulty D, BTC price P and mean fees per
/// block F (BTC): USD/TH/day = (subsidy + F) × P × 86,400 × 1e12 / (D × 2^32), the reward of the blocks one TH/s
/// finds in a day on average. With a measured network hash rate H (TH/s) instead of difficulty:
/// USD/TH/day = blocks per day × (subsidy + F) × P / H.
/// </para>
/// </summary>
public static class BlockReward
{
    /// <summary>Blocks between halvings.</summary>
    public const long HalvingInterval = 210_000;

    /// <summary>Subsidy of the first epoch, in satoshis (50 BTC).</summary>
    public const long InitialSubsidySats = 5_000_000_000;

    /// <summary>Satoshis in one BTC.</summary>
    public const double SatsPerBtc = 1e8;

    /// <summary>Blocks per day at the 10-minute target spacing.</summary>
    public const double TargetBlocksPerDay = 144;

    /// <summary>Hashes per unit of difficulty (a difficulty-1 block takes 2^32 hashes on average).</summary>
    public const double HashesPerDifficulty = 4294967296.0;

    /// <summary>Seconds in a day.</summary>
    public const double SecondsPerDay = 86_400;

    /// <summary>Hashes per second in one TH/s.</summary>
    public const double HashesPerTerahash = 1e12;

    /// <summary>
    /// The halvings that have happened: block height and the UTC time of that block. The next (block 1,050,000) is
    /// expected in 2028; <see cref="KnownUntilUtc"/> is the last time this table can place in an epoch for sure.
    /// </summary>
    public static IReadOnlyList<(long Height, DateTime TimeUtc)> Halvings { get; } =
    [
        (210_000, new DateTime(2012, 11, 28, 15, 24, 38, DateTimeKind.Utc)),
        (420_000, new DateTime(2016, 7, 9, 16, 46, 13, DateTimeKind.Utc)),
        (630_000, new DateTime(2020, 5, 11, 19, 23, 43, DateTimeKind.Utc)),
        (840_000, new DateTime(2024, 4, 20, 0, 9, 27, DateTimeKind.Utc)),
    ];

    /// <summary>
    /// Times before this are placed in an epoch by <see cref="Halvings"/>. At 144 blocks a day block 1,050,000 is not
    /// reached before about March 2028, and even 10 % faster blocks would not reach it before 2028.
    /// </summary>
    public static DateTime KnownUntilUtc { get; } = new(2028, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Subsidy in BTC of the block at <paramref name="height"/>.</summary>
    public static double SubsidyBtcAtHeight(long height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        long halvings = height / HalvingInterval;
        return halvings >= 64 ? 0 : (InitialSubsidySats >> (int)halvings) / SatsPerBtc;
    }

    /// <summary>
    /// Subsidy in BTC of the blocks mined at <paramref name="utc"/>, from the halving times. Throws
    /// <see cref="ArgumentOutOfRangeException"/> at or after <see cref="KnownUntilUtc"/> (the next halving's date is not known).
    /// </summary>
    public static double SubsidyBtcAt(DateTime utc)
    {
        if (utc.Kind != DateTimeKind.Utc) throw new ArgumentException("The time must be UTC.", nameof(utc));
        if (utc >= KnownUntilUtc)
            throw new ArgumentOutOfRangeException(nameof(utc), utc,
                $"The block subsidy after {KnownUntilUtc:yyyy-MM-dd} depends on the date of the halving at block 1,050,000, which is not known yet.");
        long height = 0;
        foreach (var (h, t) in Halvings) if (utc >= t) height = h;
        return SubsidyBtcAtHeight(height);
    }

    /// <summary>
    /// Subsidy of a daily sample stamped on <paramref name="dayUtc"/>: the subsidy at 12:00 UTC of that day, which paid
    /// most of the day's blocks (the 2024-04-20 halving at 00:09 makes that day a 3.125 BTC day).
    /// </summary>
    public static double SubsidyBtcOnDay(DateTime dayUtc) =>
        SubsidyBtcAt(DateTime.SpecifyKind(dayUtc.Date, DateTimeKind.Utc).AddHours(12));

    /// <summary>Blocks one TH/s finds per day on average at <paramref name="difficulty"/>: 86,400 × 1e12 / (D × 2^32).</summary>
    public static double BlocksPerDayPerTerahash(double difficulty) => SecondsPerDay * HashesPerTerahash / (difficulty * HashesPerDifficulty);

    /// <summary>Blocks the network found in a day, implied by its hash rate (TH/s) and the difficulty.</summary>
    public static double ImpliedBlocksPerDay(double networkTerahashPerSecond, double difficulty) =>
        networkTerahashPerSecond * BlocksPerDayPerTerahash(difficulty);

    /// <summary>Hashprice in USD/TH/day from difficulty: (subsidy + fees per block) × BTC price × blocks per day per TH/s.</summary>
    public static double HashpriceFromDifficulty(double subsidyBtc, double feesPerBlockBtc, double btcUsd, double difficulty) =>
        (subsidyBtc + feesPerBlockBtc) * btcUsd * BlocksPerDayPerTerahash(difficulty);

    /// <summary>Hashprice in USD/TH/day from the network hash rate: blocks per day × (subsidy + fees per block) × BTC price / hash rate (TH/s).</summary>
    public static double HashpriceFromHashRate(double blocksPerDay, double subsidyBtc, double feesPerBlockBtc, double btcUsd, double networkTerahashPerSecond) =>
        blocksPerDay * (subsidyBtc + feesPerBlockBtc) * btcUsd / networkTerahashPerSecond;
}
