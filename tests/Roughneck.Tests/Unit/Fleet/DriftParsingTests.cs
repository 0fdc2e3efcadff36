using Roughneck.Ansible;
using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit.Fleet;

/// <summary>What Drift reads: resource_drift of a refresh-only plan, and the tasks check mode would change.</summary>
public class DriftParsingTests
{
    [Fact]
    public void Resource_drift_names_each_resource_its_module_and_what_changed()
    {
        const string json = """
            {"format_version":"1.2","resource_drift":[
              {"address":"module.deployment.hcloud_server.this","module_address":"module.deployment","type":"hcloud_server","change":{"actions":["update"]}},
              {"address":"hcloud_firewall.ssh","type":"hcloud_firewall","change":{"actions":["delete"]}},
              {"address":"module.deployment.hcloud_ssh_key.login","module_address":"module.deployment","type":"hcloud_ssh_key","change":{"actions":["no-op"]}}
            ],"resource_changes":[]}
            """;
        var drift = ResourceDrift.Parse(json);
        Assert.Equal(2, drift.Count);
        Assert.Equal(new DriftedResource("module.deployment.hcloud_server.this", "module.deployment", "changed outside Terraform"), drift[0]);
        Assert.Equal(new DriftedResource("hcloud_firewall.ssh", "", "deleted outside Terraform"), drift[1]);
        Assert.Empty(ResourceDrift.Parse("""{"format_version":"1.2"}"""));
    }

    [Fact]
    public void Check_mode_output_names_each_changed_task_once_with_its_role_and_the_paths_its_diff_named()
    {
        var output = new PlaybookOutput();
        foreach (var line in """
            TASK [common : Write the base configuration] ***********************************
            --- before: /etc/timezone
            +++ after: /etc/timezone
            --- before: /etc/localtime
            +++ after: /etc/localtime
            changed: [drift]
            TASK [code_server : Start code-server] *****************************************
            changed: [drift] => (item=a)
            changed: [drift] => (item=b)
            TASK [common : Set the timezone] ***********************************************
            ok: [drift]
            TASK [Play-level task] *********************************************************
            changed: [drift]
            drift                      : ok=30   changed=3    unreachable=0    failed=0    skipped=2    rescued=0    ignored=0
            """.Split('\n'))
        {
            output.Accept(line);
        }
        Assert.Equal(new[]
        {
            new ChangedTask("drift", "common", "Write the base configuration", "/etc/timezone, /etc/localtime"),
            new ChangedTask("drift", "code_server", "Start code-server"),
            new ChangedTask("drift", "", "Play-level task"),
        }, output.Changed);
        Assert.Equal(3, output.TotalChanged);
    }

    [Fact]
    public void A_refresh_only_plan_keeps_detailed_exitcode()
    {
        var args = new TerraformPlanSettings { WorkingDirectory = "/w", DataDir = "/w/tf", OutFile = "/w/drift.tfplan", RefreshOnly = true }.ToArguments();
        Assert.Contains("-refresh-only", args);
        Assert.Contains("-detailed-exitcode", args);
        Assert.Equal("-out=/w/drift.tfplan", args[^1]);
        Assert.DoesNotContain("-refresh-only", new TerraformPlanSettings { WorkingDirectory = "/w", DataDir = "/w/tf", OutFile = "/w/p" }.ToArguments());
    }
}
