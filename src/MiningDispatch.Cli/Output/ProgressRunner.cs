using MiningDispatch.Data.Prices;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>Runs work under a Spectre.Console progress bar when a person is watching; silently otherwise.</summary>
public static class ProgressRunner
{
    public static T Run<T>(IAnsiConsole console, bool interactive, string title, Func<IProgress<LoadProgress>, T> work)
    {
        if (!interactive) return work(new Progress<LoadProgress>(_ => { }));
        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = work(new SyncProgress<LoadProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.TotalBytes);
                    task.Value = p.BytesRead;
                    task.Description = Markup.Escape($"{title}: {Path.GetFileName(p.File)}");
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    public static T Run<T>(IAnsiConsole console, bool interactive, string title, Func<IProgress<string>, T> work)
    {
        if (!interactive) return work(new SyncProgress<string>(_ => { }));
        T result = default!;
        console.Status().Start(Markup.Escape(title), ctx => result = work(new SyncProgress<string>(m => ctx.Status(Markup.Escape($"{title}: {m}")))));
        return result;
    }

    public static async Task<T> RunAsync<T>(IAnsiConsole console, bool interactive, string title, Func<IProgress<string>, Task<T>> work)
    {
        if (!interactive) return await work(new SyncProgress<string>(_ => { }));
        return await console.Status().StartAsync(Markup.Escape(title),
            ctx => work(new SyncProgress<string>(m => ctx.Status(Markup.Escape($"{title}: {m}")))));
    }

    /// <summary>Reports on the calling thread (System.Progress posts to the thread pool, which reorders updates).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
