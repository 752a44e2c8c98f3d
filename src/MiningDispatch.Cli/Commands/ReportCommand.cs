using System.CommandLine;
using MiningDispatch.Cli.Output;
using MiningDispatch.Cli.Settings;
using MiningDispatch.Reports;
using Spectre.Console;

namespace MiningDispatch.Cli.Commands;

/// <summary>
/// <c>mining-dispatch report --from result.json --out DIR</c>: renders a saved result again: the terminal tables of
/// the original run (summary with the optimum, monthly, every section) and the same report files.
/// </summary>
internal static class ReportCommand
{
    public static Command Build(IAnsiConsole console, TextWriter stderr, CliEnvironment env)
    {
        var from = new Option<string>("--from") { Description = "result.json written by an earlier backtest --out", Required = true };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder [default: out]" };
        var cmd = new Command("report", "Render the tables, charts, HTML report and CSVs again from a saved result.json.") { from, outDir };
        cmd.SetAction((parse, ct) => CommandTree.Guard(parse, stderr, () =>
        {
            string path = parse.GetValue(from)!;
            OutputTargets.Check(parse.GetValue(outDir) ?? BacktestSettings.DefaultOut, null, writesReport: true);
            if (!File.Exists(path)) throw new SettingsException($"Result file not found: {path}");
            BacktestRun model;
            try { model = ResultJson.Load(path); }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
            {
                throw new SettingsException($"{path} is not a MiningDispatch result: {ex.Message}");
            }
            string dir = parse.GetValue(outDir) ?? BacktestSettings.DefaultOut;
            // The same tables and files as the run that saved the result: every section comes from the model.
            SummaryTables.Write(console, model);
            BacktestRunner.WriteReport(console, env.Interactive, model, dir, null, ct: ct);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return cmd;
    }
}
