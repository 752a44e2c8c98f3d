using System.CommandLine;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary><c>mining-dispatch report --from result.json --out DIR</c>: renders a saved result again.</summary>
internal static class ReportCommand
{
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var from = new Option<string>("--from") { Description = "result.json written by an earlier backtest --out", Required = true };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder [default: out]" };
        var cmd = new Command("report", "Render the charts, HTML report and CSV again from a saved result.json.") { from, outDir };
        cmd.SetAction((parse, ct) => CommandTree.Guard(stderr, () =>
        {
            string path = parse.GetValue(from)!;
            if (!File.Exists(path)) throw new SettingsException($"Result file not found: {path}");
            ReportModel model;
            try { model = ResultJson.Load(path); }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
            {
                throw new SettingsException($"{path} is not a MiningDispatch result: {ex.Message}");
            }
            string dir = parse.GetValue(outDir) ?? BacktestSettings.DefaultOut;
            var files = ReportWriter.WriteAll(model, dir);
            SummaryTables.Write(console, model.Result, model.Info);
            console.MarkupLine($"Report: {Markup.Escape(Path.GetFullPath(files.HtmlReport))}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return cmd;
    }
}
