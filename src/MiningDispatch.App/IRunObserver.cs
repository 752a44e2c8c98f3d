using MiningDispatch.Data.Prices;

namespace MiningDispatch.App;

/// <summary>
/// What a service tells the person waiting for it: long steps with progress, notes and warnings, and the phase it is in
/// (for <c>--timings</c>). The CLI shows them in the terminal; tests and the bench can record or ignore them. A service
/// never writes to the console itself.
/// </summary>
public interface IRunObserver
{
    /// <summary>Runs a long step, reporting its progress under <paramref name="title"/>.</summary>
    T RunStep<T>(string title, Func<IProgress<string>, T> work);

    /// <summary>Reads files, reporting the bytes read under <paramref name="title"/>.</summary>
    T Load<T>(string title, Func<IProgress<LoadProgress>, T> work);

    /// <summary>Runs a long asynchronous step, reporting its progress under <paramref name="title"/>.</summary>
    Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work);

    /// <summary>Something the user should know that changes no number (e.g. the sample data is used).</summary>
    void Note(string text);

    /// <summary>Something the user must know: data left out, an assumption made.</summary>
    void Warn(string text);

    /// <summary>The run enters phase <paramref name="name"/> ("compute", ...).</summary>
    void Phase(string name);
}

/// <summary>An observer that shows nothing: steps just run.</summary>
public sealed class SilentObserver : IRunObserver
{
    public static SilentObserver Instance { get; } = new();

    public T RunStep<T>(string title, Func<IProgress<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(new Progress<string>());
    }

    public T Load<T>(string title, Func<IProgress<LoadProgress>, T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(new Progress<LoadProgress>());
    }

    public Task<T> RunStepAsync<T>(string title, Func<IProgress<string>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work(new Progress<string>());
    }

    public void Note(string text) { }
    public void Warn(string text) { }
    public void Phase(string name) { }
}
