using System.Text;
using Roughneck.Deployments;

namespace Roughneck.Catalog;

/// <summary>
/// The root modules' region and size variables, generated from terraform/catalog.yml into
/// terraform/providers/&lt;p&gt;/catalog.tf, so that Terraform accepts exactly what Init accepts.
/// </summary>
public static class TerraformAllowLists
{
    public const string FileName = "catalog.tf";
    public static readonly IReadOnlyList<string> Providers = new[] { "hetzner", "aws", "digitalocean" };

    private static readonly Dictionary<string, (string Region, string Size)> Descriptions = new()
    {
        ["hetzner"] = ("Hetzner location.",
            "Hetzner server type. x86: cx*3 (shared, cost-optimized), cpx* (shared AMD), ccx* (dedicated); arm64: cax*. Not every type is sold in every location (terraform/catalog.yml). The image follows the type's architecture."),
        ["aws"] = ("AWS region (the provider's region).",
            "EC2 instance type. amd64: t3.*, t3a.*, m7i.*; arm64: t4g.*, m7g.* (the AMI follows the architecture)."),
        ["digitalocean"] = ("DigitalOcean region slug.",
            "Droplet size slug: s-* (basic, shared), g-* (general purpose, dedicated), c-* (CPU-optimized). DigitalOcean has no arm64 droplets: every size is amd64."),
    };

    public static string PathFor(RepoPaths repo, string provider) => Path.Combine(repo.ProviderModule(provider), FileName);

    public static string Render(ProviderInfo info)
    {
        var (regionText, sizeText) = Descriptions[info.Name];
        var text = new StringBuilder();
        text.Append("# Generated from terraform/catalog.yml by ./build.sh --target=Catalog --refresh: do not edit.\n");
        text.Append("# The region and size this root module accepts are exactly the catalog's (Init checks the same file).\n\n");
        Variable(text, "region", regionText, info.Regions);
        text.Append('\n');
        Variable(text, "size", sizeText, info.Sizes.Keys.ToList());
        return text.ToString();
    }

    private static void Variable(StringBuilder text, string name, string description, IReadOnlyList<string> values)
    {
        text.Append($"variable \"{name}\" {{\n");
        text.Append("  type        = string\n");
        text.Append($"  description = \"{description.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\n");
        text.Append("  nullable    = false\n\n");
        text.Append("  validation {\n");
        text.Append("    condition = contains([\n");
        foreach (var value in values) text.Append($"      \"{value}\",\n");
        text.Append($"    ], var.{name})\n");
        text.Append($"    error_message = \"{name} must be one of: {string.Join(", ", values)}.\"\n");
        text.Append("  }\n");
        text.Append("}\n");
    }

    /// <summary>Writes every cloud's catalog.tf; returns the files that changed.</summary>
    public static IReadOnlyList<string> WriteAll(RepoPaths repo, ProviderCatalog catalog)
    {
        var changed = new List<string>();
        foreach (var provider in Providers)
        {
            var path = PathFor(repo, provider);
            var content = Render(catalog.Find(provider)!);
            if (File.Exists(path) && File.ReadAllText(path) == content) continue;
            File.WriteAllText(path, content);
            changed.Add(path);
        }
        return changed;
    }
}
