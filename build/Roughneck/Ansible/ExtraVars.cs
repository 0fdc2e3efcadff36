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
        IReadOnlyList<string> extraCaCertificates)
    {
        var roles = catalog.Features.Where(f => spec.FeatureOn(f.Name)).Select(f => f.Role).Distinct().ToList();
        var removed = catalog.Features.Where(f => !spec.FeatureOn(f.Name)).Select(f => f.Role)
            .Where(r => !roles.Contains(r)).Distinct().ToList();
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        // Operator's own variables first: the contract's variables are not theirs to override.
        foreach (var (key, value) in spec.AnsibleVars) vars[key] = value;
        vars["roughneck_deployment"] = spec.Name;
        vars["roughneck_provider"] = spec.Provider;
        vars["roughneck_user"] = spec.Ssh.User;
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

    public static string ToJson(Dictionary<string, object?> vars) =>
        JsonSerializer.Serialize(vars, new JsonSerializerOptions { WriteIndented = true });
}
