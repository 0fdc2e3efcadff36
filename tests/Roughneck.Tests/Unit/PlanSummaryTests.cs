using Roughneck.Terraform;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>PlanSummary.Parse over `terraform show -json` of a saved plan.</summary>
public class PlanSummaryTests
{
    private static string Change(string address, string type, params string[] actions) =>
        $$$"""
        {
          "address": "{{{address}}}",
          "module_address": "module.deployment",
          "mode": "{{{(actions is ["read"] ? "data" : "managed")}}}",
          "type": "{{{type}}}",
          "name": "this",
          "provider_name": "registry.terraform.io/hetznercloud/hcloud",
          "change": {
            "actions": [{{{string.Join(", ", actions.Select(a => $"\"{a}\""))}}}],
            "before": null,
            "after": {"name": "demo"},
            "after_unknown": {"id": true},
            "before_sensitive": false,
            "after_sensitive": {}
          }
        }
        """;

    private static string Show(params string[] changes) =>
        $$$"""
        {
          "format_version": "1.2",
          "terraform_version": "1.9.8",
          "planned_values": {"root_module": {}},
          "resource_changes": [{{{string.Join(",\n", changes)}}}],
          "configuration": {"root_module": {}},
          "timestamp": "2025-11-24T10:00:00Z",
          "applyable": true,
          "complete": true,
          "errored": false
        }
        """;

    private static readonly string Mixed = Show(
        Change("module.deployment.hcloud_server.this", "hcloud_server", "create"),
        Change("module.deployment.hcloud_firewall.ssh", "hcloud_firewall", "update"),
        Change("module.deployment.hcloud_ssh_key.old", "hcloud_ssh_key", "delete"),
        Change("module.deployment.hcloud_primary_ip.v4", "hcloud_primary_ip", "delete", "create"),
        Change("module.deployment.hcloud_volume.data", "hcloud_volume", "create", "delete"),
        Change("module.deployment.hcloud_network.this", "hcloud_network", "no-op"),
        Change("module.deployment.data.hcloud_image.ubuntu", "hcloud_image", "read"));

    [Fact]
    public void Counts_follow_terraforms_own_summary()
    {
        var summary = PlanSummary.Parse(Mixed);

        Assert.Equal(3, summary.Adds);        // create + two replaces
        Assert.Equal(1, summary.Updates);
        Assert.Equal(3, summary.Destroys);    // delete + two replaces
        Assert.Equal(2, summary.Replaces);
        Assert.True(summary.HasChanges);
        Assert.Equal("3 to add, 1 to change, 3 to destroy", summary.OneLine);
    }

    [Fact]
    public void No_op_and_read_are_not_changes()
    {
        var summary = PlanSummary.Parse(Mixed);

        Assert.Equal(
            new[]
            {
                ("module.deployment.hcloud_server.this", "create"),
                ("module.deployment.hcloud_firewall.ssh", "update"),
                ("module.deployment.hcloud_ssh_key.old", "delete"),
                ("module.deployment.hcloud_primary_ip.v4", "replace"),
                ("module.deployment.hcloud_volume.data", "replace"),
            },
            summary.Changes.Select(c => (c.Address, c.Action)));
        Assert.Equal("hcloud_server", summary.Changes[0].Type);
    }

    [Fact]
    public void Only_no_op_and_read_is_no_changes()
    {
        var summary = PlanSummary.Parse(Show(
            Change("module.deployment.hcloud_server.this", "hcloud_server", "no-op"),
            Change("module.deployment.data.hcloud_image.ubuntu", "hcloud_image", "read")));

        Assert.False(summary.HasChanges);
        Assert.Equal("no changes", summary.OneLine);
    }

    [Fact]
    public void Plan_without_resource_changes_is_no_changes()
    {
        var summary = PlanSummary.Parse("""{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {}, "applyable": false}""");

        Assert.Empty(summary.Changes);
        Assert.Equal("no changes", summary.OneLine);
    }

    [Fact]
    public void Lines_show_symbol_address_and_action()
    {
        var lines = PlanSummary.Parse(Mixed).Lines().ToList();

        Assert.Equal("  + module.deployment.hcloud_server.this (create)", lines[0]);
        Assert.Equal("  ~ module.deployment.hcloud_firewall.ssh (update)", lines[1]);
        Assert.Equal("  - module.deployment.hcloud_ssh_key.old (delete)", lines[2]);
        Assert.Equal("  -/+ module.deployment.hcloud_primary_ip.v4 (replace)", lines[3]);
    }
}
