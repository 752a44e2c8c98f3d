using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>
/// Wall-clock time of each phase of a run (<c>--timings</c>): start-up (process start to the command's first line),
/// load, compute, tables, charts, HTML and the other files. A phase ends when the next one is marked; time is added
/// to the phase that was running. The HTML report, CSV, JSON and workbook are written beside the charts, so their phases
/// are the time still spent on them once the charts are done.
/// </summary>
public sealed class PhaseTimings
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;
    private readonly List<(string Phase, double Seconds)> _phases = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _last;
    private string _current = "load";

    /// <summary>Starts timing now; the start-up phase is the time since the process started, when it can be read.</summary>
    public PhaseTimings()
    {
        try
        {
            using var self = Process.GetCurrentProcess();
            double startup = (DateTime.Now - self.StartTime).TotalSeconds;
            if (startup >= 0 && double.IsFinite(startup)) _phases.Add(("start-up", startup));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // no start time for this process: the start-up phase is left out
        }
    }

    /// <summary>Ends the running phase and starts <paramref name="next"/>.</summary>
    public void Mark(string next)
    {
        double now = _clock.Elapsed.TotalSeconds;
        Add(_current, now - _last);
        _last = now;
        _current = next;
    }

    /// <summary>Wraps report-writing progress so charts, the HTML report and the other files are timed apart.</summary>
    public IProgress<string> Track(IProgress<string> inner) => new Tracker(this, inner);

    /// <summary>Prints one line per phase (the running one counted up to now), in the order they first ran, and the total.</summary>
    public void Write(IAnsiConsole console)
    {
        Mark(_current);
        var phases = _phases;
        double total = phases.Sum(p => p.Seconds);
        var t = new Table().Border(TableBorder.Simple).Title("Timings (wall clock)");
        t.AddColumn("Phase");
        t.AddColumn(new TableColumn("Seconds").RightAligned());
        t.AddColumn(new TableColumn("Share").RightAligned());
        foreach (var (phase, s) in phases)
            t.AddRow(phase, s.ToString("0.000", Ci), total > 0 ? (s / total).ToString("0 %", Ci) : "");
        t.AddRow("[bold]total[/]", "[bold]" + total.ToString("0.000", Ci) + "[/]", "");
        console.Write(t);
    }

    private void Add(string phase, double seconds)
    {
        int i = _phases.FindIndex(p => p.Phase == phase);
        if (i < 0) _phases.Add((phase, seconds));
        else _phases[i] = (phase, _phases[i].Seconds + seconds);
    }

    private sealed class Tracker(PhaseTimings timings, IProgress<string> inner) : IProgress<string>
    {
        public void Report(string value)
        {
            string phase = value.StartsWith("Chart", StringComparison.Ordinal) ? "charts"
                : value.Contains("report.html", StringComparison.Ordinal) ? "HTML report"
                : "CSV and JSON files";
            if (phase != timings._current) timings.Mark(phase);
            inner.Report(value);
        }
    }
}
