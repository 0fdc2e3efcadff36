using System.Text.Json;
using Roughneck.Ansible;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// Gas Town alone on a real sandbox (git, tmux, golang, beads, gastown, gastown_services), the
/// default path against the fixture mirror: a stop that stays stopped, a partial HQ that
/// Provision repairs, a converged run that changes nothing (gt is not built again), and a partial
/// build and a daemon started outside the unit, which Provision rebuilds and takes over. The full workspace test covers the same roles among all the others.
/// </summary>
[Collection("sandbox")]
public sealed class GasTownSandboxTests(ITestOutputHelper log) : SandboxTest(log)
{
    [SkippableFact]
    public void Gt_down_stays_down_and_a_partial_hq_is_repaired()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("python3");
        using var mirror = FixtureMirror.Start();
        var overrides = mirror.OverridesJson.Trim();
        var vars = overrides[..overrides.LastIndexOf('}')].ReplaceLineEndings(" ") + ", \"roughneck_no_proxy\": \"localhost,::1\"}";
        Deployments.Add("gtown", TempDeployments.LocalSpec("git", "tmux", "golang", "beads", "gastown", "gastown_services")
            + $"network:\n  mirror_url: {mirror.Url}\nansible:\n  vars: {vars}\n");

        var deploy = Run("--target=Deploy", "--deployment=gtown");
        Assert.True(deploy.ExitCode == 0, "Deploy failed; the output above ends with the reason");
        var ssh = SshLine();
        var gt = Remote(ssh, "readlink -f /usr/local/bin/gt; go version -m /usr/local/bin/gt; ss -ltnH 'sport = :3307'");
        Assert.Contains("-source/gt", gt);
        Assert.Contains("build\tCGO_ENABLED=0", gt);
        Assert.Contains("127.0.0.1:3307", gt);
        Assert.DoesNotContain("0.0.0.0:3307", gt);

        // gt down: the daemon exits 0 and systemd leaves it down (Restart=on-failure) …
        var down = Remote(ssh, "cd ~/gt && gt down >/dev/null; sleep 8; systemctl is-active gastown; systemctl show gastown -p NRestarts --value");
        Assert.Equal(new[] { "inactive", "0" }, down.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // … and Validate says so, the same way each time (no flapping).
        for (var i = 0; i < 2; i++)
        {
            var stopped = Run("--target=Validate", "--deployment=gtown");
            Assert.NotEqual(0, stopped.ExitCode);
            var unit = Check("Gas Town daemon unit active");
            Assert.Equal("fail", unit.GetProperty("status").GetString());
            Assert.StartsWith("gastown is inactive", unit.GetProperty("detail").GetString());
        }

        // A partial HQ, as gt install leaves one (town.json written, the Dolt database and bd not):
        // Provision moves it aside, installs a complete one and brings the town back.
        Remote(ssh, "rm -rf ~/gt/.dolt-data/hq ~/gt/.beads/metadata.json; test -f ~/gt/mayor/town.json");
        var repair = Run("--target=Provision", "--deployment=gtown");
        Assert.True(repair.ExitCode == 0, "Provision of a partial HQ failed");
        Assert.Contains("Move the partial HQ aside", repair.Output);
        Assert.Contains("complete", Remote(ssh, "ls -d ~/gt.partial-* && test -d ~/gt/.dolt-data/hq/.dolt && test -f ~/gt/.beads/metadata.json && echo complete"));
        var validate = Run("--target=Validate", "--deployment=gtown");
        Assert.True(validate.ExitCode == 0, "Validate after the repair failed");
        Assert.Equal("pass", Check("Gas Town daemon unit active").GetProperty("status").GetString());
        Assert.Equal("pass", Check("Gas Town HQ complete (town.json, Dolt database hq, bd metadata)").GetProperty("status").GetString());

        // Converged: nothing changes, and gt is not built again (its build info matches the pin).
        var converged = Run("--target=Provision", "--deployment=gtown");
        Assert.True(converged.ExitCode == 0, "The converged Provision failed");
        Assert.Empty(ChangedTasks(converged.Output));

        // A partial build (as an interrupted writer leaves one) and a daemon started outside the
        // unit (gt up by hand): Provision builds gt again and the unit takes the daemon over.
        var foreign = Remote(ssh, "sudo -n systemctl stop gastown && cd ~/gt && gt up --quiet >/dev/null && cat daemon/daemon.pid; "
            + "b=$(readlink -f /usr/local/bin/gt) && sudo -n cp $b $b.part && sudo -n truncate -s 100 $b.part && sudo -n mv $b.part $b; "
            + "go version -m /usr/local/bin/gt >/dev/null 2>&1 || echo no-build-info");
        Assert.Contains("no-build-info", foreign);
        var takeover = Run("--target=Provision", "--deployment=gtown");
        Assert.True(takeover.ExitCode == 0, "Provision after a partial build and a daemon outside the unit failed");
        var changed = ChangedTasks(takeover.Output);
        Assert.Contains("gastown : Build gt with go install at v1.2.1", changed);
        Assert.Contains("gastown_services : Hand a daemon running outside the unit over to systemd", changed);
        Assert.Contains("build\tCGO_ENABLED=0", Remote(ssh, "go version -m /usr/local/bin/gt"));
        Assert.True(Run("--target=Validate", "--deployment=gtown").ExitCode == 0, "Validate after the takeover failed");
        Assert.Equal("pass", Check("Gas Town daemon runs under the unit").GetProperty("status").GetString());
    }

    private static List<string> ChangedTasks(string output)
    {
        var playbook = new PlaybookOutput();
        foreach (var line in output.Split('\n')) playbook.Accept(line);
        return playbook.Changed.Select(c => $"{c.Role} : {c.Task}").ToList();
    }

    private JsonElement Check(string name) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployments.Work("gtown"), "reports", "validate.json"))).RootElement
            .GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private string SshLine()
    {
        var print = Run("--target=Ssh", "--deployment=gtown", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        return print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal)).Replace("ssh ", "ssh -o BatchMode=yes ", StringComparison.Ordinal);
    }

    private static string Remote(string sshLine, string command)
    {
        var (exit, text) = ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine + " -- '" + command.Replace("'", "'\\''", StringComparison.Ordinal) + "'");
        Assert.True(exit == 0, $"{command}: exit {exit}\n{text}");
        return text;
    }

}
