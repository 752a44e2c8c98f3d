# Windows (PowerShell) equivalent of scripts/readme-images: regenerates the README's images from the README's own
# commands (Release build, runs into a temporary folder) and copies those PNGs into docs\images.
# The list of runs is read from scripts/readme-images itself (its runs=( ... ) block), so both scripts always make the
# same images; each command must appear in README.md word for word (continuation lines joined), else the script stops.
# Usage: scripts\readme-images.ps1          (from anywhere)
#        scripts\readme-images.ps1 -Check   (only check that every command is in the README; builds and runs nothing)
param([switch]$Check)
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '..')
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'

# image in docs/images | chart the run writes | the README's arguments after `--` (its --out is replaced below)
$block = [regex]::Match((Get-Content -Raw 'scripts/readme-images'), '(?s)\nruns=\((.*?)\n\)').Groups[1].Value
$runs = @([regex]::Matches($block, '"([^"]+)"') | ForEach-Object { $_.Groups[1].Value })
if ($runs.Count -eq 0) { throw 'scripts/readme-images.ps1: no runs=( ... ) list found in scripts/readme-images.' }

# The README with backslash-continued command lines joined into one line each.
$readme = (Get-Content -Raw 'README.md') -replace '\\\r?\n *', ''
foreach ($run in $runs) {
    $argText = $run.Split('|', 3)[2]
    if (-not $readme.Contains("-- $argText")) {
        [Console]::Error.WriteLine("scripts/readme-images.ps1: README.md has no command '-- $argText'; update the list in scripts/readme-images to the README's commands.")
        exit 1
    }
}
if ($Check) {
    Write-Host "OK: the README holds all $($runs.Count) commands."
    exit 0
}

$tmp = [System.IO.Path]::GetTempPath()
$cliDir = Join-Path $tmp 'readme-images-cli'
Write-Host 'Building the CLI (Release)...'
dotnet build src/MiningDispatch.Cli -c Release -nologo -v quiet -o $cliDir | Out-Null
if ($LASTEXITCODE -ne 0) { throw "dotnet build failed ($LASTEXITCODE)" }
$cli = Join-Path $cliDir 'mining-dispatch.dll'
$work = Join-Path $tmp ('readme-images.' + [guid]::NewGuid().ToString('N'))
New-Item -ItemType Directory -Path $work | Out-Null
try {
    New-Item -ItemType Directory -Force -Path 'docs/images' | Out-Null
    $i = 0
    foreach ($run in $runs) {
        $image, $chart, $argText = $run.Split('|', 3)
        # The README's own --out is replaced by a folder of this script's, so nothing is written into the clone.
        $words = @($argText -split ' +' | Where-Object { $_ })
        $kept = @()
        for ($k = 0; $k -lt $words.Count; $k++) {
            if ($words[$k] -eq '--out') { $k++; continue }
            $kept += $words[$k]
        }
        $i++
        $out = Join-Path $work $i
        $log = Join-Path $work "$i.log"
        Write-Host "[$i/$($runs.Count)] mining-dispatch $($kept -join ' ')  ->  docs/images/$image"
        & dotnet $cli @kept --out $out *> $log
        if ($LASTEXITCODE -ne 0) {
            Get-Content $log | Write-Host
            throw "mining-dispatch $($kept -join ' ') failed ($LASTEXITCODE)"
        }
        Copy-Item -Force (Join-Path (Join-Path $out 'charts') $chart) (Join-Path 'docs/images' $image)
    }
    Write-Host "Done: $($runs.Count) images in docs/images."
} finally {
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
