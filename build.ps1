#!/usr/bin/env pwsh
# Roughneck bootstrap for PowerShell: prerequisites, the Cake tool, the library (only when it
# changed), then Cake. The same steps as build.sh.
#   ./build.ps1 --target=Deploy --deployment=local-demo
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$root = $PSScriptRoot
Set-Location $root
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

# command -> Debian package; build/prerequisites.sh holds the same list for build.sh.
$prerequisites = [ordered]@{
    'ssh' = 'openssh-client'; 'ssh-keygen' = 'openssh-client'; 'ansible-playbook' = 'ansible-core'
    'debootstrap' = 'debootstrap'; 'systemd-nspawn' = 'systemd-container'; 'tinyproxy' = 'tinyproxy'
    'ip' = 'iproute2'; 'age' = 'age'; 'flock' = 'util-linux'
}
$testPrerequisites = [ordered]@{
    'ansible-lint' = 'ansible-lint'; 'yamllint' = 'yamllint'; 'shellcheck' = 'shellcheck'; 'node' = 'nodejs'; 'npm' = 'npm'
}

function Get-MissingPackages([System.Collections.IDictionary[]] $lists) {
    $missing = [System.Collections.Generic.List[string]]::new()
    foreach ($list in $lists) {
        foreach ($entry in $list.GetEnumerator()) {
            $found = Get-Command $entry.Key -ErrorAction SilentlyContinue
            if (-not $found -and -not (Test-Path "/usr/sbin/$($entry.Key)") -and -not $missing.Contains($entry.Value)) {
                $missing.Add($entry.Value)
            }
        }
    }
    return $missing
}

function Install-Prerequisites([bool] $forTests) {
    $lists = @($prerequisites)
    if ($forTests) { $lists += $testPrerequisites }
    $missing = @(Get-MissingPackages $lists)
    if ($missing.Count -eq 0) { return }
    $packages = $missing -join ' '
    if ($env:ROUGHNECK_NO_INSTALL -eq '1') {
        throw "roughneck: missing prerequisites ($packages); ROUGHNECK_NO_INSTALL=1, so not installing. Install them with: sudo apt-get install -y $packages"
    }
    $debian = $IsLinux -and (Test-Path /etc/os-release) -and ((Get-Content /etc/os-release -Raw) -match '(?m)^(ID|ID_LIKE)=.*(debian|ubuntu)')
    $isRoot = $IsLinux -and ((id -u) -eq '0')
    if ($debian -and $isRoot -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        [Console]::Error.WriteLine("roughneck: installing prerequisites from the distribution's packages: $packages")
        $env:DEBIAN_FRONTEND = 'noninteractive'
        & apt-get update -qq
        if ($LASTEXITCODE -ne 0) { throw "roughneck: apt-get update failed; run: apt-get install -y $packages" }
        & apt-get install -y -qq --no-install-recommends @missing
        if ($LASTEXITCODE -ne 0) { throw "roughneck: installing failed; run: apt-get install -y $packages" }
        return
    }
    if ($debian) { throw "roughneck: missing prerequisites; install them with: sudo apt-get install -y $packages" }
    if ($IsMacOS) { throw "roughneck: missing prerequisites ($packages); install them with: brew install openssh ansible age (the local provider needs Linux)" }
    if ($IsWindows) { throw "roughneck: missing prerequisites ($packages); run Roughneck in WSL (Debian or Ubuntu), where ./build.sh installs them" }
    throw "roughneck: missing prerequisites; install them with your package manager: $packages"
}

$joined = ' ' + ($args -join ' ') + ' '
if ($joined -notmatch ' --(target=(Help|List)|tree|description) ') {
    Install-Prerequisites ($joined -match ' --target=Test ')
}

$cache = Join-Path $root 'build/.cache'
New-Item -ItemType Directory -Force -Path $cache | Out-Null

function Get-ShortHash([string[]] $files) {
    $sha = [System.Security.Cryptography.SHA256]::Create()
    $text = [System.Text.StringBuilder]::new()
    foreach ($file in $files) {
        $hash = [Convert]::ToHexString($sha.ComputeHash([System.IO.File]::ReadAllBytes($file))).ToLowerInvariant()
        [void]$text.Append("$hash  $file`n")
    }
    $all = [Convert]::ToHexString($sha.ComputeHash([System.Text.Encoding]::UTF8.GetBytes($text.ToString())))
    return $all.Substring(0, 16).ToLowerInvariant()
}

# The Cake tool, restored once per manifest.
$manifestHash = Get-ShortHash @('.config/dotnet-tools.json')
$toolsStamp = Join-Path $cache 'tools.ps1.hash'
if (-not (Test-Path $toolsStamp) -or (Get-Content $toolsStamp -Raw).Trim() -ne $manifestHash) {
    & dotnet tool restore
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content -Path $toolsStamp -Value $manifestHash
}

# The library, rebuilt only when one of its sources changed.
$sources = Get-ChildItem -Path 'build/Roughneck' -Recurse -File -Include '*.cs', '*.csproj' |
    Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' } |
    ForEach-Object { [System.IO.Path]::GetRelativePath($root, $_.FullName).Replace('\', '/') }
# Ordinal order, as build.sh's sort: both scripts then agree on the hash and share the build.
$sources = [string[]]$sources
[Array]::Sort($sources, [StringComparer]::Ordinal)
$libraryHash = Get-ShortHash $sources
$libraryDir = Join-Path $cache 'lib'
$libraryStamp = Join-Path $libraryDir '.hash'
if (-not (Test-Path (Join-Path $libraryDir 'Roughneck.dll')) -or -not (Test-Path $libraryStamp) -or (Get-Content $libraryStamp -Raw).Trim() -ne $libraryHash) {
    [Console]::Error.WriteLine("roughneck: building the library ($libraryHash)")
    & dotnet build build/Roughneck/Roughneck.csproj -c Release -o $libraryDir --nologo -v quiet -clp:ErrorsOnly
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Set-Content -Path $libraryStamp -Value $libraryHash
}

# Cake's script cache does not notice a rebuilt #r library: key its folder on the library.
$env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true'
$env:CAKE_PATHS_CACHE = Join-Path $cache "cake/$libraryHash"
& dotnet cake build.cake @args
exit $LASTEXITCODE
