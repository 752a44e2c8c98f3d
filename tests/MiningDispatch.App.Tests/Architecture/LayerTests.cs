using System.Reflection;
using System.Text.RegularExpressions;

namespace MiningDispatch.App.Tests.Architecture;

/// <summary>
/// Dependencies point inward (Core ← Data ← App ← Reports, CLI) and the CLI only turns flags into a request, calls a
/// service and prints: it names no domain computation.
/// </summary>
public partial class LayerTests
{
    private static string[] ReferencedNames(Assembly a) => a.GetReferencedAssemblies().Select(r => r.Name!).ToArray();

    [Fact]
    public void The_use_case_layer_references_only_the_domain_and_the_loaders()
    {
        var refs = ReferencedNames(typeof(IRunObserver).Assembly);
        Assert.Contains("MiningDispatch.Core", refs);
        Assert.Contains("MiningDispatch.Data", refs);
        foreach (var outer in new[] { "MiningDispatch.Reports", "mining-dispatch", "Spectre.Console", "System.CommandLine", "ScottPlot", "Plotly.NET", "System.Console" })
            Assert.DoesNotContain(outer, refs);
    }

    [Fact]
    public void The_domain_and_the_loaders_do_not_reference_the_outer_layers()
    {
        var core = ReferencedNames(typeof(Core.Series.MarketSeries).Assembly);
        var data = ReferencedNames(typeof(Data.Prices.PriceLoader).Assembly);
        foreach (var outer in new[] { "MiningDispatch.App", "MiningDispatch.Reports", "mining-dispatch", "MiningDispatch.Data" })
            Assert.DoesNotContain(outer, core);
        foreach (var outer in new[] { "MiningDispatch.App", "MiningDispatch.Reports", "mining-dispatch" })
            Assert.DoesNotContain(outer, data);
    }

    /// <summary>Domain computations and loaders the CLI must reach only through a service.</summary>
    private static readonly string[] DomainCalls =
    [
        "Backtester.", "new DispatchProblem", "StrategyComparison.", "FleetBacktester.", "MonteCarloEngine.", "SweepEngine.",
        "RiskMetrics.", "HourlyShaper.", "PpaSettlement.", "FourCpReport.", "TwoSettlement.", "BasisSettlement.", "AncillaryCapacity.",
        "SiteLoadProfile.", "PriceLoader.Load", "HashpriceCsvLoader.", "HashpriceAligner.", "HashrateIndexClient", "GapFiller.Fill",
        "SystemLoadCsvLoader.", "ForwardCurveCsvLoader.", "PriceInventory.", "RangeCoverage.", "PriceSeriesStats.Of",
        "ErcotApiClient", "ErcotCsvFiles.",
    ];

    [Fact]
    public void The_cli_does_no_domain_computation()
    {
        string cli = Path.Combine(RepoPaths.Root, "src", "MiningDispatch.Cli");
        var files = Directory.EnumerateFiles(cli, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.True(files.Count > 10, $"only {files.Count} CLI source files found under {cli}");
        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = Comment().Replace(lines[i], "");
                foreach (var call in DomainCalls)
                    if (code.Contains(call, StringComparison.Ordinal))
                        found.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1}: {call}");
            }
        }
        Assert.True(found.Count == 0, "The CLI computes what a service should:\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"//.*$")]
    private static partial Regex Comment();
}
