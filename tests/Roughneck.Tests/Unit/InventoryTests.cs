using Roughneck.Ansible;
using Roughneck.Ssh;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Roughneck.Tests.Unit;

/// <summary>Inventory.Render: the one-host inventory ansible-playbook reads.</summary>
public class InventoryTests
{
    private static readonly SshTarget Target = new(
        "203.0.113.10", 2222, "roughneck",
        "/srv/deployments/demo/.roughneck/ssh/id_ed25519",
        "/srv/deployments/demo/.roughneck/known_hosts",
        "/run/user/1000/roughneck-cp");

    private static YamlMappingNode Host(string yaml, string name)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var hosts = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)root["all"])["children"])["workspace"]["hosts"];
        return (YamlMappingNode)hosts[name];
    }

    private static string Value(YamlMappingNode host, string key) => ((YamlScalarNode)host[key]).Value!;

    [Fact]
    public void One_host_in_group_workspace_with_connection_settings()
    {
        var host = Host(Inventory.Render("demo", Target), "demo");

        Assert.Equal("203.0.113.10", Value(host, "ansible_host"));
        Assert.Equal("2222", Value(host, "ansible_port"));
        Assert.Equal("roughneck", Value(host, "ansible_user"));
        Assert.Equal("/srv/deployments/demo/.roughneck/ssh/id_ed25519", Value(host, "ansible_ssh_private_key_file"));
    }

    [Fact]
    public void Common_args_pin_the_host_key()
    {
        var args = Value(Host(Inventory.Render("demo", Target), "demo"), "ansible_ssh_common_args");

        Assert.Contains("-o StrictHostKeyChecking=yes", args, StringComparison.Ordinal);
        Assert.Contains("-o UserKnownHostsFile=/srv/deployments/demo/.roughneck/known_hosts", args, StringComparison.Ordinal);
        Assert.Contains("-o GlobalKnownHostsFile=/dev/null", args, StringComparison.Ordinal);
        Assert.Contains("-o BatchMode=yes", args, StringComparison.Ordinal);
        Assert.DoesNotContain("StrictHostKeyChecking=no", args, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_quotes_in_values_stay_valid_yaml()
    {
        var target = Target with { IdentityFile = "/home/o'brien/id_ed25519" };

        var host = Host(Inventory.Render("demo", target), "demo");

        Assert.Equal("/home/o'brien/id_ed25519", Value(host, "ansible_ssh_private_key_file"));
    }

    [Fact]
    public void Ipv6_address_is_kept_whole()
    {
        var host = Host(Inventory.Render("demo", Target with { Address = "2001:db8::10" }), "demo");

        Assert.Equal("2001:db8::10", Value(host, "ansible_host"));
    }
}
