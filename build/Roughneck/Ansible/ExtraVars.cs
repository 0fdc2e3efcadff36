using System.Text.Json;
using Roughneck.Deployments;

namespace Roughneck.Ansible;

/// <summary>The extra-vars file handed to ansible-playbook (docs/CONTRACTS.md). Never holds secrets.</summary>
public static class ExtraVars
{
    public static Dictionary<string, object?> Build(
        DeploymentSpec spec,
        FeatureCatalog catalog,
        string httpProxy,
        IReadOnlyList<string> extraCaCertificates,
        int sshPort)
    {
        var roles = catalog.Features.Where(f => spec.FeatureOn(f.Name)).Select(f => f.Role).Distinct().ToList();
        var removed = catalog.Features.Where(f => !spec.FeatureOn(f.Name)).Select(f => f.Role)
            .Where(r => !roles.Contains(r)).Distinct().ToList();
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Operator's own variables first: the contract's variables are not theirs to override.
        // Marked unsafe: "{{ lookup('pipe', ...) }}" in a spec stays text, never runs on the controller.
        foreach (var (key, value) in spec.AnsibleVars) vars[key] = Unsafe(value);
        vars["roughneck_deployment"] = spec.Name;
        vars["roughneck_provider"] = spec.Provider;
        vars["roughneck_user"] = spec.Ssh.User;
        // The applied port (the firewall opens it), not the spec's: a Provision without Apply
        // must not move sshd to a port the firewall keeps closed.
        vars["roughneck_ssh_port"] = sshPort;
        vars["roughneck_roles"] = roles;
        vars["roughneck_removed_roles"] = removed;
        vars["roughneck_http_proxy"] = httpProxy;
        vars["roughneck_mirror_url"] = spec.Network.MirrorUrl.TrimEnd('/');
        vars["roughneck_extra_ca_certs"] = extraCaCertificates;
        vars["roughneck_docker_user_in_group"] = spec.DockerUserInGroup;
        vars["roughneck_ai_clis"] = spec.AiClis;
        vars["roughneck_tls"] = new Dictionary<string, string>
        {
            ["mode"] = spec.Tls.Mode,
            ["domain"] = spec.Tls.Domain,
            ["email"] = spec.Tls.Email,
            ["dns_provider"] = spec.Tls.DnsProvider,
        };
        return vars;
    }

    /// <summary>Ansible's JSON marker for a value that is never templated (wrap_var, also for nested maps and lists).</summary>
    public static Dictionary<string, object?> Unsafe(object? value) => new(StringComparer.Ordinal) { ["__ansible_unsafe"] = value };

    public static string ToJson(Dictionary<string, object?> vars) =>
        JsonSerializer.Serialize(vars, new JsonSerializerOptions { WriteIndented = true });
}
