namespace MiningDispatch.Cli.Settings;

/// <summary>Settings of <c>mining-dispatch sweep</c>: each axis is "from:to:step", a list "a,b,c" or one value.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>Efficiency axis, W/TH.</summary>
    public string? EfficiencyRange { get; init; }
    /// <summary>Hashprice multiplier axis.</summary>
    public string? HashpriceMultRange { get; init; }
    /// <summary>Power price adder axis, $/MWh.</summary>
    public string? AdderRange { get; init; }
    /// <summary>Minimum profit axis, $/h.</summary>
    public string? MinProfitRange { get; init; }
    /// <summary>Site cap axis of a fleet, MW.</summary>
    public string? SiteCapRange { get; init; }
    /// <summary>Rows in the top-scenarios table.</summary>
    public int? Top { get; init; }

    private void SweepProblems(List<string> p)
    {
        if (Top is < 1 or > 1000) p.Add($"--top must be between 1 and 1,000 (got {Top}).");
    }
}
