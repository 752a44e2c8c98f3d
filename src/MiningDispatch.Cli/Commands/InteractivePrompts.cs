using System.Globalization;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Core.Fleet;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>Asks a person at a terminal for facility size, efficiency and date range, with validation and defaults.</summary>
internal static class InteractivePrompts
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>
    /// Asks the questions; Ctrl+C (or SIGTERM) at any of them ends the prompt at once with
    /// <see cref="OperationCanceledException"/> (exit 130), never an unhandled exception.
    /// </summary>
    public static BacktestSettings AskCancellable(IAnsiConsole console, CancellationToken ct)
    {
        try
        {
            var settings = AskAsync(console, ct).GetAwaiter().GetResult();
            ct.ThrowIfCancellationRequested();
            return settings;
        }
        catch (InvalidOperationException) when (ct.IsCancellationRequested)
        {
            // The console's key reader gives up with "no input" when the token is cancelled.
            throw new OperationCanceledException(ct);
        }
    }

    /// <summary>The questions, each cancellable by <paramref name="ct"/>.</summary>
    public static async Task<BacktestSettings> AskAsync(IAnsiConsole console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        console.MarkupLine("[bold]MiningDispatch backtest[/] on the sample data (HB_WEST real-time prices, daily hashprice). Press Enter to accept a default.");
        double mw = await console.PromptAsync(new TextPrompt<double>("Facility size (MW):")
            .DefaultValue(BacktestSettings.DefaultMw).ShowDefaultValue()
            .Validate(v => Core.Economics.SiteLimits.Mw(v) is null ? ValidationResult.Success() : ValidationResult.Error("[red]Enter a size between 0 and 10,000 MW[/]")), ct);
        string effText = await console.PromptAsync(new TextPrompt<string>("Efficiency (W/TH, or a model such as S19 XP or S21):")
            .DefaultValue(BacktestSettings.DefaultEfficiency.ToString(Ci)).ShowDefaultValue()
            .Validate(s => Efficiency(s) is not null ? ValidationResult.Success()
                : ValidationResult.Error("[red]Enter an efficiency between 5 and 200 W/TH, or a model name (" + Markup.Escape(string.Join(", ", MinerCatalog.BuiltIn.Models.Select(m => m.Name))) + ")[/]")), ct);
        double eff = Efficiency(effText)!.Value;
        DateOnly start = await AskDay(console, "First market day (yyyy-MM-dd):", SampleData.FirstDay, null, ct);
        DateOnly end = await AskDay(console, "Last market day (yyyy-MM-dd, inclusive):", SampleData.LastDay, start, ct);
        console.MarkupLine($"[grey]Running {mw.ToString(Ci)} MW at {eff.ToString("0.##", Ci)} W/TH from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}.[/]");
        return new BacktestSettings { Mw = mw, Efficiency = eff, Start = start, End = end };
    }

    /// <summary>W/TH from a number in range or a catalogue model's name (its nameplate efficiency); null otherwise.</summary>
    internal static double? Efficiency(string text)
    {
        string t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, Ci, out double v)) return Core.Economics.SiteLimits.Efficiency(v) is null ? v : null;
        return MinerCatalog.BuiltIn.TryGet(t, out var model) ? model.Efficiency.Value : null;
    }

    private static async Task<DateOnly> AskDay(IAnsiConsole console, string question, DateOnly dflt, DateOnly? notBefore, CancellationToken ct)
    {
        string text = await console.PromptAsync(new TextPrompt<string>(question)
            .DefaultValue(dflt.ToString("yyyy-MM-dd", Ci)).ShowDefaultValue()
            .Validate(s =>
            {
                if (!DateOnly.TryParseExact(s.Trim(), "yyyy-MM-dd", Ci, DateTimeStyles.None, out var d))
                    return ValidationResult.Error("[red]Enter a date as yyyy-MM-dd[/]");
                if (d < SampleData.FirstDay || d > SampleData.LastDay)
                    return ValidationResult.Error($"[red]The sample data covers {SampleData.FirstDay:yyyy-MM-dd} to {SampleData.LastDay:yyyy-MM-dd}[/]");
                if (notBefore is { } nb && d < nb) return ValidationResult.Error("[red]The last day cannot be before the first day[/]");
                return ValidationResult.Success();
            }), ct);
        return DateOnly.ParseExact(text.Trim(), "yyyy-MM-dd", Ci);
    }
}
