namespace MiningDispatch.Benchmarks.Data;

/// <summary>
/// Small deterministic random numbers: a SplitMix64 stream for sequential series and a stateless hash of
/// (seed, a, b) for values that must not depend on generation order (parallel file generation).
/// </summary>
internal struct Rng(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double Uniform() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller, one value per call).</summary>
    public double Normal()
    {
        double u1 = 1.0 - Uniform(), u2 = Uniform();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Stateless uniform in [0, 1) for the pair (a, b) under <paramref name="seed"/>.</summary>
    public static double Hash01(ulong seed, ulong a, ulong b) =>
        (Mix(seed ^ Mix(a * 0x9E3779B97F4A7C15UL + b + 0x632BE59BD9B4E019UL)) >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
