namespace MiningDispatch.Core.Economics;

/// <summary>
/// Bitcoin's block subsidy schedule, written once: the subsidy is 50 / 2^k BTC in halving epoch k, and the epoch
/// changes every 210,000 blocks. The dates are the UTC days of the four halvings so far (blocks 210,000, 420,000,
/// 630,000 and 840,000): 2012-11-28, 2016-07-09, 2020-05-11 and 2024-04-20. A UTC instant belongs to epoch k from the
/// start (00:00 UTC) of the k-th halving day on, so a daily hashprice stamped on a halving day counts in the new epoch.
/// <para>
/// Only past halvings are dated: an instant after 2024-04-20 is in epoch 4 however far ahead it is (the fifth halving,
/// at block 1,050,000, is expected around April 2028 but has no date until it happens).
/// </para>
/// </summary>
public static class HalvingSchedule
{
    /// <summary>Blocks between halvings (<see cref="BlockReward.HalvingInterval"/>).</summary>
    public const int BlocksPerEpoch = (int)BlockReward.HalvingInterval;

    /// <summary>Subsidy of epoch 0 (BTC per block).</summary>
    public const double InitialSubsidyBtc = BlockReward.InitialSubsidySats / BlockReward.SatsPerBtc;

    /// <summary>
    /// UTC day starts of the halvings so far, in order (epoch k starts at index k − 1): the days of
    /// <see cref="BlockReward.Halvings"/>, the one table of halving blocks and times.
    /// </summary>
    public static IReadOnlyList<DateTime> HalvingsUtc { get; } =
        BlockReward.Halvings.Select(h => DateTime.SpecifyKind(h.TimeUtc.Date, DateTimeKind.Utc)).ToArray();

    /// <summary>Halving epoch of a UTC instant: the number of halvings at or before it (0 before 2012-11-28).</summary>
    public static int Epoch(DateTime utc)
    {
        long t = utc.Ticks;
        int k = 0;
        while (k < HalvingsUtc.Count && HalvingsUtc[k].Ticks <= t) k++;
        return k;
    }

    /// <summary>Halving epoch of a block height (⌊height / 210,000⌋).</summary>
    public static int EpochOfHeight(long height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        return (int)(height / BlocksPerEpoch);
    }

    /// <summary>Block subsidy of epoch <paramref name="epoch"/>: 50 / 2^epoch BTC.</summary>
    public static double SubsidyBtc(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        return InitialSubsidyBtc * Math.Pow(2.0, -epoch);
    }

    /// <summary>Block subsidy in force at a UTC instant (BTC per block).</summary>
    public static double SubsidyBtcAt(DateTime utc) => SubsidyBtc(Epoch(utc));

    /// <summary>
    /// Subsidy ratio that carries a value from epoch <paramref name="fromEpoch"/> into epoch <paramref name="toEpoch"/>:
    /// subsidy(to) / subsidy(from) = 2^(from − to) (0.5 across one halving forward, exactly 1 within an epoch).
    /// </summary>
    public static double SubsidyRatio(int fromEpoch, int toEpoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromEpoch);
        ArgumentOutOfRangeException.ThrowIfNegative(toEpoch);
        return Math.Pow(2.0, fromEpoch - toEpoch);
    }
}
