namespace Roughneck.Terraform;

/// <summary>
/// How the generated root module configures a cloud's Terraform provider. Provider blocks live
/// only there, never in the shared modules, so those are not legacy modules. Credentials are
/// never here: each provider reads its own environment variables.
/// </summary>
public sealed record ProviderConfiguration(string LocalName, string Source, IReadOnlyList<string> Arguments)
{
    /// <summary>The provider of a Roughneck provider name; null for local, which needs none.</summary>
    public static ProviderConfiguration? For(string provider) => provider switch
    {
        "hetzner" => new("hcloud", "hetznercloud/hcloud", Array.Empty<string>()),
        "digitalocean" => new("digitalocean", "digitalocean/digitalocean", Array.Empty<string>()),
        "aws" => new("aws", "hashicorp/aws", new[] { "region = var.region" }),
        _ => null,
    };
}
