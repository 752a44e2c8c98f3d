using System.Text.RegularExpressions;
using MiningDispatch.Cli.Commands;
using Spectre.Console;

namespace MiningDispatch.Cli.Tests.Output;

/// <summary>In an 80- or 90-column terminal the monthly table keeps every number on one line.</summary>
public sealed partial class NarrowTerminalTests
{
    [Trait("Category", "Slow")]
    [Theory]
    [InlineData(80)]
    [InlineData(90)]
    public async Task The_monthly_table_never_folds_a_number_across_lines(int width)
    {
        var stdout = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        int code = await Program.RunAsync(["backtest", "--no-report"], console, new StringWriter(), new CliEnvironment(_ => null, false));
        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains("By month", StringComparison.Ordinal));
        int end = Array.FindIndex(lines, start, l => l.StartsWith("Best days", StringComparison.Ordinal));
        var rows = lines[start..end].Where(l => MonthRow().IsMatch(l)).ToList();
        Assert.Equal(17, rows.Count); // 2023-07 .. 2024-11, one line each
        foreach (var row in rows)
        {
            Assert.True(row.TrimEnd().Length <= width, row);
            // Every money cell is whole: "$" followed by digit groups, never cut after a comma.
            Assert.DoesNotMatch(@"\$[\d,]*,\s*$", row.TrimEnd());
            Assert.Equal(3, Regex.Count(row, @"-?\$\d{1,3}(,\d{3})*")); // revenue, profit, always-on
        }
        Assert.Contains("Narrow terminal", stdout.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s*20\d\d-\d\d\s")]
    private static partial Regex MonthRow();
}
