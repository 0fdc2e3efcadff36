namespace Roughneck.Deployments;

/// <summary>Fills defaults and turns raw values into the typed spec (types are already checked).</summary>
public static class SpecBuilder
{
    public static readonly IReadOnlyList<string> AllAiClis = new[] { "claude", "codex", "gemini", "copilot" };

    public static DeploymentSpec Build(
        string folderName,
        string source,
        IReadOnlyDictionary<string, RawValue> values,
        SpecSchema schema,
        ProviderCatalog providers)
    {
        string Str(string path, string fallback) => values.TryGetValue(path, out var v) && v.Value is string s ? s : fallback;
        int Int(string path, int fallback) => values.TryGetValue(path, out var v) && v.Value is int i ? i : fallback;
        bool Bool(string path, bool fallback) => values.TryGetValue(path, out var v) && v.Value is bool b ? b : fallback;
        IReadOnlyList<string> List(string path, IReadOnlyList<string> fallback) =>
            values.TryGetValue(path, out var v) && v.Value is List<string> l ? l : fallback;

        var name = Str("name", folderName);
        var provider = Str("provider", "local");
        var info = providers.Find(provider);
        var region = Str("region", info?.DefaultRegion ?? "");

        var features = schema.Features.Features.ToDictionary(
            f => f.Name,
            f => Bool("features." + f.Name, f.Default),
            StringComparer.Ordinal);

        var origins = values.ToDictionary(kv => kv.Key, kv => kv.Value.Origin, StringComparer.Ordinal);
        origins.TryAdd("name", source);

        return new DeploymentSpec
        {
            Name = name,
            Provider = provider,
            Region = region,
            Size = Str("size", info?.DefaultSize ?? ""),
            Image = Str("image", info?.DefaultImage ?? ""),
            FallbackSizes = List("fallback.sizes", Array.Empty<string>()),
            FallbackRegions = List("fallback.regions", Array.Empty<string>()),
            Ssh = new SshSettings(
                Str("ssh.user", "roughneck"),
                Int("ssh.port", 22),
                List("ssh.allowed_cidrs", Array.Empty<string>()))
            {
                AuthorizedKeys = List("ssh.authorized_keys", Array.Empty<string>()),
            },
            Features = features,
            DockerUserInGroup = Bool("docker.user_in_group", false),
            AiClis = List("ai_clis", AllAiClis),
            Tls = new TlsSettings(
                Str("tls.mode", "self_signed"),
                Str("tls.domain", ""),
                Str("tls.email", ""),
                Str("tls.dns_provider", "")),
            Network = new NetworkSettings(
                Str("network.http_proxy", ""),
                Str("network.mirror_url", ""),
                List("network.extra_ca_certs", Array.Empty<string>())),
            State = new StateSettings(
                Str("state.backend", "local"),
                Str("state.bucket", ""),
                Str("state.key", $"roughneck/{name}.tfstate"),
                Str("state.region", provider == "aws" ? region : ""),
                Str("state.schema", "roughneck_" + name.Replace('-', '_')))
            {
                Endpoint = Str("state.endpoint", ""),
            },
            Terraform = new TerraformSettingsSpec(Str("terraform.binary", "terraform"), Str("terraform.lock_timeout", "60s")),
            Tags = values.TryGetValue("tags", out var tags) && tags.Value is Dictionary<string, string> t
                ? t
                : new Dictionary<string, string>(),
            AnsibleVars = values.TryGetValue("ansible.vars", out var av) && av.Value is Dictionary<string, object?> a
                ? a
                : new Dictionary<string, object?>(),
            Origins = origins,
        };
    }
}
