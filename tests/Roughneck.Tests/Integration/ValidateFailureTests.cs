using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// On one real sandbox: List --json as the workflows read it; a failing Validate end to end (exit
/// code, reports, List's state) and its recovery; a host key mismatch refused by Apply and turned
/// into a failed check by Validate (SSH exit 255).
/// </summary>
[Collection("sandbox")]
public sealed class ValidateFailureTests(ITestOutputHelper log) : SandboxTest(log)
{
    [SkippableFact]
    public void Failing_checks_host_key_mismatch_and_list_json_on_a_real_sandbox()
    {
        Requirements.LocalSandbox();
        Deployments.Add("vfail", TempDeployments.LocalSpec());
        var work = Deployments.Work("vfail");
        var deploy = Run("--target=Deploy", "--deployment=vfail");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var machine = Deployments.MachineId("vfail");
        Assert.StartsWith("validated ", ListRow("vfail").GetProperty("state").GetString());

        // A failed unit degrades systemd: the "systemd running" check must fail, and only because of it.
        Remote("sudo -n systemd-run --unit=rn-test-broken --no-block /bin/false && sleep 2 && systemctl is-failed rn-test-broken");
        var failing = Run("--target=Validate", "--deployment=vfail");
        Assert.True(failing.ExitCode != 0, "Validate passed on a degraded machine:\n" + failing);
        Assert.Contains("check(s) failed for vfail", failing.Output);
        var report = Report(work);
        Assert.False(report.GetProperty("success").GetBoolean());
        var failed = FailedChecks(report);
        Assert.Contains("systemd running", failed);
        Assert.DoesNotContain("machine reachable over SSH with the pinned host key", failed);
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(work, "reports", "validate.xml"));
        Assert.NotEqual("0", junit.Root!.Element("testsuite")!.Attribute("failures")!.Value);
        Assert.StartsWith("validate failed ", ListRow("vfail").GetProperty("state").GetString());

        // Control: the same checks pass once the unit is cleared.
        Remote("sudo -n systemctl reset-failed rn-test-broken");
        var fixedRun = Run("--target=Validate", "--deployment=vfail");
        Assert.True(fixedRun.ExitCode == 0, fixedRun.ToString());
        Assert.True(Report(work).GetProperty("success").GetBoolean());

        // Host key mismatch: the machine now presents a key this deployment did not pin (as if it
        // were replaced outside Roughneck). Init rebuilds known_hosts from the state on every run,
        // so the mismatch has to come from the machine, not from editing the local file.
        var knownHosts = Path.Combine(work, "known_hosts");
        var pinned = File.ReadAllText(knownHosts);
        Remote("sudo -n sh -c 'rm -f /root/rn-other-key /root/rn-other-key.pub && ssh-keygen -q -t ed25519 -N \"\" -f /root/rn-other-key " +
            "&& install -m 600 /root/rn-other-key /etc/ssh/ssh_host_ed25519_key && install -m 644 /root/rn-other-key.pub /etc/ssh/ssh_host_ed25519_key.pub " +
            "&& systemctl reload ssh'");
        Thread.Sleep(TimeSpan.FromSeconds(2));

        // Validate: SSH exits 255, which becomes one failed check of role ssh, not a crash or a pass.
        var mismatch = Run("--target=Validate", "--deployment=vfail");
        Assert.True(mismatch.ExitCode != 0, mismatch.ToString());
        var mismatchReport = Report(work);
        Assert.False(mismatchReport.GetProperty("success").GetBoolean());
        Assert.Equal(new[] { "machine reachable over SSH with the pinned host key" }, FailedChecks(mismatchReport));
        Assert.Equal(new[] { "ssh" }, FailedRoles(mismatchReport));
        var detail = Failed(mismatchReport).Single().GetProperty("detail").GetString()!;
        Assert.True(detail.Contains("Host key verification failed", StringComparison.Ordinal)
            || detail.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal), detail);
        Assert.StartsWith("validate failed ", ListRow("vfail").GetProperty("state").GetString());

        // Connecting for Provision (Deploy's step after Apply): refused at once, and the pin is not replaced.
        var refused = Run("--target=Provision", "--deployment=vfail");
        Assert.True(refused.ExitCode != 0, refused.ToString());
        Assert.Contains("presented a host key that is not the one pinned for this deployment; refusing to connect", refused.Output);
        Assert.Equal(pinned, File.ReadAllText(knownHosts));

        var destroy = Run("--target=Destroy", "--deployment=vfail", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    /// <summary>List --json as the workflows call it: stdout is exactly one JSON array.</summary>
    private JsonElement ListRow(string name)
    {
        var list = CliRun.Run(Deployments.Dir, null, TimeSpan.FromMinutes(5), "--target=List", "--json", "--verbosity=quiet");
        Assert.True(list.ExitCode == 0, list.ToString());
        // CliRun merges stderr into the output; the workflows read stdout, which is the JSON array alone.
        var lines = list.Output.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith('['));
        var end = Array.FindLastIndex(lines, l => l.TrimEnd() == "]");
        Assert.True(start >= 0 && end >= start, "no JSON array in List --json:\n" + list);
        var rows = JsonDocument.Parse(string.Join('\n', lines[start..(end + 1)])).RootElement;
        var row = rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);
        Assert.Equal("local", row.GetProperty("provider").GetString());
        Assert.Matches(@"^10\.222\.\d+\.\d+:22$", row.GetProperty("address").GetString());
        return row;
    }

    private void Remote(string command)
    {
        var print = Run("--target=Ssh", "--deployment=vfail", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var ssh = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        var (exit, output) = ProcessCapture.Run("bash", RepoRoot.Path, "-c", ssh.Replace("ssh ", "ssh -o BatchMode=yes ") + " -- " + Quote(command));
        Assert.True(exit == 0, $"{command}: {output}");
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    private static JsonElement Report(string work) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "reports", "validate.json"))).RootElement;

    private static List<string> FailedChecks(JsonElement report) => Failed(report).Select(c => c.GetProperty("name").GetString()!).ToList();

    private static List<string> FailedRoles(JsonElement report) => Failed(report).Select(c => c.GetProperty("role").GetString()!).ToList();

    private static IEnumerable<JsonElement> Failed(JsonElement report) =>
        report.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("status").GetString() == "fail");

}
