namespace Roughneck.Deployments;

public sealed record SshSettings(string User, int Port, IReadOnlyList<string> AllowedCidrs)
{
    /// <summary>Committed public keys allowed to log in, besides the key Roughneck uses.</summary>
    public IReadOnlyList<string> AuthorizedKeys { get; init; } = Array.Empty<string>();
}

public sealed record TlsSettings(string Mode, string Domain, string Email, string DnsProvider);

public sealed record NetworkSettings(string HttpProxy, string MirrorUrl, IReadOnlyList<string> ExtraCaCerts);

public sealed record StateSettings(string Backend, string Bucket, string Key, string Region, string Schema)
{
    /// <summary>s3: an S3-compatible store's endpoint; "" for AWS S3.</summary>
    public string Endpoint { get; init; } = "";
}

public sealed record TerraformSettingsSpec(string Binary, string LockTimeout);

/// <summary>
/// A deployment, validated once and immutable: every target reads only this.
/// </summary>
public sealed record DeploymentSpec
{
    public required string Name { get; init; }
    public required string Provider { get; init; }
    public required string Region { get; init; }
    public required string Size { get; init; }
    public required string Image { get; init; }
    public required IReadOnlyList<string> FallbackSizes { get; init; }
    public required IReadOnlyList<string> FallbackRegions { get; init; }
    public required SshSettings Ssh { get; init; }
    public required IReadOnlyDictionary<string, bool> Features { get; init; }
    public required bool DockerUserInGroup { get; init; }
    public required IReadOnlyList<string> AiClis { get; init; }
    public required TlsSettings Tls { get; init; }
    public required NetworkSettings Network { get; init; }
    public required StateSettings State { get; init; }
    public required TerraformSettingsSpec Terraform { get; init; }
    public required IReadOnlyDictionary<string, string> Tags { get; init; }
    public required IReadOnlyDictionary<string, object?> AnsibleVars { get; init; }

    /// <summary>Where each value came from (file:line, environment variable or argument), for messages.</summary>
    public required IReadOnlyDictionary<string, string> Origins { get; init; }

    public bool IsLocal => Provider == "local";

    public bool FeatureOn(string name) => Features.TryGetValue(name, out var on) && on;
}
