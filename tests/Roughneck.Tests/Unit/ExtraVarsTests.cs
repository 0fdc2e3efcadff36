using System.Text.Json;
using Roughneck.Ansible;
using Roughneck.Tests.TestSupport;
using Xunit;

namespace Roughneck.Tests.Unit;

/// <summary>ExtraVars.Build: the roughneck_* contract handed to the playbook.</summary>
public class ExtraVarsTests
{
    private static readonly string[] Contract =
    {
        "roughneck_deployment", "roughneck_provider", "roughneck_user", "roughneck_ssh_port", "roughneck_roles", "roughneck_removed_roles",
        "roughneck_http_proxy", "roughneck_mirror_url", "roughneck_extra_ca_certs", "roughneck_docker_user_in_group",
        "roughneck_ai_clis", "roughneck_tls",
    };

    private static Dictionary<string, object?> Build(params string[] lines) =>
        ExtraVars.Build(Specs.Local(lines), Catalogs.Features, "http://proxy.internal:3128", new[] { "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" }, 2222);

    [Fact]
    public void Exactly_the_contract_variables()
    {
        Assert.Equal(Contract.Order(), Build().Keys.Order());
    }

    [Fact]
    public void Ssh_port_is_the_applied_one_not_the_spec_s()
    {
        var vars = Build("ssh:", "  user: dev", "  port: 2200");

        Assert.Equal(2222, vars["roughneck_ssh_port"]);
    }

    [Fact]
    public void Roles_follow_features_yml_order_and_the_rest_are_removed()
    {
        var vars = Build("features:", "  golang: false", "  tls: true", "  k9s: false", "  docker: false", "  lazydocker: false");

        var roles = (IEnumerable<string>)vars["roughneck_roles"]!;
        var removed = (IEnumerable<string>)vars["roughneck_removed_roles"]!;
        var order = Catalogs.Features.Features.Select(f => f.Role).ToList();
        Assert.Equal(roles.OrderBy(order.IndexOf), roles);
        Assert.Contains("caddy", roles);
        Assert.Equal(new[] { "golang", "docker", "lazydocker", "k9s" }, removed);
        Assert.Empty(roles.Intersect(removed));
    }

    [Fact]
    public void Spec_values_are_carried_over()
    {
        var vars = Build(
            "ssh:", "  user: dev",
            "docker:", "  user_in_group: true",
            "ai_clis: [claude, gemini]",
            "network:", "  mirror_url: https://mirror.internal/roughneck/");

        Assert.Equal("demo", vars["roughneck_deployment"]);
        Assert.Equal("local", vars["roughneck_provider"]);
        Assert.Equal("dev", vars["roughneck_user"]);
        Assert.Equal(true, vars["roughneck_docker_user_in_group"]);
        Assert.Equal(new[] { "claude", "gemini" }, (IEnumerable<string>)vars["roughneck_ai_clis"]!);
        Assert.Equal("https://mirror.internal/roughneck", vars["roughneck_mirror_url"]);
        Assert.Equal("http://proxy.internal:3128", vars["roughneck_http_proxy"]);
        Assert.Single((IEnumerable<string>)vars["roughneck_extra_ca_certs"]!);
        Assert.Equal(
            new Dictionary<string, string> { ["mode"] = "self_signed", ["domain"] = "", ["email"] = "", ["dns_provider"] = "" },
            (IDictionary<string, string>)vars["roughneck_tls"]!);
    }

    [Fact]
    public void Ansible_vars_are_added_but_cannot_override_the_contract()
    {
        var vars = Build("ansible:", "  vars:", "    code_server_port: 8443", "    roughneck_user: root", "    roughneck_roles: []");

        Assert.Equal(ExtraVars.Unsafe(8443L), vars["code_server_port"]);
        Assert.Equal("roughneck", vars["roughneck_user"]);
        Assert.NotEmpty((IEnumerable<string>)vars["roughneck_roles"]!);
    }

    [Fact]
    public void Ansible_vars_are_marked_unsafe_in_the_file()
    {
        var json = ExtraVars.ToJson(Build("ansible:", "  vars:", "    probe: \"{{ lookup('pipe', 'id') }}\""));

        using var document = JsonDocument.Parse(json);
        Assert.Equal("{{ lookup('pipe', 'id') }}", document.RootElement.GetProperty("probe").GetProperty("__ansible_unsafe").GetString());
    }

    [Fact]
    public void Secrets_from_the_environment_never_reach_the_file()
    {
        var spec = Specs.Load(
            Specs.Yaml("provider: local", "features:", "  tls: true"),
            Specs.Env(("ROUGHNECK_SECRET_DNS_TOKEN", "dns-token-123456")));

        var json = ExtraVars.ToJson(ExtraVars.Build(spec, Catalogs.Features, "", Array.Empty<string>(), 22));

        Assert.DoesNotContain("dns-token-123456", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.All(document.RootElement.EnumerateObject(), p => Assert.StartsWith("roughneck_", p.Name, StringComparison.Ordinal));
    }
}
