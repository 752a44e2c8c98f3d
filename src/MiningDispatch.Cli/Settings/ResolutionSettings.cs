using MiningDispatch.Data.Prices;

namespace MiningDispatch.Cli.Settings;

/// <summary>Interval length of the price series: <c>--resolution</c> (config key resolution).</summary>
public sealed partial record BacktestSettings
{
    /// <summary>native (default: 15-minute when the prices are 15-minute, hourly otherwise), 15min or hourly.</summary>
    public string? Resolution { get; init; }

    /// <summary>The requested resolution (native when not given).</summary>
    internal PriceResolution PriceResolution() =>
        Resolution is null ? Data.Prices.PriceResolution.Native
        : PriceResolutions.TryParse(Resolution) ?? throw new SettingsException(ResolutionProblem(Resolution));

    private static string ResolutionProblem(string value) =>
        $"--resolution (config key resolution) must be {PriceResolutions.ValidNames} (got '{value}').";

    private void ResolutionProblems(List<string> p)
    {
        if (Resolution is { } r && PriceResolutions.TryParse(r) is null) p.Add(ResolutionProblem(r));
    }
}
