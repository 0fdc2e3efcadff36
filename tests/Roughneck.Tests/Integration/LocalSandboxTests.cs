using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Xunit;
using Xunit.Abstractions;

using Roughneck.Tests.TestSupport;

namespace Roughneck.Tests.Integration;

/// <summary>
/// The whole graph on the local provider: real terraform, a real systemd container, real SSH
/// with a pinned host key, real ansible-playbook.
/// </summary>
[Collection("sandbox")]
public sealed class LocalSandboxTests : SandboxTest
{

    public LocalSandboxTests(ITestOutputHelper log) : base(log) { }

    private string MachineId(string name) => Deployments.MachineId(name);

    [SkippableFact]
    public void Terraform_lifecycle_of_the_local_provider()
    {
        Requirements.LocalSandbox();
        Deployments.Add("tf-life", TempDeployments.LocalSpec());

        var plan = Run("--target=Plan", "--deployment=tf-life");
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var machine = MachineId("tf-life");
        Assert.Contains("Plan for tf-life: 1 to add, 0 to change, 0 to destroy", plan.Output);
        Assert.Contains("cost: nothing", plan.Output);
        Assert.True(File.Exists(Path.Combine(Deployments.Work("tf-life"), "plan.md")));

        var apply = Run("--target=Apply", "--deployment=tf-life");
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("host key SHA256:", apply.Output);
        var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deployments.Work("tf-life"), "outputs.json"))).RootElement;
        Assert.Equal(machine, outputs.GetProperty("ServerId").GetString());
        Assert.StartsWith("10.222.", outputs.GetProperty("Address").GetString());

        var again = Run("--target=Apply", "--deployment=tf-life");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Plan for tf-life: no changes", again.Output);
        Assert.Contains("nothing to apply", again.Output);

        var print = Run("--target=Ssh", "--deployment=tf-life", "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var sshLine = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        Assert.Contains("StrictHostKeyChecking=yes", sshLine);
        var (exit, text) = ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine.Replace("ssh ", "ssh -o BatchMode=yes ") + " -- systemctl is-system-running --wait");
        Assert.True(exit == 0 && text.Contains("running"), "SSH with the pinned key: " + text);

        var destroy = Run("--target=Destroy", "--deployment=tf-life", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
        Assert.False(File.Exists(Path.Combine(Deployments.Work("tf-life"), "terraform.tfstate")));
        Assert.True(File.Exists(Path.Combine(Deployments.Dir, "tf-life", "deployment.yaml")), "the spec stays");
    }

    [SkippableFact]
    public void Deploy_validate_provision_again_and_destroy_leaves_nothing()
    {
        Requirements.LocalSandbox();
        Deployments.Add("demo", TempDeployments.LocalSpec("shell", "git", "tmux", "direnv"));
        var deploy = Run("--target=Deploy", "--deployment=demo");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var machine = MachineId("demo");
        Assert.Matches(@"demo: \d+ passed, 0 failed", deploy.Output);

        var reports = Path.Combine(Deployments.Work("demo"), "reports");
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(reports, "validate.xml"));
        Assert.Equal("0", junit.Root!.Element("testsuite")!.Attribute("failures")!.Value);
        Assert.True(JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "validate.json"))).RootElement.GetProperty("success").GetBoolean());

        var provision = Run("--target=Provision", "--deployment=demo");
        Assert.True(provision.ExitCode == 0, provision.ToString());
        Assert.Contains("Provision: done, 0 changed", provision.Output);

        var check = Run("--target=Provision", "--deployment=demo", "--check");
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("Provision: done, 0 changed", check.Output);

        var update = Run("--target=Update", "--deployment=demo", "--only=apt");
        Assert.True(update.ExitCode == 0, update.ToString());
        Assert.Contains("TASK [Upgrade the distribution's packages]", update.Output);

        var list = Run("--target=List");
        Assert.Matches(@"demo\s+local\s+local\s+10\.222\.\S+:22\s+validated", list.Output);

        var destroy = Run("--target=Destroy", "--deployment=demo", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
        Assert.Equal(new[] { "lock" }, Directory.GetFileSystemEntries(Deployments.Work("demo")).Select(Path.GetFileName).ToArray());
    }

    [SkippableFact]
    public void Second_run_on_a_deployment_fails_fast_with_a_lock_message_and_harms_nothing()
    {
        Requirements.LocalSandbox();
        Deployments.Add("locked", TempDeployments.LocalSpec());
        using var first = CliRun.Start(Deployments.Dir, null, "--target=Deploy", "--deployment=locked");
        Assert.True(first.WaitFor("Init:", TimeSpan.FromMinutes(5)), first.Output);

        var second = Run("--target=Deploy", "--deployment=locked");
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains("is locked by another Roughneck run", second.Output);
        Assert.Contains("nothing was changed", second.Output);

        var result = first.Wait(Long);
        Assert.True(result.ExitCode == 0, "the first run was harmed:\n" + result);
        Assert.True(Run("--target=Validate", "--deployment=locked").ExitCode == 0);
        var machine = MachineId("locked");
        Assert.True(Run("--target=Destroy", "--deployment=locked", "--force").ExitCode == 0);
        Assert.Empty(HostResidue.Of(machine));
    }

    [SkippableFact]
    public void Deploy_killed_during_apply_is_repaired_by_Deploy()
    {
        Requirements.LocalSandbox();
        Deployments.Add("killapply", TempDeployments.LocalSpec());
        using (var run = CliRun.Start(Deployments.Dir, null, "--target=Deploy", "--deployment=killapply"))
        {
            // Evidence of being inside Apply: the sandbox script is printing and terraform apply is in the tree.
            Assert.True(run.WaitFor("[sandbox rn-", TimeSpan.FromMinutes(10)), "the sandbox never started:\n" + run.Output);
            Assert.True(run.HasProcess("terraform") && run.HasProcess(" apply"), "terraform apply was not running when the sandbox printed:\n" + run.Output);
            run.KillGroup();
            // The kill landed mid-step: Apply never recorded its outputs and Provision never began.
            Assert.False(File.Exists(Path.Combine(Deployments.Work("killapply"), "outputs.json")), "Apply had finished before the kill:\n" + run.Output);
            Assert.DoesNotContain("Provision", run.Output.Split("[sandbox rn-")[^1]);
        }
        var deploy = Run("--target=Deploy", "--deployment=killapply");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Matches(@"killapply: \d+ passed, 0 failed", deploy.Output);
        var machine = MachineId("killapply");
        Assert.True(Run("--target=Destroy", "--deployment=killapply", "--force").ExitCode == 0);
        Assert.Empty(HostResidue.Of(machine));
    }

    [SkippableFact]
    public void Deploy_killed_during_provision_is_repaired_by_Deploy_and_destroy_survives_a_hand_removed_sandbox()
    {
        Requirements.LocalSandbox();
        Deployments.Add("killprov", TempDeployments.LocalSpec("shell", "tmux"));
        using (var run = CliRun.Start(Deployments.Dir, null, "--target=Deploy", "--deployment=killprov"))
        {
            // Evidence of being inside the play: a common task has reported, ansible-playbook is in the tree, no recap yet.
            Assert.True(run.WaitFor("TASK [common", TimeSpan.FromMinutes(10)), "Provision never started:\n" + run.Output);
            Assert.True(WaitForTaskResult(run, TimeSpan.FromMinutes(5)), "no common task reported a result:\n" + run.Output);
            Assert.True(run.HasProcess("ansible-playbook"), "ansible-playbook was not running:\n" + run.Output);
            run.KillGroup();
            Assert.DoesNotContain("PLAY RECAP", run.Output);
            Assert.DoesNotContain("Provision: done", run.Output);
        }
        var deploy = Run("--target=Deploy", "--deployment=killprov");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Matches(@"killprov: \d+ passed, 0 failed", deploy.Output);

        // The operator removes the machine by hand: process, namespace, root filesystem.
        var machine = MachineId("killprov");
        var sandbox = RepoPaths.SandboxDir;
        // Each removal must succeed (the namespace and the mount may already be gone with the process).
        var (removed, removal) = ProcessCapture.Run("bash", RepoRoot.Path, "-c",
            $"set -e; pkill -KILL -f -- '--machin[e]={machine}'; for _ in $(seq 50); do pgrep -f -- '--machin[e]={machine}' >/dev/null || break; sleep 0.2; done; " +
            $"if ip netns list | grep -qw {machine}; then ip netns delete {machine}; fi; " +
            // Every mount below the machine (the overlay root and its idmapped lower layer), deepest first, then the folder.
            $"findmnt -rn -o TARGET | grep -F '{sandbox}/machines/{machine}/' | sort -r | while read -r m; do umount \"$m\" || umount -l \"$m\"; done; rm -rf {sandbox}/machines/{machine}");
        Assert.True(removed == 0, "removing the sandbox by hand failed:\n" + removal);
        Assert.False(Directory.Exists(Path.Combine(sandbox, "machines", machine)));
        // What the operator removed is gone (the proxy and the host's veth end are left for Destroy).
        Assert.DoesNotContain(HostResidue.Of(machine), r => r.StartsWith("network namespace", StringComparison.Ordinal) || (r.StartsWith("process", StringComparison.Ordinal) && r.Contains("systemd-nspawn", StringComparison.Ordinal)));

        var destroy = Run("--target=Destroy", "--deployment=killprov", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    /// <summary>After a "TASK [common" header: the first result line (ok/changed/skipping) of a task.</summary>
    private static bool WaitForTaskResult(CliRun run, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            var after = run.Output[run.Output.IndexOf("TASK [common", StringComparison.Ordinal)..];
            if (System.Text.RegularExpressions.Regex.IsMatch(after, @"^\s*(ok|changed|skipping): ", System.Text.RegularExpressions.RegexOptions.Multiline)) return true;
            if (after.Contains("PLAY RECAP", StringComparison.Ordinal)) return false;
            Thread.Sleep(100);
        }
        return false;
    }
}
