using System.Globalization;
using MiningDispatch.Cli.Settings;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Asks a person at a terminal for facility size, efficiency and date range, with validation and defaults.</summary>
internal static class InteractivePrompts
{
    public static BacktestSettings Ask(IAnsiConsole console)
    {
        var ci = CultureInfo.InvariantCulture;
        console.MarkupLine("[bold]MiningDispatch backtest[/] on the sample data (HB_WEST real-time prices, daily hashprice). Press Enter to accept a default.");
        double mw = console.Prompt(new TextPrompt<double>("Facility size (MW):")
            .DefaultValue(BacktestSettings.DefaultMw).ShowDefaultValue()
            .Validate(v => Core.Economics.SiteLimits.Mw(v) is null ? ValidationResult.Success() : ValidationResult.Error("[red]Enter a size between 0 and 10,000 MW[/]")));
        double eff = console.Prompt(new TextPrompt<double>("Efficiency (W/TH, e.g. S19 XP 21.5, S21 17.5):")
            .DefaultValue(BacktestSettings.DefaultEfficiency).ShowDefaultValue()
            .Validate(v => Core.Economics.SiteLimits.Efficiency(v) is null ? ValidationResult.Success() : ValidationResult.Error("[red]Enter an efficiency between 5 and 200 W/TH[/]")));
        DateOnly start = AskDay(console, "First market day (yyyy-MM-dd):", SampleData.FirstDay, null);
        DateOnly end = AskDay(console, "Last market day (yyyy-MM-dd, inclusive):", SampleData.LastDay, start);
        console.MarkupLine($"[grey]Running {mw.ToString(ci)} MW at {eff.ToString(ci)} W/TH from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.[/]");
        return new BacktestSettings { Mw = mw, Efficiency = eff, Start = start, End = end };
    }

    private static DateOnly AskDay(IAnsiConsole console, string question, DateOnly dflt, DateOnly? notBefore)
    {
        string text = console.Prompt(new TextPrompt<string>(question)
            .DefaultValue(dflt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ShowDefaultValue()
            .Validate(s =>
            {
                if (!DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return ValidationResult.Error("[red]Enter a date as yyyy-MM-dd[/]");
                if (d < SampleData.FirstDay || d > SampleData.LastDay)
                    return ValidationResult.Error($"[red]The sample data covers {SampleData.FirstDay:yyyy-MM-dd} to {SampleData.LastDay:yyyy-MM-dd}[/]");
                if (notBefore is { } nb && d < nb) return ValidationResult.Error("[red]The last day cannot be before the first day[/]");
                return ValidationResult.Success();
            }));
        return DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
