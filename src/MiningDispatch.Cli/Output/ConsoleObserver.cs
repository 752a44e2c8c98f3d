using MiningDispatch.App;
using MiningDispatch.Data.Prices;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>Shows a service's steps as progress bars or spinners (when a person is watching), its notes in grey and its warnings in yellow.</summary>
internal sealed class ConsoleObserver(IAnsiConsole console, bool interactive, PhaseTimings? timings) : IRunObserver
{
    public T RunStep<T>(string title, Func<IProgress<string>, T> work) => ProgressRunner.Run(console, interactive, title, work);

    public T Load<T>(string title, Func<IProgress<LoadProgress>, T> work) => ProgressRunner.Run(console, interactive, title, work);

    public Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work) => ProgressRunner.RunAsync(console, interactive, title, work);

    public void Note(string text) => console.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");

    public void Warn(string text) => console.MarkupLine("[yellow]" + Markup.Escape(text) + "[/]");

    public void Phase(string name) => timings?.Mark(name);
}
