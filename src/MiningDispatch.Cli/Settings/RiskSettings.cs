using System.Globalization;

namespace MiningDispatch.Cli.Settings;

/// <summary>Settings of <c>mining-dispatch risk</c>.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>Monte Carlo paths.</summary>
    public int? Paths { get; init; }
    /// <summary>Random seed.</summary>
    public int? Seed { get; init; }
    /// <summary>Bootstrap block length, market days.</summary>
    public int? BlockDays { get; init; }
    /// <summary>Path length, market days.</summary>
    public int? HorizonDays { get; init; }
    /// <summary>Extra VaR/CVaR confidence levels besides 95 % and 99 % (fractions, e.g. 0.9).</summary>
    public IReadOnlyList<double>? VarLevels { get; init; }

    public const int DefaultPaths = MonteCarloRequest.DefaultPaths, DefaultSeed = MonteCarloRequest.DefaultSeed,
        DefaultBlockDays = MonteCarloRequest.DefaultBlockDays, DefaultHorizonDays = MonteCarloRequest.DefaultHorizonDays;

    private void RiskProblems(List<string> p)
    {
        if (Paths is < 0 or > 100_000) p.Add($"--paths must be between 0 (historical figures only) and 100,000 (got {Paths}).");
        if (BlockDays is < 1 or > 366) p.Add($"--block-days must be between 1 and 366 (got {BlockDays}).");
        if (HorizonDays is < 1 or > 3660) p.Add($"--horizon-days must be between 1 and 3,660 (got {HorizonDays}).");
        foreach (double l in VarLevels ?? [])
            if (!(l > 0 && l < 1)) p.Add($"--var-levels takes fractions strictly between 0 and 1, e.g. 0.9 for 90 % (got {l.ToString(CultureInfo.InvariantCulture)}).");
    }
}
