namespace MiningDispatch.Cli.Settings;

/// <summary>Settings of <c>mining-dispatch forecast</c>.</summary>
public sealed partial record BacktestSettings
{
    /// <summary>Forward curve CSV (month, block, price).</summary>
    public string? Curve { get; init; }
    /// <summary>Historical price files for the hourly shape (default: the sample prices).</summary>
    public IReadOnlyList<string>? History { get; init; }
    /// <summary>"flat:45", "growth:45:-2" (USD/PH/day, % per month) or a hashprice CSV.</summary>
    public string? HashpricePath { get; init; }
    /// <summary>Number of forward months.</summary>
    public int? Months { get; init; }

    private void ForecastProblems(List<string> p)
    {
        if (Months is < 1 or > 120) p.Add($"--months must be between 1 and 120 (got {Months}).");
    }
}
