using Roughneck.Deployments;

namespace Roughneck.Tests.TestSupport;

/// <summary>Loads specs from text the way Session does, with the repository's catalogs.</summary>
public static class Specs
{
    public const string Folder = "demo";
    public const string Source = "deployments/demo/deployment.yaml";

    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>Joins lines with \n, so that a case's line numbers can be read off its position.</summary>
    public static string Yaml(params string[] lines) => string.Join("\n", lines) + "\n";

    public static SpecLoader Loader(string deploymentsDir = "/nonexistent/deployments") =>
        new(Catalogs.Schema, Catalogs.Providers, deploymentsDir);

    public static DeploymentSpec Load(
        string yaml,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string>? overrides = null,
        string folder = Folder) =>
        Loader().LoadText(folder, Source, yaml, environment ?? None, overrides ?? None);

    public static SpecException Problems(
        string yaml,
        IReadOnlyDictionary<string, string>? environment = null,
        IReadOnlyDictionary<string, string>? overrides = null,
        string folder = Folder) =>
        Xunit.Assert.Throws<SpecException>(() => Load(yaml, environment, overrides, folder));

    public static DeploymentSpec Hetzner(params string[] extraLines) =>
        Load(Yaml(new[] { "provider: hetzner", "ssh:", "  allowed_cidrs: [203.0.113.0/24, 2001:db8::/32]" }.Concat(extraLines).ToArray()));

    public static DeploymentSpec Local(params string[] extraLines) =>
        Load(Yaml(new[] { "provider: local" }.Concat(extraLines).ToArray()));

    public static DeploymentSpec Cloud(string provider, params string[] extraLines) =>
        Load(Yaml(new[] { "provider: " + provider, "ssh:", "  allowed_cidrs: [203.0.113.0/24]" }.Concat(extraLines).ToArray()));

    public static Dictionary<string, string> Env(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}
