using System.CommandLine;
using MiningDispatch.Cli.Settings;

namespace MiningDispatch.Cli.Commands.Options;

/// <summary><c>--fleet</c>, <c>--miners</c>, <c>--site-cap</c>.</summary>
internal sealed class FleetFlags
{
    public Option<string> Fleet { get; } = new("--fleet")
    {
        Description = "Mixed fleet: a JSON file ({\"siteCapMw\": 10, \"miners\": [{\"model\": \"S21\", \"count\": 500}, {\"name\": \"X\", \"ths\": 200, \"watts\": 3500, \"count\": 10}]}) or \"S21:500,S19 XP:1000\"",
    };
    public Option<string> Miners { get; } = new("--miners") { Description = "Miner catalogue JSON ([{\"name\", \"terahashPerSecond\", \"watts\"}]) overriding or extending the built-in models" };
    public Option<double?> SiteCap { get; } = new("--site-cap") { Description = "Site MW cap for a fleet; the most efficient machines run first" };

    public IEnumerable<Option> All => [Fleet, Miners, SiteCap];

    public BacktestSettings FromFlags(ParseResult r) => new() { Fleet = r.Get(Fleet), Miners = r.Get(Miners), SiteCap = r.Get(SiteCap) };
}
