using MiningDispatch.Core.Strategies.Factory;

namespace MiningDispatch.Cli.Settings;

/// <summary>Mixed-fleet settings: <c>--fleet</c>, <c>--miners</c>, <c>--site-cap</c>.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>A fleet JSON file, or the shorthand "S21:500,S19 XP:1000" (model:count, comma separated).</summary>
    public string? Fleet { get; init; }
    /// <summary>Miner catalogue JSON that overrides or extends the built-in models.</summary>
    public string? Miners { get; init; }
    /// <summary>Site MW cap for a fleet (overrides the fleet file's "siteCapMw").</summary>
    public double? SiteCap { get; init; }

    private void FleetProblems(List<string> p)
    {
        if (Fleet is null)
        {
            if (Miners is not null) p.Add("--miners (a miner catalogue) is used with --fleet; no fleet was given.");
            if (SiteCap is not null) p.Add("--site-cap applies to a --fleet; for a single-model site use --mw.");
            return;
        }
        if (SiteCap is { } cap && Core.Economics.SiteLimits.Mw(cap) is { } capProblem) p.Add($"--site-cap {capProblem}.");
        if (Mw is not null || Efficiency is not null)
            p.Add("--mw and --efficiency describe a single-model site; with --fleet the machines set the MW and W/TH (use --site-cap for an MW limit).");
    }
}
