namespace Roughneck.Deployments;

/// <summary>
/// The fixed sets of values a spec key may take. The validator checks against them and the JSON
/// Schema (docs/deployment.schema.json) lists them, so both always agree.
/// </summary>
public static class SpecChoices
{
    public static readonly IReadOnlyList<string> Providers = new[] { "local", "hetzner", "aws", "digitalocean" };
    public static readonly IReadOnlyList<string> TlsModes = new[] { "self_signed", "acme_http", "acme_dns" };
    public static readonly IReadOnlyList<string> Backends = new[] { "local", "s3", "pg" };
    public static readonly IReadOnlyList<string> Binaries = new[] { "terraform", "tofu" };

    /// <summary>Keys whose value (or each list item) must be one of a fixed set.</summary>
    public static IReadOnlyList<string>? For(string path) => path switch
    {
        "provider" => Providers,
        "tls.mode" => TlsModes,
        "state.backend" => Backends,
        "terraform.binary" => Binaries,
        "ai_clis" => SpecBuilder.AllAiClis,
        _ => null,
    };
}
