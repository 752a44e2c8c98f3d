# Builds the CLI once in Release, packs it as a .NET tool for this machine's platform, precompiled (ReadyToRun: set for
# Release publish and pack in src/MiningDispatch.Cli/MiningDispatch.Cli.csproj, so runs start without JIT), and installs (or updates) it
# as the global command `mining-dispatch` (in %USERPROFILE%\.dotnet\tools, which the .NET SDK puts on PATH).
# Usage: scripts\install-tool.ps1           (global)
#        scripts\install-tool.ps1 -Local    (a tool path inside the clone: .\.tools\mining-dispatch.exe)
param([switch]$Local)
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
$feed = Join-Path ([System.IO.Path]::GetTempPath()) ("mining-dispatch-" + [guid]::NewGuid().ToString('N'))
try {
    dotnet pack src/MiningDispatch.Cli -c Release -o $feed -v quiet
    if ($LASTEXITCODE -ne 0) { throw "dotnet pack failed ($LASTEXITCODE)" }
    if ($Local) {
        dotnet tool update --tool-path .tools MiningDispatch.Cli --add-source $feed --ignore-failed-sources
    } else {
        dotnet tool update --global MiningDispatch.Cli --add-source $feed --ignore-failed-sources
    }
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool update failed ($LASTEXITCODE)" }
} finally {
    Remove-Item -Recurse -Force $feed -ErrorAction SilentlyContinue
}
