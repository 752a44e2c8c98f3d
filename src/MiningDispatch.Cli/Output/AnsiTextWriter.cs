using System.Text;
using Spectre.Console;

namespace MiningDispatch.Cli.Output;

/// <summary>A TextWriter that writes plain text (help output) to a Spectre console.</summary>
internal sealed class AnsiTextWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value) => console.Write(new Text(value.ToString()));
    public override void Write(string? value) { if (value is not null) console.Write(new Text(value)); }
    public override void WriteLine(string? value) => console.Write(new Text((value ?? "") + Environment.NewLine));
}
