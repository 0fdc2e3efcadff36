namespace Roughneck.Deployments;

/// <summary>
/// Every key a deployment.yaml may hold. The feature keys come from ansible/features.yml,
/// so a new role with a flag needs no change here.
/// </summary>
public sealed class SpecSchema
{
    private readonly Dictionary<string, SpecKey> _keys;

    public SpecSchema(FeatureCatalog features)
    {
        Features = features;
        var keys = new List<SpecKey>
        {
            new("name", SpecValueType.String, "Deployment name: lower-case letters, digits and hyphens, at most 32, starting with a letter; must match the folder name.", "the folder name"),
            new("provider", SpecValueType.String, "Where the machine runs: local, hetzner, aws, digitalocean.", "local"),
            new("region", SpecValueType.String, "Provider region or location (local: local).", "per provider"),
            new("size", SpecValueType.String, "Server type, instance type or droplet slug.", "per provider"),
            new("image", SpecValueType.String, "OS image; pinned per provider.", "per provider"),
            new("fallback.sizes", SpecValueType.StringList, "Hetzner: sizes to try, in order, when the size is unavailable in the region.", "[]"),
            new("fallback.regions", SpecValueType.StringList, "Hetzner: regions to try, in order, when the region has no capacity.", "[]"),
            new("ssh.user", SpecValueType.String, "Workspace user that logs in and owns the tools.", "roughneck"),
            new("ssh.port", SpecValueType.Integer, "sshd port.", "22"),
            new("ssh.allowed_cidrs", SpecValueType.StringList, "CIDRs allowed to reach SSH (IPv4 and IPv6). Required on clouds; 0.0.0.0/0 and ::/0 must be written out to allow everyone.", "[] (required on clouds)"),
            new("ssh.authorized_keys", SpecValueType.StringList, "Public keys (OpenSSH lines) allowed to log in as the workspace user, besides the key Roughneck uses: operators and CI. Provision keeps authorized_keys equal to this list plus the key in use.", "[]"),
            new("docker.user_in_group", SpecValueType.Boolean, "Put the workspace user in the docker group (root-equivalent).", "false"),
            new("ai_clis", SpecValueType.StringList, "AI CLIs to install: claude, codex, gemini, copilot.", "all four"),
            new("tls.mode", SpecValueType.String, "With features.tls: self_signed, acme_http or acme_dns.", "self_signed"),
            new("tls.domain", SpecValueType.String, "Domain served by Caddy (required for ACME modes).", "\"\""),
            new("tls.email", SpecValueType.String, "ACME account e-mail.", "\"\""),
            new("tls.dns_provider", SpecValueType.String, "DNS provider for acme_dns (token from ROUGHNECK_SECRET_DNS_TOKEN).", "\"\""),
            new("network.http_proxy", SpecValueType.String, "HTTP(S) proxy the machine uses for apt, npm and downloads.", "\"\""),
            new("network.mirror_url", SpecValueType.String, "Base URL that mirrors every non-package download (<mirror>/<host>/<path>).", "\"\" (upstream)"),
            new("network.extra_ca_certs", SpecValueType.StringList, "PEM files (relative to the deployment folder) the machine must trust.", "[]"),
            new("state.backend", SpecValueType.String, "Terraform state backend: local, s3 or pg.", "local"),
            new("state.bucket", SpecValueType.String, "s3: bucket.", "\"\""),
            new("state.key", SpecValueType.String, "s3: object key.", "roughneck/<name>.tfstate"),
            new("state.region", SpecValueType.String, "s3: bucket region, independent of the machine's region; required unless the provider is aws.", "the spec's region (aws only)"),
            new("state.endpoint", SpecValueType.String, "s3: endpoint of an S3-compatible store (Hetzner Object Storage, DigitalOcean Spaces, MinIO); path-style addressing and no AWS-only checks.", "\"\" (AWS S3)"),
            new("state.schema", SpecValueType.String, "pg: schema name (connection string from PG_CONN_STR).", "roughneck_<name>"),
            new("terraform.binary", SpecValueType.String, "terraform or tofu.", "terraform"),
            new("terraform.lock_timeout", SpecValueType.String, "How long Terraform waits for a state lock.", "60s"),
            new("tags", SpecValueType.StringMap, "Labels added to every cloud resource (with managed-by=roughneck).", "{}"),
            new("ansible.vars", SpecValueType.AnyMap, "Extra non-secret Ansible variables (role defaults to override).", "{}"),
        };
        foreach (var feature in features.Features)
        {
            keys.Add(new SpecKey("features." + feature.Name, SpecValueType.Boolean, feature.Description, feature.Default ? "true" : "false"));
        }
        Keys = keys;
        _keys = keys.ToDictionary(k => k.Path, StringComparer.Ordinal);
        Sections = keys.Where(k => k.Path.Contains('.'))
            .Select(k => k.Path[..k.Path.IndexOf('.')])
            .Where(s => !_keys.ContainsKey(s))
            .ToHashSet(StringComparer.Ordinal);
    }

    public FeatureCatalog Features { get; }

    public IReadOnlyList<SpecKey> Keys { get; }

    /// <summary>Top-level keys whose value is a mapping of further keys (ssh, features, ...).</summary>
    public IReadOnlySet<string> Sections { get; }

    public SpecKey? Find(string path) => _keys.GetValueOrDefault(path);

    public IEnumerable<string> ChildrenOf(string section) =>
        Keys.Where(k => k.Path.StartsWith(section + ".", StringComparison.Ordinal)).Select(k => k.Path[(section.Length + 1)..]);

    public IEnumerable<string> TopLevelNames =>
        Keys.Select(k => k.Path.Contains('.') ? k.Path[..k.Path.IndexOf('.')] : k.Path).Distinct();

    public SpecKey? FindByNormalized(string name)
    {
        var normalized = SpecKey.Normalize(name);
        return Keys.FirstOrDefault(k => k.Overridable && SpecKey.Normalize(k.Path) == normalized);
    }
}
