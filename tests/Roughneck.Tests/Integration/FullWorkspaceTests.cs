using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Xunit;
using Xunit.Abstractions;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration;

/// <summary>
/// deployments/local-full, every feature on, on a real sandbox: Debian and npm packages install
/// for real; GitHub releases and go.dev come from the fixture mirror. Provision twice, the
/// second with changed=0, then Validate.
/// </summary>
[Collection("sandbox")]
public sealed class FullWorkspaceTests : IDisposable
{
    private readonly TempDeployments _deployments = new();
    private readonly ITestOutputHelper _log;

    public FullWorkspaceTests(ITestOutputHelper log) => _log = log;

    [SkippableFact]
    public void Every_feature_provisions_converges_and_validates()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("python3");
        using var mirror = FixtureMirror.Start();
        // The mirror listens on the host's loopback, which the sandbox reaches only through its
        // proxy: 127.0.0.1 must not be in no_proxy there.
        var overrides = mirror.OverridesJson.Trim();
        var vars = overrides[..overrides.LastIndexOf('}')].ReplaceLineEndings(" ") + ", \"roughneck_no_proxy\": \"localhost,::1\"}";
        var spec = File.ReadAllText(RepoRoot.Combine("deployments", "local-full", "deployment.yaml"))
            + $"network:\n  mirror_url: {mirror.Url}\nansible:\n  vars: {vars}\n";
        _deployments.Add("full", spec);
        var limit = TimeSpan.FromMinutes(30);

        var deploy = CliRun.Run(_deployments.Dir, null, limit, "--target=Deploy", "--deployment=full");
        _log.WriteLine(Tail(deploy.Output, 120));
        Assert.True(deploy.ExitCode == 0, "Deploy failed; the output above ends with the reason");

        var again = CliRun.Run(_deployments.Dir, null, limit, "--target=Provision", "--deployment=full");
        _log.WriteLine(Tail(again.Output, 40));
        Assert.True(again.ExitCode == 0, "second Provision failed");
        Assert.Contains("Provision: done, 0 changed", again.Output);
        // A converged run warns of nothing (a reset_connection under `when` once warned on every run).
        Assert.DoesNotContain("[WARNING]", again.Output);

        var validate = CliRun.Run(_deployments.Dir, null, limit, "--target=Validate", "--deployment=full");
        _log.WriteLine(Tail(validate.Output, 60));
        Assert.True(validate.ExitCode == 0, "Validate failed");
        var report = JsonDocument.Parse(File.ReadAllText(Path.Combine(_deployments.Work("full"), "reports", "validate.json"))).RootElement;
        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        foreach (var role in new[] { "code_server", "caddy", "docker", "ai_clis", "beads", "gastown", "gastown_services", "golang", "lazygit", "k9s" })
        {
            Assert.True(checks.Any(c => c.GetProperty("role").GetString() == role), $"no Validate check for role {role}");
        }
        // Not applicable is reported as such, with a reason, never as passed.
        Assert.All(checks.Where(c => c.GetProperty("status").GetString() == "n/a"),
            c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("detail").GetString())));

        // Gas Town on the default path: gt built by `go install` from the (fixture) module proxy,
        // verified against the checksum database, CGO off; bd the version gt links.
        var ssh = SshLine(limit);
        var gt = Remote(ssh, "readlink -f /usr/local/bin/gt; go version -m /usr/local/bin/gt; ss -ltnH 'sport = :3307'");
        Assert.Contains("/opt/roughneck/gastown/v", gt);
        Assert.Contains("-source/gt", gt);
        Assert.Contains("build\tCGO_ENABLED=0", gt);
        Assert.Contains("127.0.0.1:3307", gt);
        Assert.DoesNotContain("0.0.0.0:3307", gt);
        // gt install reads the identity from ~/.gitconfig only; the git role writes /etc/gitconfig.
        var identity = Remote(ssh, "git config --global --get user.name; git config --global --get user.email");
        Assert.Contains("roughneck on full", identity);
        Assert.Contains("@full.invalid", identity);

        // The probe's services answer (roughneck_probe services:): a stopped service is started,
        // one whose configuration changed after it started is restarted, the rest is left alone.
        Remote(ssh, "sudo -n systemctl stop code-server docker.socket docker && sudo -n touch /etc/caddy/Caddyfile");
        Assert.Contains("inactive", Remote(ssh, "systemctl is-active code-server docker || true"));
        var repair = CliRun.Run(_deployments.Dir, null, limit, "--target=Provision", "--deployment=full");
        _log.WriteLine(Tail(repair.Output, 40));
        Assert.True(repair.ExitCode == 0, "the repairing Provision failed");
        Assert.Contains("Provision: done, 3 changed", repair.Output);
        foreach (var task in new[] { "code_server : Enable and start code-server", "caddy : Restart caddy if it started before its configuration last changed", "docker : Start Docker now and at boot" })
        {
            Assert.Matches($@"TASK \[{System.Text.RegularExpressions.Regex.Escape(task)}\][^\n]*\n\s*changed:", repair.Output);
        }
        Assert.Equal("active\nactive\nactive", Remote(ssh, "systemctl is-active code-server docker caddy").Trim());

        var machine = _deployments.MachineId("full");
        var destroy = CliRun.Run(_deployments.Dir, null, limit, "--target=Destroy", "--deployment=full", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    private string SshLine(TimeSpan limit)
    {
        var print = CliRun.Run(_deployments.Dir, null, limit, "--target=Ssh", "--deployment=full", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        return print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal)).Replace("ssh ", "ssh -o BatchMode=yes ", StringComparison.Ordinal);
    }

    private static string Remote(string sshLine, string command)
    {
        var (exit, text) = ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine + " -- " + "'" + command.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        Assert.True(exit == 0, $"{command}: exit {exit}\n{text}");
        return text;
    }

    private static string Tail(string text, int lines) => string.Join("\n", text.Split('\n').TakeLast(lines));

    public void Dispose() => _deployments.Dispose();
}
