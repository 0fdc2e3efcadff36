using System.Diagnostics;
using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration;

/// <summary>
/// sshd keeps its port and host key (Issue 11), and an ssh port change is a Provision, never a
/// lock-out (Issue 10): through the real sandbox, real terraform, ssh and ansible-playbook.
/// </summary>
[Collection("sandbox")]
public sealed class SshPortTests : SandboxTest
{

    public SshPortTests(ITestOutputHelper log) : base(log) { }

    private static string SpecWithPort(int? port) =>
        TempDeployments.LocalSpec().Replace("ssh:\n  user: dev\n", port is null ? "ssh:\n  user: dev\n" : $"ssh:\n  user: dev\n  port: {port}\n", StringComparison.Ordinal);

    /// <summary>Runs a command on the machine with the pinned key (the line --target=Ssh --print gives).</summary>
    private (int Exit, string Output) OnMachine(string name, string command)
    {
        var print = Run("--target=Ssh", "--deployment=" + name, "--print");
        Assert.True(print.ExitCode == 0, print.ToString());
        var sshLine = print.Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        return ProcessCapture.Run("bash", RepoRoot.Path, "-c", sshLine.Replace("ssh ", "ssh -o BatchMode=yes -o ConnectTimeout=5 ", StringComparison.Ordinal) + " -- " + command);
    }

    private void WaitForSsh(string name, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        (int Exit, string Output) last = (-1, "");
        while (watch.Elapsed < limit)
        {
            last = OnMachine(name, "systemctl is-system-running --wait");
            if (last.Exit == 0) return;
            Thread.Sleep(2000);
        }
        Assert.Fail($"the machine did not answer over SSH within {limit}: {last.Output}");
    }

    private void AssertValidates(string name)
    {
        var validate = Run("--target=Validate", "--deployment=" + name);
        Assert.True(validate.ExitCode == 0, validate.ToString());
        Assert.Matches($@"{name}: \d+ passed, 0 failed", validate.Output);
        Assert.Contains("sshd keeps its port and the pinned host key", validate.Output);
    }

    [SkippableFact]
    public void Sshd_keeps_port_2222_and_its_host_key_through_provisions_an_sshd_restart_and_a_reboot()
    {
        Requirements.LocalSandbox();
        Deployments.Add("port2222", SpecWithPort(2222));

        var deploy = Run("--target=Deploy", "--deployment=port2222");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        var machine = Deployments.MachineId("port2222");
        Assert.Matches(@"port2222: \d+ passed, 0 failed", deploy.Output);
        for (var i = 0; i < 2; i++)
        {
            var provision = Run("--target=Provision", "--deployment=port2222");
            Assert.True(provision.ExitCode == 0, provision.ToString());
        }
        var dropin = OnMachine("port2222", "cat /etc/ssh/sshd_config.d/10-roughneck.conf");
        Assert.True(dropin.Exit == 0, dropin.Output);
        Assert.Contains("Port 2222\n", dropin.Output);
        Assert.Contains("HostKey /etc/ssh/ssh_host_ed25519_key\n", dropin.Output);

        var restart = OnMachine("port2222", "sudo -n systemctl restart ssh");
        Assert.True(restart.Exit == 0, restart.Output);
        WaitForSsh("port2222", TimeSpan.FromSeconds(60));
        AssertValidates("port2222");

        var bootBefore = OnMachine("port2222", "cat /proc/1/stat").Output.Split(' ')[21];
        OnMachine("port2222", "sudo -n systemctl reboot"); // the connection drops with the machine
        Thread.Sleep(TimeSpan.FromSeconds(3));
        WaitForSsh("port2222", TimeSpan.FromSeconds(120));
        var bootAfter = OnMachine("port2222", "cat /proc/1/stat").Output.Split(' ')[21];
        Assert.NotEqual(bootBefore, bootAfter); // init started anew: the container really rebooted
        var log = File.ReadAllText(Path.Combine(RepoPaths.SandboxDir, "run", machine, "nspawn.log"));
        Assert.Contains("the container rebooted: booting it again", log);
        AssertValidates("port2222");

        var destroy = Run("--target=Destroy", "--deployment=port2222", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Empty(HostResidue.Of(machine));
    }

    [SkippableFact]
    public void A_port_change_on_a_live_machine_is_a_provision_not_a_replacement_or_a_lock_out()
    {
        Requirements.LocalSandbox();
        var folder = Deployments.Add("portmove", SpecWithPort(null));
        var work = Deployments.Work("portmove");

        var first = Run("--target=Deploy", "--deployment=portmove");
        Assert.True(first.ExitCode == 0, first.ToString());
        var serverBefore = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "outputs.json"))).RootElement.GetProperty("ServerId").GetString();

        File.WriteAllText(Path.Combine(folder, "deployment.yaml"), SpecWithPort(2200));
        var moved = Run("--target=Deploy", "--deployment=portmove");
        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.Contains("sshd may still listen on 22 until Provision moves it", moved.Output);
        Assert.Contains("0 to destroy", moved.Output);
        Assert.DoesNotContain("1 to add", moved.Output);
        Assert.Contains("sshd still listens on 22; this run moves it to 2200", moved.Output);
        Assert.Matches(@"portmove: \d+ passed, 0 failed", moved.Output);
        var outputs = JsonDocument.Parse(File.ReadAllText(Path.Combine(work, "outputs.json"))).RootElement;
        Assert.Equal(serverBefore, outputs.GetProperty("ServerId").GetString());
        Assert.Equal(2200, outputs.GetProperty("Port").GetInt32());
        Assert.Equal("2200", File.ReadAllText(Path.Combine(work, "sshd-port")).Trim());

        // The change is over: the next Deploy forgets the previous port, and pins only the new one.
        var settled = Run("--target=Deploy", "--deployment=portmove");
        Assert.True(settled.ExitCode == 0, settled.ToString());
        Assert.DoesNotContain("sshd may still listen", settled.Output);
        Assert.DoesNotContain("ssh_port_previous", File.ReadAllText(Path.Combine(work, "tfvars.json")));
        Assert.Single(File.ReadAllLines(Path.Combine(work, "known_hosts")), l => l.Length > 0);
        var port22 = OnMachine("portmove", "sudo -n ss -Htln 'sport = :22' | wc -l");
        Assert.Equal("0", port22.Output.Trim());

        var destroy = Run("--target=Destroy", "--deployment=portmove", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
    }
}
