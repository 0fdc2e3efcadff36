using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Tests.Integration.Support;
using Roughneck.Tests.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace Roughneck.Tests.Integration.Fleet;

/// <summary>
/// Drift on a real sandbox: clean after Deploy (exit 0); a file a role manages changed and a
/// service stopped behind the tool's back are named with their roles (exit 2, reports written);
/// Deploy puts them back and Drift is clean again.
/// </summary>
[Collection("sandbox")]
public sealed class DriftSandboxTests : SandboxTest
{

    public DriftSandboxTests(ITestOutputHelper log) : base(log) { }

    [SkippableFact]
    public void Drift_names_a_changed_file_and_a_stopped_service_exits_2_and_is_clean_after_Deploy()
    {
        Requirements.LocalSandbox();
        Requirements.Commands("python3");
        using var mirror = FixtureMirror.Start();
        // code-server comes from the fixture mirror, on the host's loopback, reached through the proxy.
        var overrides = mirror.OverridesJson.Trim();
        var vars = overrides[..overrides.LastIndexOf('}')].ReplaceLineEndings(" ") + ", \"roughneck_no_proxy\": \"localhost,::1\"}";
        Deployments.Add("drift", TempDeployments.LocalSpec("code_server") + $"network:\n  mirror_url: {mirror.Url}\nansible:\n  vars: {vars}\n");

        var deploy = Run("--target=Deploy", "--deployment=drift");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());

        var clean = Run("--target=Drift", "--deployment=drift");
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.Contains("Drift: drift: no drift", clean.Output);

        // Behind the tool's back: a file the common role writes, and the service code_server starts.
        var ssh = Run("--target=Ssh", "--deployment=drift", "--print").Output.Split('\n').First(l => l.StartsWith("ssh ", StringComparison.Ordinal));
        var (exit, text) = ProcessCapture.Run("bash", RepoRoot.Path, "-c",
            ssh.Replace("ssh ", "ssh -o BatchMode=yes ", StringComparison.Ordinal)
            + " -- 'echo Antarctica/Troll | sudo -n tee /etc/timezone >/dev/null && sudo -n systemctl stop code-server && systemctl is-active code-server; true'");
        Assert.True(exit == 0 && text.Contains("inactive", StringComparison.Ordinal), "could not change the machine: " + text);

        var drift = Run("--target=Drift", "--deployment=drift");
        Assert.Equal(2, drift.ExitCode); // the process's own exit code: 2 is drift, not an error
        Assert.Matches(@"FAIL\s+common: Write the base configuration .*would change /etc/timezone \(check mode\)", drift.Output);
        Assert.Matches(@"FAIL\s+code_server: Enable and start code-server", drift.Output);
        Assert.Matches(@"PASS\s+terraform: infrastructure matches the state", drift.Output);
        Assert.Contains("has drifted", drift.Output);

        var reports = Path.Combine(Deployments.Work("drift"), "reports");
        using (var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "drift.json"))))
        {
            var failed = json.RootElement.GetProperty("checks").EnumerateArray()
                .Where(c => c.GetProperty("status").GetString() == "fail")
                .Select(c => c.GetProperty("role").GetString() + ": " + c.GetProperty("name").GetString()).ToList();
            Assert.Contains(failed, f => f.StartsWith("common: Write the base configuration", StringComparison.Ordinal));
            Assert.Contains("code_server: Enable and start code-server", failed);
            Assert.False(json.RootElement.GetProperty("success").GetBoolean());
        }
        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(reports, "drift.xml"));
        Assert.Equal("roughneck-drift-drift", junit.Root!.Element("testsuite")!.Attribute("name")!.Value);
        Assert.NotEqual("0", junit.Root!.Element("testsuite")!.Attribute("failures")!.Value);
        Assert.Contains("### ❌ Drift `drift`", File.ReadAllText(Path.Combine(reports, "drift.md")));

        // Drift changed nothing: the service is still stopped.
        var (_, still) = ProcessCapture.Run("bash", RepoRoot.Path, "-c", ssh.Replace("ssh ", "ssh -o BatchMode=yes ", StringComparison.Ordinal) + " -- 'systemctl is-active code-server; true'");
        Assert.Contains("inactive", still);

        var repair = Run("--target=Deploy", "--deployment=drift");
        Assert.True(repair.ExitCode == 0, repair.ToString());
        var again = Run("--target=Drift", "--deployment=drift");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Drift: drift: no drift", again.Output);

        var machine = Deployments.MachineId("drift");
        Assert.True(Run("--target=Destroy", "--deployment=drift", "--force").ExitCode == 0);
        Assert.Empty(HostResidue.Of(machine));
    }

    [SkippableFact]
    public void Drift_of_a_deployment_without_a_machine_is_an_error_exit_1()
    {
        Requirements.LocalSandbox();
        Deployments.Add("nomachine", TempDeployments.LocalSpec());
        var result = Run("--target=Drift", "--deployment=nomachine");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no machine yet", result.Output);
    }
}
