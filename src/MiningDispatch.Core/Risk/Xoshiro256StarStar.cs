namespace MiningDispatch.Core.Risk;

/// <summary>
/// The xoshiro256** pseudo-random generator (Blackman &amp; Vigna, 2018) seeded through SplitMix64. Implemented here,
/// rather than using <see cref="System.Random"/>, so a seed gives the same numbers on every .NET version and platform
/// (the algorithm behind a seeded <see cref="System.Random"/> is only stable within a runtime version).
/// Not thread-safe: use one instance per thread or per stream (<see cref="ForStream"/>).
/// </summary>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Seeds the 256-bit state with four successive SplitMix64 outputs from <paramref name="seed"/> (the authors' recommendation).</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>Starts from an explicit state (not all zero).</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("The xoshiro256** state must not be all zero.");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// An independent generator for stream <paramref name="stream"/> (e.g. a Monte Carlo path index) under a user
    /// <paramref name="seed"/>: the SplitMix64 seed is the 64-bit value (seed &lt;&lt; 32) | stream, so results do not
    /// depend on how the streams are scheduled across threads.
    /// </summary>
    public static Xoshiro256StarStar ForStream(int seed, int stream)
        => new(((ulong)(uint)seed << 32) | (uint)stream);

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns the mixed output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias (Lemire's method).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "Upper bound must be positive.");
        uint bound = (uint)exclusiveMax;
        ulong m = (NextUInt64() >> 32) * bound;
        uint low = (uint)m;
        if (low < bound)
        {
            uint threshold = unchecked(0u - bound) % bound;
            while (low < threshold)
            {
                m = (NextUInt64() >> 32) * bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }
}
