using System.Text.Json;
using Roughneck.Deployments;
using Roughneck.Ssh;

namespace Roughneck.Terraform;

/// <summary>The root module's variables for a deployment (docs/CONTRACTS.md); never secrets.</summary>
public static class TfVars
{
    public static Dictionary<string, object> Build(
        DeploymentSpec spec,
        DeploymentPaths paths,
        string loginPublicKey,
        string hostPublicKey,
        LocalNetwork? network,
        string sandboxDir,
        string? regionOverride = null,
        string? sizeOverride = null,
        int? sshPortPrevious = null)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Tags) labels[key] = value;
        labels["managed-by"] = "roughneck";
        labels["deployment"] = spec.Name;

        var vars = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["deployment_name"] = spec.Name,
            ["region"] = regionOverride ?? spec.Region,
            ["size"] = sizeOverride ?? spec.Size,
            ["image"] = spec.Image,
            ["ssh_user"] = spec.Ssh.User,
            ["ssh_port"] = spec.Ssh.Port,
            ["ssh_public_key"] = loginPublicKey.Trim(),
            ["host_key_private_path"] = Path.GetFullPath(paths.HostKey),
            ["host_key_public"] = hostPublicKey.Trim(),
            // Computed here, not in HCL: Terraform cannot hash the decoded key blob itself.
            ["host_key_fingerprint"] = hostPublicKey.Trim().Length == 0 ? "" : SshKeys.Fingerprint(hostPublicKey),
            ["labels"] = labels,
        };
        // Only during an ssh port change (SshPortTransition): absent otherwise, so that tfvars
        // and plans of deployments without a change stay as they are.
        if (sshPortPrevious is { } previous) vars["ssh_port_previous"] = previous;
        if (spec.IsLocal)
        {
            if (network is null) throw new ArgumentNullException(nameof(network), "a local deployment needs its network");
            vars["machine_id"] = network.MachineId;
            vars["host_address"] = network.HostAddress;
            vars["guest_address"] = network.GuestAddress;
            vars["prefix_length"] = LocalNetwork.PrefixLength;
            vars["rootfs_cache_dir"] = Path.Combine(sandboxDir, "cache");
            vars["machines_dir"] = Path.Combine(sandboxDir, "machines");
            vars["runtime_dir"] = Path.Combine(sandboxDir, "run");
            vars["proxy_allow"] = ProxyAllow(spec.Network.MirrorUrl);
        }
        else
        {
            vars["allowed_ssh_cidrs"] = spec.Ssh.AllowedCidrs;
            vars["tls_enabled"] = spec.FeatureOn("tls");
            vars["acme_http"] = spec.FeatureOn("tls") && spec.Tls.Mode == "acme_http"; // port 80: nothing else needs it
            vars["http_proxy"] = spec.Network.HttpProxy;
        }
        return vars;
    }

    /// <summary>The variable names a spec's provider gets, without any value (for the root module, before the state is read).</summary>
    public static IReadOnlyList<string> Names(DeploymentSpec spec, DeploymentPaths paths) =>
        Build(spec, paths, "", "", spec.IsLocal ? new LocalNetwork("rn-00000000", "10.222.0.1", "10.222.0.2") : null, "/").Keys
            .Concat(Optional).ToList();

    /// <summary>Variables that tfvars.json holds only sometimes; the root module declares them with default null.</summary>
    public static readonly IReadOnlyList<string> Optional = new[] { "ssh_port_previous" };

    /// <summary>
    /// The sandbox's proxy refuses this host's own addresses; a mirror the operator serves on one
    /// (network.mirror_url with an IPv4 address or localhost) is the one exception.
    /// </summary>
    public static IReadOnlyList<string> ProxyAllow(string mirrorUrl)
    {
        if (!Uri.TryCreate(mirrorUrl, UriKind.Absolute, out var uri)) return Array.Empty<string>();
        var host = uri.Host == "localhost" ? "127.0.0.1" : uri.Host;
        if (!System.Net.IPAddress.TryParse(host, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return Array.Empty<string>();
        }
        return new[] { $"{address}:{uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}" };
    }

    public static string ToJson(Dictionary<string, object> vars) =>
        JsonSerializer.Serialize(vars, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Reads a whole-number value back from an existing tfvars.json (null when absent).</summary>
    public static int? ReadInt(string path, string key)
    {
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
    }

    /// <summary>Reads a string value back from an existing tfvars.json (null when absent).</summary>
    public static string? ReadString(string path, string key)
    {
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
